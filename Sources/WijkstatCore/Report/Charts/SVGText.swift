import Foundation

/// XML escaping and number formatting shared by the hand-written SVG charts.
enum SVGText {
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for ch in text {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(ch)
      }
    }
    return out
  }

  /// A coordinate with one decimal, without trailing zeros ("12.5", "3").
  static func n(_ value: Double) -> String {
    var text = JSONBytes(capacity: 16)
    appendN(value, to: &text)
    return String(decoding: text.bytes, as: UTF8.self)
  }

  /// `n(value)` appended as bytes (maps write hundreds of thousands of these).
  static func appendN(_ value: Double, to text: inout JSONBytes) {
    // Integer arithmetic instead of String(format:).
    guard value.isFinite, abs(value) < 1e15 else { return text.append("0") }
    let tenths = Int((value * 10).rounded())
    if tenths < 0 { text.append("-") }
    let magnitude = Int(tenths.magnitude)
    text.appendInteger(magnitude / 10)
    if magnitude % 10 != 0 {
      text.append(".")
      text.appendInteger(magnitude % 10)
    }
  }

  /// "Nice" tick values covering [low, high] (Heckbert 1990, "Nice numbers for graph labels").
  static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
    guard low.isFinite, high.isFinite else { return [] }
    if high <= low { return [low] }
    func nice(_ x: Double, round: Bool) -> Double {
      let exponent = floor(log10(x))
      let fraction = x / pow(10, exponent)
      let niceFraction: Double
      if round {
        niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
      } else {
        niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
      }
      return niceFraction * pow(10, exponent)
    }
    let range = nice(high - low, round: false)
    let step = nice(range / Double(max(1, count - 1)), round: true)
    // From the last tick at or below `low` to the first at or above `high`.
    let first = Int(floor(low / step + 1e-9))
    let last = Int(ceil(high / step - 1e-9))
    return (first...max(first, last)).map { Double($0) * step }
  }

  /// Tick label with as many decimals as the step needs, in the report's
  /// language (`0,5` in Dutch, `0.5` in English).
  static func label(_ value: Double, step: Double, language: ReportLanguage = .en) -> String {
    let decimals = step >= 1 ? 0 : min(4, Int(ceil(-log10(step) - 1e-9)))
    return language.number(value, decimals: decimals)
  }
}
