import Foundation

/// The language of a report and of everything a person reads in it (tables,
/// chart axes and hovers, map legends and hover titles), and how numbers are
/// written for people in it: Dutch `1.234,56` (decimal comma, thousands dot),
/// English `1,234.56`; fixed decimals, never an exponent; p-values below 0.001 as
/// `< 0,001`. The machine tables (CSV) keep full precision with a decimal point
/// (`CSVText`); this is only for what people read.
///
/// Hand-written: Foundation's `NumberFormatter` depends on the ICU data of the
/// machine (and its Linux output has varied between toolchains); two runs must
/// give the same bytes everywhere.
public enum ReportLanguage: String, Sendable, CaseIterable {
  case nl, en

  /// Dutch when `dutch`, else English (the `nl: Bool` of older label functions).
  public init(_ dutch: Bool) { self = dutch ? .nl : .en }

  public var isDutch: Bool { self == .nl }

  public var decimalSeparator: Character { self == .nl ? "," : "." }
  public var groupingSeparator: Character { self == .nl ? "." : "," }

  /// A no-break space: `< 0,001` and `12 %` never break over two lines.
  public static let noBreakSpace = "\u{00A0}"

  /// `value` rounded to `decimals` places, thousands grouped: 1234.5 → `1.234,50`
  /// (nl), `1,234.50` (en); `–` when not finite. Negative values keep a `-`.
  /// Numbers of 1e15 and more (never a rate or count here) are grouped the same way.
  public func number(_ value: Double, decimals: Int = 2) -> String {
    guard value.isFinite else { return "–" }
    let places = max(0, min(decimals, 10))
    var text = String(format: "%.\(places)f", value)
    var negative = false
    if text.hasPrefix("-") {
      text.removeFirst()
      // -0.00 is 0.
      negative = text.contains { $0 != "0" && $0 != "." }
    }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let whole = Array(parts[0])
    var out = negative ? "-" : ""
    for (i, digit) in whole.enumerated() {
      if i > 0 && (whole.count - i) % 3 == 0 { out.append(groupingSeparator) }
      out.append(digit)
    }
    if parts.count > 1 {
      out.append(decimalSeparator)
      out += parts[1]
    }
    return out
  }

  /// A whole number, grouped: 55060 → `55.060` (nl), `55,060` (en).
  public func integer(_ value: Double) -> String { number(value.rounded(), decimals: 0) }
  public func integer(_ value: Int) -> String { number(Double(value), decimals: 0) }

  /// A p-value for people: `< 0,001` below 0.001, else three decimals (`0,042`);
  /// `–` when not finite.
  public func pValue(_ p: Double) -> String {
    guard p.isFinite else { return "–" }
    return p < 0.001 ? "<" + Self.noBreakSpace + number(0.001, decimals: 3) : number(p, decimals: 3)
  }

  /// Up to `decimals` places without trailing zeros (`0,5`, `12`, `1.234,25`):
  /// axis ticks and map legend values.
  public func trimmed(_ value: Double, decimals: Int) -> String {
    var text = number(value, decimals: decimals)
    guard decimals > 0, text.contains(decimalSeparator) else { return text }
    while text.last == "0" { text.removeLast() }
    if text.last == decimalSeparator { text.removeLast() }
    return text == "-0" ? "0" : text
  }
}
