import Testing

@testable import WijkstatCore

@Suite struct RestrictedWeightsTests {
  /// A 3 × 3 rook lattice with codes a…i, row by row from the bottom left:
  /// a b c at the bottom, d e f, g h i at the top.
  func weights() throws -> AreaWeights {
    let codes = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
    let layer = AreaLayer(
      level: .pc4, areas: zip(codes, lattice(3, 3)).map { Area(code: $0, geometry: $1) },
      source: "test")
    return try AreaWeights(layer: layer, kind: .rook)
  }

  @Test func reindexedInTheWantedOrder() throws {
    let w = try weights()
    // e's rook neighbours are b d f h; of those only b (now 3) is wanted. a: b d → b.
    // b: a c e → a (2), e (0). x is unknown: no neighbours.
    let restricted = w.restricted(to: ["e", "x", "a", "b"])
    #expect(restricted.neighbours == [[3], [], [3], [0, 2]])
    #expect(restricted.kind == "rook")
    #expect(restricted == SpatialWeights(kind: "rook", neighbours: [[3], [], [3], [0, 2]]))
  }

  @Test func theLayersOwnOrderGivesTheWeights() throws {
    let w = try weights()
    #expect(w.restricted(to: w.codes) == w.weights)
    // Reversed: area i of the result is area 8 − i of the layer.
    let reversed = w.restricted(to: w.codes.reversed())
    #expect(
      reversed.neighbours
        == (0..<9).map { i in w.weights.neighbours[8 - i].map { 8 - $0 }.sorted() })
  }

  @Test func aCodeWantedTwiceTakesItsLinksAtItsLastPlace() throws {
    // a (0) and b (1) touch; a is wanted at 0 and 2, so b links to 2.
    let restricted = try weights().restricted(to: ["a", "b", "a"])
    #expect(restricted.neighbours == [[1], [2], [1]])
  }
}
