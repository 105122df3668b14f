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
