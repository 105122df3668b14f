/// A CBS area code with its level: `GM0363`, `WK036301`, `WK0363AA`, `BU03630101`,
/// `BU0363AA01`, `PV27`, `VR13`, `VT01`, `JZ15`, `LD03`, `NL01`.
///
/// Source of the formats: CBS, *Toelichting Wijk- en Buurtkaart* 2018–2021 ch. 1 and 5
/// (gemeente `GM` + 4 digits; wijk `WK` + gemeente code + 2; buurt `BU` + wijk code
/// + 2; letters in Amsterdam's wijk and buurt codes since 2022), and StatLine's
/// regional dimension `RegioS` (`NL01`, `LDnn`, `PVnn`, `GMnnnn`, `VTnn  `, keys
/// padded with spaces to the dimension's width). Written by hand: no library
/// knows CBS codes.
public struct AreaCode: Hashable, Sendable, CustomStringConvertible, Comparable {
  public let level: AreaLevel
  /// The normalised code: upper case, no padding; `NL00` and `NL01` both `NL01`.
  public let code: String

  public var description: String { code }
  public static func < (a: AreaCode, b: AreaCode) -> Bool { (a.level, a.code) < (b.level, b.code) }

  /// Parses a code with its CBS prefix, trimmed of padding and case-insensitive
  /// (`"VT01  "`, `"gm0363"`, `" WK0363AA "`). Nil for anything else: bare
  /// digits (`0363`, `1011`) are not classified here, as they could be a
  /// gemeente or a postcode (`AreaKey.gemeenteCode`, `AreaKey.pc4` read those
  /// when the column is known to hold them).
  public init?(_ raw: String) {
    // Trimmed of white space and NBSP around the code; white space inside it
    // (`GM 0363`) makes it no code.
    let trimmed = CellParser.trimmed(raw)
    guard trimmed.utf8.count <= 12 else { return nil }
    let bytes = trimmed.utf8.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }
    guard let parsed = AreaCode.classify(bytes) else { return nil }
    self = parsed
  }

  /// A code of a given level (`AreaCode(level: .wijk, code: "WK036301")`); nil when
  /// the text is not a valid code of that level.
  public init?(_ raw: String, level: AreaLevel) {
    guard let parsed = AreaCode(raw), parsed.level == level else { return nil }
    self = parsed
  }

  private init(uncheckedLevel level: AreaLevel, code: String) {
    self.level = level
    self.code = code
  }

  /// The area one step up in the code hierarchy: buurt → wijk → gemeente.
  /// `BU0363AA01` → `WK0363AA` → `GM0363`. Nil for gemeenten and regions
  /// (their parents come from a lookup).
  public var parent: AreaCode? {
    let utf8 = Array(code.utf8)
    switch level {
    case .buurt:
      return AreaCode(
        uncheckedLevel: .wijk, code: "WK" + String(decoding: utf8[2..<8], as: UTF8.self))
    case .wijk:
      return AreaCode(
        uncheckedLevel: .gemeente, code: "GM" + String(decoding: utf8[2..<6], as: UTF8.self))
    default: return nil
    }
  }

  /// The area at `level` that contains this one by its code (itself at its own
  /// level); nil when the codes do not tell (a gemeente's province).
  public func ancestor(at level: AreaLevel) -> AreaCode? {
    var current: AreaCode? = self
    while let area = current {
      if area.level == level { return area }
      current = area.parent
    }
    return nil
  }

  /// The gemeente of a buurt, wijk or gemeente code (`GM0363` for `BU0363AA01`).
  public var gemeente: AreaCode? { ancestor(at: .gemeente) }

  /// A fictive water buurt: CBS gives large waters inside a gemeente buurt codes
  /// ending in `9997` or `9998` (they have no inhabitants).
  public var isFictiveWaterBuurt: Bool {
    level == .buurt && (code.hasSuffix("9997") || code.hasSuffix("9998"))
  }

  // MARK: parsing

  /// The code prefixes and what follows each: (level, characters after the prefix,
  /// whether letters are allowed after the gemeente digits).
  private static func classify(_ b: [UInt8]) -> AreaCode? {
    guard b.count >= 4 else { return nil }
    let prefix = String(decoding: b[0..<2], as: UTF8.self)
    let rest = b[2...]
    func digits(_ s: ArraySlice<UInt8>) -> Bool { s.allSatisfy { $0 >= 48 && $0 <= 57 } }
    func alphanumeric(_ s: ArraySlice<UInt8>) -> Bool {
      s.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }
    }
    func nonZero(_ s: ArraySlice<UInt8>) -> Bool { s.contains { $0 != 48 } }
    let text = String(decoding: b, as: UTF8.self)
    switch prefix {
    case "GM":
      // Gemeente: four digits, not 0000.
      guard rest.count == 4, digits(rest), nonZero(rest) else { return nil }
      return AreaCode(uncheckedLevel: .gemeente, code: text)
    case "WK":
      // Wijk: the gemeente's four digits + two characters (digits, or letters as in
      // Amsterdam's WK0363AA since 2022).
      guard rest.count == 6, digits(rest.prefix(4)), nonZero(rest.prefix(4)),
        alphanumeric(rest.suffix(2))
      else { return nil }
      return AreaCode(uncheckedLevel: .wijk, code: text)
    case "BU":
      // Buurt: the wijk's six characters + two (BU03630101, BU0363AA01, water BU03639997).
      guard rest.count == 8, digits(rest.prefix(4)), nonZero(rest.prefix(4)),
        alphanumeric(rest.suffix(4))
      else { return nil }
      return AreaCode(uncheckedLevel: .buurt, code: text)
    case "LD", "PV", "VR", "VT", "JZ":
      guard rest.count == 2, digits(rest), nonZero(rest) else { return nil }
      let level: AreaLevel =
        switch prefix {
        case "LD": .landsdeel
        case "PV": .provincie
        case "VR": .veiligheidsregio
        case "VT": .veiligthuisregio
        default: .jeugdregio
        }
      return AreaCode(uncheckedLevel: level, code: text)
    case "NL":
      // StatLine writes the country NL01, the Kerncijfers wijken en buurten NL00.
      guard text == "NL01" || text == "NL00" else { return nil }
      return AreaCode(uncheckedLevel: .nederland, code: "NL01")
    default:
      return nil
    }
  }
}

/// CBS's code hierarchy as lookups for summing upward.
public enum AreaHierarchy {
  /// child code → parent code for every code of `from` whose ancestor at `to` the
  /// codes tell (buurt → wijk, buurt → gemeente, wijk → gemeente). Codes that do
  /// not parse as `from` are left out.
  public static func parents(of codes: [String], from: AreaLevel, to: AreaLevel) -> [String: String]
  {
    var result: [String: String] = [:]
    result.reserveCapacity(codes.count)
    for code in codes {
      if let area = AreaCode(code, level: from), let parent = area.ancestor(at: to),
        parent.level != from
      {
        result[code] = parent.code
      }
    }
    return result
  }

  /// True when the codes alone place areas of `from` in areas of `to`.
  public static func isDerivable(from: AreaLevel, to: AreaLevel) -> Bool {
    var level: AreaLevel? = from.codeParent
    while let current = level {
      if current == to { return true }
      level = current.codeParent
    }
    return false
  }
}
