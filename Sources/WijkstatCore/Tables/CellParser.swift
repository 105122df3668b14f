import Foundation

/// One table cell read as a number: a value, missing (a marker such as `x` or
/// an empty cell: never 0), or text that is not a number.
public enum CellValue: Equatable, Sendable {
  case number(Double)
  case missing
  case invalid(String)

  public var number: Double? {
    if case .number(let value) = self { return value }
    return nil
  }
}

/// Reads the numbers of Dutch and international tables (CBS, Kinderen in Tel,
/// spreadsheets exported with either locale). Hand-written because no library
/// handles the CBS conventions: secret and missing markers, and decimal commas
/// next to decimal points in one file.
public enum CellParser {
  /// Markers CBS and Kinderen in Tel use for missing or secret values (`x` geheim,
  /// `.` onbekend, `-` nihil-or-unknown, `n.b.` niet beschikbaar), compared lowercased.
  public static let missingMarkers: Set<String> = [
    "", ".", "x", "-", "–", "—", "n.b.", "nb", "n.v.t.", "nvt", "na", "n/a", "nan", "?",
    "geheim", "null", "..",
  ]

  /// `raw` without surrounding whitespace and line breaks; returns `raw` itself,
  /// without Foundation, when it starts and ends with a visible ASCII character.
  public static func trimmed(_ raw: String) -> String {
    let utf8 = raw.utf8
    if let first = utf8.first, let last = utf8.last, first > 32, first < 127, last > 32, last < 127
    {
      return raw
    }
    return raw.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Whether `raw` is a missing marker (`x`, `n.b.`, empty...), compared lowercased.
  public static func isMissingMarker(_ raw: String) -> Bool {
    raw.utf8.count <= 6 && missingMarkers.contains(raw.lowercased())
  }

  /// The fast path for the common cell: optional `-`, ASCII digits and at most
  /// one `.` (`12`, `0.5`, `-3.25`), at most 15 significant digits. Returns nil
  /// for anything else, and the caller falls back to `number(_:)`. Exact: m / 10ᵏ
  /// with m < 2⁵³ and k ≤ 22 is one correctly rounded division of two exact
  /// doubles (Clinger 1990), the value strtod gives.
  public static func plainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var i = 0
    let count = bytes.count
    guard count > 0, count <= 17 else { return nil }
    var negative = false
    if bytes[0] == UInt8(ascii: "-") {
      negative = true
      i = 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var fraction = -1
    while i < count {
      let byte = bytes[i]
      if byte >= 48 && byte <= 57 {
        mantissa = mantissa * 10 + UInt64(byte - 48)
        digits += 1
        if fraction >= 0 { fraction += 1 }
      } else if byte == UInt8(ascii: "."), fraction < 0 {
        fraction = 0
      } else {
        return nil
      }
      i += 1
    }
    guard digits > 0, digits <= 15, fraction != 0 else { return nil }
    let value = fraction > 0 ? Double(mantissa) / PowersOfTen.exact[fraction] : Double(mantissa)
    return negative ? -value : value
  }

  /// A year from four ASCII digits (1900–2100), else nil (the caller falls back
  /// to `year(_:)`).
  public static func plainYear(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.count == 4, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    let value = bytes.reduce(0) { $0 * 10 + Int($1 - 48) }
    return (1900...2100).contains(value) ? value : nil
  }

  /// The age group written exactly `0-3`, `4-7`, `8-17`, `0-17` or empty, else
  /// nil (the caller falls back to `ageGroup(_:)`).
  public static func plainAgeGroup(_ bytes: UnsafeBufferPointer<UInt8>) -> AgeGroup? {
    switch bytes.count {
    case 0: return .all
    case 3
    where bytes[1] == UInt8(ascii: "-") && bytes[0] == UInt8(ascii: "0")
      && bytes[2] == UInt8(ascii: "3"):
      return .age0to3
    case 3
    where bytes[1] == UInt8(ascii: "-") && bytes[0] == UInt8(ascii: "4")
      && bytes[2] == UInt8(ascii: "7"):
      return .age4to7
    case 4
    where bytes[0] == UInt8(ascii: "8") && bytes[1] == UInt8(ascii: "-")
      && bytes[2] == UInt8(ascii: "1") && bytes[3] == UInt8(ascii: "7"):
      return .age8to17
    case 4
    where bytes[0] == UInt8(ascii: "0") && bytes[1] == UInt8(ascii: "-")
      && bytes[2] == UInt8(ascii: "1") && bytes[3] == UInt8(ascii: "7"):
      return .all
    default: return nil
    }
  }

  /// Parses `1,36`, `1.36`, `1.234,5`, `1,234.5`, `12%`, `1e-3`. A single comma or
  /// a single point is the decimal separator; with both, the last one is; several
  /// of the same are thousands separators (`1.234.567`).
  public static func number(_ raw: String) -> CellValue {
    // Fast path: plain ASCII numbers (`12`, `-0.5`, `1e-3`), the common case.
    if !raw.isEmpty,
      raw.utf8.allSatisfy({
        ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 101 || $0 == 69
      }),
      raw.utf8.first != 101, raw.utf8.first != 69, let value = Double(raw), value.isFinite
    {
      return .number(value)
    }
    var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
    if missingMarkers.contains(text.lowercased()) { return .missing }
    if text.hasSuffix("%") { text.removeLast() }
    text = text.replacingOccurrences(of: " ", with: "")
      .replacingOccurrences(of: "\u{00A0}", with: "")
    let commas = text.filter { $0 == "," }.count
    let points = text.filter { $0 == "." }.count
    if commas > 0 && points > 0 {
      let lastComma = text.lastIndex(of: ",")!
      let lastPoint = text.lastIndex(of: ".")!
      if lastComma > lastPoint {
        text = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
      } else {
        text = text.replacingOccurrences(of: ",", with: "")
      }
    } else if commas == 1 {
      text = text.replacingOccurrences(of: ",", with: ".")
    } else if commas > 1 {
      text = text.replacingOccurrences(of: ",", with: "")
    } else if points > 1 {
      text = text.replacingOccurrences(of: ".", with: "")
    }
    guard let value = Double(text), value.isFinite,
      text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) })
    else { return .invalid(raw) }
    return .number(value)
  }

  /// `1`/`0`, `ja`/`nee`, `j`/`n`, `true`/`false`, `yes`/`no`, `waar`/`onwaar`;
  /// nil for a missing marker; throws nothing: the caller names the line.
  public static func flag(_ raw: String) -> Bool?? {
    let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    if missingMarkers.contains(text) && text != "-" { return .some(nil) }
    switch text {
    case "1", "1.0", "1,0", "ja", "j", "true", "waar", "yes", "y", "t": return .some(true)
    case "0", "0.0", "0,0", "nee", "n", "false", "onwaar", "no", "f", "-": return .some(false)
    default: return nil
    }
  }

  /// A year 1900–2100 from `2009`, `2009.0`, `"2009 "`.
  public static func year(_ raw: String) -> Int? {
    if raw.utf8.count == 4, let value = Int(raw) {
      return (1900...2100).contains(value) ? value : nil
    }
    guard let value = number(raw).number, value == value.rounded(), (1900...2100).contains(value)
    else { return nil }
    return Int(value)
  }

  /// The report's age groups from `0-3`, `0–3`, `0 t/m 3`, `0_3`, `0-3 jaar`;
  /// `0-17`, `totaal`, `total`, `alle` or an empty cell give the total.
  /// Returns nil for text that names no group.
  public static func ageGroup(_ raw: String) -> AgeGroup? {
    switch raw {
    case "0-3": return .age0to3
    case "4-7": return .age4to7
    case "8-17": return .age8to17
    case "0-17", "": return .all
    default: break
    }
    let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    if ["", "totaal", "total", "alle", "all", "0-17 jaar"].contains(text) { return .all }
    let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    guard numbers.count == 2 else { return nil }
    switch (numbers[0], numbers[1]) {
    case (0, 3): return .age0to3
    case (4, 7): return .age4to7
    case (8, 17): return .age8to17
    case (0, 17): return .all
    default: return nil
    }
  }
}
