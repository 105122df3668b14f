import Foundation
import GDALBridge
import Testing
import WijkstatCore
import WijkstatIO

@testable import WijkstatPipeline

/// A sheet of tables.xlsx holds at most `SpreadsheetTable.sheetRowLimit`
/// (100,000) rows (issue 18: a sheet is a person's; the CSV holds every row):
/// a table of 100,001 rows gets a sheet of its first 100,000 and a README line
/// pointing to its CSV, in the workbook's language; a table of exactly 100,000
/// rows is whole. Read back with GDAL's XLSX driver, as a user's GDAL reads it.
@Suite(.serialized) struct SpreadsheetsRowLimitTests {
  /// `rows` rows `A0,2009,0.5`, `A1,2009,1.5`, … (values i + 0.5).
  static func table(_ rows: Int) -> TextTable {
    TextTable(
      header: ["area", "year", "pct_reported"],
      rows: (0..<rows).map { ["A\($0)", "2009", "\(Double($0) + 0.5)"] }, numeric: [1, 2])
  }

  /// Sheet name → rows, and the README sheet's cells (every cell as text).
  static func read(_ path: String) throws -> (counts: [String: Int], readme: [String]) {
    let workbook = try Dataset.openVector(path)
    var counts: [String: Int] = [:]
    var readme: [String] = []
    for index in 0..<workbook.layerCount {
      guard let layer = workbook.layer(at: index) else { continue }
      counts[layer.name] = layer.featureCount
      if layer.name == "README" {
        try layer.forEachFeature { feature in
          readme += (0..<layer.fields.count).compactMap { feature.string(at: $0) }
        }
      }
    }
    return (counts, readme)
  }

  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-rowlimit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func aLongTableIsCutToItsFirstRowsWithAPointerToTheCSV() throws {
    #expect(SpreadsheetTable.sheetRowLimit == 100_000)
    #expect(SpreadsheetTable.sheetRowLimit < SpreadsheetTable.excelRowLimit)
    let out = try Self.folder()
    defer { try? FileManager.default.removeItem(at: out) }
    // As a project run collects them without the Dutch CSVs: the long table
    // is kept cut, with its row count.
    let collector = TableCollector(keepsLongTables: false)
    collector.add(Self.table(100_001), "rates")
    collector.add(Self.table(100_000), "exact")
    #expect(collector.longTableRows == ["rates": 100_001])
    #expect(collector.tables.first { $0.name == "rates" }?.table.rows.count == 100_000)
    try Spreadsheets.write(
      collector.tables, language: .nl, labels: IndicatorLabels(), dutchCSV: false, title: "Test",
      into: out, rowCounts: collector.longTableRows)
    let (counts, readme) = try Self.read(out.appendingPathComponent("tables.xlsx").path)
    #expect(counts["rates"] == 100_000)
    #expect(counts["exact"] == 100_000)
    #expect(
      readme.contains(
        "de eerste 100.000 van 100.001 rijen (een werkblad om te lezen); elke rij staat in tables/rates.csv"
      ), "\(readme)")
    #expect(readme.contains("tables/exact.csv, 100.000 rijen"), "\(readme)")
    // The sheet's last row is the table's 100,000th (A99999, 99999.5), numbers as numbers.
    try GDALLibrary.withConfigOption("OGR_XLSX_FIELD_TYPES", "AUTO") {
      let workbook = try Dataset.openVector(out.appendingPathComponent("tables.xlsx").path)
      let rates = try #require(workbook.layer(named: "rates"))
      #expect(rates.fields.map(\.name) == ["gebied", "jaar", "% gemeld"])
      var last: (String?, Double?) = (nil, nil)
      try rates.forEachFeature { last = ($0.string(at: 0), $0.double(at: 2)) }
      #expect(last.0 == "A99999" && last.1 == 99_999.5)
    }
  }

  /// The table kept whole (the Dutch-locale CSVs need every row): the sheet is
  /// cut all the same, the pointer in English for an English workbook, and
  /// tables-nl/rates.csv holds every row.
  @Test func theWholeTableIsCutTooAndTheDutchCSVKeepsEveryRow() throws {
    let out = try Self.folder()
    defer { try? FileManager.default.removeItem(at: out) }
    let collector = TableCollector(keepsLongTables: true)
    collector.add(Self.table(100_001), "rates")
    #expect(collector.longTableRows.isEmpty)
    try Spreadsheets.write(
      collector.tables, language: .en, labels: IndicatorLabels(), dutchCSV: true, title: "Test",
      into: out, rowCounts: collector.longTableRows)
    let (counts, readme) = try Self.read(out.appendingPathComponent("tables.xlsx").path)
    #expect(counts["rates"] == 100_000)
    #expect(
      readme.contains(
        "the first 100,000 of 100,001 rows (a sheet for reading); every row is in tables/rates.csv"
      ), "\(readme)")
    let csv = try String(
      contentsOf: out.appendingPathComponent("tables-nl/rates.csv"), encoding: .utf8)
    // Header and 100,001 rows, CRLF-terminated.
    #expect(csv.components(separatedBy: "\r\n").count == 100_003)
    #expect(csv.hasSuffix("A100000;2009;100000,5\r\n"))
  }
}
