import Foundation
import GDALBridge
import Testing
import WijkstatCore

@testable import WijkstatIO

/// Workbooks through GDAL's XLSX and ODS drivers, read back with GDAL.
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

  /// XLSX only: GDAL 3.6's ODS writer loses 1e-300 (it reads back as 0), so
  /// wijkstat writes no ODS.
  @Test(arguments: ["XLSX"]) func writtenAndReadBack(_ driver: String) throws {
    let folder = try TemporaryFolder()
    let path = folder.path("tables.\(driver.lowercased())")
    let sheet = SpreadsheetTable(name: "rates", table: Self.table, language: .nl)
    let readme = SpreadsheetTable(
      name: "README",
      table: TextTable(header: ["sheet", "contents"], rows: [["rates", "tables/rates.csv"]]),
      language: .en)
    try WorkbookWriter.write([readme, sheet], driver: driver, to: path)
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
}
