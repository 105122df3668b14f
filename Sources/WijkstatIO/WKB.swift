import WijkstatCore

/// Conversion between well-known binary and the core's `MultiPolygon`.
/// GDAL hands geometries over as ISO WKB (one memcpy per feature instead of a C
/// call per vertex); this small codec is hand-written because the core must not
/// depend on GDAL and no Swift package for WKB is available here.
enum WKB {
  /// Reads the polygonal parts of a WKB geometry: a Polygon, a MultiPolygon, or
  /// the polygons inside a GeometryCollection (what MakeValid may return);
  /// points and lines are dropped. Z and M values are skipped.
  static func multiPolygon(from bytes: [UInt8]) throws -> MultiPolygon {
    var reader = Reader(bytes: bytes)
    var polygons: [Polygon] = []
    try reader.readGeometry(into: &polygons)
    return MultiPolygon(polygons)
  }

  /// Little-endian ISO WKB for a MultiPolygon.
  static func bytes(of multiPolygon: MultiPolygon) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(9 + multiPolygon.pointCount * 16 + multiPolygon.polygons.count * 16)
    out.append(1)
    append(UInt32(6), to: &out)
    append(UInt32(multiPolygon.polygons.count), to: &out)
    for polygon in multiPolygon.polygons { append(polygon, to: &out) }
    return out
  }

  /// Little-endian ISO WKB for a single Polygon.
  static func bytes(ofPolygon polygon: Polygon) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(9 + polygon.rings.reduce(0) { $0 + 4 + $1.points.count * 16 })
    append(polygon, to: &out)
    return out
  }

  private static func append(_ polygon: Polygon, to out: inout [UInt8]) {
    out.append(1)
    append(UInt32(3), to: &out)
    let rings = polygon.rings
    append(UInt32(rings.count), to: &out)
    for ring in rings {
      append(UInt32(ring.points.count), to: &out)
      for p in ring.points {
        withUnsafeBytes(of: p.x.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: p.y.bitPattern.littleEndian) { out.append(contentsOf: $0) }
      }
    }
  }

  private static func append(_ value: UInt32, to out: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
  }

  struct Reader {
    let bytes: [UInt8]
    var offset = 0
    var littleEndian = true

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func byte() throws -> UInt8 {
      guard offset < bytes.count else { throw WKBError.truncated }
      defer { offset += 1 }
      return bytes[offset]
    }
    mutating func u32() throws -> UInt32 {
      guard offset + 4 <= bytes.count else { throw WKBError.truncated }
      var value: UInt32 = 0
      for i in 0..<4 {
        let b = UInt32(bytes[offset + i])
        value |= littleEndian ? b << (8 * UInt32(i)) : b << (8 * UInt32(3 - i))
      }
      offset += 4
      return value
    }
    mutating func f64() throws -> Double {
      guard offset + 8 <= bytes.count else { throw WKBError.truncated }
      var value: UInt64 = 0
      for i in 0..<8 {
        let b = UInt64(bytes[offset + i])
        value |= littleEndian ? b << (8 * UInt64(i)) : b << (8 * UInt64(7 - i))
      }
      offset += 8
      return Double(bitPattern: value)
    }

    /// Reads one geometry; appends its polygons, if any.
    mutating func readGeometry(into polygons: inout [Polygon]) throws {
      littleEndian = try byte() == 1
      let code = try u32()
      let base = code % 1000
      let dimensions = 2 + (code / 1000 == 1 || code / 1000 == 2 ? 1 : code / 1000 == 3 ? 2 : 0)
      switch base {
      case 3:
        let polygon = try readPolygon(dimensions: dimensions)
        // An empty polygon (no rings) or a collapsed ring adds no area.
        if polygon.exterior.points.count >= 4 { polygons.append(polygon) }
      case 6, 7:
        let count = try u32()
        for _ in 0..<count {
          let saved = littleEndian
          try readGeometry(into: &polygons)
          littleEndian = saved
        }
      case 1:
        offset += 8 * dimensions
      case 2:
        let count = Int(try u32())
        offset += count * 8 * dimensions
      case 4, 5:  // MultiPoint, MultiLineString: skip their members.
        let count = try u32()
        var ignored: [Polygon] = []
        for _ in 0..<count { try readGeometry(into: &ignored) }
      default:
        throw WKBError.unsupported(code)
      }
    }

    mutating func readPolygon(dimensions: Int) throws -> Polygon {
      let ringCount = try u32()
      var rings: [Ring] = []
      rings.reserveCapacity(Int(ringCount))
      for _ in 0..<ringCount {
        let n = Int(try u32())
        guard offset + n * 8 * dimensions <= bytes.count else { throw WKBError.truncated }
        var points: [Point] = []
        points.reserveCapacity(n)
        for _ in 0..<n {
          let x = try f64()
          let y = try f64()
          offset += 8 * (dimensions - 2)
          points.append(Point(x: x, y: y))
        }
        rings.append(Ring(points))
      }
      guard let exterior = rings.first else { return Polygon(exterior: Ring([])) }
      return Polygon(exterior: exterior, holes: Array(rings.dropFirst()))
    }
  }
}

enum WKBError: Error, CustomStringConvertible {
  case truncated
  case unsupported(UInt32)
  var description: String {
    switch self {
    case .truncated: return "truncated geometry"
    case .unsupported(let code): return "unsupported geometry type \(code)"
    }
  }
}
