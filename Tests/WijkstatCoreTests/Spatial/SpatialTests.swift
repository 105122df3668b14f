import Testing

@testable import WijkstatCore

/// A columns × rows lattice of unit squares, indexed row by row from the bottom
/// left (the order of libpysal's `lat2W`), with an optional jitter on every vertex
/// of the odd-numbered squares.
func lattice(_ columns: Int, _ rows: Int, size: Double = 100, jitter: Double = 0) -> [MultiPolygon]
{
  var squares: [MultiPolygon] = []
  for j in 0..<rows {
    for i in 0..<columns {
      let shift = (i + j) % 2 == 1 ? jitter : 0
      let x = Double(i) * size + shift
      let y = Double(j) * size + shift
      let ring = Ring([
        Point(x: x, y: y), Point(x: x + size, y: y), Point(x: x + size, y: y + size),
        Point(x: x, y: y + size), Point(x: x, y: y),
      ])
      squares.append(MultiPolygon([Polygon(exterior: ring)]))
    }
  }
  return squares
}

@Suite struct ContiguityTests {
  @Test func queenAndRookOnALattice() {
    let squares = lattice(3, 3)
    let queen = ContiguityWeights.build(squares, rule: .queen)
    let rook = ContiguityWeights.build(squares, rule: .rook)
    // libpysal lat2W(3, 3, rook=False).neighbors: 0 → [1, 3, 4]; 4 → all eight others.
    #expect(queen.neighbours[0] == [1, 3, 4])
    #expect(queen.neighbours[4] == [0, 1, 2, 3, 5, 6, 7, 8])
    #expect(rook.neighbours[0] == [1, 3])
    #expect(rook.neighbours[4] == [1, 3, 5, 7])
    #expect(queen.islands.isEmpty)
  }

  @Test func islandsAreReported() {
    var squares = lattice(2, 2)
    squares += lattice(1, 1, size: 10).map { area in
      MultiPolygon(
        area.polygons.map {
          Polygon(exterior: Ring($0.exterior.points.map { Point(x: $0.x + 5000, y: $0.y) }))
        })
    }
    let queen = ContiguityWeights.build(squares, rule: .queen)
    #expect(queen.islands == [4])
    let knn = KNearestWeights.build(squares.map { $0.centroid! }, k: 2)
    #expect(queen.fillingIslands(with: knn).islands.isEmpty)
  }

  @Test func nearlyCoincidentVerticesStillTouch() {
    // Every other square is shifted by 0.1 mm: the borders still meet within 1 cm.
    let squares = lattice(3, 3, jitter: 0.0001)
    let queen = ContiguityWeights.build(squares, rule: .queen)
    #expect(queen.neighbours[4].count == 8)
    let rook = ContiguityWeights.build(squares, rule: .rook)
    #expect(rook.neighbours[4] == [1, 3, 5, 7])
  }

  @Test func nearestNeighboursOnALine() {
    let points = (0..<6).map { Point(x: Double($0 * $0), y: 0) }  // 0, 1, 4, 9, 16, 25
    let knn = KNearestWeights.build(points, k: 2)
    #expect(knn.neighbours[0] == [1, 2])
    #expect(knn.neighbours[3] == [2, 4])  // 9: 4 (5 away) and 16 (7 away)
    #expect(knn.neighbours[5] == [3, 4])
  }

  @Test func largeGridInteriorHasEightQueenNeighbours() {
    let squares = lattice(200, 200)
    let queen = ContiguityWeights.build(squares, rule: .queen)
    #expect(queen.neighbours[401].count == 8)  // row 2, column 1: interior
    #expect(queen.neighbours[0].count == 3)
    // 198² interior squares with 8, 4 × 198 edge squares with 5, 4 corners with 3.
    let links: Double = 8 * 198 * 198 + 5 * 4 * 198 + 3 * 4
    #expect(abs(queen.meanNeighbours - links / 40_000) < 1e-12)
  }
}

/// Reference values from esda 2.9.0 (libpysal 4.14.1):
/// y = [1,3,2,5,4,6,8,7,9,12,10,11,14,13,16,15], w = lat2W(4, 4, rook=True), row-standardised;
/// esda.Moran(y, w) and esda.Moran_Local(y, w, permutations=999, seed=1).
@Suite struct MoranTests {
  let y: [Double] = [1, 3, 2, 5, 4, 6, 8, 7, 9, 12, 10, 11, 14, 13, 16, 15]
  var rook: SpatialWeights { ContiguityWeights.build(lattice(4, 4), rule: .rook) }

  @Test func globalMoranMatchesEsda() {
    let m = MoranGlobal.compute(values: y, weights: rook, permutations: 999, seed: 7)
    #expect(abs(m.i - 0.704779411764706) < 1e-12)
    #expect(abs(m.expected - -0.06666666666666667) < 1e-12)
    #expect(abs(m.variance - 0.03483932461873638) < 1e-12)
    #expect(abs(m.zNorm - 4.133050502247346) < 1e-9)
    #expect(abs(m.pNorm - 3.57980028290914e-05) < 1e-10)
    // esda's p_sim was 0.001 (no permutation as extreme); ours must be that small too.
    #expect(m.pSimulated <= 0.005)
    #expect(m == MoranGlobal.compute(values: y, weights: rook, permutations: 999, seed: 7))
  }

  /// Variables tested together (shared permutations in SIMD lanes) give
  /// exactly what one call per variable gives: three variables (a pair and one
  /// alone), a constant one (a reason, no test), on a 9 × 9 lattice.
  @Test func columnsTogetherEqualOneByOne() {
    let w = ContiguityWeights.build(lattice(9, 9), rule: .queen)
    var random = SeededRandom(seed: 3)
    let columns: [[Double]] = [
      (0..<81).map { Double($0 % 9) + random.nextUnit() },
      (0..<81).map { _ in random.nextUnit() },
      Array(repeating: 4, count: 81),
      (0..<81).map { Double(($0 * 7) % 11) },
    ]
    let global = MoranGlobal.compute(columns: columns, weights: w, permutations: 499, seed: 11)
    let local = LocalMoran.compute(columns: columns, weights: w, permutations: 499, seed: 12)
    // Compared as printed, so that NaN (the constant column's) equals NaN.
    for (c, values) in columns.enumerated() {
      let alone = MoranGlobal.compute(values: values, weights: w, permutations: 499, seed: 11)
      #expect("\(global[c])" == "\(alone)", "column \(c)")
      let lisa = LocalMoran.compute(values: values, weights: w, permutations: 499, seed: 12)
      #expect("\(local[c])" == "\(lisa)", "column \(c)")
    }
    #expect(global[2].reason == "constant values" && local[2].reason == "constant values")
    #expect(global[0].pSimulated < 0.01 && global[1].pSimulated > 0.01)
  }

  @Test func localMoranMatchesEsda() {
    let lisa = LocalMoran.compute(values: y, weights: rook, permutations: 999, seed: 1)
    let expected = [
      1.6544117647058822, 1.3345588235294117, 0.9080882352941174, 0.6176470588235293,
      0.6286764705882352, 0.19301470588235295, 0.049632352941176454, 0.03308823529411764,
      0.033088235294117634, 0.15441176470588233, 0.21507352941176466, 0.23897058823529405,
      0.6066176470588236, 1.091911764705882, 1.378676470588235, 1.4338235294117645,
    ]
    for (a, b) in zip(lisa.localI, expected) { #expect(abs(a - b) < 1e-12) }
    // esda q: 3 (LL) for the first eight, 1 (HH) for the last eight.
    #expect(lisa.quadrants.prefix(8).allSatisfy { $0 == .lowLow })
    #expect(lisa.quadrants.suffix(8).allSatisfy { $0 == .highHigh })
    // esda p_sim (its `directed` convention): area 1 0.005, area 13 0.007, area 7
    // 0.41; ours, with other draws, must land near those; the two-sided p
    // (the default) near twice as large.
    let directed = LocalMoran.compute(
      values: y, weights: rook, permutations: 999, seed: 1, alternative: .directed)
    #expect(directed.pSimulated[1] < 0.02)
    #expect(directed.pSimulated[13] < 0.02)
    #expect(directed.pSimulated[7] > 0.2)
    #expect(lisa.pSimulated[1] < 0.04)
    #expect(lisa.pSimulated[13] < 0.04)
    #expect(lisa.pSimulated[7] > 0.4)
    #expect(lisa.cluster(1, rule: .p) == "LL")
    #expect(lisa.cluster(7, rule: .p) == "ns")
    #expect(lisa.qValues.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(lisa == LocalMoran.compute(values: y, weights: rook, permutations: 999, seed: 1))
  }

  @Test func edgeCasesSayWhy() {
    let flat = MoranGlobal.compute(values: Array(repeating: 2, count: 16), weights: rook)
    #expect(flat.reason == "constant values" && flat.i.isNaN)
    let small = LocalMoran.compute(
      values: [1, 2], weights: SpatialWeights(kind: "queen", neighbours: [[1], [0]]))
    #expect(small.reason == "n < 3")
    // An island: zero lag, no local I, no quadrant.
    let withIsland = SpatialWeights(kind: "queen", neighbours: [[1], [0, 2], [1], []])
    let lisa = LocalMoran.compute(values: [1, 2, 3, 10], weights: withIsland, permutations: 99)
    #expect(lisa.localI[3].isNaN && lisa.quadrants[3] == nil && lisa.cluster(3) == nil)
    #expect(
      MoranGlobal.compute(values: [1, 2, 3, 10], weights: withIsland, permutations: 0).islands == 1)
  }
}
