import GDALBridge
import WijkstatCore

/// What `BoundaryReader.scan` needs of a polygon layer: its schema, CRS and
/// extent, and its features in order, each as the text of its fields and its
/// geometry (owned). A GDAL layer, or a GeoJSON file wijkstat reads itself.
protocol BoundarySource {
  var name: String { get }
  var fields: [FieldDefinition] { get }
  var hasGeometry: Bool { get }
  var geometryTypeName: String { get }
  var extent: (minX: Double, minY: Double, maxX: Double, maxY: Double)? { get }
  func spatialReference() throws -> SpatialReference?
  func forEachFeature(_ body: (_ text: (Int) -> String?, _ geometry: Geometry?) throws -> Void)
    throws
}

extension BoundarySource {
  /// Index of the field called `name` (case-insensitive), or nil.
  func fieldIndex(_ name: String) -> Int? {
    let wanted = name.lowercased()
    return fields.firstIndex { $0.name.lowercased() == wanted }
  }

  /// Index of the field the user named (`--key-field`, `--name-field`), or a
  /// user error that lists the layer's fields.
  func requiredFieldIndex(_ name: String, source: String, location: String) throws -> Int {
    guard let index = fieldIndex(name) else {
      throw UserError(
        "no field \"\(name)\"; fields are \(fields.map(\.name).joined(separator: ", "))",
        source: source, location: location)
    }
    return index
  }
}

extension Layer: BoundarySource {
  func spatialReference() throws -> SpatialReference? { spatialReference }

  func forEachFeature(_ body: (_ text: (Int) -> String?, _ geometry: Geometry?) throws -> Void)
    throws
  {
    try forEachFeature { (feature: Feature) in
      try body({ feature.string(at: $0) }, feature.takeGeometry())
    }
  }
}
