/// A StatLine period: a year, half year, quarter or month, from its key
/// (`2022JJ00`, `2022HJ01`, `2022KW03`, `2022MM11`, padded or not) or from the
/// title a web download writes (`2022`, `1e halfjaar 2022`, `2022 3e kwartaal`,
/// `januari 2022`, `2023*` provisional, `2023**` nader voorlopig).
///
/// Hand-written: the key format is StatLine's own (CBS, "Handleiding CBS Open
/// Data Services": Perioden keys are the year, two letters for the kind and two
/// digits for the part; JJ00 for the whole year).
public struct StatLinePeriod: Hashable, Sendable, Comparable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case year = "JJ"
    case halfYear = "HJ"
    case quarter = "KW"
    case month = "MM"

    /// How many parts make a year.
    public var partsPerYear: Int {
      switch self {
      case .year: return 1
      case .halfYear: return 2
      case .quarter: return 4
      case .month: return 12
      }
    }
  }

  public var year: Int
  public var kind: Kind
  /// 0 for a year, 1–2, 1–4 or 1–12 for its parts.
  public var part: Int
  /// Marked provisional in the title (`2023*`, `2023**`).
  public var provisional: Bool

  public init(year: Int, kind: Kind, part: Int, provisional: Bool = false) {
    self.year = year
    self.kind = kind
    self.part = part
    self.provisional = provisional
  }

  /// The StatLine key: `2022JJ00`, `2022HJ01`.
  public var code: String {
    "\(year)\(kind.rawValue)\(part < 10 ? "0" : "")\(part)"
  }

  /// The Dutch title, as StatLine writes it: `2022`, `1e halfjaar 2022`,
  /// `3e kwartaal 2022`, `november 2022`; a `*` when provisional.
  public var title: String {
    let star = provisional ? "*" : ""
    switch kind {
    case .year: return "\(year)\(star)"
    case .halfYear: return "\(part)e halfjaar \(year)\(star)"
    case .quarter: return "\(part)e kwartaal \(year)\(star)"
    case .month: return "\(Self.months[part - 1]) \(year)\(star)"
    }
  }

  public var description: String { code }

  public static func < (a: StatLinePeriod, b: StatLinePeriod) -> Bool {
    (a.year, a.kind.partsPerYear, a.part) < (b.year, b.kind.partsPerYear, b.part)
  }

  static let months = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
  ]

  /// Parses a key or a title; nil when the text is neither.
  public init?(parsing raw: String) {
    var text = CellParser.trimmed(raw)
    var provisional = false
    while text.hasSuffix("*") {
      provisional = true
      text.removeLast()
    }
    text = CellParser.trimmed(text)
    let bytes = Array(text.utf8)
    func digits(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= bytes.count,
        range.allSatisfy({ bytes[$0] >= 48 && bytes[$0] <= 57 })
      else { return nil }
      return range.reduce(0) { $0 * 10 + Int(bytes[$1] - 48) }
    }
    // A key: YYYY + two letters + two digits.
    if bytes.count == 8, let year = digits(0..<4), let part = digits(6..<8),
      let kind = Kind(rawValue: String(decoding: bytes[4..<6], as: UTF8.self).uppercased())
    {
      guard (1800...2200).contains(year),
        kind == .year ? part == 0 : (1...kind.partsPerYear).contains(part)
      else { return nil }
      self.init(year: year, kind: kind, part: part, provisional: provisional)
      return
    }
    // A title: the year, and maybe `1e halfjaar`, `3e kwartaal` or a month name.
    let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).map(
      String.init)
    guard let yearIndex = words.firstIndex(where: { $0.count == 4 && Int($0) != nil }),
      let year = Int(words[yearIndex]), (1800...2200).contains(year)
    else { return nil }
    let rest = words.enumerated().filter { $0.offset != yearIndex }.map(\.element)
    if rest.isEmpty {
      self.init(year: year, kind: .year, part: 0, provisional: provisional)
      return
    }
    if rest.count == 1, let month = Self.months.firstIndex(of: rest[0]) {
      self.init(year: year, kind: .month, part: month + 1, provisional: provisional)
      return
    }
    guard rest.count == 2, let number = Int(rest[0].filter(\.isNumber)),
      rest[0].hasSuffix("e") || rest[0].hasSuffix("ste") || rest[0].hasSuffix("de")
    else { return nil }
    switch rest[1] {
    case "halfjaar" where (1...2).contains(number):
      self.init(year: year, kind: .halfYear, part: number, provisional: provisional)
    case "kwartaal" where (1...4).contains(number):
      self.init(year: year, kind: .quarter, part: number, provisional: provisional)
    default:
      return nil
    }
  }
}
