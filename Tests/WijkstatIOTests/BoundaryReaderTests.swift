import Foundation
import GDALBridge
import Testing
import WijkstatCore

@testable import WijkstatIO
import WijkstatTestSupport

@Suite struct BoundaryReaderRealFileTests {
  /// ../shared/data/nl/pc4.geojson: 4,038 PC-4 polygons in WGS84 (DOMAIN.md; ogrinfo
  /// reports the same count and extent 3.358260, 50.750555 – 7.228445, 53.551277).
  @Test(.needsSharedData) func readsPC4File() throws {
    let b = try BoundaryReader.read(SharedData.path("pc4.geojson"))
    #expect(b.summary.featureCount == 4038)
    #expect(b.summary.crs == "EPSG:4326")
    #expect(b.summary.keyField == "PC4CODE")
    #expect(b.summary.keyKind == .pc4)
    #expect(b.summary.duplicateKeys.isEmpty)
    #expect(b.layer.level == .pc4)
    #expect(b.layer.areas.count == 4038)
    let e = try #require(b.summary.extentWGS84)
    #expect(abs(e[0] - 3.358260) < 1e-6 && abs(e[3] - 53.551277) < 1e-6)
    // In RD New every area lies inside the Dutch grid (x 0–300 km, y 300–625 km).
    let box = b.layer.boundingBox
    #expect(box.minX > 0 && box.maxX < 300_000 && box.minY > 300_000 && box.maxY < 625_000)
    // Utrecht centre 3511 contains Utrecht Centraal (RD about 135 900, 456 000).
    let utrecht = try #require(b.layer.areas.first { $0.code == "3511" })
    let c = try #require(utrecht.geometry.centroid)
    #expect(abs(c.x - 136_000) < 3_000 && abs(c.y - 456_000) < 3_000)
    // Every coordinate came out 2D: the core type has no Z, and the density attribute is kept.
    #expect(b.layer.areas.filter { $0.attributes["density"] == nil }.count == 10)
  }

  /// gemeenten-2023.geojson: 342 gemeenten, legacy `crs` member EPSG:4289, 5 invalid polygons.
  @Test(.needsSharedData) func readsGemeentenFileAndRepairsInvalidPolygons() throws {
    let b = try BoundaryReader.read(SharedData.path("gemeenten-2023.geojson"))
    #expect(b.summary.featureCount == 342)
    #expect(b.summary.crs == "EPSG:4289")
    #expect(b.summary.keyField == "gemeenteCode")
    #expect(b.summary.keyKind == .gemeenteCode)
    #expect(b.summary.nameField == "gemeenteNaam")
    #expect(b.summary.invalidGeometries == 5)
    #expect(b.layer.level == .gemeente)
    #expect(b.layer.areas.count == 342)
    let hague = try #require(b.layer.areas.first { $0.code == "GM0518" })
    #expect(hague.name == "'s-Gravenhage (gemeente)")
    // The Netherlands' land area is about 33,700 km²; with water in the outlines
    // of coastal gemeenten the total is larger, but well under the 41,500 km² incl. waters.
    let total = b.layer.areas.reduce(0.0) { $0 + $1.geometry.area } / 1e6
    #expect(total > 33_000 && total < 42_000)
  }

  /// A WGS84 source teaches the memo its own coordinates: every pc4 area
  /// (none needs repair after projection), and a map written with that memo is
  /// the map written by projecting back, byte for byte (the file has 6 decimals,
  /// and the round trip through RD New moves a point by far less than 1e-6°).
  /// gemeenten-2023.geojson is in EPSG:4289, not WGS84: nothing is learnt.
  @Test(.needsSharedData) func wgs84SourceTeachesItsCoordinates() throws {
    let memo = LonLatMemo()
    let pc4 = try BoundaryReader.read(SharedData.path("pc4.geojson"), keepingLonLat: true)
    #expect(pc4.sourceLonLat.count == 4_038)
    memo.learn(pc4.sourceLonLat)
    #expect(memo.count == 4_038)
    let first = try #require(pc4.layer.areas.first)
    let known = try #require(memo.lookup(first.geometry))
    #expect(known.x.count == first.geometry.pointCount)
    // The first feature's first point as the file has it (head of pc4.geojson).
    #expect(known.x[0] == 5.141696 && known.y[0] == 52.113629)
    let gemeenten = try BoundaryReader.read(
      SharedData.path("gemeenten-2023.geojson"), keepingLonLat: true)
    #expect(gemeenten.sourceLonLat.isEmpty)
    memo.learn(gemeenten.sourceLonLat)
    #expect(memo.count == 4_038)

    let layer = OutputLayer(
      name: "pc4", fields: [AttributeField("code", .text)],
      geometries: pc4.layer.areas.map(\.geometry),
      rows: pc4.layer.areas.map { [.text($0.code)] })
    let folder = try TemporaryFolder()
    try VectorWriter.writeGeoJSON(layer, to: folder.path("memo.geojson"), memo: memo)
    try VectorWriter.writeGeoJSON(layer, to: folder.path("plain.geojson"))
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: folder.path("memo.geojson")))
        == Data(contentsOf: URL(fileURLWithPath: folder.path("plain.geojson"))))
  }

  @Test(.needsSharedData) func inputFilesAreNotModified() throws {
    let path = SharedData.path("gemeenten-2023.geojson")
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    _ = try BoundaryReader.read(path)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    let after = try FileManager.default.attributesOfItem(atPath: path)
    #expect(attributes[.modificationDate] as? Date == after[.modificationDate] as? Date)
  }
}

@Suite struct BoundaryReaderFixtureTests {
  @Test func flattens3DCoordinates() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "z.geojson", squaresGeoJSON(["\"pc4\":\"1011\"", "\"pc4\":\"1012\""], z: true))
    let b = try BoundaryReader.read(path)
    #expect(b.summary.flattened3D == 2)
    #expect(b.layer.areas.count == 2)
  }

  @Test func reportsDuplicateKeysByValue() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "dup.geojson",
      squaresGeoJSON(["\"pc4\":\"1011\"", "\"pc4\":\"1011 AB\"", "\"pc4\":1012", "\"pc4\":\"\""]))
    let summary = try #require(try BoundaryReader.inspect(path).first)
    #expect(summary.keyKind == .pc4)
    #expect(summary.duplicateKeys == ["1011"])
    #expect(summary.emptyKeys == 1)
  }

  @Test func truncatedFileIsAUserErrorNamingTheFile() throws {
    let folder = try TemporaryFolder()
    let full = squaresGeoJSON(["\"pc4\":\"1011\"", "\"pc4\":\"1012\""])
    let path = try folder.write("cut.geojson", String(full.prefix(full.count / 2)))
    let error = try #require(throws: UserError.self) { try BoundaryReader.read(path) }
    #expect(error.source == path)
    #expect(error.description.contains("cut.geojson"))
  }

  @Test(.needsSharedData) func missingFileAndUnknownLayerAndKey() throws {
    let missing = try #require(throws: UserError.self) {
      try BoundaryReader.read("/nonexistent/pc4.gpkg")
    }
    #expect(missing.description == "/nonexistent/pc4.gpkg: no such file")

    let layer = try #require(throws: UserError.self) {
      try BoundaryReader.read(
        SharedData.path("gemeenten-2023.geojson"), options: BoundaryOptions(layer: "wijken"))
    }
    #expect(layer.message == "no layer \"wijken\"; layers are \"gemeenten\"")

    let key = try #require(throws: UserError.self) {
      try BoundaryReader.read(
        SharedData.path("gemeenten-2023.geojson"), options: BoundaryOptions(keyField: "code"))
    }
    #expect(key.message == "no field \"code\"; fields are gemeenteCode, gemeenteNaam")
  }

  @Test func emptyLayerHasNoKeyAndNoAreas() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("empty.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}")
    let summary = try #require(try BoundaryReader.inspect(path).first)
    #expect(summary.featureCount == 0)
    #expect(summary.keyField == nil)
    #expect(throws: UserError.self) { try BoundaryReader.read(path) }
  }

  @Test func sourceWithoutPolygonsIsRejected() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "points.geojson",
      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"pc4\":\"1011\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[5,52]}}]}"
    )
    let error = try #require(throws: UserError.self) { try BoundaryReader.read(path) }
    #expect(error.message.hasPrefix("no polygon layer"))
  }

  /// A Shapefile written in Latin-1 with a `.cpg` naming the encoding: names with
  /// diacritics come back as the same Unicode text.
  @Test func readsLatin1ShapefileWithCpg() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("gemeenten.shp")
    let out = try Dataset.create(driver: "ESRI Shapefile", path: path)
    let layer = try out.createLayer(
      name: "gemeenten", spatialReference: try SpatialReference.rdNew(), geometry: .polygon,
      options: ["ENCODING=ISO-8859-1"])
    try layer.createField(FieldDefinition(name: "GM_CODE", type: .string), width: 6)
    try layer.createField(FieldDefinition(name: "GM_NAAM", type: .string), width: 40)
    for (i, (code, name)) in [("GM1900", "Súdwest-Fryslân"), ("GM0080", "Leeuwarden")].enumerated()
    {
      let f = layer.makeFeature()
      f.set(code, at: 0)
      f.set(name, at: 1)
      let x0 = 150_000.0 + Double(i) * 1000
      let square = MultiPolygon([
        Polygon(
          exterior: Ring([
            Point(x: x0, y: 550_000), Point(x: x0 + 1000, y: 550_000),
            Point(x: x0 + 1000, y: 551_000), Point(x: x0, y: 551_000), Point(x: x0, y: 550_000),
          ]))
      ])
      try f.setGeometry(try Geometry(wkb: WKB.bytes(of: square)))
      try layer.add(f)
    }
    try out.close()
    let cpg = try String(contentsOfFile: folder.path("gemeenten.cpg"), encoding: .utf8)
    #expect(cpg.contains("8859") || cpg.uppercased().contains("LATIN"))
    // The DBF holds the single byte 0xFA for "ú", not UTF-8's two bytes.
    let dbf = try Data(contentsOf: URL(fileURLWithPath: folder.path("gemeenten.dbf")))
    #expect(dbf.contains(0xFA))

    let b = try BoundaryReader.read(path)
    #expect(b.summary.crs == "EPSG:28992")
    #expect(b.layer.areas.map(\.name) == ["Súdwest-Fryslân", "Leeuwarden"])
    #expect(abs(b.layer.areas[0].geometry.area - 1_000_000) < 1e-6)
  }
}

/// Contiguity and geometry repair (issue 16, point 6): a repair must not drop
/// a neighbour link silently.
@Suite struct RepairContiguityTests {
  /// Two areas that touch only at the tip of a zero-width spike of one of
  /// them; MakeValid cuts the spike (and the shared vertex) off. The queen link
  /// is kept through the unrepaired rings and reported.
  @Test func aLinkOnlyTheUnrepairedRingsHaveIsKeptAndReported() throws {
    let folder = try TemporaryFolder()
    let spike =
      "[[5.03,52.03],[5.05,52.03],[5.05,52.05],[5.03,52.05],[5.03,52.04],[5.01,52.01],[5.03,52.04],[5.03,52.03]]"
    let square = "[[5.0,52.0],[5.01,52.0],[5.01,52.01],[5.0,52.01],[5.0,52.0]]"
    let file = try folder.write(
      "spike.geojson",
      """
      {"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"pc4":"1011"},"geometry":{"type":"Polygon","coordinates":[\(square)]}},
      {"type":"Feature","properties":{"pc4":"1012"},"geometry":{"type":"Polygon","coordinates":[\(spike)]}}]}
      """)
    let b = try BoundaryReader.read(file)
    #expect(b.summary.invalidGeometries == 1)
    let repaired = try #require(b.layer.areas.first { $0.code == "1012" })
    #expect(repaired.unrepaired != nil)
    // The repaired polygon alone does not reach the square's corner.
    #expect(ContiguityWeights.build(b.layer.areas.map(\.geometry), rule: .queen).islands.count == 2)
    let weights = try AreaWeights(layer: b.layer, kind: .queen)
    #expect(weights.islands.isEmpty)
    #expect(weights.weights.neighbours[0] == [1] && weights.weights.neighbours[1] == [0])
    #expect(weights.keptThroughRepair.map { "\($0.0)-\($0.1)" } == ["1011-1012"])
  }

  /// The real gemeenten file has 5 invalid polygons; every queen link between
  /// gemeenten that only their unrepaired rings have is kept and named.
  @Test(.needsSharedData) func realGemeentenKeepTheirLinks() throws {
    let b = try BoundaryReader.read(SharedData.path("gemeenten-2023.geojson"))
    let weights = try AreaWeights(layer: b.layer, kind: .queen)
    let repairedOnly = ContiguityWeights.build(b.layer.areas.map(\.geometry), rule: .queen)
    let kept = weights.keptThroughRepair.map { "\($0.0)-\($0.1)" }
    print("links kept through repair: \(kept)")
    for (a, c) in weights.keptThroughRepair {
      let i = b.layer.areas.firstIndex { $0.code == a }!
      let j = b.layer.areas.firstIndex { $0.code == c }!
      #expect(weights.weights.neighbours[i].contains(j) && !repairedOnly.neighbours[i].contains(j))
    }
    #expect(kept.contains("GM1676-GM1695") || kept.contains("GM1695-GM1676"))
  }
}
