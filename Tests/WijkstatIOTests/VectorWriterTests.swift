import Foundation
import GDALBridge
import Testing
import WijkstatCore

@testable import WijkstatIO
import WijkstatTestSupport

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
    fields: [
      AttributeField("code", .text), AttributeField("value", .real),
      AttributeField("class", .integer),
    ],
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
      updateTime: "2000-01-01T00:00:00.000Z")
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
    // Stored in GeoPackage's DATETIME form, YYYY-MM-DDTHH:MM:SS.SSSZ (without the
    // milliseconds GDAL warns of non-conformant content when reading it).
    #expect(
      try dataset.query("SELECT CAST(update_time AS TEXT) AS t FROM layer_styles").rows == [
        ["2000-01-01T00:00:00.000Z"]
      ])
    #expect(rows.rows[0][0] == "map")
    #expect(rows.rows[0][1] == "")
    #expect(rows.rows[0][2] == "1")
    #expect(rows.rows[0][3] == "<qgis version=\"3.28\"/>")
  }
}

/// wijkstat's own RFC 7946 writer against GDAL's GeoJSON driver (`RFC7946=YES`)
/// on the real PC-4 boundaries: the same features, properties, geometry types,
/// point counts and coordinates (within the last written decimal).
@Suite struct GeoJSONWriterTests {
  @Test(.needsSharedData) func matchesGDALDriverOnRealPC4() throws {
    let boundaries = try BoundaryReader.read(SharedData.path("pc4.geojson"))
    let areas = boundaries.layer.areas
    let layer = OutputLayer(
      name: "pc4",
      fields: [
        AttributeField("code", .text), AttributeField("value", .real),
        AttributeField("class", .integer), AttributeField("label", .text),
      ],
      geometries: areas.map(\.geometry),
      rows: areas.enumerated().map { n, area in
        [
          .text(area.code), n % 7 == 0 ? .null : .real(Double(n) / 3), .integer(n % 5),
          .text("0,1 – \"2\""),
        ]
      })
    let folder = try TemporaryFolder()
    let ours = folder.path("ours.geojson")
    let gdal = folder.path("gdal.geojson")
    try VectorWriter.writeGeoJSON(layer, to: ours, precision: 6)
    try VectorWriter.writeGeoJSONWithGDAL(layer, to: gdal, precision: 6, rfc7946: true)
    func features(_ path: String) throws -> (box: [Double], features: [[String: Any]]) {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
          as? [String: Any])
      #expect(object["crs"] == nil)
      return (
        try #require(object["bbox"] as? [Double]),
        try #require(object["features"] as? [[String: Any]])
      )
    }
    let (ourBox, ourFeatures) = try features(ours)
    let (gdalBox, gdalFeatures) = try features(gdal)
    #expect(ourFeatures.count == 4_038 && gdalFeatures.count == 4_038)
    #expect(zip(ourBox, gdalBox).allSatisfy { abs($0 - $1) <= 1.5e-6 })
    var points = 0
    var multi = 0
    var holes = 0
    for (a, b) in zip(ourFeatures, gdalFeatures) {
      let pa = try #require(a["properties"] as? [String: Any])
      let pb = try #require(b["properties"] as? [String: Any])
      #expect(pa["code"] as? String == pb["code"] as? String)
      #expect(pa["label"] as? String == "0,1 – \"2\"")
      #expect((pa["value"] as? Double) == (pb["value"] as? Double))
      #expect((pa["value"] is NSNull) == (pb["value"] is NSNull))
      #expect(pa["class"] as? Int == pb["class"] as? Int)
      let ga = try #require(a["geometry"] as? [String: Any])
      let gb = try #require(b["geometry"] as? [String: Any])
      #expect(ga["type"] as? String == gb["type"] as? String)
      // Both as lists of polygons of rings of [lon, lat].
      func polygons(_ g: [String: Any]) throws -> [[[[Double]]]] {
        g["type"] as? String == "Polygon"
          ? [try #require(g["coordinates"] as? [[[Double]]])]
          : try #require(g["coordinates"] as? [[[[Double]]]])
      }
      let (ra, rb) = (try polygons(ga), try polygons(gb))
      #expect(ra.count == rb.count)
      if ra.count > 1 { multi += 1 }
      for (polygonA, polygonB) in zip(ra, rb) {
        #expect(polygonA.count == polygonB.count)
        holes += polygonA.count - 1
        for (ringA, ringB) in zip(polygonA, polygonB) {
          #expect(ringA.count == ringB.count)
          points += ringA.count
          let close = zip(ringA, ringB).allSatisfy {
            abs($0[0] - $1[0]) <= 1.5e-6 && abs($0[1] - $1[1]) <= 1.5e-6
          }
          #expect(close, "feature \(pa["code"] ?? "?")")
        }
      }
      let boxA = try #require(a["bbox"] as? [Double])
      let boxB = try #require(b["bbox"] as? [Double])
      #expect(zip(boxA, boxB).allSatisfy { abs($0 - $1) <= 1.5e-6 })
    }
    // The comparison covered multipolygons and holes, not only simple polygons
    // (the file has 17 multipolygons, 38 holes and 87,281 written points).
    #expect(
      multi > 0 && holes > 0 && points > 80_000,
      "\(multi) multipolygons, \(holes) holes, \(points) points")
  }

  /// Maps of one run share a `LonLatMemo`: a subset first, then the whole layer
  /// in another order, then the whole layer again. Every file must be the file
  /// written without the memo, byte for byte.
  @Test(.needsSharedData) func memoGivesTheSameFilesAsProjectingAgain() throws {
    let areas = try BoundaryReader.read(SharedData.path("pc4.geojson")).layer.areas
    func layer(_ picked: [Area]) -> OutputLayer {
      OutputLayer(
        name: "pc4", fields: [AttributeField("code", .text)], geometries: picked.map(\.geometry),
        rows: picked.map { [.text($0.code)] })
    }
    let subset = areas.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
    let layers = [layer(subset), layer(areas.reversed()), layer(areas)]
    let folder = try TemporaryFolder()
    let memo = LonLatMemo()
    for (n, written) in layers.enumerated() {
      try VectorWriter.writeGeoJSON(written, to: folder.path("memo-\(n).geojson"), memo: memo)
      try VectorWriter.writeGeoJSON(written, to: folder.path("plain-\(n).geojson"))
      let withMemo = try Data(contentsOf: URL(fileURLWithPath: folder.path("memo-\(n).geojson")))
      let plain = try Data(contentsOf: URL(fileURLWithPath: folder.path("plain-\(n).geojson")))
      #expect(withMemo == plain, "layer \(n)")
      #expect(withMemo.count > 100_000 * (n == 0 ? 1 : 3))
    }
  }
}

@Suite struct GeoPackageSpatialIndexTests {
  /// An R-tree on every layer by default (issue 18: QGIS warns
  /// `SpatialIndexNotPresent` without one), registered in `gpkg_extensions` as
  /// the GeoPackage standard asks (`gpkg_rtree_index`); none only when asked.
  @Test func rTreeOnEveryLayer() throws {
    let layer = OutputLayer(
      name: "map", fields: [AttributeField("code", .text)],
      geometries: [square(0), square(2000)], rows: [[.text("a")], [.text("b")]])
    let folder = try TemporaryFolder()
    func rTrees(_ path: String) throws -> [[String?]] {
      try Dataset.openVector(path).query(
        "SELECT name FROM sqlite_master WHERE name = 'rtree_map_geom'"
      ).rows
    }
    try VectorWriter.writeGeoPackage([layer], to: folder.path("small.gpkg"))
    #expect(try rTrees(folder.path("small.gpkg")) == [["rtree_map_geom"]])
    let extensions = try Dataset.openVector(folder.path("small.gpkg")).query(
      "SELECT table_name, column_name, extension_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'"
    ).rows
    #expect(extensions == [["map", "geom", "gpkg_rtree_index"]])
    // The index holds both features, with their RD New bounds (150,000–151,000 m and 152,000–153,000 m).
    let boxes = try Dataset.openVector(folder.path("small.gpkg")).query(
      "SELECT minx, maxx FROM rtree_map_geom ORDER BY minx"
    ).rows
    #expect(boxes.count == 2)
    #expect(
      boxes.first?.first.flatMap { $0.flatMap(Double.init) }.map { abs($0 - 150_000) < 1 } == true)
    try VectorWriter.writeGeoPackage([layer], to: folder.path("bare.gpkg"), spatialIndexMinimum: 3)
    #expect(try rTrees(folder.path("bare.gpkg")).isEmpty)
    #expect(VectorWriter.spatialIndexMinimum == 0)
  }

  func square(_ x: Double) -> MultiPolygon {
    MultiPolygon([
      Polygon(
        exterior: Ring([
          Point(x: 150_000 + x, y: 450_000), Point(x: 151_000 + x, y: 450_000),
          Point(x: 151_000 + x, y: 451_000),
          Point(x: 150_000 + x, y: 451_000), Point(x: 150_000 + x, y: 450_000),
        ]))
    ])
  }
}
