import WijkstatCore

/// What `wijkstat inspect` reports about one layer. Encoded with snake_case keys.
public struct LayerSummary: Codable, Sendable, Equatable {
  public struct Field: Codable, Sendable, Equatable {
    public var name: String
    public var type: String
  }

  public var name: String
  public var geometryType: String
  public var featureCount: Int
  /// `EPSG:NNNN` when identified, else nil.
  public var crs: String?
  public var crsName: String?
  /// [minx, miny, maxx, maxy] in WGS84 longitude/latitude; nil for an empty or non-spatial layer.
  public var extentWGS84: [Double]?
  /// [minx, miny, maxx, maxy] in RD New metres.
  public var extentRD: [Double]?
  public var fields: [Field]
  public var keyField: String?
  public var keyKind: AreaKeyKind?
  public var nameField: String?
  /// Key values met more than once (normalised), sorted.
  public var duplicateKeys: [String]
  /// Features whose key is empty.
  public var emptyKeys: Int
  /// Raw key values that do not normalise to the detected kind (first 20).
  public var invalidKeys: [String]
  /// Invalid polygons found (and repaired with MakeValid).
  public var invalidGeometries: Int
  /// Features without a geometry or with an empty one.
  public var emptyGeometries: Int
  /// Features that had Z (or M) coordinates, flattened to 2D.
  public var flattened3D: Int
  public var warnings: [String]

  enum CodingKeys: String, CodingKey {
    case name
    case geometryType = "geometry_type"
    case featureCount = "feature_count"
    case crs
    case crsName = "crs_name"
    case extentWGS84 = "extent_wgs84"
    case extentRD = "extent_rd"
    case fields
    case keyField = "key_field"
    case keyKind = "key_kind"
    case nameField = "name_field"
    case duplicateKeys = "duplicate_keys"
    case emptyKeys = "empty_keys"
    case invalidKeys = "invalid_keys"
    case invalidGeometries = "invalid_geometries"
    case emptyGeometries = "empty_geometries"
    case flattened3D = "flattened_3d"
    case warnings
  }

  // Encode nil as JSON null (the synthesised encoder would omit the key).
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(geometryType, forKey: .geometryType)
    try c.encode(featureCount, forKey: .featureCount)
    try c.encode(crs, forKey: .crs)
    try c.encode(crsName, forKey: .crsName)
    try c.encode(extentWGS84, forKey: .extentWGS84)
    try c.encode(extentRD, forKey: .extentRD)
    try c.encode(fields, forKey: .fields)
    try c.encode(keyField, forKey: .keyField)
    try c.encode(keyKind, forKey: .keyKind)
    try c.encode(nameField, forKey: .nameField)
    try c.encode(duplicateKeys, forKey: .duplicateKeys)
    try c.encode(emptyKeys, forKey: .emptyKeys)
    try c.encode(invalidKeys, forKey: .invalidKeys)
    try c.encode(invalidGeometries, forKey: .invalidGeometries)
    try c.encode(emptyGeometries, forKey: .emptyGeometries)
    try c.encode(flattened3D, forKey: .flattened3D)
    try c.encode(warnings, forKey: .warnings)
  }
}
