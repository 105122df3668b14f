import Foundation
import Testing
import WijkstatTestSupport

@Suite struct InspectCommandTests {
  @Test(.needsSharedData) func jsonDescribesTheGemeentenFile() throws {
    let result = try Wijkstat.run(["inspect", Wijkstat.shared("gemeenten-2023.geojson"), "--json"])
    #expect(result.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let layers = try #require(object["layers"] as? [[String: Any]])
    #expect(layers.count == 1)
    let layer = layers[0]
    #expect(layer["name"] as? String == "gemeenten")
    #expect(layer["feature_count"] as? Int == 342)
    #expect(layer["crs"] as? String == "EPSG:4289")
    #expect(layer["key_field"] as? String == "gemeenteCode")
    #expect(layer["key_kind"] as? String == "gemeente_code")
    #expect(layer["invalid_geometries"] as? Int == 5)
    #expect(layer["empty_geometries"] as? Int == 0)
    #expect((layer["duplicate_keys"] as? [String])?.isEmpty == true)
    let extent = try #require(layer["extent_wgs84"] as? [Double])
    // ogrinfo: Extent (3.358000, 50.751000) - (7.218000, 53.554000) in EPSG:4289; the
    // Amersfoort → WGS84 datum shift moves it by less than 0.002 degrees.
    #expect(extent.count == 4)
    #expect(abs(extent[0] - 3.358) < 0.002 && abs(extent[3] - 53.554) < 0.002)
    let fields = try #require(layer["fields"] as? [[String: String]])
    #expect(fields.map { $0["name"] ?? "" } == ["gemeenteCode", "gemeenteNaam"])
  }

  @Test(.needsSharedData) func summaryForPeopleNamesKeyAndCRS() throws {
    let result = try Wijkstat.run(["inspect", Wijkstat.shared("pc4.geojson")])
    #expect(result.status == 0)
    #expect(result.stdout.contains("layer \"pc4\": 4,038 features"))
    #expect(result.stdout.contains("crs       EPSG:4326 (WGS 84)"))
    #expect(result.stdout.contains("key       PC4CODE → pc4; 0 duplicate, 0 empty, 0 invalid"))
  }

  @Test func missingFileExitsOneWithOneLine() throws {
    let result = try Wijkstat.run(["inspect", "/nonexistent/gemeenten.gpkg"])
    #expect(result.status == 1)
    #expect(result.stderr == "wijkstat: error: /nonexistent/gemeenten.gpkg: no such file\n")
    #expect(result.stdout.isEmpty)
  }

  @Test func corruptFileExitsOneWithoutCrash() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("broken.gpkg").path
    try Data("not a geopackage".utf8).write(to: URL(fileURLWithPath: path))
    let result = try Wijkstat.run(["inspect", path])
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("wijkstat: error: \(path): cannot open as a vector source"))
  }

  @Test func usageErrorExits64() throws {
    let result = try Wijkstat.run(["inspect"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("Missing expected argument '<source>'"))
  }
}
