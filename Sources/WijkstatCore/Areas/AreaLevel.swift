/// The geographic level a table or boundary layer is keyed at.
public enum AreaLevel: Hashable, Sendable, CustomStringConvertible, Comparable {
  /// Six-character postcodes (`1011AB`), the finest Dutch level (about 460,000).
  case pc6
  /// Four-digit postcode areas, 1000–9999 (the report's *wijken*).
  case pc4
  /// Municipalities, CBS code `GM` + four digits.
  case gemeente
  /// A region built from gemeenten (province, veiligheidsregio, user region), by name.
  case region(String)

  public var description: String {
    switch self {
    case .pc6: return "pc6"
    case .pc4: return "pc4"
    case .gemeente: return "gemeente"
    case .region(let name): return name
    }
  }

  /// Parses `pc4`, `gemeente` (or `gm`, `municipality`); anything else is a region name.
  public init(parsing text: String) {
    switch text.lowercased() {
    case "pc6", "postcode6": self = .pc6
    case "pc4", "postcode", "postcode4", "wijk": self = .pc4
    case "gemeente", "gm", "municipality", "gemeenten": self = .gemeente
    default: self = .region(text)
    }
  }

  private var rank: Int {
    switch self {
    case .pc6: return -1
    case .pc4: return 0
    case .gemeente: return 1
    case .region: return 2
    }
  }
  public static func < (a: AreaLevel, b: AreaLevel) -> Bool {
    if a.rank != b.rank { return a.rank < b.rank }
    return a.description < b.description
  }
}
