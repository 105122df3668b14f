/// Queen and rook contiguity from polygons, by hashing vertices, the method of
/// PySAL's `libpysal.weights.Queen/Rook.from_iterable` (Rey & Anselin 2007):
/// areas sharing a vertex are queen neighbours, areas sharing an edge are rook
/// neighbours. Vertices are snapped to a grid of `tolerance` metres, four times
/// with the grid shifted by half a cell in x and y, so two vertices closer than
/// half the tolerance always meet in one of the grids. Linear in the number of
/// vertices (a sort of packed 64-bit keys); no pair of areas is compared.
/// `extra` adds more rings per area (the unrepaired geometry of a repaired
/// area: a repair can remove the vertex two areas share).
/// Hand-written: GDAL/GEOS offer predicates per pair, not a contiguity builder.
public enum ContiguityWeights {
  public enum Rule: String, Sendable { case queen, rook }

  public static func build(
    _ geometries: [MultiPolygon], rule: Rule, tolerance: Double = 0.01,
    extra: [Int: MultiPolygon] = [:]
  ) -> SpatialWeights {
    let offsets: [(Double, Double)] =
      rule == .queen ? [(0, 0), (0.5, 0), (0, 0.5), (0.5, 0.5)] : [(0, 0), (0.5, 0.5)]
    // One shifted grid per task, on all cores; the pairs are sorted together below.
    let found = ParallelFor.map(offsets.count, minimumChunk: 1) { grid -> [UInt64] in
      let (dx, dy) = offsets[grid]
      var pairs: [UInt64] = []
      var keys: [(key: UInt64, area: UInt32)] = []
      keys.reserveCapacity(geometries.reduce(0) { $0 + $1.pointCount })
      for (area, geometry) in geometries.enumerated() {
        for polygon in geometry.polygons + (extra[area]?.polygons ?? []) {
          for ring in polygon.rings {
            let points = ring.points
            let count = points.first == points.last ? points.count - 1 : points.count
            guard count >= 2 else { continue }
            for i in 0..<count {
              let a = snap(points[i], tolerance, dx, dy)
              if rule == .queen {
                keys.append((a, UInt32(area)))
              } else {
                let b = snap(points[(i + 1) % count], tolerance, dx, dy)
                guard a != b else { continue }
                keys.append((edgeKey(a, b), UInt32(area)))
              }
            }
          }
        }
      }
      // By key only: the pairs of a group do not depend on the order within it.
      keys.sort { $0.key < $1.key }
      var start = 0
      while start < keys.count {
        var end = start + 1
        while end < keys.count, keys[end].key == keys[start].key { end += 1 }
        if end - start > 1 {
          for i in start..<end {
            for j in (i + 1)..<end where keys[i].area != keys[j].area {
              let (a, b) = (keys[i].area, keys[j].area)
              pairs.append(UInt64(min(a, b)) << 32 | UInt64(max(a, b)))
            }
          }
        }
        start = end
      }
      return pairs
    }
    var pairs = found.flatMap { $0 }
    pairs.sort()
    var neighbours = [[Int]](repeating: [], count: geometries.count)
    var previous: UInt64? = nil
    for pair in pairs where pair != previous {
      previous = pair
      let a = Int(pair >> 32)
      let b = Int(pair & 0xFFFF_FFFF)
      neighbours[a].append(b)
      neighbours[b].append(a)
    }
    return SpatialWeights(kind: rule.rawValue, neighbours: neighbours)
  }

  /// Packs the snapped grid cell of a point into 64 bits (32 per axis; RD New
  /// coordinates in centimetres fit easily).
  @inline(__always)
  static func snap(_ p: Point, _ tolerance: Double, _ dx: Double, _ dy: Double) -> UInt64 {
    let x = Int64((p.x / tolerance + dx).rounded(.down))
    let y = Int64((p.y / tolerance + dy).rounded(.down))
    return UInt64(bitPattern: (x & 0xFFFF_FFFF) << 32 | (y & 0xFFFF_FFFF))
  }

  /// An order-independent key for an edge (a mixing hash of both ends).
  @inline(__always)
  static func edgeKey(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let (lo, hi) = a < b ? (a, b) : (b, a)
    var h = lo &* 0x9E37_79B9_7F4A_7C15
    h ^= hi &+ 0x7F4A_7C15_9E37_79B9 &+ (h << 6) &+ (h >> 2)
    return h
  }
}
