import Foundation
import GDALBridge
import Testing
import WijkstatCore

@testable import WijkstatIO

/// A 1 km square in RD New with its lower-left corner at (x, y), drawn clockwise
/// on purpose so the writer must fix the winding.
func clockwiseSquare(_ x: Double, _ y: Double) -> MultiPolygon {
  MultiPolygon([
    Polygon(
      exterior: Ring([
        Point(x: x, y: y), Point(x: x, y: y + 1000), Point(x: x + 1000, y: y + 1000),
        Point(x: x + 1000, y: y), Point(x: x, y: y),
      ]))
  ])
}

@Suite struct VectorWriterTests {
  let layer = OutputLayer(
    name: "map",
    fields: [AttributeField("code", .text), AttributeField("value", .real), AttributeField("class", .integer)],
    geometries: [clockwiseSquare(155_000, 463_000), clockwiseSquare(156_000, 463_000)],
    rows: [[.text("3811"), .real(1.25), .integer(1)], [.text("3812"), .null, .integer(0)]])

  @Test func geoJSONIsRFC7946() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("map.geojson")
    try VectorWriter.writeGeoJSON(layer, to: path)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        as? [String: Any])
    #expect(object["crs"] == nil)
    #expect((object["bbox"] as? [Double])?.count == 4)
    let features = try #require(object["features"] as? [[String: Any]])
    #expect(features.count == 2)
    let properties = try #require(features[1]["properties"] as? [String: Any])
    #expect(properties["code"] as? String == "3812")
    #expect(properties["value"] is NSNull)
    let geometry = try #require(features[0]["geometry"] as? [String: Any])
    // GDAL writes a one-part MultiPolygon as a Polygon; both are valid RFC 7946.
    let exterior: [[Double]]
    if geometry["type"] as? String == "Polygon" {
      exterior = try #require(geometry["coordinates"] as? [[[Double]]])[0]
    } else {
      exterior = try #require(geometry["coordinates"] as? [[[[Double]]]])[0][0]
    }
    let ring = exterior.map { Point(x: $0[0], y: $0[1]) }
    // Exterior ring counter-clockwise after the driver's right-hand-rule fix.
    #expect(Ring(ring).signedArea > 0)
    // RD (155 000, 463 000) is the Amersfoort origin: about 5.387° E, 52.155° N in WGS84.
    #expect(abs(ring[0].x - 5.387) < 0.01 && abs(ring[0].y - 52.155) < 0.01)
    // No temporary files are left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["map.geojson"])
  }

  @Test func geoPackageHoldsStyleRowAndIsReproducible() throws {
    let folder = try TemporaryFolder()
    let style = LayerStyleRow(
      tableName: "map", styleName: "map", qml: "<qgis version=\"3.28\"/>", description: "test",
      updateTime: "2000-01-01T00:00:00Z")
    let first = folder.path("a.gpkg")
    let second = folder.path("b.gpkg")
    try VectorWriter.writeGeoPackage([layer], styles: [style], to: first)
    try VectorWriter.writeGeoPackage([layer], styles: [style], to: second)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: first))
        == Data(contentsOf: URL(fileURLWithPath: second)))

    let dataset = try Dataset.openVector(first)
    let map = try #require(dataset.layer(named: "map"))
    #expect(map.featureCount == 2)
    #expect(map.spatialReference?.epsgCode == "EPSG:28992")
    let rows = try dataset.query(
      "SELECT f_table_name, f_table_schema, useAsDefault, styleQML FROM layer_styles")
    #expect(rows.rows.count == 1)
    #expect(rows.rows[0][0] == "map")
    #expect(rows.rows[0][1] == "")
    #expect(rows.rows[0][2] == "1")
    #expect(rows.rows[0][3] == "<qgis version=\"3.28\"/>")
  }
}
