/// The kind of area a row, a boundary layer or a table key belongs to.
///
/// Two hierarchies meet at the gemeente: postcodes (PC-6 ⊂ PC-4, assigned to a
/// gemeente by a lookup or an overlay) and CBS's own *wijk- en buurtindeling*
/// (buurt ⊂ wijk ⊂ gemeente, read from the codes: `BU03630101` lies in
/// `WK036301`, which lies in `GM0363`). Above the gemeente are the CBS regions,
/// each a set of whole gemeenten (`AreaCode` parses their codes).
public enum AreaLevel: Hashable, Sendable, CustomStringConvertible, Comparable {
  /// Six-character postcodes (`1011AB`), the finest Dutch level (about 460,000).
  case pc6
  /// Four-digit postcode areas, 1000–9999 (the 2011 report calls them *wijken*;
  /// they are not CBS wijken).
  case pc4
  /// CBS buurt: `BU` + wijk code digits + 2 characters (`BU03630101`, `BU0363AA01`).
  case buurt
  /// CBS wijk: `WK` + gemeente digits + 2 characters (`WK036301`, Amsterdam `WK0363AA`).
  case wijk
  /// Municipalities, CBS code `GM` + four digits.
  case gemeente
  /// Landsdelen `LD01`–`LD04` (Noord-, Oost-, West-, Zuid-Nederland).
  case landsdeel
  /// Provincies `PV20`–`PV31`.
  case provincie
  /// Veiligheidsregio's `VR01`–`VR25`.
  case veiligheidsregio
  /// Veilig Thuis regions `VT01`–`VT26` (2020–2022), `VT27` since 2023 (`VeiligThuisRegions`).
  case veiligthuisregio
  /// Jeugdzorgregio's `JZ01`–…
  case jeugdregio
  /// The whole country: `NL01` in StatLine, `NL00` in the Kerncijfers wijken en buurten.
  case nederland
  /// A user's region built from gemeenten (a lookup column, a project region set), by name.
  case region(String)

  /// Every named level, finest first (user regions are not listed).
  public static let named: [AreaLevel] = [
    .pc6, .pc4, .buurt, .wijk, .gemeente, .landsdeel, .provincie, .veiligheidsregio,
    .veiligthuisregio, .jeugdregio, .nederland,
  ]

  public var description: String {
    switch self {
    case .pc6: return "pc6"
    case .pc4: return "pc4"
    case .buurt: return "buurt"
    case .wijk: return "wijk"
    case .gemeente: return "gemeente"
    case .landsdeel: return "landsdeel"
    case .provincie: return "provincie"
    case .veiligheidsregio: return "veiligheidsregio"
    case .veiligthuisregio: return "veiligthuisregio"
    case .jeugdregio: return "jeugdregio"
    case .nederland: return "nederland"
    case .region(let name): return name
    }
  }

  /// The level a name stands for, or nil: the canonical names above and a few
  /// spellings an analyst writes (`gemeenten`, `wijken`, `pv`, `vt`, `veilig-thuis-regio`).
  /// `wijk` is the CBS wijk, never PC-4.
  public static func named(_ text: String) -> AreaLevel? {
    let key = text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " && $0 != "'" }
    switch key {
    case "pc6", "postcode6": return .pc6
    case "pc4", "postcode", "postcode4": return .pc4
    case "buurt", "buurten", "bu": return .buurt
    case "wijk", "wijken", "wk": return .wijk
    case "gemeente", "gm", "municipality", "gemeenten": return .gemeente
    case "landsdeel", "landsdelen", "ld": return .landsdeel
    case "provincie", "provincies", "pv", "province": return .provincie
    case "veiligheidsregio", "veiligheidsregios", "vr": return .veiligheidsregio
    case "veiligthuisregio", "veiligthuisregios", "veiligthuis", "vt", "vtregio":
      return .veiligthuisregio
    case "jeugdregio", "jeugdregios", "jeugdzorgregio", "jz": return .jeugdregio
    case "nederland", "nl": return .nederland
    default: return nil
    }
  }

  /// The named levels, for messages: `pc6, pc4, buurt, …, nederland`.
  public static var namesList: String { named.map(\.description).joined(separator: ", ") }

  /// For a name that is not a level: the level it is a typo of (one edit, or two for
  /// names of 6 characters or more, an adjacent swap counting as one: `wjik`,
  /// `gemeete`, `pc5`, `veiligthuisregoi`), else nil — a user region's name
  /// (`ggd`, `zorgkantoor`, `regio`) is far from every level name.
  /// Optimal string alignment distance written by hand: Foundation has none.
  public static func misspelt(_ text: String) -> AreaLevel? {
    guard named(text) == nil else { return nil }
    let key = Array(text.lowercased())
    guard !key.isEmpty else { return nil }
    var best: (level: AreaLevel, distance: Int)?
    for level in AreaLevel.named {
      for spelling in [
        level.description, level.description + (level.description.hasSuffix("e") ? "n" : "en"),
      ] {
        let name = Array(spelling)
        let limit = name.count >= 6 ? 2 : 1
        let d = osaDistance(key, name)
        if d <= limit, best == nil || d < best!.distance { best = (level, d) }
      }
    }
    return best?.level
  }

  private static func osaDistance(_ a: [Character], _ b: [Character]) -> Int {
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in stride(from: 1, through: a.count, by: 1) {
      for j in stride(from: 1, through: b.count, by: 1) {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[a.count][b.count]
  }

  /// Parses a level the user gave (`--level`, a project's `level:`): a level name,
  /// or a user region's name; a misspelt level is a usage error (`isUsage`, exit 64)
  /// naming the valid levels, so it never runs as an unknown region.
  public static func parsingChecked(_ text: String, option: String) throws -> AreaLevel {
    if let level = misspelt(text) {
      var error = UserError(
        "\(option) \(text): no such level (did you mean \(level)?); levels are \(namesList), or the name of a region column of the lookup or a project region set"
      )
      error.isUsage = true
      throw error
    }
    return AreaLevel(parsing: text)
  }

  /// Parses a level name (`named`); anything else is a user region of that name.
  public init(parsing text: String) {
    self = AreaLevel.named(text) ?? .region(text)
  }

  /// The level of a region defined by a lookup column or a region set: the CBS
  /// region level when the name is one (`veiligheidsRegioCode` → `veiligheidsregio`),
  /// else a user region. Nil for a name of an area level below or at the gemeente
  /// (`wijk`, `pc4`): such a column does not group gemeenten.
  public init?(regionNamed name: String) {
    if let level = AreaLevel.named(name) {
      guard level.isRegion else { return nil }
      self = level
    } else {
      self = .region(name)
    }
  }

  /// True for levels made of whole gemeenten (CBS regions and user regions).
  public var isRegion: Bool {
    switch self {
    case .pc6, .pc4, .buurt, .wijk, .gemeente: return false
    default: return true
    }
  }

  /// The level directly above in CBS's code hierarchy: buurt → wijk → gemeente.
  /// Nil elsewhere (PC-4 needs a lookup or an overlay; regions a lookup).
  public var codeParent: AreaLevel? {
    switch self {
    case .buurt: return .wijk
    case .wijk: return .gemeente
    default: return nil
    }
  }

  /// Finest first; regions by name (the order of today's tables and reports);
  /// the country last.
  private var rank: Int {
    switch self {
    case .pc6: return -1
    case .pc4: return 0
    case .buurt: return 1
    case .wijk: return 2
    case .gemeente: return 3
    case .landsdeel, .provincie, .veiligheidsregio, .veiligthuisregio, .jeugdregio, .region:
      return 4
    case .nederland: return 5
    }
  }
  public static func < (a: AreaLevel, b: AreaLevel) -> Bool {
    if a.rank != b.rank { return a.rank < b.rank }
    return a.description < b.description
  }
}
