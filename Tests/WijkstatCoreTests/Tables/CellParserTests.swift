import Foundation
import Testing

@testable import WijkstatCore

@Suite struct CellParserTests {
  // Expected values: the conventions of CBS StatLine exports and Dutch spreadsheets.
  @Test func decimalCommaAndPoint() {
    #expect(CellParser.number("1,36") == .number(1.36))
    #expect(CellParser.number("1.36") == .number(1.36))
    #expect(CellParser.number(" 1.234,5 ") == .number(1234.5))
    #expect(CellParser.number("1,234.5") == .number(1234.5))
    #expect(CellParser.number("1.234.567") == .number(1_234_567))
    #expect(CellParser.number("12%") == .number(12))
    #expect(CellParser.number("-3") == .number(-3))
  }

  @Test func missingMarkersAreMissingNeverZero() {
    for marker in ["", ".", "x", "X", "-", "n.b.", "NB", "?", "geheim"] {
      #expect(CellParser.number(marker) == .missing, "\(marker)")
    }
  }

  @Test func textIsInvalid() {
    #expect(CellParser.number("twaalf") == .invalid("twaalf"))
    #expect(CellParser.number("12a") == .invalid("12a"))
    #expect(CellParser.number("inf") == .invalid("inf"))
  }

  @Test func flagsYearsAndAgeGroups() {
    #expect(CellParser.flag("ja") == .some(true))
    #expect(CellParser.flag("Nee") == .some(false))
    #expect(CellParser.flag("1") == .some(true))
    #expect(CellParser.flag("x") == .some(nil))
    #expect(CellParser.flag("misschien") == nil)
    #expect(CellParser.year("2009") == 2009)
    #expect(CellParser.year("2009.0") == 2009)
    #expect(CellParser.year("09") == nil)
    #expect(CellParser.ageGroup("0-3") == .age0to3)
    #expect(CellParser.ageGroup("4 t/m 7 jaar") == .age4to7)
    #expect(CellParser.ageGroup("8_17") == .age8to17)
    #expect(CellParser.ageGroup("") == .all)
    #expect(CellParser.ageGroup("0-17") == .all)
    #expect(CellParser.ageGroup("12-17") == nil)
  }

  @Test func csvNumbersAreStable() {
    #expect(CSVText.number(3) == "3")
    #expect(CSVText.number(1.0 / 3) == "0.333333")
    #expect(CSVText.number(0.5) == "0.5")
    #expect(CSVText.number(nil) == "")
    #expect(CSVText.number(.nan) == "")
    #expect(CSVText.field("a,b") == "\"a,b\"")
  }
}

/// The join's byte-level fast paths give exactly what the text parsers give.
@Suite struct CellFastPathTests {
  func bytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    Array(text.utf8).withUnsafeBufferPointer(body)
  }

  /// Plain decimals are read to the same double as strtod (Swift's `Double(_:)`),
  /// on 20,000 generated numbers and hand-picked hard cases; anything else is
  /// left to the full parser (nil).
  @Test func plainNumbersEqualStrtod() {
    var random = SeededRandom(seed: 7)
    var texts = [
      "0", "-0", "007", "0.1", "0.3", "2.675", "1.005", "123456789012345", "0.00000000000001", ".5",
      "-12.25",
    ]
    for _ in 0..<20_000 {
      let digits = Int(random.next(upperBound: UInt64(15))) + 1
      let point = Int(random.next(upperBound: UInt64(digits + 1)))
      var text = random.next(upperBound: UInt64(2)) == 0 ? "" : "-"
      for d in 0..<digits {
        if d == point && d > 0 { text += "." }
        text += String(random.next(upperBound: UInt64(10)))
      }
      texts.append(text)
    }
    for text in texts {
      let fast: Double? = bytes(text, CellParser.plainNumber)
      let strtod: Double? = Double(text)
      #expect(fast != nil && fast == strtod, "\(text)")
    }
    for text in [
      "", "-", "1.", "1,5", "1.2.3", "1e3", "+1", " 1", "x", "1234567890123456",
      "0.000000000000001",
    ] {
      #expect(bytes(text, CellParser.plainNumber) == nil, "\(text)")
    }
  }

  @Test func plainYearsAndAgeGroups() {
    #expect(bytes("2009", CellParser.plainYear) == 2009)
    #expect(bytes("1899", CellParser.plainYear) == nil)
    #expect(bytes("2009.0", CellParser.plainYear) == nil)
    #expect(bytes("0-3", CellParser.plainAgeGroup) == .age0to3)
    #expect(bytes("4-7", CellParser.plainAgeGroup) == .age4to7)
    #expect(bytes("8-17", CellParser.plainAgeGroup) == .age8to17)
    #expect(bytes("0-17", CellParser.plainAgeGroup) == .all)
    #expect(bytes("", CellParser.plainAgeGroup) == .all)
    #expect(bytes("0 t/m 3", CellParser.plainAgeGroup) == nil)
  }

  /// The GeoPackage's numbers are the CSV's numbers read back, without the text:
  /// the panel CSV carries full precision (issue 16), so every double reads back
  /// to itself through `Double(String)` (Swift's round-trip parser).
  @Test func publishedNumbersEqualTheCSVReadBack() {
    var random = SeededRandom(seed: 8)
    var values: [Double] = [
      0.5, -0.5, 1.0000005, 2.4999995, -0.0000004, 1e12 + 0.123456789, 123.456789012, 0,
    ]
    for _ in 0..<20_000 {
      let magnitude = Double(Int(random.next(upperBound: UInt64(14))) - 6)
      values.append((random.nextUnit() - 0.3) * pow(10, magnitude))
    }
    for value in values {
      #expect(PanelCSV.published(value) == Double(CSVText.full(value)), "\(value)")
    }
  }
}
