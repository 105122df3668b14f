import Foundation
import GDALBridge
import WijkstatCore

/// RFC 7946 GeoJSON for a layer in RD New, written by wijkstat itself: every
/// coordinate goes through one GDAL/PROJ transformation to WGS84 longitude,
/// latitude (a batch per core), and the text is encoded in parallel chunks and
/// written in order with buffered I/O.
///
/// What GDAL's GeoJSON driver with `RFC7946=YES` writes, this writes too:
/// no `crs` member, exterior rings counter-clockwise and holes clockwise
/// (§3.1.6), `bbox` members for the collection and every feature (§5), a
/// one-part multipolygon as a `Polygon`, `COORDINATE_PRECISION` decimals with
/// trailing zeros dropped, and `null` for missing values. Written by hand because
/// the driver builds an OGR feature and a JSON object tree per area and formats
/// every number with printf; on 460,000 areas that took 64 s (BENCHMARKS.md).
/// Areas are Dutch, so no ring crosses the antimeridian (§3.1.9 is not needed).
enum GeoJSONWriter {
  /// Features encoded per parallel task, and tasks per write (bounds memory to
  /// about `chunk × wave` encoded features at a time).
  static let chunk = 1024
  static let wave = 16

  static func write(
    _ layer: OutputLayer, toTemporary path: String, precision: Int, memo: LonLatMemo? = nil
  ) throws {
    let coordinates = try WGS84Coordinates(layer.geometries, memo: memo)
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else {
      throw FileSystemError.posix(errno, doing: "creating the file", path: path)
    }
    defer { try? handle.close() }

    var header = JSONBytes(capacity: 256)
    header.append("{\n\"type\": \"FeatureCollection\",\n")
    if let box = coordinates.bounds(0..<coordinates.x.count) {
      header.append("\"bbox\": ")
      appendBox(box, to: &header, precision: precision)
      header.append(",\n")
    }
    header.append("\"features\": [\n")
    try handle.write(contentsOf: header.bytes)

    let count = layer.rows.count
    let chunks = (count + chunk - 1) / chunk
    var first = 0
    while first < chunks {
      let last = min(chunks, first + wave)
      let start = first * chunk
      let encoded = ParallelFor.chunks(min(count, last * chunk) - start, .parts(last - first)) {
        _, range in
        var text = JSONBytes(capacity: 512 * range.count)
        for feature in (start + range.lowerBound)..<(start + range.upperBound) {
          encode(
            feature: feature, of: layer, coordinates: coordinates, precision: precision, into: &text
          )
          text.append(feature == count - 1 ? "\n" : ",\n")
        }
        return text.bytes
      }
      for part in encoded { try handle.write(contentsOf: part) }
      first = last
    }
    try handle.write(contentsOf: Array("]\n}\n".utf8))
  }

  static func encode(
    feature index: Int, of layer: OutputLayer, coordinates: WGS84Coordinates, precision: Int,
    into text: inout JSONBytes
  ) {
    text.append("{ \"type\": \"Feature\", ")
    if let ids = layer.ids {
      text.append("\"id\": ")
      text.appendString(ids[index])
      text.append(", ")
    }
    text.append("\"properties\": { ")
    for (column, field) in layer.fields.enumerated() {
      if column > 0 { text.append(", ") }
      text.appendString(field.name)
      text.append(": ")
      switch layer.rows[index][column] {
      case .text(let value): text.appendString(value)
      case .real(let value): text.appendShortest(value)
      case .integer(let value): text.appendInteger(value)
      case .null: text.append("null")
      }
    }
    text.append(" }, ")
    guard !layer.geometries.isEmpty, !layer.geometries[index].isEmpty,
      let box = coordinates.bounds(coordinates.range(of: index))
    else {
      text.append("\"geometry\": null }")
      return
    }
    text.append("\"bbox\": ")
    appendBox(box, to: &text, precision: precision)
    let geometry = layer.geometries[index]
    let single = geometry.polygons.count == 1
    text.append(
      single
        ? ", \"geometry\": { \"type\": \"Polygon\", \"coordinates\": "
        : ", \"geometry\": { \"type\": \"MultiPolygon\", \"coordinates\": [ ")
    var point = coordinates.start[index]
    for (p, polygon) in geometry.polygons.enumerated() {
      if p > 0 { text.append(", ") }
      text.append("[ ")
      for (r, ring) in polygon.rings.enumerated() {
        if r > 0 { text.append(", ") }
        let range = point..<(point + ring.points.count)
        // Right-hand rule on the transformed ring (§3.1.6).
        let counterClockwise = coordinates.signedArea(range) > 0
        appendRing(range, reversed: counterClockwise != (r == 0), coordinates, precision, &text)
        point = range.upperBound
      }
      text.append(" ]")
    }
    text.append(single ? " } }" : " ] } }")
  }

  static func appendRing(
    _ range: Range<Int>, reversed: Bool, _ coordinates: WGS84Coordinates, _ precision: Int,
    _ text: inout JSONBytes
  ) {
    guard !range.isEmpty else { return text.append("[ ]") }
    func point(_ i: Int, first: Bool) {
      text.append(first ? "[ " : ", [ ")
      text.appendFixed(coordinates.x[i], decimals: precision)
      text.append(", ")
      text.appendFixed(coordinates.y[i], decimals: precision)
      text.append(" ]")
    }
    text.append("[ ")
    let (first, last) =
      reversed ? (range.upperBound - 1, range.lowerBound) : (range.lowerBound, range.upperBound - 1)
    for (n, i) in stride(from: first, through: last, by: reversed ? -1 : 1).enumerated() {
      point(i, first: n == 0)
    }
    // A ring left open by its source is closed, as RFC 7946 §3.1.6 requires.
    if coordinates.x[first] != coordinates.x[last] || coordinates.y[first] != coordinates.y[last] {
      point(first, first: false)
    }
    text.append(" ]")
  }

  static func appendBox(_ box: BoundingBox, to text: inout JSONBytes, precision: Int) {
    text.append("[ ")
    for (n, value) in box.array.enumerated() {
      if n > 0 { text.append(", ") }
      text.appendFixed(value, decimals: precision)
    }
    text.append(" ]")
  }
}

/// Every point of a layer's geometries in WGS84 longitude/latitude, in one flat
/// pair of arrays in the order of features, polygons, rings and points.
struct WGS84Coordinates: Sendable {
  var x: [Double]
  var y: [Double]
  /// Index of each feature's first point; `start[n]` is the total.
  var start: [Int]

  /// Geometries the memo has seen are not projected again; the others are
  /// projected in one batch and remembered.
  init(_ geometries: [MultiPolygon], memo: LonLatMemo? = nil) throws {
    start = [0]
    start.reserveCapacity(geometries.count + 1)
    var total = 0
    for geometry in geometries {
      total += geometry.pointCount
      start.append(total)
    }
    let known = geometries.map { memo?.lookup($0) }
    // The points of the geometries still to project, one after another,
    // projected in one batch (nothing happens for an empty one).
    var packedX: [Double] = []
    var packedY: [Double] = []
    for (n, geometry) in geometries.enumerated() where known[n] == nil {
      geometry.appendPoints(x: &packedX, y: &packedY)
    }
    try Self.toWGS84(&packedX, &packedY)
    // Each projected geometry's points, remembered, and its range in the batch.
    var packed = [Range<Int>?](repeating: nil, count: geometries.count)
    var next = 0
    for n in geometries.indices where known[n] == nil {
      let range = next..<(next + start[n + 1] - start[n])
      next = range.upperBound
      packed[n] = range
      memo?.remember(geometries[n], x: Array(packedX[range]), y: Array(packedY[range]))
    }
    guard packedX.count < total else {
      // Nothing was remembered: the batch is all the points, in order.
      x = packedX
      y = packedY
      return
    }
    var lon: [Double] = []
    var lat: [Double] = []
    lon.reserveCapacity(total)
    lat.reserveCapacity(total)
    for n in geometries.indices {
      if let range = packed[n] {
        lon += packedX[range]
        lat += packedY[range]
      } else if let hit = known[n] {
        lon += hit.x
        lat += hit.y
      }
    }
    x = lon
    y = lat
  }

  func range(of feature: Int) -> Range<Int> { start[feature]..<start[feature + 1] }

  func bounds(_ range: Range<Int>) -> BoundingBox? {
    guard !range.isEmpty else { return nil }
    var box = BoundingBox.empty
    for i in range { box.include(Point(x: x[i], y: y[i])) }
    return box
  }

  /// Shoelace area of a closed ring (positive counter-clockwise, lon east, lat north).
  func signedArea(_ range: Range<Int>) -> Double {
    guard range.count >= 3 else { return 0 }
    var sum = 0.0
    var previous = range.upperBound - 1
    for i in range {
      sum += x[previous] * y[i] - x[i] * y[previous]
      previous = i
    }
    return sum / 2
  }

  /// RD New → WGS84 in one batch per core, each with its own transformation
  /// object (OGR transformations are not thread-safe).
  static func toWGS84(_ x: inout [Double], _ y: inout [Double]) throws {
    let count = x.count
    guard count > 0 else { return }
    let source = try SpatialReference.rdNew()
    let target = try SpatialReference.wgs84()
    let parts = count < 20_000 ? 1 : max(1, ProcessInfo.processInfo.activeProcessorCount)
    let first = try CoordinateTransformation.shared(from: source, to: target)
    let transformations = try [first] + (1..<parts).map { _ in try first.clone() }
    do {
      try x.withUnsafeMutableBufferPointer { xs in
        try y.withUnsafeMutableBufferPointer { ys in
          let xBase = xs.baseAddress!
          let yBase = ys.baseAddress!
          _ = try ParallelFor.chunks(count, .parts(parts)) { part, range in
            try transformations[part].transform(
              x: xBase + range.lowerBound, y: yBase + range.lowerBound, count: range.count)
          }
        }
      }
    } catch {
      throw UserError("cannot transform to WGS84: \(error)")
    }
  }
}
