import Foundation
import GDALBridge
import Testing
import WijkstatCore

@testable import WijkstatIO
import WijkstatTestSupport

@Suite struct TableReaderTests {
  /// The koppeltabel: `;`-separated, UTF-8 BOM, CRLF, 342 gemeenten (DOMAIN.md).
  @Test(.needsSharedData) func readsKoppeltabelWithBOMAndSemicolons() throws {
    let table = try TableReader.read(SharedData.path("gemeenten-2023-koppeltabel.csv"))
    #expect(
      table.columns == [
        "gemeentCode", "gemeenteNaam", "veiligheidsRegioCode", "veiligheidsRegioNaam",
        "provincieCode", "Provincie", "Land",
      ])
    #expect(table.rows.count == 342)
    #expect(
      table.rows[0] == ["GM1979", "Eemsdelta", "VR01", "Groningen", "PV20", "Groningen", "NL"])
    #expect(table.lineNumbers.first == 2)
    #expect(table.lineNumbers.last == 343)
  }

  @Test func keepsDecimalCommasAndMarkersAsText() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "reports.csv",
      bytes: Array("\u{FEFF}area;year;count\r\n1011;2009;1,5\r\n\"1012\";2009;x\r\n".utf8))
    let table = try TableReader.read(path)
    #expect(table.columns == ["area", "year", "count"])
    #expect(table.rows == [["1011", "2009", "1,5"], ["1012", "2009", "x"]])
    #expect(table.lineNumbers == [2, 3])
  }

  @Test func readsLatin1Bytes() throws {
    let folder = try TemporaryFolder()
    // "Wûnseradiel" with û as the single Latin-1 byte 0xFB.
    var bytes = Array("gemeente,jaar\nW".utf8)
    bytes.append(0xFB)
    bytes += Array("nseradiel,2009\n".utf8)
    let path = try folder.write("latin1.csv", bytes: bytes)
    let table = try TableReader.read(path)
    #expect(table.rows == [["Wûnseradiel", "2009"]])
  }

  @Test func readsTabSeparatedAndSpreadsheet() throws {
    let folder = try TemporaryFolder()
    let tsv = try folder.write("p.tsv", "area\tyear\tchildren\n1011\t2009\t1200\n")
    #expect(try TableReader.read(tsv).rows == [["1011", "2009", "1200"]])

    // An XLSX written through GDAL's own driver, read back as text.
    let xlsx = folder.path("p.xlsx")
    let out = try Dataset.create(driver: "XLSX", path: xlsx)
    let sheet = try out.createLayer(name: "bevolking", spatialReference: nil, geometry: .none)
    try sheet.createField(FieldDefinition(name: "postcode", type: .string))
    try sheet.createField(FieldDefinition(name: "kinderen", type: .integer))
    let f = sheet.makeFeature()
    f.set("1011", at: 0)
    f.set(Int64(1200), at: 1)
    try sheet.add(f)
    try out.close()
    let table = try TableReader.read(xlsx)
    #expect(table.columns == ["postcode", "kinderen"])
    #expect(table.rows == [["1011", "1200"]])
    #expect(table.lineNumbers == [2])
  }

  @Test(.needsSharedData) func missingFileAndTable() throws {
    let missing = try #require(throws: UserError.self) {
      try TableReader.read("/nonexistent/r.csv")
    }
    #expect(missing.description == "/nonexistent/r.csv: no such file")
    let table = try #require(throws: UserError.self) {
      try TableReader.read(SharedData.path("gemeenten-2023-koppeltabel.csv"), layer: "x")
    }
    #expect(table.message.hasPrefix("no table \"x\""))
  }
}

/// wijkstat's own delimited-text reader: edge cases worked out by hand from
/// RFC 4180 and GDAL's CSV conventions, and the same tables as GDAL's driver on
/// real and demo files.
@Suite struct DelimitedTextReaderTests {
  @Test func quotingLineEndsBlankLinesAndWidths() throws {
    let folder = try TemporaryFolder()
    let text =
      "code,\"naam, lang\",,jaar\r\n"  // quoted separator; an empty header name
      + "1011,\"De \"\"Wallen\"\"\",x,2009\r\n"  // "" is a quote
      + "\n"  // blank line: skipped, still counted
      + "1012,\"twee\nregels\",y\r"  // line break inside quotes; short row; CR line end
      + "1013,b,c,2010,extra\n"  // a cell beyond the header is ignored
    let path = try folder.write("t.csv", text)
    let table = try TableReader.read(path)
    #expect(table.columns == ["code", "naam, lang", "field_3", "jaar"])
    #expect(
      table.rows == [
        ["1011", "De \"Wallen\"", "x", "2009"], ["1012", "twee\nregels", "y", ""],
        ["1013", "b", "c", "2010"],
      ])
    // Physical lines: header 1, first row 2, blank 3, the two-line row 4–5, then 6.
    #expect(table.lineNumbers == [2, 4, 6])
    // The short row (3 fields) and the one with text beyond the header (5) are listed.
    #expect(table.fieldCounts == [1: 3, 2: 5])
  }

  /// QA Q7 (session 6): `3300,2009,0-3,7,9` (a thousands separator, or a stray
  /// field) and `3300,2009,4-7` (no count) under a 4-column header are errors
  /// naming the file, the line and both numbers of fields, where the table is
  /// read as counts. Trailing empty fields (`;;` of a spreadsheet export), rows
  /// of empty fields only and blank lines are fine.
  @Test func rowsOfAnotherWidthAreAnErrorWhereCountsAreRead() throws {
    let folder = try TemporaryFolder()
    let pc4 = AreaCatalog(level: .pc4, codes: ["3300"], source: "pc4")
    func build(_ path: String) throws -> PanelBuild {
      let table = try TableReader.read(path)
      return try PanelBuilder.build(
        PanelSources(catalogs: [.pc4: pc4], reports: [LevelledTable(table)]))
    }
    let header = "area,year,age_group,count\n"
    let extra = try folder.write("extra.csv", header + "3300,2009,0-3,7\n\n3300,2009,4-7,7,9\n")
    let extraError = try #require(throws: UserError.self) { try build(extra) }
    #expect(
      extraError.description
        == "\(extra): line 4: 5 fields where the header has 4: a row must have one field per column (quote a value that holds the separator)"
    )
    let short = try folder.write("short.csv", header + "3300,2009,0-3,7\n3300,2009,4-7\n")
    let shortError = try #require(throws: UserError.self) { try build(short) }
    #expect(shortError.description.hasPrefix("\(short): line 3: 3 fields where the header has 4"))
    let spreadsheet = try folder.write(
      "export.csv", "area;year;age_group;count\r\n3300;2009;0-3;7;;\r\n3300;2009;4-7;9;;;\r\n\r\n")
    let table = try TableReader.read(spreadsheet)
    #expect(table.fieldCounts.isEmpty)
    let panel = try build(spreadsheet).panel
    #expect(panel.rows.first { $0.area == "3300" }?.reported[.age4to7] == 9)
  }

  @Test func separatorDetection() {
    func separator(_ header: String) -> String {
      let bytes = Array(header.utf8)
      return bytes.withUnsafeBufferPointer {
        String(UnicodeScalar(DelimitedTextReader.detectSeparator($0, from: 0)))
      }
    }
    #expect(separator("a;b;c") == ";")
    #expect(separator("a\tb") == "\t")
    #expect(separator("\"x;y\",b") == ",")  // the ; is quoted
    #expect(separator("a;b,c") == ",")  // mixed: GDAL falls back to ,
    #expect(separator("a b") == " ")
    #expect(separator("alleen") == ",")
  }

  @Test func emptyFileIsAnError() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("leeg.csv", "\n\n")
    let error = try #require(throws: UserError.self) { try TableReader.read(path) }
    #expect(error.description == "\(path): the file is empty: a table needs a header line")
  }

  /// Through GDAL's driver (a layer name forces that path) and through ours: the
  /// same columns, cells and line numbers.
  @Test(.needsSharedData) func sameTablesAsGDAL() throws {
    let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("data/demo")
    let files = [
      (SharedData.path("gemeenten-2023-koppeltabel.csv"), "gemeenten-2023-koppeltabel"),
      (demo.appendingPathComponent("meldingen.csv").path, "meldingen"),
      (demo.appendingPathComponent("indicatoren-gemeente.csv").path, "indicatoren-gemeente"),
    ]
    for (path, layer) in files {
      let ours = try TableReader.read(path)
      let gdal = try TableReader.read(path, layer: layer)
      #expect(ours.columns == gdal.columns, "\(path)")
      #expect(ours.rows == gdal.rows, "\(path)")
      #expect(ours.lineNumbers == gdal.lineNumbers, "\(path)")
      #expect(ours.rows.count >= 56, "\(path)")
    }
  }

  /// Any bytes at all: 3,000 generated files of separators, quotes, line breaks,
  /// Latin-1 and UTF-8 bytes either read as a table whose rows all have the
  /// header's width and increasing line numbers, or give the empty-file error;
  /// never a crash.
  @Test func arbitraryBytesNeverCrash() throws {
    let alphabet: [UInt8] = Array("a1,;\t\"\r\n x".utf8) + [0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]
    var random = SeededRandom(seed: 99)
    var tables = 0
    for _ in 0..<3_000 {
      let length = Int(random.next(upperBound: UInt64(120)))
      let bytes = (0..<length).map { _ in
        alphabet[Int(random.next(upperBound: UInt64(alphabet.count)))]
      }
      let table: RawTable
      do {
        table = try bytes.withUnsafeBufferPointer {
          try DelimitedTextReader.parse($0, source: "fuzz.csv", tabSeparated: false)
        }
      } catch let error as UserError {
        #expect(error.message == "the file is empty: a table needs a header line")
        continue
      }
      tables += 1
      #expect(!table.columns.isEmpty)
      #expect(table.rows.allSatisfy { $0.count == table.columns.count })
      #expect(zip(table.lineNumbers, table.lineNumbers.dropFirst()).allSatisfy { $0 < $1 })
      #expect(table.lineNumbers.allSatisfy { $0 >= 2 })
    }
    #expect(tables > 2_000)
  }
}
