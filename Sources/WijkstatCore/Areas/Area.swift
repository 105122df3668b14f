/// One area: its normalised code (`"1011"`, `"GM0505"`), a display name when the
/// source has one, and its geometry in RD New (EPSG:28992).
public struct Area: Hashable, Sendable {
  public var code: String
  public var name: String?
  public var geometry: MultiPolygon
  /// Other attributes of the source feature, as text, by field name.
  public var attributes: [String: String]
  /// The geometry as the source had it (in RD New) when it was invalid and
  /// repaired: contiguity also looks at its vertices, since a repair can remove
  /// the one vertex two areas share.
  public var unrepaired: MultiPolygon?

  public init(
    code: String, name: String? = nil, geometry: MultiPolygon, attributes: [String: String] = [:],
    unrepaired: MultiPolygon? = nil
  ) {
    self.unrepaired = unrepaired
    self.code = code
    self.name = name
    self.geometry = geometry
    self.attributes = attributes
  }
}

/// A boundary layer: every area of one level, in source order.
public struct AreaLayer: Sendable {
  public var level: AreaLevel
  public var areas: [Area]
  /// Where the layer came from (path and layer name), for messages and provenance.
  public var source: String

  public init(level: AreaLevel, areas: [Area], source: String) {
    self.level = level
    self.areas = areas
    self.source = source
  }

  /// Index of each code in `areas`.
  public var indexByCode: [String: Int] {
    var index: [String: Int] = [:]
    for (i, area) in areas.enumerated() where index[area.code] == nil { index[area.code] = i }
    return index
  }
  public var boundingBox: BoundingBox {
    areas.reduce(BoundingBox.empty) { $0.union($1.geometry.boundingBox) }
  }
}
