/// The areas a level knows, to join tables against: codes from the boundaries
/// (or, without boundaries, from a lookup table), their names, and for gemeenten
/// the province (from the lookup table or the name's disambiguator, `Beek (L.)`).
public struct AreaCatalog: Sendable {
  public var level: AreaLevel
  /// Codes in boundary order.
  public var codes: [String]
  public var names: [String: String]
  public var provinces: [String: String]
  /// Where the catalog came from, for the join report.
  public var source: String

  public init(
    level: AreaLevel, codes: [String], names: [String: String] = [:],
    provinces: [String: String] = [:], source: String
  ) {
    self.level = level
    self.codes = codes
    self.names = names
    self.provinces = provinces
    self.source = source
    self.codeSet = Set(codes)
  }

  public init(_ layer: AreaLayer, provinces: [String: String] = [:]) {
    var names: [String: String] = [:]
    for area in layer.areas { if let name = area.name { names[area.code] = name } }
    self.init(
      level: layer.level, codes: layer.areas.map(\.code), names: names, provinces: provinces,
      source: layer.source)
  }

  private var codeSet: Set<String>
  public func contains(_ code: String) -> Bool { codeSet.contains(code) }
}
