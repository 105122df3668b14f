import CGDAL

/// Writing to a database through GDAL (the PostgreSQL driver): opening a
/// connection for update, dataset-level transactions, copying a layer.
extension Dataset {
  /// Opens a vector source for writing (a `PG:` connection the caller publishes
  /// into). Inputs are never opened this way.
  public static func openVectorForUpdate(_ source: String, openOptions: [String] = []) throws -> Dataset {
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
  /// `FID`, `LAUNDER`, `SPATIAL_INDEX`, `DESCRIPTION`...): fields, geometries
  /// and feature ids as GDAL's own `ogr2ogr` copies them.
  @discardableResult
  public func copyLayer(_ layer: Layer, name: String, options: [String] = []) throws -> Layer {
    try withGDALErrors { fail in
      let creation = CStringList(options)
      CPLErrorReset()
      guard let copied = GDALDatasetCopyLayer(handle, layer.handle, name, creation.pointer),
        CPLGetLastErrorType() != CE_Failure
      else { throw fail("copying layer \"\(layer.name)\" to \"\(name)\"") }
      return Layer(borrowing: copied, from: self)
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
