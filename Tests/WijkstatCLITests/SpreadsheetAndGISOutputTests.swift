import Foundation
import GDALBridge
import Testing
import WijkstatTestSupport

/// Spreadsheets and GIS layers of a run (issue 18), read back with GDAL as a
/// user's tools read them. The runs are ReportReadabilityTests' (Dutch with
/// `--csv-dialect nl`, English).
@Suite(.serialized) struct SpreadsheetAndGISOutputTests {
  /// tables.xlsx through GDAL's XLSX driver: a README sheet first, a sheet per
  /// machine table, Dutch headers, numbers as number cells holding the CSV's
  /// full-precision values.
  @Test func theWorkbookHasTypedSheetsWithDutchHeaders() throws {
    let out = try ReportReadabilityTests.dutch.get()
    // Types guessed from the cells, as a user's GDAL reads a workbook (wijkstat
    // itself reads workbooks as text: OGR_XLSX_FIELD_TYPES=STRING).
    try GDALLibrary.withConfigOption("OGR_XLSX_FIELD_TYPES", "AUTO") {
      let workbook = try Dataset.openVector(out.appendingPathComponent("tables.xlsx").path)
      #expect(workbook.driverName == "XLSX")
      let names = (0..<workbook.layerCount).compactMap { workbook.layer(at: $0)?.name }
      #expect(names.first == "README")
      for sheet in [
        "correlations", "contrast", "contrast-tests", "rankings", "trends", "trend-changes",
        "rates", "moran", "lisa",
      ] {
        #expect(names.contains(sheet), "no sheet \(sheet) in \(names)")
      }
      #expect(!names.contains("correlations-pc4"))
      let rankings = try #require(workbook.layer(named: "rankings"))
      let fields = rankings.fields
      #expect(
        fields.map(\.name) == [
          "rang", "code", "naam", "provincie", "% gemeld", "gemeld", "kinderen",
          "lijst (top/bottom)",
        ])
      #expect(fields[4].type == .real && fields[6].type == .integer && fields[1].type == .string)
      let csv = try CSVRows.read(out.appendingPathComponent("tables/rankings.csv"))
      var first: (code: String?, pct: Double?)? = nil
      try rankings.forEachFeature { feature in
        if first == nil { first = (feature.string(at: 1), feature.double(at: 4)) }
      }
      #expect(first?.code == csv[0]["code"])
      let expected = try #require(Double(csv[0]["pct_reported"] ?? ""))
      // The cell holds the CSV's value exactly (the shortest decimal that reads
      // back as the same double; GDAL's own writer kept 16 significant digits).
      #expect(first?.pct == expected, "the cell holds the CSV's value")
      // The trends are long in the workbook too: area, name, year, % per year (and
      // `*` where StatLine's figures are provisional; none in the demo).
      let trends = try #require(workbook.layer(named: "trends"))
      #expect(trends.fields.map(\.name) == ["gebied", "naam", "jaar", "% gemeld", "voorlopig (*)"])
      // English run: English headers.
      let english = try Dataset.openVector(
        try ReportReadabilityTests.english.get().appendingPathComponent("tables.xlsx").path)
      #expect(
        try #require(english.layer(named: "rankings")).fields.map(\.name).prefix(3) == [
          "rank", "code", "name",
        ])
    }
  }

  /// `--csv-dialect nl`: tables-nl/NAME.csv with a byte-order mark, `;` and the
  /// decimal comma; the values are the machine CSV's, digit for digit.
  @Test func dutchLocaleCSV() throws {
    let out = try ReportReadabilityTests.dutch.get()
    let bytes = try Data(contentsOf: out.appendingPathComponent("tables-nl/rankings.csv"))
    #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
    let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
    let lines = text.components(separatedBy: "\r\n")
    #expect(lines[0] == "rank;code;name;province;pct_reported;reported;children;list")
    let machine = try String(
      contentsOf: out.appendingPathComponent("tables/rankings.csv"), encoding: .utf8
    ).split(separator: "\n")
    let cells = machine[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    #expect(
      lines[1] == cells.map { $0.replacingOccurrences(of: ".", with: ",") }.joined(separator: ";"))
    #expect(
      lines[1].contains(cells[4].replacingOccurrences(of: ".", with: ",")) && cells[4].contains(".")
    )
    // The English run did not ask for them.
    #expect(
      !FileManager.default.fileExists(
        atPath: try ReportReadabilityTests.english.get().appendingPathComponent("tables-nl").path))
  }

  /// Kaart 1's GeoPackage: the map and its gemeente outlines as two layers,
  /// each with an R-tree (gpkg_extensions) and a QGIS style; graduated on the
  /// value field, not on the class number.
  @Test func geoPackagesHaveIndexesOutlinesAndValueStyles() throws {
    let out = try ReportReadabilityTests.dutch.get()
    let path = out.appendingPathComponent("maps/kaart-1-pct-gemeld-pc4.gpkg").path
    let gpkg = try Dataset.openVector(path)
    let layers = (0..<gpkg.layerCount).compactMap { gpkg.layer(at: $0)?.name }.filter {
      $0 != "layer_styles"
    }
    #expect(layers == ["kaart-1-pct-gemeld-pc4", "outlines_gemeente"])
    // The speerpunt region has two gemeenten.
    #expect(gpkg.layer(named: "outlines_gemeente")?.featureCount == 2)
    let indexes = try gpkg.query(
      "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index' ORDER BY table_name"
    ).rows
    #expect(indexes == [["kaart-1-pct-gemeld-pc4"], ["outlines_gemeente"]])
    let styles = try gpkg.query(
      "SELECT f_table_name, styleQML FROM layer_styles ORDER BY f_table_name"
    ).rows
    #expect(styles.count == 2)
    #expect(
      styles[0][1]?.contains(
        "type=\"graduatedSymbol\" attr=\"CASE WHEN &quot;status&quot; = &#39;suppressed&#39; THEN -2000000000"
      ) == true)
    #expect(styles[0][1]?.contains("ELSE &quot;pct_reported&quot; END") == true)
    #expect(styles[1][1]?.contains("type=\"singleSymbol\"") == true)
    // ogrinfo (GDAL's own tool) sees the index on every layer of every map GeoPackage.
    for name in ["kaart-2-achterstandswijken", "pc4-lisa", "gemeenten-pct-gemeld"] {
      let other = try Dataset.openVector(out.appendingPathComponent("maps/\(name).gpkg").path)
      let count = try other.query(
        "SELECT COUNT(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'"
      ).rows
      #expect(count.first?.first ?? nil != "0", "\(name) has no R-tree")
    }
  }

  /// Kaart 2 (achterstandswijken): the value column holds the category (`1`,
  /// `0`), never NULL for an area with a flag, and the style is categorised on it.
  @Test func uniqueValueMapsHaveARealValueColumnAndACategorisedStyle() throws {
    let out = try ReportReadabilityTests.dutch.get()
    let gpkg = try Dataset.openVector(
      out.appendingPathComponent("maps/kaart-2-achterstandswijken.gpkg").path)
    let values = try gpkg.query(
      "SELECT achterstandswijk, label, COUNT(*) FROM \"kaart-2-achterstandswijken\" GROUP BY achterstandswijk, label ORDER BY achterstandswijk"
    ).rows
    // The legend of the report's Kaart 2 (37 deprived, 75 other areas in the speerpunt gemeenten).
    let legend = try #require(
      try JSONSerialization.jsonObject(
        with: Data(
          contentsOf: out.appendingPathComponent("maps/kaart-2-achterstandswijken.legend.json")))
        as? [String: Any])
    let counts = try #require(legend["counts"] as? [Int])
    #expect(
      values == [
        ["0", "geen achterstandswijk", String(counts[0])],
        ["1", "achterstandswijk", String(counts[1])],
      ])
    let qml =
      try gpkg.query(
        "SELECT styleQML FROM layer_styles WHERE f_table_name = 'kaart-2-achterstandswijken'"
      ).rows.first?.first ?? nil
    #expect(qml?.contains("type=\"categorizedSymbol\" attr=\"achterstandswijk\"") == true)
    #expect(qml?.contains("<category value=\"1\" symbol=\"1\" label=\"achterstandswijk\"") == true)
    // The GeoJSON beside it: the same style as a .qml sidecar, which QGIS applies on open.
    let sidecar = try String(
      contentsOf: out.appendingPathComponent("maps/kaart-2-achterstandswijken.qml"), encoding: .utf8
    )
    #expect(sidecar == qml)
  }

  /// GeoJSON features: a stable `id` (the code), simplestyle `title` and
  /// `description` (the hover text; a withheld area's without a value), and
  /// English labels in the English run.
  @Test func geoJSONFeaturesHaveIdTitleAndDescription() throws {
    for (result, withheld) in [
      (ReportReadabilityTests.dutch, "afgeschermd"), (ReportReadabilityTests.english, "withheld"),
    ] {
      let url = try result.get().appendingPathComponent("maps/kaart-1-pct-gemeld-pc4.geojson")
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
      let features = try #require(object["features"] as? [[String: Any]])
      var ids = Set<String>()
      var suppressed = 0
      for feature in features {
        let properties = try #require(feature["properties"] as? [String: Any])
        let code = try #require(properties["code"] as? String)
        #expect(feature["id"] as? String == code)
        ids.insert(code)
        #expect(properties["title"] as? String == code)
        let description = try #require(properties["description"] as? String)
        if properties["status"] as? String == "suppressed" {
          suppressed += 1
          #expect(description == "PC-4 \(code): \(withheld)")
          #expect(properties["pct_reported"] is NSNull)
        } else {
          #expect(description.hasPrefix("PC-4 \(code) — "))
        }
      }
      #expect(ids.count == features.count && suppressed > 0)
    }
    let lisa = try String(
      contentsOf: try ReportReadabilityTests.english.get().appendingPathComponent(
        "maps/pc4-lisa.geojson"), encoding: .utf8)
    #expect(lisa.contains("\"not significant\"") && !lisa.contains("niet significant"))
  }

  /// `--format` with GDAL's drivers by name: each file written and read back by
  /// GDAL with every area; a Shapefile's `.qml` on its cut field name; KML
  /// placemarks styled with the area's fill.
  @Test func anyGDALVectorDriver() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-formats-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo").path
    let result = try Wijkstat.run([
      "map", "--areas", "pc4=\(demo)/pc4.geojson", "--reports", "\(demo)/meldingen.csv",
      "--population", "\(demo)/kinderen.csv",
      "--variable", "pct_reported", "--year", "2009", "--format",
      "geojson,ESRI Shapefile,FlatGeobuf,KML,MapInfo File,CSV",
      "--out", out.path, "-q",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    for (folder, file) in [
      ("esri-shapefile", "pct_reported.shp"), ("flatgeobuf", "pct_reported.fgb"),
      ("kml", "pct_reported.kml"), ("mapinfo-file", "pct_reported.tab"),
      ("csv", "pct_reported.csv"),
    ] {
      let path = out.appendingPathComponent("\(folder)/\(file)").path
      let dataset = try Dataset.openVector(path)
      #expect(dataset.layer(at: 0)?.featureCount == 352, "\(file)")
    }
    let shapefileStyle = try String(
      contentsOf: out.appendingPathComponent("esri-shapefile/pct_reported.qml"), encoding: .utf8)
    #expect(shapefileStyle.contains("ELSE &quot;pct_report&quot; END"))
    let kml = try String(
      contentsOf: out.appendingPathComponent("kml/pct_reported.kml"), encoding: .utf8)
    // Every placemark is styled with its fill at 85% opacity (KML colours are aabbggrr).
    #expect(kml.components(separatedBy: "<PolyStyle>").count - 1 == 352)
    #expect(kml.contains("<color>d92600bd</color>"))
    // Fields by name, not position: the hover text is the placemark's description.
    #expect(kml.contains("<description>PC-4 3300 — % gemelde kinderen: 1,77"))
    // A name GDAL does not know is a usage error before any input is read.
    let bad = try Wijkstat.run([
      "map", "--areas", "x.geojson", "--variable", "pct_reported", "--format", "Shapefile2000",
      "--out", out.path,
    ])
    #expect(bad.status == 64 && bad.stderr.contains("GDAL vector driver"))
  }
}
