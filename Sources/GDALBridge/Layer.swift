import CGDAL

/// A layer of a dataset. The handle is borrowed from the dataset, which this
/// object keeps alive.
/// Not `Sendable` (as GEOSwift keeps its handles): GDAL objects are not safe to use
/// from two threads at once, so each task makes or clones its own.
public final class Layer {
  let handle: OGRLayerH
  public let dataset: Dataset

  /// For the result of an SQL query: releases it when the layer goes.
  private let resultSet: ResultSet?

  init(borrowing handle: OGRLayerH, from dataset: Dataset) {
    self.handle = handle
    self.dataset = dataset
    self.resultSet = nil
  }

  /// The rows of an SQL query (GDALDatasetExecuteSQL), owned by this layer.
  init(resultOf handle: OGRLayerH, from dataset: Dataset) {
    self.handle = handle
    self.dataset = dataset
    self.resultSet = ResultSet(handle: handle, dataset: dataset)
  }

  public var name: String { String(cString: OGR_L_GetName(handle)) }

  /// The declared geometry type, flattened (`Polygon`, `Multi Polygon`, `Unknown (any)`, `None`).
  public var geometryTypeName: String {
    String(cString: OGRGeometryTypeToName(OGR_GT_Flatten(OGR_L_GetGeomType(handle))))
  }

  /// Whether the layer has a geometry column at all.
  public var hasGeometry: Bool { OGR_L_GetGeomType(handle) != wkbNone }

  /// The column the feature ids come from (a database table's primary key), or nil.
  public var fidColumn: String? {
    guard let name = OGR_L_GetFIDColumn(handle) else { return nil }
    let text = String(cString: name)
    return text.isEmpty ? nil : text
  }

  /// Whether the declared type is polygonal (or unknown, to be checked per feature).
  public var declaresPolygons: Bool {
    let flat = OGR_GT_Flatten(OGR_L_GetGeomType(handle))
    return OGR_GT_IsSubClassOf(flat, wkbCurvePolygon) != 0
      || OGR_GT_IsSubClassOf(flat, wkbMultiSurface) != 0
  }
  public var declaresUnknownGeometry: Bool {
    OGR_GT_Flatten(OGR_L_GetGeomType(handle)) == wkbUnknown
  }

  /// Number of features (counted by reading when the driver cannot say cheaply).
  public var featureCount: Int { Int(OGR_L_GetFeatureCount(handle, 1)) }

  /// The layer's CRS (a clone), or nil when it has none.
  public var spatialReference: SpatialReference? {
    OGR_L_GetSpatialRef(handle).map { SpatialReference(cloning: $0) }
  }

  public var fields: [FieldDefinition] {
    let definition = OGR_L_GetLayerDefn(handle)
    return (0..<Int(OGR_FD_GetFieldCount(definition))).map { index in
      let field = OGR_FD_GetFieldDefn(definition, Int32(index))
      return FieldDefinition(
        name: decodeText(OGR_Fld_GetNameRef(field)), type: FieldType(OGR_Fld_GetType(field)))
    }
  }

  /// The extent in the layer's CRS, or nil for an empty layer.
  public var extent: (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
    var envelope = OGREnvelope()
    // OGR_L_GetExtent returns OGRERR_NONE when an extent could be computed (force = 1 reads features).
    guard OGR_L_GetExtent(handle, &envelope, 1) == OGRERR_NONE else { return nil }
    return (envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY)
  }

  /// Reads every feature in order, one at a time (streamed, not held). Errors
  /// GDAL raises while reading (a truncated file) are thrown with the feature number.
  public func forEachFeature(_ body: (Feature) throws -> Void) throws {
    try withGDALErrors { fail in
      OGR_L_ResetReading(handle)
      var index = 0
      while true {
        let next = OGR_L_GetNextFeature(handle)
        guard let next else {
          if CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal {
            throw fail("reading layer \"\(name)\" after feature \(index)")
          }
          return
        }
        index += 1
        try body(Feature(owning: next))
      }
    }
  }

  // MARK: writing

  public func createField(_ field: FieldDefinition, width: Int = 0, precision: Int = 0) throws {
    let definition = OGR_Fld_Create(field.name, field.type.ogrType)
    defer { OGR_Fld_Destroy(definition) }
    if width > 0 { OGR_Fld_SetWidth(definition, Int32(width)) }
    if precision > 0 { OGR_Fld_SetPrecision(definition, Int32(precision)) }
    try withGDALErrors { fail in
      // OGR_L_CreateField returns OGRERR_NONE on success.
      guard OGR_L_CreateField(handle, definition, 1) == OGRERR_NONE else {
        throw fail("creating field \"\(field.name)\" in layer \"\(name)\"")
      }
    }
  }

  /// A new empty feature with this layer's fields.
  public func makeFeature() -> Feature {
    Feature(owning: OGR_F_Create(OGR_L_GetLayerDefn(handle)))
  }

  /// Writes `feature` to the layer.
  public func add(_ feature: Feature) throws {
    try withGDALErrors { fail in
      // OGR_L_CreateFeature returns OGRERR_NONE on success.
      guard OGR_L_CreateFeature(handle, feature.handle) == OGRERR_NONE else {
        throw fail("writing a feature to layer \"\(name)\"")
      }
    }
  }

  /// Runs `body` in a transaction where the driver supports one (GeoPackage), committing at the end.
  public func inTransaction(_ body: () throws -> Void) throws {
    // OGR_L_StartTransaction returns OGRERR_NONE when a transaction started.
    let started = OGR_L_StartTransaction(handle) == OGRERR_NONE
    do {
      try body()
    } catch {
      if started { OGR_L_RollbackTransaction(handle) }
      throw error
    }
    if started {
      try withGDALErrors { fail in
        guard OGR_L_CommitTransaction(handle) == OGRERR_NONE else {
          throw fail("committing layer \"\(name)\"")
        }
      }
    }
  }
}

/// A result layer of GDALDatasetExecuteSQL, released (GDALDatasetReleaseResultSet)
/// when the layer reading it is freed; it keeps its dataset open until then.
final class ResultSet {
  let handle: OGRLayerH
  let dataset: Dataset
  init(handle: OGRLayerH, dataset: Dataset) {
    self.handle = handle
    self.dataset = dataset
  }
  deinit { GDALDatasetReleaseResultSet(dataset.handle, handle) }
}
