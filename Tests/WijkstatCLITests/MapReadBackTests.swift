import Foundation
import GDALBridge
import Testing
import WijkstatCore
import WijkstatTestSupport

@testable import WijkstatIO

/// The publishing audit reads the run's GeoJSON maps back through wijkstat's own
/// GeoJSON reader (PublishedFolder.readMaps; GDAL's driver took 4–6 s per 60 MB
/// map at 100,000 areas). That is only sound if the reader takes every map
/// `run` writes (else the audit silently falls back to GDAL and is slow) and
/// gives, value for value, the text GDAL gives (but for the features' ids): GDAL 3.6's GeoJSON driver
/// (`OGR_F_GetFieldAsString`) is the reference, on the demo run's maps (a rate
/// map with withheld areas, single-year maps, the achterstandswijk and
/// LISA category maps, the count model's residual map, gemeente outlines).
@Suite struct MapReadBackTests {
  @Test func theOwnReaderReadsEveryMapOfTheRunAsGDALDoes() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-readback-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try Wijkstat.run(["run", "--out", out.path, "-q"], in: Wijkstat.packageRoot)
    #expect(result.status == 0, "\(result.stderr)")
    let maps = out.appendingPathComponent("maps")
    let files = try FileManager.default.contentsOfDirectory(atPath: maps.path)
      .filter { $0.hasSuffix(".geojson") }.sorted()
    #expect(files.count == 6, "\(files)")
    var withheld = 0
    for file in files {
      let path = maps.appendingPathComponent(file).path
      let own = try #require(
        GeoJSONPolygonReader.read(path, valuesOnly: true),
        "the own reader declined \(file)")
      let layer = try #require(try Dataset.openVector(path).layers.first)
      // GDAL makes the features' string ids (the area codes) a first field `id`,
      // which the audit leaves out as it leaves out `code`'s other frame fields.
      let names = layer.fields.map(\.name)
      #expect(names.first == "id" && Array(names.dropFirst()) == own.fields.map(\.name), "\(file)")
      var gdal: [[String?]] = Array(repeating: [], count: own.fields.count)
      try layer.forEachFeature { feature in
        for column in gdal.indices { gdal[column].append(feature.string(at: column + 1)) }
      }
      #expect(gdal.first?.count == own.shapes.count && own.shapes.count >= 8, "\(file)")
      #expect(own.values == gdal, "\(file)")
      if let status = own.fields.firstIndex(where: { $0.name == "status" }) {
        withheld += own.values[status].filter { $0 == "suppressed" }.count
      }
    }
    // The protected demo run withholds areas on its maps: the comparison covers them.
    #expect(withheld > 100)

    // `run` reads the final files (all but the GeoPackages) early and the rest
    // after: the same values, areas and files, in the same order, as one read.
    let panel = try PublishedFolder.read(out.path).panel
    let once = try PublishedFolder.readMaps(out, panel: panel)
    let early = try PublishedFolder.readMaps(out, panel: panel) { !$0.hasSuffix(".gpkg") }
    let inTwo = try PublishedFolder.readMaps(out, panel: panel, earlier: early)
    #expect(once.files == inTwo.files)
    #expect(once.files.contains { $0.hasSuffix(".gpkg") } && once.files.contains("report.html"))
    func text(_ value: DisclosureAudit.MapValue) -> String { "\(value)" }
    #expect(once.maps.map(text) == inTwo.maps.map(text))
    #expect(once.svg.map { "\($0)" } == inTwo.svg.map { "\($0)" })
    #expect(once.maps.count > 1000 && once.svg.count > 100, "\(once.maps.count) \(once.svg.count)")
  }
}
