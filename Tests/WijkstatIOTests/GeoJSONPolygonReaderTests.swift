import Foundation
import GDALBridge
import Testing
import WijkstatCore

@testable import WijkstatIO
import WijkstatTestSupport

/// wijkstat's own GeoJSON boundary reader must give what GDAL's driver gives,
/// field for field and coordinate for coordinate, or nothing at all (then GDAL
/// reads the file). GDAL is the reference throughout.
@Suite struct GeoJSONPolygonReaderTests {
  /// Everything `BoundaryReader.scan` takes from a source, in comparable form.
  struct Contents: Equatable {
    var name: String
    var fields: [FieldDefinition]
    var geometryType: String
    var crs: String?
    var extent: [Double]?
    var texts: [[String?]]
    var wkb: [[UInt8]?]
  }

  func contents(_ source: BoundarySource) throws -> Contents {
    var texts: [[String?]] = []
    var wkb: [[UInt8]?] = []
    let count = source.fields.count
    try source.forEachFeature { text, geometry in
      texts.append((0..<count).map(text))
      wkb.append(geometry?.wkb())
    }
    return Contents(
      name: source.name, fields: source.fields, geometryType: source.geometryTypeName,
      crs: try source.spatialReference()?.epsgCode,
      extent: source.extent.map { [$0.minX, $0.minY, $0.maxX, $0.maxY] }, texts: texts, wkb: wkb)
  }

  func gdal(_ path: String) throws -> Contents {
    let dataset = try Dataset.openVector(path)
    return try contents(try #require(dataset.layers.first))
  }

  func ours(_ path: String) throws -> Contents {
    try contents(try #require(GeoJSONPolygonReader.read(path), "the fast reader declined \(path)"))
  }

  /// The three real files: pc4 (4,038 features, Polygon and MultiPolygon, integer
  /// and text fields, some missing, `\n` escapes), gemeenten and provinces (a
  /// legacy `crs` member EPSG:4289, a `name` member), and the demo boundaries
  /// (RD New coordinates).
  @Test(
    .needsSharedData, arguments: ["pc4.geojson", "gemeenten-2023.geojson", "provincies.geojson"])
  func sameAsGDALOnTheRealFiles(_ file: String) throws {
    let path = SharedData.path(file)
    let (a, b) = (try ours(path), try gdal(path))
    #expect(a.name == b.name)
    #expect(a.fields == b.fields)
    #expect(a.geometryType == b.geometryType)
    #expect(a.crs == b.crs)
    #expect(a.extent == b.extent)
    #expect(a.texts.count == b.texts.count && a.texts.count > 10)
    #expect(a.texts == b.texts)
    #expect(a.wkb == b.wkb)
  }

  @Test func sameAsGDALOnTheDemoBoundaries() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("data/demo")
    for file in ["pc4.geojson", "gemeenten.geojson"] {
      let path = root.appendingPathComponent(file).path
      #expect(try ours(path) == gdal(path), "\(file)")
    }
  }

  /// Values of every supported kind: reals GDAL prints with `%.15g`, integers
  /// beyond 32 bits (Integer64), a real among integers (the field turns Real),
  /// escapes and non-ASCII text, a property missing or null in some features,
  /// a field that is always null, bbox members, a MultiPolygon with a hole.
  @Test func sameAsGDALOnEveryKindOfValue() throws {
    let folder = try TemporaryFolder()
    let square = "[[5,52],[5.01,52],[5.01,52.01],[5,52.01],[5,52]]"
    let hole = "[[5.002,52.002],[5.004,52.002],[5.004,52.004],[5.002,52.002]]"
    let features = [
      #"{"type":"Feature","bbox":[5,52,5.01,52.01],"properties":{"code":"1011","r":0.1,"big":4294967296,"mixed":1,"naam":"Caf\u00e9 \"de\" Kroon\n","none":null},"geometry":{"type":"Polygon","coordinates":[\#(square)]}}"#,
      #"{"type":"Feature","properties":{"code":"1012","r":123456789.123456789,"big":-1,"mixed":2.5,"naam":"𝄞 ê / \/","none":null},"geometry":{"bbox":[5,52,5.01,52.01],"type":"MultiPolygon","coordinates":[[\#(square),\#(hole)],[[[6,53],[6.1,53],[6.1,53.1],[6,53]]]]}}"#,
      #"{"type":"Feature","properties":{"code":"1013","r":1e-7,"big":0,"naam":null},"geometry":{"type":"Polygon","coordinates":[\#(square)]}}"#,
      #"{"geometry":{"coordinates":[\#(square)],"type":"Polygon"},"properties":{"code":"1014","r":-0.30000000000000004,"mixed":-7},"type":"Feature"}"#,
      #"{"type":"Feature","properties":{"code":"1015","r":1.5e300,"mixed":1E+2},"geometry":null}"#,
    ]
    let path = try folder.write(
      "kinds.geojson",
      "{\"type\": \"FeatureCollection\", \"bbox\": [5, 52, 6.1, 53.1],\n\"features\": [\n"
        + features.joined(separator: ",\n") + "\n]}\n")
    let (a, b) = (try ours(path), try gdal(path))
    #expect(a == b)
    #expect(a.fields.map(\.type) == [.string, .real, .integer64, .real, .string, .string])
    #expect(a.texts[0][4] == "Café \"de\" Kroon\n")
    #expect(a.wkb[4] == nil)
  }

  /// Files outside the subset are left to GDAL (nil), whole.
  @Test func declinesWhatGDALShouldRead() throws {
    let folder = try TemporaryFolder()
    let square = "[[5,52],[5.01,52],[5.01,52.01],[5,52.01],[5,52]]"
    func file(_ feature: String, top: String = "") -> String {
      "{\"type\":\"FeatureCollection\",\(top)\"features\":[\(feature)]}"
    }
    func polygon(_ properties: String, extra: String = "") -> String {
      "{\"type\":\"Feature\",\(extra)\"properties\":{\(properties)},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[\(square)]}}"
    }
    let declined: [(String, String)] = [
      ("feature id", file(polygon("\"code\":\"1011\"", extra: "\"id\":7,"))),
      ("boolean", file(polygon("\"b\":true"))),
      ("nested object", file(polygon("\"o\":{\"a\":1}"))),
      ("list", file(polygon("\"l\":[1,2]"))),
      ("date", file(polygon("\"d\":\"2023-01-01\""))),
      ("time", file(polygon("\"t\":\"12:30\""))),
      (
        "text and numbers in one field",
        file(polygon("\"c\":\"1011\"") + "," + polygon("\"c\":1012"))
      ),
      (
        "3D",
        file(
          "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[5,52,1],[5.01,52,1],[5,52.01,1],[5,52,1]]]}}"
        )
      ),
      (
        "point",
        file(
          "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[5,52]}}"
        )
      ),
      (
        "no geometry at all",
        file("{\"type\":\"Feature\",\"properties\":{\"a\":1},\"geometry\":null}")
      ),
      ("a foreign member", file(polygon("\"a\":1", extra: "\"style\":\"x\","))),
      ("truncated", String(file(polygon("\"a\":1")).dropLast(3))),
      ("trailing text", file(polygon("\"a\":1")) + "x"),
      ("leading zero", file(polygon("\"a\":01"))),
      ("an integer beyond 64 bits", file(polygon("\"a\":12345678901234567890"))),
      ("fields in no certain order", file(polygon("\"a\":1") + "," + polygon("\"b\":1"))),
      (
        "fields in contradicting orders",
        file(polygon("\"a\":1,\"b\":2") + "," + polygon("\"b\":1,\"a\":2"))
      ),
      ("not a collection", polygon("\"a\":1")),
      (
        "a geometry collection crs",
        file(
          polygon("\"a\":1"), top: "\"crs\":{\"type\":\"link\",\"properties\":{\"href\":\"x\"}},")
      ),
    ]
    for (what, text) in declined {
      let path = try folder.write("declined.geojson", text)
      #expect(GeoJSONPolygonReader.read(path) == nil, "\(what)")
    }
    // Not GeoJSON by name, or not there: GDAL's business too.
    let csv = try folder.write("areas.csv", file(polygon("\"a\":1")))
    #expect(GeoJSONPolygonReader.read(csv) == nil)
    #expect(GeoJSONPolygonReader.read(folder.path("missing.geojson")) == nil)
  }

  /// Through `BoundaryReader`, a file the fast reader declines still reads (by
  /// GDAL), and a broken one still gets GDAL's message naming the file.
  @Test func boundaryReaderFallsBackToGDAL() throws {
    let folder = try TemporaryFolder()
    let withID = try folder.write(
      "with-id.geojson",
      squaresGeoJSON(["\"PC4\":\"1011\"", "\"PC4\":\"1012\""]).replacingOccurrences(
        of: "{\"type\":\"Feature\",", with: "{\"type\":\"Feature\",\"id\":1,"))
    #expect(GeoJSONPolygonReader.read(withID) == nil)
    let read = try BoundaryReader.read(withID)
    #expect(read.layer.areas.map(\.code) == ["1011", "1012"])
    let broken = try folder.write(
      "broken.geojson", String(squaresGeoJSON(["\"PC4\":\"1011\""]).dropLast(5)))
    #expect(throws: UserError.self) { try BoundaryReader.read(broken) }
  }
}
