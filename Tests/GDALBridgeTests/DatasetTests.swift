import Foundation
import Testing

@testable import GDALBridge
import WijkstatTestSupport

@Suite struct DatasetTests {
  @Test(.needsSharedData) func opensRealGeoJSONReadOnly() throws {
    let dataset = try Dataset.openVector(SharedData.path("gemeenten-2023.geojson"))
    #expect(dataset.driverName == "GeoJSON")
    #expect(dataset.layerCount == 1)
    let layer = try #require(dataset.layer(at: 0))
    #expect(layer.name == "gemeenten")
    #expect(layer.featureCount == 342)
    #expect(layer.fields.map(\.name) == ["gemeenteCode", "gemeenteNaam"])
    #expect(layer.spatialReference?.epsgCode == "EPSG:4289")
  }

  @Test func missingFileCarriesGDALsMessage() {
    do {
      _ = try Dataset.openVector("/nonexistent/wijkstat/x.gpkg")
      Issue.record("opening a missing file succeeded")
    } catch let error as GDALError {
      #expect(error.context.contains("/nonexistent/wijkstat/x.gpkg"))
      #expect(!error.messages.isEmpty)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  /// A geometry borrowed from a feature keeps the feature alive after the
  /// caller's last reference to the feature is gone.
  @Test(.needsSharedData) func borrowedGeometryOutlivesFeatureReference() throws {
    let dataset = try Dataset.openVector(SharedData.path("provincies.geojson"))
    let layer = try #require(dataset.layer(at: 0))
    var geometry: Geometry? = nil
    try layer.forEachFeature { feature in
      if geometry == nil { geometry = feature.geometry }
    }
    let area = try #require(geometry).area
    // Groningen's extent is about 1 degree wide and 0.5 high: a positive area in square degrees.
    #expect(area > 0.1 && area < 1)
  }

  @Test func writesAndReadsGeoPackage() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-bridge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("t.gpkg").path
    let out = try Dataset.create(driver: "GPKG", path: path)
    let layer = try out.createLayer(
      name: "squares", spatialReference: try SpatialReference.rdNew(), geometry: .multiPolygon)
    try layer.createField(FieldDefinition(name: "code", type: .string))
    let feature = layer.makeFeature()
    feature.set("1011", at: 0)
    // WKB of MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0))), little endian, built by hand.
    var wkb: [UInt8] = [1, 6, 0, 0, 0, 1, 0, 0, 0, 1, 3, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0]
    for (x, y) in [(0.0, 0.0), (10, 0), (10, 10), (0, 10), (0, 0)] {
      withUnsafeBytes(of: x.bitPattern.littleEndian) { wkb.append(contentsOf: $0) }
      withUnsafeBytes(of: y.bitPattern.littleEndian) { wkb.append(contentsOf: $0) }
    }
    try feature.setGeometry(try Geometry(wkb: wkb))
    try layer.add(feature)
    try out.close()

    let back = try Dataset.openVector(path)
    let read = try #require(back.layer(named: "squares"))
    #expect(read.featureCount == 1)
    var codes: [String] = []
    var area = 0.0
    try read.forEachFeature { f in
      codes.append(f.string(at: 0) ?? "")
      area = f.geometry?.area ?? 0
    }
    #expect(codes == ["1011"])
    #expect(abs(area - 100) < 1e-9)
  }
}
