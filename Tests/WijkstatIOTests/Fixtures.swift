import Foundation

/// A temporary folder for fixtures a test writes itself; removed at deinit.
final class TemporaryFolder {
  let url: URL
  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(at: url) }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let p = path(name)
    try text.write(toFile: p, atomically: true, encoding: .utf8)
    return p
  }
  @discardableResult
  func write(_ name: String, bytes: [UInt8]) throws -> String {
    let p = path(name)
    try Data(bytes).write(to: URL(fileURLWithPath: p))
    return p
  }
}

/// A GeoJSON FeatureCollection of unit-ish squares in WGS84 with the given properties.
func squaresGeoJSON(_ properties: [String], z: Bool = false) -> String {
  let features = properties.enumerated().map { index, props -> String in
    let x = 5.0 + Double(index) * 0.01
    let zz = z ? ",0" : ""
    let ring = [(x, 52.0), (x + 0.01, 52.0), (x + 0.01, 52.01), (x, 52.01), (x, 52.0)]
      .map { "[\($0.0),\($0.1)\(zz)]" }.joined(separator: ",")
    return
      "{\"type\":\"Feature\",\"properties\":{\(props)},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(ring)]]}}"
  }
  return "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}"
}
