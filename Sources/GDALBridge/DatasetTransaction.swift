import CGDAL

/// Writing to a database through GDAL (the PostgreSQL driver): opening a
/// connection for update, dataset-level transactions, copying a layer.
extension Dataset {
  /// Opens a vector source for writing (a `PG:` connection the caller publishes
  /// into). Inputs are never opened this way.
  public static func openVectorForUpdate(_ source: String, openOptions: [String] = []) throws
    -> Dataset
  {
    try withGDALErrors { fail in
      let options = CStringList(openOptions)
      let flags = UInt32(GDAL_OF_VECTOR | GDAL_OF_UPDATE | GDAL_OF_VERBOSE_ERROR)
      guard let handle = GDALOpenEx(source, flags, nil, options.constPointer, nil) else {
        throw fail("cannot open \"\(source)\" for writing")
      }
      return Dataset(handle: handle, source: source)
    }
  }

  /// Starts a real (not emulated) transaction: for PostgreSQL `BEGIN`, so every
  /// table created and row written until `commitTransaction` is seen by nobody
  /// else and undone by `rollbackTransaction` or a lost connection.
  public func startTransaction() throws {
    try withGDALErrors { fail in
      // OGRERR_NONE (0) on success; OGRERR_UNSUPPORTED_OPERATION when the driver
      // has no real transactions (bForce = FALSE refuses emulation).
      guard GDALDatasetStartTransaction(handle, 0) == OGRERR_NONE else {
        throw fail("starting a transaction on \"\(source)\"")
      }
    }
  }

  /// `COMMIT`: everything written since `startTransaction` becomes visible at once.
  public func commitTransaction() throws {
    try withGDALErrors { fail in
      // OGRERR_NONE (0) on success; a failed COMMIT leaves nothing written.
      guard GDALDatasetCommitTransaction(handle) == OGRERR_NONE else {
        throw fail("committing on \"\(source)\"")
      }
    }
  }

  /// `ROLLBACK`: undoes everything since `startTransaction`. Errors are
  /// ignored: on a lost connection the server has rolled back already.
  public func rollbackTransaction() {
    withGDALErrors { _ in _ = GDALDatasetRollbackTransaction(handle) }
  }

  /// Copies a layer of another dataset into this one under `name`, with the
  /// driver's layer creation options (for PostgreSQL `SCHEMA`, `GEOMETRY_NAME`,
  /// `FID`, `LAUNDER`, `SPATIAL_INDEX`...): the same fields (name, type, width),
  /// the geometry type and CRS, every feature (OGR_F_SetFrom). Unlike
  /// GDALDatasetCopyLayer it starts no transaction of its own, so it runs inside
  /// the caller's (`startTransaction`).
  ///
  /// `realText`, when given, writes every Real field as a String field holding
  /// its text (nil: NULL), and returns those fields' (new) names: GDAL 3.6's
  /// PostgreSQL driver sends doubles with 15 significant digits (`%.15g`), so a
  /// caller that needs every bit converts the text column on the server.
  @discardableResult
  ///
  /// `fieldName`, when given, names the new fields (from each source field's
  /// position and name): a caller can write under plain names and rename them
  /// with its own quoting afterwards (GDAL 3.6's PostgreSQL driver drops `"`
  /// from field names).
  public func copyLayer(
    _ layer: Layer, name: String, options: [String] = [], realText: ((Double) -> String?)? = nil,
    fieldName: ((Int, String) -> String)? = nil
  ) throws -> (layer: Layer, realsAsText: [String]) {
    try withGDALErrors { fail in
      let creation = CStringList(options)
      let sourceDefinition = OGR_L_GetLayerDefn(layer.handle)
      CPLErrorReset()
      guard
        let created = GDALDatasetCreateLayer(
          handle, name, OGR_L_GetSpatialRef(layer.handle), OGR_FD_GetGeomType(sourceDefinition),
          creation.pointer),
        CPLGetLastErrorType() != CE_Failure
      else { throw fail("creating layer \"\(name)\"") }
      var realColumns: [Int32] = []
      var realNames: [String] = []
      for index in 0..<OGR_FD_GetFieldCount(sourceDefinition) {
        let field = OGR_FD_GetFieldDefn(sourceDefinition, index)
        let sourceName = String(cString: OGR_Fld_GetNameRef(field))
        let newName = fieldName?(Int(index), sourceName) ?? sourceName
        let isReal = realText != nil && OGR_Fld_GetType(field) == OFTReal
        if isReal {
          realColumns.append(index)
          realNames.append(newName)
        }
        let definition = OGR_Fld_Create(newName, isReal ? OFTString : OGR_Fld_GetType(field))
        defer { OGR_Fld_Destroy(definition) }
        OGR_Fld_SetSubType(definition, isReal ? OFSTNone : OGR_Fld_GetSubType(field))
        if !isReal {
          OGR_Fld_SetWidth(definition, OGR_Fld_GetWidth(field))
          OGR_Fld_SetPrecision(definition, OGR_Fld_GetPrecision(field))
        }
        let result = OGR_L_CreateField(created, definition, 0)
        // OGR_L_CreateField returns OGRERR_NONE on success (bApproxOK = 0: exactly this field).
        guard result == OGRERR_NONE else { throw fail("creating a field of layer \"\(name)\"") }
      }
      let definition = OGR_L_GetLayerDefn(created)
      var identity = (0..<OGR_FD_GetFieldCount(sourceDefinition)).map { Int32($0) }
      OGR_L_ResetReading(layer.handle)
      while let feature = OGR_L_GetNextFeature(layer.handle) {
        defer { OGR_F_Destroy(feature) }
        guard let copy = OGR_F_Create(definition) else {
          throw fail("copying a feature to \"\(name)\"")
        }
        defer { OGR_F_Destroy(copy) }
        // Fields by position (their names may differ). OGR_F_SetFromWithMap
        // returns OGRERR_NONE when every field and the geometry were set
        // (bForgiving = 1: a Real into a String field is set from its text, then
        // overwritten below).
        guard OGR_F_SetFromWithMap(copy, feature, 1, &identity) == OGRERR_NONE else {
          throw fail("copying feature \(OGR_F_GetFID(feature)) to \"\(name)\"")
        }
        if let realText {
          for index in realColumns {
            if OGR_F_IsFieldSetAndNotNull(feature, index) != 0,
              let text = realText(OGR_F_GetFieldAsDouble(feature, index))
            {
              OGR_F_SetFieldString(copy, index, text)
            } else {
              OGR_F_SetFieldNull(copy, index)
            }
          }
        }
        guard OGR_L_CreateFeature(created, copy) == OGRERR_NONE else {
          throw fail("copying feature \(OGR_F_GetFID(feature)) to \"\(name)\"")
        }
      }
      if CPLGetLastErrorType() == CE_Failure { throw fail("reading layer \"\(layer.name)\"") }
      return (Layer(borrowing: created, from: self), realNames)
    }
  }

  /// The rows of a query (`SELECT …`, in the driver's dialect: PostgreSQL's own
  /// SQL for a `PG:` connection) as a layer, read like any other; released
  /// when the layer is freed.
  public func queryLayer(_ sql: String) throws -> Layer {
    try withGDALErrors { fail in
      CPLErrorReset()
      guard let result = GDALDatasetExecuteSQL(handle, sql, nil, nil) else {
        throw fail("running the query on \"\(source)\"")
      }
      if CPLGetLastErrorType() == CE_Failure {
        GDALDatasetReleaseResultSet(handle, result)
        throw fail("running the query on \"\(source)\"")
      }
      return Layer(resultOf: result, from: self)
    }
  }
}
