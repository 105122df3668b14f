import Testing

@testable import WijkstatCore

@Suite struct TextTableTests {
  let table = TextTable(
    title: "Kaart", header: ["code", "naam", "pct"],
    rows: [["1011", "Centrum, \"oud\"", "0.5"], ["1012", "a|b\nc", ""], ["1013", "Zuid", "12"]],
    numeric: [2], note: "Bron: test")

  /// RFC 4180: quotes around fields with a comma, quote or line break, quotes doubled.
  @Test func csvByHand() {
    #expect(
      table.csv
        == "code,naam,pct\n1011,\"Centrum, \"\"oud\"\"\",0.5\n1012,\"a|b\nc\",\n1013,Zuid,12\n")
    #expect(table.csvBytes == Array(table.csv.utf8))
  }

  /// `|` escaped and line breaks as spaces inside cells; numeric columns right-aligned.
  @Test func markdownByHand() {
    #expect(
      table.markdown == """
        ### Kaart

        | code | naam | pct |
        |:---|:---|---:|
        | 1011 | Centrum, "oud" | 0.5 |
        | 1012 | a\\|b c |  |
        | 1013 | Zuid | 12 |

        Bron: test

        """)
    #expect(TextTable(header: ["a"], rows: []).markdown == "| a |\n|:---|\n")
  }
}
