import Testing

@testable import WijkstatCore

/// OWASP "CSV Injection": text cells that a spreadsheet would run as a formula
/// get a leading `'`; numbers, negative ones too, stay numbers.
@Suite struct CSVFormulaTests {
  @Test func formulaTextGetsALeadingQuote() {
    #expect(CSVText.field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
    #expect(CSVText.field("+31 6 1234") == "'+31 6 1234")
    #expect(CSVText.field("-Rotterdam") == "'-Rotterdam")
    #expect(CSVText.field("@SUM(A1:A2)") == "'@SUM(A1:A2)")
    #expect(CSVText.field("\tx") == "'\tx")
    #expect(CSVText.field("\rx") == "\"'\rx\"")
    #expect(CSVText.field("-") == "'-")
    #expect(CSVText.field("=1+1,2") == "\"'=1+1,2\"")
  }

  @Test func numbersAndOrdinaryTextStayAsTheyAre() {
    for number in ["-5", "-0.25", "+3", "-.5", "1e-05", "-1.5E+10", "0", "12.5", ""] {
      #expect(CSVText.field(number) == number, "\(number)")
    }
    for text in ["Rotterdam", "'s-Hertogenbosch", "GM0363", "0-3", "8-17", "a=b"] {
      #expect(CSVText.field(text) == text, "\(text)")
    }
    #expect(!CSVText.isNumber("-"))
    #expect(!CSVText.isNumber("-1e"))
    #expect(!CSVText.isNumber("--1"))
    #expect(!CSVText.isNumber("-1-1"))
  }

  @Test func everyCSVWriterGoesThroughTheOneCellWriter() {
    #expect(CSVText.line(["=cmd", "-2", "@x"]) == "'=cmd,-2,'@x\n")
    let table = TextTable(header: ["name", "value"], rows: [["=2+5", "-7"], ["+x", "3"]])
    #expect(table.csv == "name,value\n'=2+5,-7\n'+x,3\n")
  }
}
