/// Douglas–Peucker simplification of a whole layer that keeps shared borders
/// shared: two areas that met along a border before still meet along exactly
/// the same (simplified) line afterwards, so no gaps or slivers appear.
///
/// Hand-written because GDAL/GEOS only simplify one geometry at a time
/// (`OGR_G_SimplifyPreserveTopology` keeps each polygon valid but lets the two
/// sides of a border drift apart). The method is the arc approach of TopoJSON and
/// mapshaper: vertices are identified across areas by their coordinates; a vertex
/// whose neighbours along all rings are not exactly two is a junction and is always
/// kept; the stretches between junctions (arcs) are simplified once each, in a
/// canonical direction, so both sides keep the same vertices.
public struct SharedBorderSimplifier {
  /// Maximum distance (map units) a removed vertex may lie from the simplified line.
  public var tolerance: Double
  /// Vertices closer than this are the same vertex (default 1 mm in RD New).
  public var snap: Double

  public init(tolerance: Double, snap: Double = 0.001) {
    self.tolerance = tolerance
    self.snap = snap
  }

  public func simplify(_ shapes: [MultiPolygon]) -> [MultiPolygon] {
    guard tolerance > 0 else { return shapes }
    // 1. One id per distinct (snapped) position.
    var ids: [SIMD2<Int64>: Int32] = [:]
    var positions: [Point] = []
    func id(_ p: Point) -> Int32 {
      let key = SIMD2(Int64((p.x / snap).rounded()), Int64((p.y / snap).rounded()))
      if let existing = ids[key] { return existing }
      let new = Int32(positions.count)
      ids[key] = new
      positions.append(p)
      return new
    }
    // Rings as id sequences without the closing repeat.
    var ringIds: [[[[Int32]]]] = shapes.map { shape in
      shape.polygons.map { polygon in
        polygon.rings.map { ring in
          var seq = ring.points.map(id)
          if seq.count > 1, seq.first == seq.last { seq.removeLast() }
          return seq
        }
      }
    }
    // 2. Neighbours of every vertex; more or fewer than two distinct means junction.
    var firstNeighbour = [Int32](repeating: -1, count: positions.count)
    var secondNeighbour = [Int32](repeating: -1, count: positions.count)
    var junction = [Bool](repeating: false, count: positions.count)
    func addNeighbour(_ v: Int32, _ n: Int32) {
      let i = Int(v)
      if firstNeighbour[i] == n || secondNeighbour[i] == n { return }
      if firstNeighbour[i] < 0 {
        firstNeighbour[i] = n
      } else if secondNeighbour[i] < 0 {
        secondNeighbour[i] = n
      } else {
        junction[i] = true
      }
    }
    for shape in ringIds {
      for polygon in shape {
        for ring in polygon where ring.count >= 3 {
          for k in 0..<ring.count {
            addNeighbour(ring[k], ring[(k + 1) % ring.count])
            addNeighbour(ring[k], ring[(k + ring.count - 1) % ring.count])
          }
        }
      }
    }
    // A ring with no junction at all (an island, or two areas sharing a whole
    // ring) is anchored at its smallest id, which both sides agree on.
    for shape in ringIds {
      for polygon in shape {
        for ring in polygon where ring.count >= 3 && !ring.contains(where: { junction[Int($0)] }) {
          junction[Int(ring.min()!)] = true
        }
      }
    }
    // 3. Simplify each arc once, in canonical direction, marking kept vertices.
    var kept = junction
    var done = Set<SIMD2<Int32>>()
    for shape in ringIds {
      for polygon in shape {
        for ring in polygon where ring.count >= 3 {
          guard let start = ring.firstIndex(where: { junction[Int($0)] }) else { continue }
          var arc: [Int32] = [ring[start]]
          for step in 1...ring.count {
            let v = ring[(start + step) % ring.count]
            arc.append(v)
            if junction[Int(v)] {
              var canonical = arc
              if canonical.first! > canonical.last!
                || (canonical.first! == canonical.last! && canonical.count > 2
                  && canonical[1] > canonical[canonical.count - 2])
              {
                canonical.reverse()
              }
              let key = SIMD2(canonical[0], canonical.count > 1 ? canonical[1] : -1)
              if !done.contains(key) {
                done.insert(key)
                markDouglasPeucker(canonical, positions, &kept)
              }
              arc = [v]
            }
          }
        }
      }
    }
    // 4. Rebuild; a ring that would collapse below a triangle keeps all its vertices.
    for s in ringIds.indices {
      for p in ringIds[s].indices {
        for r in ringIds[s][p].indices {
          let ring = ringIds[s][p][r]
          let simplified = ring.filter { kept[Int($0)] }
          if simplified.count >= 3 { ringIds[s][p][r] = simplified }
        }
      }
    }
    return ringIds.map { shape in
      MultiPolygon(
        shape.compactMap { polygon in
          let rings = polygon.map { seq -> Ring in
            var points = seq.map { positions[Int($0)] }
            if let first = points.first { points.append(first) }
            return Ring(points)
          }
          guard let exterior = rings.first, exterior.points.count >= 4 else { return nil }
          return Polygon(
            exterior: exterior, holes: rings.dropFirst().filter { $0.points.count >= 4 })
        })
    }
  }

  /// Marks the vertices Douglas–Peucker keeps between the arc's fixed ends
  /// (iterative, so long arcs cannot overflow the stack).
  private func markDouglasPeucker(_ arc: [Int32], _ positions: [Point], _ kept: inout [Bool]) {
    guard arc.count > 2 else { return }
    var stack = [(0, arc.count - 1)]
    while let (lo, hi) = stack.popLast() {
      guard hi - lo > 1 else { continue }
      let a = positions[Int(arc[lo])]
      let b = positions[Int(arc[hi])]
      var farthest = -1
      var distance = -1.0
      for k in (lo + 1)..<hi {
        let d = segmentDistance(positions[Int(arc[k])], a, b)
        if d > distance {
          distance = d
          farthest = k
        }
      }
      if distance > tolerance {
        kept[Int(arc[farthest])] = true
        stack.append((lo, farthest))
        stack.append((farthest, hi))
      }
    }
  }

  /// Distance from p to the segment ab (to the point a when a == b).
  private func segmentDistance(_ p: Point, _ a: Point, _ b: Point) -> Double {
    let dx = b.x - a.x
    let dy = b.y - a.y
    let length2 = dx * dx + dy * dy
    var t = length2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0
    t = min(1, max(0, t))
    let qx = a.x + t * dx - p.x
    let qy = a.y + t * dy - p.y
    return (qx * qx + qy * qy).squareRoot()
  }
}
