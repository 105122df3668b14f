import Foundation
import GDALBridge
import Testing
import WijkstatCore

@testable import WijkstatIO

/// Workbooks by WorkbookWriter (SpreadsheetML in a zip by ZipArchive), read back with GDAL.
struct WorkbookWriterTests {
  static let table = TextTable(
    header: ["area", "year", "pct_reported", "note"],
    rows: [
      ["3300", "2009", "0.6279525290932135", "=cmd"], ["3301", "2009", "", "a;b"],
      ["3302", "2008", "<1e-300", ""],
    ])

  /// Typed columns: `area` stays text (a code), `year` and `pct_reported` are
  /// numbers (the empty cell is NULL, the underflow `<1e-300` is 1e-300), `note` text.
  @Test func typedColumnsAndDutchHeaders() {
    let sheet = SpreadsheetTable(name: "rates", table: Self.table, language: .nl)
    #expect(sheet.header == ["gebied", "jaar", "% gemeld", "opmerking"])
    #expect(sheet.numeric == [false, true, true, false])
    #expect(
      sheet.rows[0] == [.text("3300"), .number(2009), .number(0.6279525290932135), .text("=cmd")])
    #expect(sheet.rows[1][2] == .empty && sheet.rows[2][2] == .number(1e-300))
  }

  /// The Dutch CSV, byte for byte: BOM, `;`, decimal comma, CRLF, a formula
  /// neutralised with `'`, a cell holding `;` quoted.
  @Test func dutchCSVBytes() {
    let bytes = SpreadsheetTable.dutchCSV(Self.table)
    let expected =
      "\u{FEFF}area;year;pct_reported;note\r\n3300;2009;0,6279525290932135;'=cmd\r\n3301;2009;;\"a;b\"\r\n3302;2008;<1e-300;\r\n"
    #expect(bytes == Array(expected.utf8))
  }

  /// Written by wijkstat's own writer, read back with GDAL's XLSX driver.
  @Test func writtenAndReadBack() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("tables.xlsx")
    let sheet = SpreadsheetTable(name: "rates", table: Self.table, language: .nl)
    let readme = SpreadsheetTable(
      name: "README",
      table: TextTable(header: ["sheet", "contents"], rows: [["rates", "tables/rates.csv"]]),
      language: .en)
    try WorkbookWriter.write([readme, sheet], to: path)
    // Read as a spreadsheet user's GDAL reads it: types guessed from the cells
    // (wijkstat itself reads workbooks as text, `FIELD_TYPES=STRING`).
    try GDALLibrary.withConfigOption("OGR_XLSX_FIELD_TYPES", "AUTO") {
      let book = try Dataset.openVector(path)
      #expect(book.layerCount == 2)
      let layer = try #require(book.layer(named: "rates"))
      #expect(layer.fields.map(\.name) == ["gebied", "jaar", "% gemeld", "opmerking"])
      #expect(layer.fields.map(\.type) == [.string, .integer, .real, .string])
      var values: [Double?] = []
      try layer.forEachFeature { values.append($0.hasValue(at: 2) ? $0.double(at: 2) : nil) }
      #expect(values == [0.6279525290932135, nil, 1e-300])
    }
  }

  /// Text that XML cannot hold as it is, and sheet names Excel refuses: read
  /// back with GDAL (which keeps SpreadsheetML's `_xHHHH_` escapes as they
  /// are) and as the workbook's own parts (through /vsizip/).
  @Test func escapedTextAndSheetNames() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("tables.xlsx")
    let texts = ["a & b < c > d \"e\"", " padded ", "tab\there", "bell\u{07}", "_x0041_ literal"]
    let table = TextTable(header: ["name", "value"], rows: texts.map { [$0, "1"] })
    let sheets = [
      SpreadsheetTable(name: "what/if?", table: table, language: .en),
      SpreadsheetTable(name: "WHAT_IF_", table: table, language: .en),
    ]
    try WorkbookWriter.write(sheets, to: path)
    let book = try Dataset.openVector(path)
    #expect(
      (0..<book.layerCount).compactMap { book.layer(at: $0)?.name } == ["what_if_", "WHAT_IF_-2"])
    let layer = try #require(book.layer(named: "what_if_"))
    var read: [String] = []
    try layer.forEachFeature { read.append($0.string(at: 0) ?? "") }
    #expect(Array(read.prefix(3)) == Array(texts.prefix(3)))
    /// A part of the workbook as text, through GDAL's /vsizip/.
    func part(_ name: String) throws -> String {
      String(decoding: try #require(VirtualFiles.read("/vsizip/\(path)/\(name)")), as: UTF8.self)
    }
    let strings = try part("xl/sharedStrings.xml")
    #expect(strings.contains("<t>a &amp; b &lt; c &gt; d \"e\"</t>"))
    #expect(strings.contains("<t xml:space=\"preserve\"> padded </t>"))
    #expect(strings.contains("<t>bell_x0007_</t>"))
    #expect(strings.contains("<t>_x005F_x0041_ literal</t>"))
    // Each text once, though both sheets hold it.
    #expect(strings.components(separatedBy: "<si>").count - 1 == 2 + texts.count)
    let sheet = try part("xl/worksheets/sheet1.xml")
    // The header row bold and frozen; number cells as numbers.
    #expect(sheet.contains("state=\"frozen\""))
    #expect(sheet.contains("<c r=\"A1\" s=\"1\" t=\"s\">"))
    #expect(sheet.contains("<c r=\"B2\"><v>1</v></c>"))
  }

  /// Numbers as the shortest decimal that reads back as the same double:
  /// whole numbers as integers, the rest exactly (GDAL's writer kept 16
  /// significant digits, which loses some doubles).
  @Test func numbersReadBackExactly() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("tables.xlsx")
    let values: [Double] = [
      0.1, 1.0 / 3.0, 2.0 / 3.0, 0.6279525290932135, 1e-300, -2.5, 2009, -7, 123456789012,
    ]
    let table = TextTable(
      header: ["value"], rows: values.map { [$0 == $0.rounded() ? String(Int64($0)) : "\($0)"] })
    try WorkbookWriter.write([SpreadsheetTable(name: "n", table: table, language: .en)], to: path)
    try GDALLibrary.withConfigOption("OGR_XLSX_FIELD_TYPES", "AUTO") {
      let book = try Dataset.openVector(path)
      let layer = try #require(book.layer(named: "n"))
      var read: [Double] = []
      try layer.forEachFeature { read.append($0.double(at: 0) ?? .nan) }
      #expect(read == values)
    }
  }
}
