import Foundation
import GDALBridge
import Testing
import WijkstatCore

@testable import WijkstatIO

@Suite struct TableReaderTests {
  /// The koppeltabel: `;`-separated, UTF-8 BOM, CRLF, 342 gemeenten (DOMAIN.md).
  @Test func readsKoppeltabelWithBOMAndSemicolons() throws {
    let table = try TableReader.read(SharedData.path("gemeenten-2023-koppeltabel.csv"))
    #expect(
      table.columns == [
        "gemeentCode", "gemeenteNaam", "veiligheidsRegioCode", "veiligheidsRegioNaam",
        "provincieCode", "Provincie", "Land",
      ])
    #expect(table.rows.count == 342)
    #expect(table.rows[0] == ["GM1979", "Eemsdelta", "VR01", "Groningen", "PV20", "Groningen", "NL"])
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

  @Test func missingFileAndTable() throws {
    let missing = try #require(throws: UserError.self) { try TableReader.read("/nonexistent/r.csv") }
    #expect(missing.description == "/nonexistent/r.csv: no such file")
    let table = try #require(throws: UserError.self) {
      try TableReader.read(SharedData.path("gemeenten-2023-koppeltabel.csv"), layer: "x")
    }
    #expect(table.message.hasPrefix("no table \"x\""))
  }
}
