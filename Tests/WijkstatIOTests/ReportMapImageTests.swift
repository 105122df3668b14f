import Foundation
import GDALBridge
import Testing
import WijkstatCore

@testable import WijkstatIO

/// The report's maps of very many areas drawn as a GDAL-rasterised picture
/// (issue 18, large layers). The expected pixels come from the frame
/// arithmetic written out below, the colours from the fills given.
struct ReportMapImageTests {
  static let fills = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]

  static func square(_ x: Double, _ y: Double, _ side: Double) -> MultiPolygon {
    MultiPolygon([
      Polygon(
        exterior: Ring([
          Point(x: x, y: y), Point(x: x + side, y: y), Point(x: x + side, y: y + side),
          Point(x: x, y: y + side), Point(x: x, y: y),
        ]))
    ])
  }

  /// 200 × 150 squares of 100 m (column c from the west, row r from the south),
  /// class by column (c / 40), except the south-west 40 × 40 block, which is
  /// one area of 4 km (class 5): 28,401 areas in a 20 × 15 km box.
  static var bigMap: SVGMap {
    var areas: [SVGMap.Area] = [
      SVGMap.Area(
        code: "BIG", geometry: square(0, 0, 4000), fill: fills[4], classNumber: 5, title: "BIG — 5")
    ]
    for c in 0..<200 {
      for r in 0..<150 where !(c < 40 && r < 40) {
        areas.append(
          SVGMap.Area(
            code: "\(c)-\(r)", geometry: square(Double(c) * 100, Double(r) * 100, 100),
            fill: fills[c / 40],
            classNumber: c / 40 + 1, title: "\(c)-\(r) — klasse \(c / 40 + 1)"))
      }
    }
    var map = SVGMap(
      title: "Groot", areas: areas, legendTitle: "%", legend: [], source: "Bron: test")
    map.drawsLegend = false
    map.language = .nl
    return map
  }

  /// The picture's pixels as RGBA: its paletted PNG expanded by gdal_translate
  /// (`-expand rgba`) in a folder of this call's own, and read back with GDAL.
  static func expandedToRGBA(_ png: Data) throws -> RasterImage {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-mapimage-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try png.write(to: folder.appendingPathComponent("map.png"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/gdal_translate")
    process.arguments = [
      "-q", "-expand", "rgba", folder.appendingPathComponent("map.png").path,
      folder.appendingPathComponent("rgba.png").path,
    ]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return try RasterImage.read(folder.appendingPathComponent("rgba.png").path)
  }

  @Test func manyAreasBecomeOnePictureWithTheRightColours() throws {
    let map = Self.bigMap
    #expect(map.areas.count == 28_401)
    #expect(map.svg.utf8.count > ReportMapImage.maximumVectorBytes)
    let (svg, note) = try ReportMapImage.drawing(map)
    // Frame: 768 px for 20 km, 640 px for 15 km → scale min(0.0384, 0.04267) = 0.0384 px/m.
    let frame = map.frame
    #expect(abs(frame.scale - 0.0384) < 1e-12)
    #expect(svg.utf8.count < 1_000_000, "\(svg.utf8.count) bytes")
    #expect(
      !svg.contains("<circle") && svg.components(separatedBy: "<path").count - 1 == 1,
      "only the big area keeps a path")
    #expect(svg.contains("<title>BIG — 5</title>"))
    #expect(
      note
        == "De 28.401 gebieden zijn als afbeelding getekend (te veel voor een vlak per gebied in deze pagina); gebieden van minstens 8 × 8 beeldpunten (1) tonen hun waarde bij aanwijzen. Elk gebied met zijn waarde: de GeoPackage en GeoJSON in maps/."
    )
    // The PNG, expanded to RGBA by gdal_translate and read back with GDAL.
    let start = try #require(svg.range(of: "data:image/png;base64,"))
    let end = try #require(svg[start.upperBound...].firstIndex(of: "\""))
    let png = try #require(Data(base64Encoded: String(svg[start.upperBound..<end])))
    let image = try Self.expandedToRGBA(png)
    // 2 image pixels per SVG pixel: 768 × 2 = 1536 by 15,000 m × 0.0384 × 2 = 1152.
    #expect(image.width == 1536 && image.height == 1152)
    func pixel(atMetres x: Double, _ y: Double) -> (UInt8, UInt8, UInt8) {
      image.rgb(x: Int(x * 0.0768), y: Int((15_000 - y) * 0.0768))
    }
    for (x, y, fill) in [
      (2000.0, 2000.0, 4), (5050, 550, 1), (12_050, 14_950, 3), (19_950, 7050, 4), (4050, 4050, 1),
    ] {
      let hex = Self.fills[fill]
      let want = (
        UInt8(hex.dropFirst(1).prefix(2), radix: 16)!,
        UInt8(hex.dropFirst(3).prefix(2), radix: 16)!, UInt8(hex.dropFirst(5), radix: 16)!
      )
      #expect(pixel(atMetres: x, y) == want, "at \(x), \(y)")
    }
  }

  /// No-data areas are hatched in the picture as in the SVG (`nodata` pattern:
  /// #737373 lines 6 SVG px apart, 1.2 px wide, at 45° on #d9d9d9): at 2 image
  /// px per SVG px a pixel (x, y) is a line where (x + y) mod 17 < 3 (6·√2·2 ≈
  /// 17, 1.2·√2·2 ≈ 3). An area of another class with the same grey stays flat.
  @Test func noDataAreasAreHatchedAsInTheSVG() throws {
    var map = Self.bigMap
    map.areas[0].classNumber = MapClass.noData
    map.areas[0].fill = "#d9d9d9"
    // Column 199 (the east edge): class 5, its fill replaced by the same grey.
    for i in map.areas.indices where map.areas[i].code.hasPrefix("199-") {
      map.areas[i].fill = "#d9d9d9"
    }
    let picture = try ReportMapImage.image(map)
    let image = try Self.expandedToRGBA(Data(picture.png))
    #expect(image.width == 1536 && image.height == 1152)
    let grey: (UInt8, UInt8, UInt8) = (0xd9, 0xd9, 0xd9)
    let line: (UInt8, UInt8, UInt8) = (0x73, 0x73, 0x73)
    // The 4 km area: x 0–307 px, y 845–1152 px (4000 m × 0.0768); its inside.
    var wrong = 0
    for y in 850..<1148 {
      for x in 4..<303 {
        let want = (x + y) % 17 < 3 ? line : grey
        if image.rgb(x: x, y: y) != want { wrong += 1 }
      }
    }
    #expect(wrong == 0, "\(wrong) pixels of the no-data area off the hatching")
    // Column 199 (x from 19,900 m: 1528 px): flat grey, no line.
    for y in stride(from: 5, to: 1148, by: 7) {
      for x in 1529..<1535 { #expect(image.rgb(x: x, y: y) == grey, "at \(x), \(y)") }
    }
  }

  @Test func aSmallMapStaysVector() throws {
    var areas: [SVGMap.Area] = []
    for c in 0..<10 {
      areas.append(
        .init(
          code: "\(c)", geometry: Self.square(Double(c) * 100, 0, 100), fill: Self.fills[c % 5],
          classNumber: c % 5 + 1, title: "t\(c)"))
    }
    let map = SVGMap(
      title: "Klein", areas: areas, legendTitle: "%", legend: [], source: "Bron: test")
    let (svg, note) = try ReportMapImage.drawing(map)
    #expect(note == nil)
    #expect(svg == map.svg && !svg.contains("data:image/png"))
    #expect(svg.components(separatedBy: "<title>").count - 1 == 10)
  }
}
