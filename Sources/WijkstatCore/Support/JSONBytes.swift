/// A growing UTF-8 byte buffer with the few JSON writers large outputs need:
/// fixed-decimal coordinates, shortest round-trip doubles, integers and escaped
/// strings, without a `String` per number.
///
/// Hand-written because the alternatives are too slow for national maps:
/// `String(format:)` and Foundation's JSONSerialization allocate per value, and
/// GDAL's GeoJSON driver spent 64 of 105 s of the 460,000-area benchmark
/// (BENCHMARKS.md) formatting coordinates one OGR object at a time.
public struct JSONBytes: Sendable {
  public var bytes: [UInt8] = []

  public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  /// Appends text as it is (the caller's JSON punctuation and ASCII names).
  public mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Appends text as it is, as UTF-8 (for text the caller has escaped).
  public mutating func appendUTF8(_ text: String) {
    bytes.append(contentsOf: text.utf8)
  }

  /// Appends a JSON string literal: quotes, and `"`, `\` and control characters
  /// escaped (RFC 8259 §7); other characters as UTF-8.
  public mutating func appendString(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): append("\\\"")
      case UInt8(ascii: "\\"): append("\\\\")
      case 0x0A: append("\\n")
      case 0x0D: append("\\r")
      case 0x09: append("\\t")
      case 0..<0x20:
        append("\\u00")
        bytes.append(Self.hexDigits[Int(byte >> 4)])
        bytes.append(Self.hexDigits[Int(byte & 0xF)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends an integer in decimal.
  public mutating func appendInteger(_ value: Int) {
    if value < 0 {
      bytes.append(UInt8(ascii: "-"))
      appendDigits(value.magnitude)
    } else {
      appendDigits(UInt(value))
    }
  }

  /// Appends `value` rounded to `decimals` places (round half away from zero),
  /// trailing zeros dropped: 5.1 not 5.100000, 52 not 52.000000. Non-finite
  /// values become `null` (JSON has no NaN). Values too large for the integer
  /// path fall back to the shortest representation.
  public mutating func appendFixed(_ value: Double, decimals: Int) {
    guard value.isFinite else { return append("null") }
    let decimals = min(max(decimals, 0), 15)
    let scale = PowersOfTen.exact[decimals]
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e15 else { return appendShortest(value) }
    var units = UInt64(scaled)
    if units == 0 {
      bytes.append(UInt8(ascii: "0"))
      return
    }
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    let divisor = UInt64(scale)
    let whole = units / divisor
    var fraction = units % divisor
    appendDigits(UInt(whole))
    guard fraction > 0 else { return }
    var places = decimals
    while fraction % 10 == 0 {
      fraction /= 10
      places -= 1
    }
    bytes.append(UInt8(ascii: "."))
    // Leading zeros of the fraction, then its digits.
    var digits = 1
    units = fraction
    while units >= 10 {
      units /= 10
      digits += 1
    }
    for _ in 0..<(places - digits) { bytes.append(UInt8(ascii: "0")) }
    appendDigits(UInt(fraction))
  }

  /// Appends the shortest decimal that reads back as exactly `value` (Swift's
  /// own `description`), or `null` for NaN and infinities.
  public mutating func appendShortest(_ value: Double) {
    guard value.isFinite else { return append("null") }
    bytes.append(contentsOf: value.description.utf8)
  }

  mutating func appendDigits(_ value: UInt) {
    var value = value
    var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes ≥ 20 digits of UInt64.max
    withUnsafeMutableBytes(of: &scratch) { buffer in
      var position = buffer.count
      repeat {
        position -= 1
        buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
        value /= 10
      } while value > 0
      bytes.append(contentsOf: buffer[position...])
    }
  }

  static let hexDigits = Array("0123456789abcdef".utf8)
}
