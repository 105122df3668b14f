/// The union of polygons that share edges exactly (the same vertices on both
/// sides), as in a generated tessellation: every directed edge that also occurs
/// reversed is interior and cancels; what remains is chained into rings, counter-
/// clockwise ones are exteriors and clockwise ones holes. Hand-written because the
/// pure core has no GEOS; it is exact for such inputs and not a general union.
public enum CellUnion {
  public static func union(_ cells: [Polygon]) -> MultiPolygon {
    struct Edge: Hashable {
      var from: Point
      var to: Point
    }
    var edges: [Edge: Int] = [:]
    var order: [Edge] = []
    for cell in cells {
      let ring = cell.exterior.isCounterClockwise ? cell.exterior : cell.exterior.reversed()
      var points = ring.points
      if points.first == points.last { points.removeLast() }
      for i in points.indices {
        let edge = Edge(from: points[i], to: points[(i + 1) % points.count])
        if let reversed = edges[Edge(from: edge.to, to: edge.from)], reversed > 0 {
          edges[Edge(from: edge.to, to: edge.from)] = reversed - 1
        } else {
          edges[edge, default: 0] += 1
          order.append(edge)
        }
      }
    }
    var outgoing: [Point: [Point]] = [:]
    var starts: [Point] = []
    for edge in order where (edges[edge] ?? 0) > 0 {
      edges[edge]! -= 1
      outgoing[edge.from, default: []].append(edge.to)
      starts.append(edge.from)
    }
    var rings: [Ring] = []
    for start in starts {
      guard let first = outgoing[start]?.first else { continue }
      outgoing[start]!.removeFirst()
      var points = [start, first]
      var current = first
      while current != start, let next = outgoing[current]?.first {
        outgoing[current]!.removeFirst()
        points.append(next)
        current = next
      }
      if points.count >= 4 { rings.append(Ring(points)) }
    }
    let exteriors = rings.filter(\.isCounterClockwise)
    let holes = rings.filter { !$0.isCounterClockwise }
    var polygons = exteriors.map { Polygon(exterior: $0) }
    for hole in holes {
      if let i = polygons.firstIndex(where: { contains($0.exterior, hole.points[0]) }) {
        polygons[i].holes.append(hole)
      }
    }
    return MultiPolygon(polygons)
  }

  /// Even–odd point in ring test.
  static func contains(_ ring: Ring, _ p: Point) -> Bool {
    var inside = false
    let pts = ring.points
    var j = pts.count - 1
    for i in pts.indices {
      let a = pts[i]
      let b = pts[j]
      if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
        inside.toggle()
      }
      j = i
    }
    return inside
  }
}
