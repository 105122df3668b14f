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

  /// A long table is written in chunks of 16,384 rows on every core and
  /// joined: the bytes are those of the rows one after another, in order,
  /// with the quoted rows at the chunk borders (16,383, 16,384) and at the
  /// end quoted as in `csvByHand`.
  @Test func aLongTableIsTheRowsInOrder() {
    let count = 40_001
    let quoted: Set<Int> = [0, 16_383, 16_384, 32_768, count - 1]
    let rows = (0..<count).map { i in
      [String(i), quoted.contains(i) ? "a, \"\(i)\"" : "r\(i)", String(Double(i) / 8)]
    }
    let long = TextTable(header: ["n", "text", "x"], rows: rows, numeric: [0, 2])
    var expected = "n,text,x\n"
    for i in 0..<count {
      let text = quoted.contains(i) ? "\"a, \"\"\(i)\"\"\"" : "r\(i)"
      expected += "\(i),\(text),\(Double(i) / 8)\n"
    }
    #expect(long.csvBytes == Array(expected.utf8))
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
