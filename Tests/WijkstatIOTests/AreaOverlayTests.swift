import Testing
import WijkstatCore

@testable import WijkstatIO
import WijkstatTestSupport

@Suite struct AreaOverlayTests {
  /// PC-4 → gemeente with the real files (issue 3): Utrecht centre, Amsterdam
  /// centre, Dordrecht, Leeuwarden and Groningen centre lie in their gemeenten.
  @Test(.needsSharedData) func assignsRealPC4sToTheirGemeenten() throws {
    let pc4 = try BoundaryReader.read(SharedData.path("pc4.geojson")).layer
    let gemeenten = try BoundaryReader.read(SharedData.path("gemeenten-2023.geojson")).layer
    let result = try AreaOverlay.assign(pc4, to: gemeenten)
    let lookup = result.lookup
    #expect(lookup["3511"] == "GM0344")
    #expect(lookup["1011"] == "GM0363")
    #expect(lookup["3311"] == "GM0505")
    #expect(lookup["8911"] == "GM0080")
    #expect(lookup["9711"] == "GM0014")
    // Every PC-4 on land lands in some gemeente; the two files were generalised
    // differently, so borders do not coincide and many PC-4s straddle one.
    #expect(result.assignments.count + result.unassigned.count == 4038)
    #expect(result.unassigned.count < 10)
    let low = result.assignments.filter { $0.share <= 0.3 }.map {
      "\($0.code) \($0.share) \($0.parts.map(\.code))"
    }
    #expect(low.isEmpty, "PC-4s mostly outside every gemeente: \(low)")
    // 6931 Westervoort: its gemeente outline (GM0293) becomes self-touching when
    // projected to RD New; after repair the overlay must still find it.
    #expect(lookup["6931"] == "GM0293")
  }

  @Test func splitsAreListedWithShares() throws {
    // Two gemeenten side by side (x 0–1000 and 1000–2000); a PC-4 from x 700 to 1100:
    // 300/400 = 75% in the west, 100/400 = 25% in the east.
    func box(_ x0: Double, _ x1: Double) -> MultiPolygon {
      MultiPolygon([
        Polygon(
          exterior: Ring([
            Point(x: x0, y: 0), Point(x: x1, y: 0), Point(x: x1, y: 1000), Point(x: x0, y: 1000),
            Point(x: x0, y: 0),
          ]))
      ])
    }
    let gemeenten = AreaLayer(
      level: .gemeente,
      areas: [
        Area(code: "GM0001", geometry: box(0, 1000)),
        Area(code: "GM0002", geometry: box(1000, 2000)),
      ],
      source: "test")
    let pc4 = AreaLayer(
      level: .pc4,
      areas: [
        Area(code: "1000", geometry: box(700, 1100)), Area(code: "1001", geometry: box(100, 200)),
      ],
      source: "test")
    let result = try AreaOverlay.assign(pc4, to: gemeenten)
    let split = try #require(result.assignments.first { $0.code == "1000" })
    #expect(split.assignedTo == "GM0001")
    #expect(abs(split.share - 0.75) < 1e-9)
    #expect(split.parts.map(\.code) == ["GM0001", "GM0002"])
    #expect(abs(split.parts[1].share - 0.25) < 1e-9)
    #expect(result.split.map(\.code) == ["1000"])
    #expect(result.lookup["1001"] == "GM0001")
  }
}
