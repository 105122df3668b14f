import Foundation

/// Writing CSV cells and numbers the same way in every output, so files are
/// byte-identical between runs and readable by spreadsheets and GDAL.
public enum CSVText {
  /// The one CSV cell writer: neutralises formulas (`neutralised`), then
  /// quotes a field when it holds a comma, quote or line break (RFC 4180).
  public static func field(_ text: String) -> String {
    let text = neutralised(text)
    if needsQuotes(text) {
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return text
  }

  /// A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
  /// return gets a leading `'`, so a spreadsheet shows it as text instead of
  /// running it as a formula (OWASP, "CSV Injection"); a number, negative or
  /// with an exponent (`-0.25`, `+3`, `-1e-05`), stays as it is.
  public static func neutralised(_ text: String) -> String {
    guard let first = text.utf8.first,
      first == 61 || first == 43 || first == 45 || first == 64 || first == 9 || first == 13
    else { return text }
    if (first == 45 || first == 43) && isNumber(text) { return text }
    return "'" + text
  }

  /// `-12`, `+3.5`, `-.5`, `1e-05`: a decimal number as CSV cells carry them.
  static func isNumber(_ text: String) -> Bool {
    var bytes = Substring(text).utf8[...]
    if let sign = bytes.first, sign == 43 || sign == 45 { bytes = bytes.dropFirst() }
    var digits = 0
    while let b = bytes.first, b >= 48 && b <= 57 { digits += 1; bytes = bytes.dropFirst() }
    if bytes.first == 46 {
      bytes = bytes.dropFirst()
      while let b = bytes.first, b >= 48 && b <= 57 { digits += 1; bytes = bytes.dropFirst() }
    }
    guard digits > 0 else { return false }
    if let e = bytes.first, e == 101 || e == 69 {
      bytes = bytes.dropFirst()
      if let sign = bytes.first, sign == 43 || sign == 45 { bytes = bytes.dropFirst() }
      var exponent = 0
      while let b = bytes.first, b >= 48 && b <= 57 { exponent += 1; bytes = bytes.dropFirst() }
      guard exponent > 0 else { return false }
    }
    return bytes.isEmpty
  }

  /// Whole numbers without decimals; others with up to `decimals` decimals,
  /// trailing zeros removed; nil and NaN as the empty cell.
  public static func number(_ value: Double?, decimals: Int = 6) -> String {
    guard let value, value.isFinite else { return "" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    // Integer arithmetic for the common case (String(format:) is slow on Linux):
    // round half away from zero to `decimals`, drop trailing zeros.
    if decimals <= 9, abs(value) * PowersOfTen.exact[max(decimals, 0)] < 9e15 {
      var bytes = JSONBytes(capacity: 24)
      bytes.appendFixed(value, decimals: decimals)
      return String(decoding: bytes.bytes, as: UTF8.self)
    }
    var text = String(format: "%.\(decimals)f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  /// A double at full precision for machine tables: the shortest decimal that
  /// reads back to the same double (Swift's `description`, e.g. `0.1`,
  /// `0.30790123456789014`, `1e-05`), whole numbers below 2⁵³ without a
  /// decimal point; nil, NaN and ±infinity as the empty cell.
  public static func full(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "" }
    if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
      return value == 0 ? "0" : String(Int64(value))
    }
    return value.description
  }

  /// A p-value at full precision; a p that underflowed to 0 is written as the
  /// bound `<1e-300` (the distribution functions keep their accuracy down to
  /// there), never as 0.
  public static func p(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "" }
    return value == 0 ? "<1e-300" : full(value)
  }

  public static func line(_ fields: [String]) -> String {
    var line = ""
    line.reserveCapacity(fields.reduce(fields.count) { $0 + $1.utf8.count })
    for (n, text) in fields.enumerated() {
      if n > 0 { line += "," }
      line += field(text)
    }
    line += "\n"
    return line
  }

  /// A comma, quote or line break in the text (checked on its UTF-8 bytes).
  static func needsQuotes(_ text: String) -> Bool {
    text.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
  }
}
