import Testing

@testable import WijkstatCore

@Suite struct SharedBorderSimplifierTests {
  /// Two unit-ish areas sharing a wiggly border x ≈ 100 with small bumps (±0.5).
  /// West: (0,0) → (100,0) → border up → (100,100) → (0,100). East mirrors it.
  func twoAreas() -> [MultiPolygon] {
    var border: [Point] = []
    for i in 0...20 {
      border.append(Point(x: 100 + (i % 2 == 0 ? 0 : 0.5), y: Double(i) * 5))
    }
    let west = [Point(x: 0, y: 0)] + border + [Point(x: 0, y: 100), Point(x: 0, y: 0)]
    let east =
      [Point(x: 100, y: 0), Point(x: 200, y: 0), Point(x: 200, y: 100)] + border.reversed()
    return [
      MultiPolygon([Polygon(exterior: Ring(west))]),
      MultiPolygon([Polygon(exterior: Ring(east))]),
    ]
  }

  @Test func sharedBorderStaysIdenticalOnBothSides() {
    let out = SharedBorderSimplifier(tolerance: 1).simplify(twoAreas())
    let west = Set(out[0].polygons[0].exterior.points.filter { $0.x >= 99 })
    let east = Set(out[1].polygons[0].exterior.points.filter { $0.x <= 101 })
    // The bumps (0.5 < tolerance 1) are gone: only the two junctions remain, (100,0) and (100,100).
    #expect(west == [Point(x: 100, y: 0), Point(x: 100, y: 100)])
    #expect(west == east)
    // Areas are unchanged up to the removed bumps: 100 × 100 each within 0.5 × 100.
    #expect(abs(out[0].area - 10_000) < 50)
    #expect(abs(out[1].area - 10_000) < 50)
  }

  @Test func toleranceBelowBumpsKeepsEverything() {
    let input = twoAreas()
    let out = SharedBorderSimplifier(tolerance: 0.1).simplify(input)
    #expect(out[0].pointCount == input[0].pointCount)
    #expect(out[1].pointCount == input[1].pointCount)
  }

  @Test func islandKeepsAtLeastATriangle() {
    // A 16-gon approximating a circle of radius 10: with tolerance 100 every vertex
    // could go, but a ring never collapses below three distinct vertices.
    var points = (0..<16).map { k -> Point in
      let angle = Double(k) * Double.pi / 8
      return Point(x: 10 * _cos(angle), y: 10 * _sin(angle))
    }
    points.append(points[0])
    let out = SharedBorderSimplifier(tolerance: 100).simplify([
      MultiPolygon([Polygon(exterior: Ring(points))])
    ])
    #expect(out[0].polygons[0].exterior.points.count >= 4)
  }
}

import Foundation

private func _cos(_ x: Double) -> Double { Foundation.cos(x) }
private func _sin(_ x: Double) -> Double { Foundation.sin(x) }
