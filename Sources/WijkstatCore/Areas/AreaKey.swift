import Foundation

/// The kinds of key that identify an area in a boundary file or a table.
public enum AreaKeyKind: String, Sendable, CaseIterable, Codable {
  /// Six-character postcode `1011AB` (from `1011 AB`, `1011ab`).
  case pc6
  /// Four-digit postcode 1000–9999, from `1011`, `"1011"`, `"1011 AB"`, `1011.0`.
  case pc4
  /// CBS gemeente code, from `GM0014`, `gm14`, `0014`, `14`.
  case gemeenteCode = "gemeente_code"
  /// A gemeente name (`'s-Gravenhage`, `Beek (L.)`), matched after normalising.
  case gemeenteName = "gemeente_name"
  /// CBS wijk code `WK036301`, `WK0363AA` (prefix required: `036301` could be anything).
  case wijkCode = "wijk_code"
  /// CBS buurt code `BU03630101`, `BU0363AA01`.
  case buurtCode = "buurt_code"
  /// CBS region codes, prefix required: `LD01`, `PV20`, `VR01`, `VT01`, `JZ01`, `NL01`/`NL00`.
  case landsdeelCode = "landsdeel_code"
  case provincieCode = "provincie_code"
  case veiligheidsregioCode = "veiligheidsregio_code"
  case veiligthuisregioCode = "veiligthuisregio_code"
  case jeugdregioCode = "jeugdregio_code"
  case nederlandCode = "nederland_code"

  /// The level the key identifies.
  public var level: AreaLevel {
    switch self {
    case .pc6: return .pc6
    case .pc4: return .pc4
    case .gemeenteCode, .gemeenteName: return .gemeente
    case .wijkCode: return .wijk
    case .buurtCode: return .buurt
    case .landsdeelCode: return .landsdeel
    case .provincieCode: return .provincie
    case .veiligheidsregioCode: return .veiligheidsregio
    case .veiligthuisregioCode: return .veiligthuisregio
    case .jeugdregioCode: return .jeugdregio
    case .nederlandCode: return .nederland
    }
  }

  /// The code kind of a level (`.wijk` → `.wijkCode`); nil for user regions.
  public static func code(of level: AreaLevel) -> AreaKeyKind? {
    switch level {
    case .pc6: return .pc6
    case .pc4: return .pc4
    case .gemeente: return .gemeenteCode
    case .wijk: return .wijkCode
    case .buurt: return .buurtCode
    case .landsdeel: return .landsdeelCode
    case .provincie: return .provincieCode
    case .veiligheidsregio: return .veiligheidsregioCode
    case .veiligthuisregio: return .veiligthuisregioCode
    case .jeugdregio: return .jeugdregioCode
    case .nederland: return .nederlandCode
    case .region: return nil
    }
  }

  /// Kinds whose codes carry a CBS prefix (`AreaCode` parses them).
  static let prefixed: [AreaKeyKind] = [
    .wijkCode, .buurtCode, .landsdeelCode, .provincieCode, .veiligheidsregioCode,
    .veiligthuisregioCode, .jeugdregioCode, .nederlandCode,
  ]
}

/// Normalisation of raw key text to the canonical codes used everywhere inside
/// wijkstat: PC-4 as four digits (`"1011"`), gemeente codes as `GM` + four digits.
public enum AreaKey {
  /// `"1011"`, `" 1011 AB "`, `"1011AB"`, `"1011.0"`, `"1011,0"` → `"1011"`;
  /// nil when the text holds no postcode in 1000–9999.
  public static func pc4(_ raw: String) -> String? {
    // Fast path: exactly four ASCII digits.
    let utf8 = raw.utf8
    if utf8.count == 4, utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), utf8.first! != 48 { return raw }
    let text = CellParser.trimmed(raw).uppercased()
    let scalars = Array(text.unicodeScalars)
    guard scalars.count >= 4 else { return nil }
    let digits = scalars.prefix(4)
    guard digits.allSatisfy({ $0.properties.numericType != nil && $0.isASCII }) else { return nil }
    let code = String(String.UnicodeScalarView(digits))
    guard let value = Int(code), (1000...9999).contains(value) else { return nil }
    var rest = String(String.UnicodeScalarView(scalars.dropFirst(4)))
    rest = rest.trimmingCharacters(in: .whitespaces)
    if rest.isEmpty { return code }
    // A trailing decimal zero from a spreadsheet: 1011.0 or 1011,00.
    if let first = rest.first, first == "." || first == ",",
      rest.dropFirst().allSatisfy({ $0 == "0" })
    {
      return code
    }
    // A PC-6 letter pair: 1011 AB.
    if rest.count == 2, rest.allSatisfy({ $0.isASCII && $0.isLetter }) { return code }
    return nil
  }

  /// `"1011AB"`, `"1011 ab"` → `"1011AB"`; nil when not four digits 1000–9999
  /// followed by two letters.
  public static func pc6(_ raw: String) -> String? {
    var bytes = Array(raw.utf8.filter { $0 != 32 && $0 != 9 })
    guard bytes.count == 6 else { return nil }
    for i in 0..<4 where !(bytes[i] >= 48 && bytes[i] <= 57) { return nil }
    guard bytes[0] != 48 else { return nil }
    for i in 4..<6 {
      if bytes[i] >= 97 && bytes[i] <= 122 { bytes[i] -= 32 }
      guard bytes[i] >= 65 && bytes[i] <= 90 else { return nil }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `"GM0014"`, `"gm14"`, `"0014"`, `"14"`, `"14.0"` → `"GM0014"`; nil otherwise.
  public static func gemeenteCode(_ raw: String) -> String? {
    var text = CellParser.trimmed(raw).uppercased()
    if text.hasPrefix("GM") { text.removeFirst(2) }
    if let dot = text.firstIndex(where: { $0 == "." || $0 == "," }) {
      guard text[text.index(after: dot)...].allSatisfy({ $0 == "0" }) else { return nil }
      text = String(text[..<dot])
    }
    guard !text.isEmpty, text.count <= 4, text.allSatisfy({ $0.isASCII && $0.isNumber }),
      let value = Int(text), value > 0
    else { return nil }
    let digits = String(value)
    return "GM" + String(repeating: "0", count: 4 - digits.count) + digits
  }

  /// Normalises `raw` as a key of `kind`; gemeente names are only trimmed here
  /// (name matching lives in `GemeenteNameMatcher`).
  public static func normalise(_ raw: String, as kind: AreaKeyKind) -> String? {
    switch kind {
    case .pc6: return pc6(raw)
    case .pc4: return pc4(raw)
    case .gemeenteCode: return gemeenteCode(raw)
    case .gemeenteName:
      let trimmed = CellParser.trimmed(raw)
      return trimmed.isEmpty ? nil : trimmed
    case .wijkCode, .buurtCode, .landsdeelCode, .provincieCode, .veiligheidsregioCode,
      .veiligthuisregioCode, .jeugdregioCode, .nederlandCode:
      return AreaCode(raw, level: kind.level)?.code
    }
  }

  /// Guesses the kind of key a column holds from its name and values. A column
  /// qualifies when at least 95% of its non-empty values normalise. The name is
  /// used to break ties (`PC4CODE` → pc4, `gemeenteCode` → gemeente_code).
  public static func detectKind(fieldName: String, values: [String]) -> AreaKeyKind? {
    // Shares are judged over the distinct values (a table repeats each key per
    // year and age group).
    let present = Array(Set(values)).filter { value in
      value.utf8.contains { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }
    }
    guard !present.isEmpty else { return nil }
    let name = fieldName.lowercased()
    func share(_ f: (String) -> String?) -> Double {
      Double(present.filter { f($0) != nil }.count) / Double(present.count)
    }
    let looksLikeGemeente = name.contains("gem") || name.contains("gm") || name.contains("municip")
    let looksLikePostcode = name.contains("pc4") || name.contains("postcode") || name.contains("pc")
    let explicitGM = present.filter { $0.uppercased().hasPrefix("GM") }.count
    if Double(explicitGM) / Double(present.count) >= 0.95, share(gemeenteCode) >= 0.95 {
      return .gemeenteCode
    }
    // CBS-prefixed codes of one level (`WK036301`, `BU0363AA01`, `VT01  `). A column
    // mixing levels (StatLine's RegioS) is none of them.
    let first = present.lazy.compactMap { AreaCode($0)?.level }.first
    if let first, let kind = AreaKeyKind.code(of: first), AreaKeyKind.prefixed.contains(kind),
      share({ normalise($0, as: kind) }) >= 0.95
    {
      return kind
    }
    if share(pc6) >= 0.95, !looksLikeGemeente { return .pc6 }
    if share(pc4) >= 0.95, !looksLikeGemeente { return .pc4 }
    if looksLikeGemeente, share(gemeenteCode) >= 0.95, !looksLikePostcode { return .gemeenteCode }
    if looksLikeGemeente, name.contains("naam") || name.contains("name") {
      let letters = present.filter { $0.contains(where: { $0.isLetter }) }.count
      if Double(letters) / Double(present.count) >= 0.95 { return .gemeenteName }
    }
    return nil
  }
}
