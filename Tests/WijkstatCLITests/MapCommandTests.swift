import Foundation
import GDALBridge
import Testing
import WijkstatTestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `wijkstat map` on the real ../shared/data/nl/pc4.geojson and its `density`
/// attribute: 4,038 areas, 10 of them without a density (ogrinfo: 10 NULL).
@Suite(.serialized, .needsSharedData) struct MapCommandTests {
  static let made: Result<URL, Error> = Result {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-map-\(UUID().uuidString)")
    let result = try Wijkstat.run([
      "map", "--areas", Wijkstat.shared("pc4.geojson"), "--variable", "density", "--method",
      "fisher-jenks", "--classes", "5", "--colors", "Blues", "--out", out.path, "-q",
    ])
    guard result.status == 0 else { throw RunCommandTests.RunFailure(message: result.stderr) }
    return out
  }

  func legend() throws -> [String: Any] {
    let url = try Self.made.get().appendingPathComponent("density.legend.json")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  }

  @Test func everyAreaIsWrittenAndTheTenWithoutDensityAreNoData() throws {
    let legend = try legend()
    let counts = try #require(legend["counts"] as? [Int])
    #expect(counts.count == 5)
    #expect(counts.reduce(0, +) == 4_028)
    #expect((legend["no_data"] as? [String: Any])?["count"] as? Int == 10)
    let dataset = try Dataset.openVector(
      try Self.made.get().appendingPathComponent("density.geojson").path)
    let layer = try #require(dataset.layer(at: 0))
    #expect(layer.featureCount == 4_038)
  }

  @Test func geoJSONFollowsRFC7946AndTheLegend() throws {
    let url = try Self.made.get().appendingPathComponent("density.geojson")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    #expect(object["crs"] == nil)
    #expect((object["bbox"] as? [Double])?.count == 4)
    let legend = try legend()
    let colors = try #require(legend["colors"] as? [String])
    let features = try #require(object["features"] as? [[String: Any]])
    var classCounts = [Int: Int]()
    for feature in features {
      let properties = try #require(feature["properties"] as? [String: Any])
      let klass = try #require(properties["class"] as? Int)
      classCounts[klass, default: 0] += 1
      let fill = properties["fill"] as? String
      if klass > 0 { #expect(fill == colors[klass - 1]) } else { #expect(fill == "#d9d9d9") }
      let geometry = try #require(feature["geometry"] as? [String: Any])
      let polygons: [[[[Double]]]]
      if geometry["type"] as? String == "Polygon" {
        polygons = [try #require(geometry["coordinates"] as? [[[Double]]])]
      } else {
        polygons = try #require(geometry["coordinates"] as? [[[[Double]]]])
      }
      for polygon in polygons {
        // Right-hand rule: the exterior ring is counter-clockwise (positive shoelace area).
        let ring = polygon[0]
        var twiceArea = 0.0
        for i in 0..<(ring.count - 1) {
          twiceArea += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
          #expect(ring[i][0] > 3.2 && ring[i][0] < 7.3 && ring[i][1] > 50.7 && ring[i][1] < 53.6)
        }
        #expect(twiceArea > 0)
      }
    }
    #expect(classCounts[0] == 10)
    #expect((1...5).map { classCounts[$0] ?? 0 } == legend["counts"] as? [Int])
    // Every geometry is valid, read back through GDAL.
    let dataset = try Dataset.openVector(url.path)
    var invalid = 0
    try dataset.layer(at: 0)!.forEachFeature { feature in
      if feature.geometry?.isValid != true { invalid += 1 }
    }
    #expect(invalid == 0)
  }

  @Test func geoPackageCarriesTheQGISStyle() throws {
    let dataset = try Dataset.openVector(
      try Self.made.get().appendingPathComponent("density.gpkg").path)
    let rows = try dataset.query(
      "SELECT f_table_name, f_table_schema, useAsDefault, styleQML FROM layer_styles"
    ).rows
    #expect(rows.count == 1)
    #expect(rows[0][0] == "density" && rows[0][1] == "" && rows[0][2] == "1")
    let qml = try XMLDocument(xmlString: try #require(rows[0][3]))
    let ranges = try qml.nodes(forXPath: "//ranges/range")
    #expect(ranges.count == 6)  // five classes and no data
    let colors = try #require(try legend()["colors"] as? [String])
    let symbolColors = try qml.nodes(
      forXPath: "//symbols/symbol/layer/Option/Option[@name='color']/@value"
    )
    .compactMap(\.stringValue)
    for (hex, rgba) in zip(colors, symbolColors) {
      let v = Int(hex.dropFirst(), radix: 16)!
      #expect(rgba == "\((v >> 16) & 255),\((v >> 8) & 255),\(v & 255),255")
    }
  }

  @Test func svgIsWellFormedWithOnePathPerArea() throws {
    let url = try Self.made.get().appendingPathComponent("density.svg")
    let document = try XMLDocument(contentsOf: url)
    let paths = try document.nodes(
      forXPath: "//*[local-name()='g'][@id='areas']/*[local-name()='path']")
    #expect(paths.count == 4_038)
  }

  /// `--format` limits the files; an unknown format is refused before anything is written.
  @Test func formatChoosesTheFiles() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-map-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try Wijkstat.run([
      "map", "--areas", Wijkstat.shared("pc4.geojson"), "--variable", "density", "--format",
      "geojson",
      "--out", out.path, "-q",
    ])
    #expect(result.status == 0)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        == [
          "density.geojson", "density.legend.json", "density.qml", "internal",
          "wijkstat-manifest.json",
        ])
    let refused = try Wijkstat.run([
      "map", "--areas", Wijkstat.shared("pc4.geojson"), "--variable", "density", "--format",
      "geojson,shp",
      "--out", out.path + "-2", "-q",
    ])
    #expect(refused.status != 0)
    #expect(
      refused.stderr.contains(
        "map format \"shp\" is not geojson, gpkg, svg or a GDAL vector driver"))
    #expect(!FileManager.default.fileExists(atPath: out.path + "-2"))
  }
}
