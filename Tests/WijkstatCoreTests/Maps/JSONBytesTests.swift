import Testing

@testable import WijkstatCore

/// The hand-written JSON number and string writers behind the GeoJSON output.
/// Expected texts are worked out by hand from the rules in the doc comments.
@Suite struct JSONBytesTests {
  func text(_ build: (inout JSONBytes) -> Void) -> String {
    var bytes = JSONBytes()
    build(&bytes)
    return String(decoding: bytes.bytes, as: UTF8.self)
  }

  @Test func fixedDecimalsDropTrailingZerosAndRoundHalfAway() {
    #expect(text { $0.appendFixed(5.1, decimals: 6) } == "5.1")
    #expect(text { $0.appendFixed(52, decimals: 6) } == "52")
    #expect(text { $0.appendFixed(52.1555123456, decimals: 6) } == "52.155512")
    #expect(text { $0.appendFixed(0.000001, decimals: 6) } == "0.000001")
    #expect(text { $0.appendFixed(0.0000104, decimals: 6) } == "0.00001")
    #expect(text { $0.appendFixed(-1.5, decimals: 6) } == "-1.5")
    // Binary-exact halves: away from zero.
    #expect(text { $0.appendFixed(0.5, decimals: 0) } == "1")
    #expect(text { $0.appendFixed(-2.5, decimals: 0) } == "-3")
    #expect(text { $0.appendFixed(0.125, decimals: 2) } == "0.13")
    // What rounds to zero is written without a sign.
    #expect(text { $0.appendFixed(-0.0000004, decimals: 6) } == "0")
    // Beyond the integer path: the shortest representation.
    #expect(text { $0.appendFixed(1e20, decimals: 6) } == "1e+20")
    #expect(text { $0.appendFixed(.nan, decimals: 6) } == "null")
    #expect(text { $0.appendFixed(-.infinity, decimals: 6) } == "null")
  }

  @Test func integersShortestDoublesAndStrings() {
    #expect(text { $0.appendInteger(-42) } == "-42")
    #expect(text { $0.appendInteger(0) } == "0")
    #expect(text { $0.appendInteger(Int.min) } == "-9223372036854775808")
    #expect(text { $0.appendShortest(0.1) } == "0.1")
    #expect(text { $0.appendShortest(0.4662566750660487) } == "0.4662566750660487")
    #expect(text { $0.appendShortest(.infinity) } == "null")
    #expect(text { $0.appendString("a\"b\\c\nd\u{1}é – x") } == "\"a\\\"b\\\\c\\nd\\u0001é – x\"")
  }
}
