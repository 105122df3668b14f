import Testing

@testable import WijkstatCore

/// Permutation tests with tied values. The expected counts come from full
/// enumeration in exact rational arithmetic (Python 3 `fractions`,
/// `itertools.permutations` / `combinations`; the script is in the closing
/// note of issue 16): G arrangements with a statistic ≥ the observed, L ≤ it,
/// N arrangements in all.
@Suite struct PermutationTieTests {
  let line3 = SpatialWeights(kind: "line", neighbours: [[1], [0, 2], [1]])

  /// 3 areas in a row, [1, 2, 3]: I = 0; of the 3! = 6 arrangements G = 2 (2 in
  /// the middle), L = 6. Fewer arrangements than permutations asked: all are
  /// enumerated and p is exact (before: p_sim = 0.001 and clusters).
  @Test func threeInARowIsEnumeratedExactly() {
    let greater = MoranGlobal.compute(
      values: [1, 2, 3], weights: line3, permutations: 999, alternative: .greater)
    #expect(greater.enumerated && greater.permutations == 6)
    #expect(abs(greater.i) < 1e-15)
    #expect(abs(greater.pSimulated - 1.0 / 3) < 1e-15)
    let twoSided = MoranGlobal.compute(values: [1, 2, 3], weights: line3, permutations: 999)
    #expect(abs(twoSided.pSimulated - 2.0 / 3) < 1e-15)
    let lesser = MoranGlobal.compute(
      values: [1, 2, 3], weights: line3, permutations: 999, alternative: .lesser)
    #expect(lesser.pSimulated == 1)
    // [0, 0, 5]: I = −0.25, G = 4, L = 6 (ties of the two zeros).
    let tied = MoranGlobal.compute(
      values: [0, 0, 5], weights: line3, permutations: 999, alternative: .greater)
    #expect(abs(tied.i - -0.25) < 1e-15 && abs(tied.pSimulated - 4.0 / 6) < 1e-15)
    // 5 in a row, [0, 0, 0, 1, 4]: I = 0.20833333333333334, G = 12, L = 120 of 120.
    let line5 = SpatialWeights(kind: "line", neighbours: [[1], [0, 2], [1, 3], [2, 4], [3]])
    let five = MoranGlobal.compute(values: [0, 0, 0, 1, 4], weights: line5, permutations: 999)
    #expect(five.enumerated && five.permutations == 120)
    #expect(abs(five.i - 0.20833333333333334) < 1e-15)
    #expect(abs(five.pSimulated - 2 * 12.0 / 120) < 1e-15)
    // More permutations asked than... fewer: Monte Carlo, no enumeration.
    let sampled = MoranGlobal.compute(values: [0, 0, 0, 1, 4], weights: line5, permutations: 99)
    #expect(!sampled.enumerated && sampled.permutations == 99)
  }

  /// The local test: the middle of 3 areas has both others as neighbours, so
  /// its one neighbour set is the observed one (p = 1); the ends have 2 sets.
  @Test func localOnThreeInARow() {
    let lisa = LocalMoran.compute(values: [1, 2, 3], weights: line3, permutations: 999)
    #expect(lisa.enumerated == 3)
    #expect(lisa.pSimulated[1] == 1)  // z = 0 in the middle: every set ties
    // End 0 (z = −1, neighbour z = 0): sets {1} (I = 0) and {2} (I = −·1 < 0):
    // G = 1, L = 2 of 2; two-sided min(1, 2·1/2) = 1.
    #expect(lisa.pSimulated[0] == 1 && lisa.pSimulated[2] == 1)
    #expect(lisa.clusters(rule: .p).allSatisfy { $0 == "ns" })
  }

  /// An area whose neighbours are all the other areas has one neighbour set:
  /// p = 1 exactly (before: 0.048–0.052, sometimes labelled a cluster).
  @Test func allOthersAsNeighboursGivesOne() {
    let n = 12
    var neighbours = (0..<n).map { i in [(i + 1) % n, (i + n - 1) % n] }
    neighbours[0] = Array(1..<n)
    for j in 1..<n where !neighbours[j].contains(0) { neighbours[j].append(0) }
    let values: [Double] = [9, 1, 2, 2, 3, 0, 0, 0, 7, 8, 1, 5]
    let lisa = LocalMoran.compute(
      values: values, weights: SpatialWeights(kind: "t", neighbours: neighbours), permutations: 999)
    #expect(lisa.pSimulated[0] == 1)
    #expect(lisa.cluster(0, rule: .p) == "ns")
  }

  /// 4 × 5 rook lattice, 12 of 20 values 0 (the real data's many 0 %): every
  /// area's neighbour sets (C(19, k) = 171, 969 or 3,876) enumerated exactly at
  /// 9,999 permutations, and the two-sided p is min(1, 2 min(G, L)/N).
  @Test func tiedLatticeMatchesFullEnumeration() {
    let y: [Double] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 3, 5, 2, 4, 6]
    let w = ContiguityWeights.build(lattice(4, 5), rule: .rook)
    // (G, L, N) per area from the enumeration.
    let counts: [(Int, Int, Int)] = [
      (66, 171, 171), (220, 969, 969), (220, 969, 969), (66, 171, 171), (220, 969, 969),
      (495, 3876, 3876), (495, 3876, 3876), (220, 969, 969), (286, 749, 969), (1155, 3161, 3876),
      (495, 3876, 3876), (508, 551, 969), (859, 150, 969), (2589, 1651, 3876), (3483, 598, 3876),
      (240, 846, 969), (54, 132, 171), (23, 962, 969), (81, 929, 969), (5, 169, 171),
    ]
    let exact = LocalMoran.compute(values: y, weights: w, permutations: 9999)
    #expect(exact.enumerated == 20)
    let greater = LocalMoran.compute(
      values: y, weights: w, permutations: 9999, alternative: .greater)
    let lesser = LocalMoran.compute(values: y, weights: w, permutations: 9999, alternative: .lesser)
    for (i, (g, l, n)) in counts.enumerated() {
      let nn = Double(n)
      #expect(abs(exact.pSimulated[i] - min(1, 2 * Double(min(g, l)) / nn)) < 1e-15, "area \(i)")
      #expect(abs(greater.pSimulated[i] - Double(g) / nn) < 1e-15, "area \(i)")
      #expect(abs(lesser.pSimulated[i] - Double(l) / nn) < 1e-15, "area \(i)")
    }
    // At 999 permutations the 4-neighbour areas are sampled: within about 3
    // standard errors of the doubled p (sd ≤ 2·√(0.25/1000) ≈ 0.032).
    let sampled = LocalMoran.compute(values: y, weights: w, permutations: 999, seed: 5)
    #expect(sampled.enumerated == 14)
    for (i, (g, l, n)) in counts.enumerated() where n == 3876 {
      let p = min(1, 2 * Double(min(g, l)) / Double(n))
      #expect(abs(sampled.pSimulated[i] - p) < 0.1, "area \(i): \(sampled.pSimulated[i]) vs \(p)")
    }
    // None of the zero areas is a cluster under any rule.
    for rule in ClusterRule.allCases {
      let labels = exact.clusters(rule: rule)
      #expect((0..<12).allSatisfy { labels[$0] == "ns" }, "\(rule)")
    }
  }

  @Test func conventionsFromCounts() {
    // P = 999, G = 3, L = 997 (ties count on both sides).
    #expect(
      PermutationAlternative.greater.p(atLeast: 3, atMost: 997, count: 999, exact: false) == 4.0
        / 1000)
    #expect(
      PermutationAlternative.lesser.p(atLeast: 3, atMost: 997, count: 999, exact: false) == 998.0
        / 1000)
    #expect(
      PermutationAlternative.twoSided.p(atLeast: 3, atMost: 997, count: 999, exact: false) == 8.0
        / 1000)
    // esda's directed: G = 990 folded to 999 − 990 = 9.
    #expect(
      PermutationAlternative.directed.p(atLeast: 990, atMost: 10, count: 999, exact: false) == 10.0
        / 1000)
    #expect(
      PermutationAlternative.twoSided.p(atLeast: 999, atMost: 999, count: 999, exact: false) == 1)
    #expect(Combinatorics.binomial(19, 4, atMost: 9999) == 3876)
    #expect(Combinatorics.binomial(19, 4, atMost: 999) == nil)
    #expect(
      Combinatorics.factorial(6, atMost: 999) == 720
        && Combinatorics.factorial(7, atMost: 999) == nil)
  }

  /// FDR against plain p and Bonferroni on the esda lattice: BH q ≥ p always,
  /// so FDR clusters are a subset of plain-p clusters, Bonferroni's a subset of both.
  @Test func clusterRulesNest() {
    let y: [Double] = [1, 3, 2, 5, 4, 6, 8, 7, 9, 12, 10, 11, 14, 13, 16, 15]
    let w = ContiguityWeights.build(lattice(4, 4), rule: .rook)
    let lisa = LocalMoran.compute(values: y, weights: w, permutations: 999, seed: 1)
    let plain = lisa.clusters(rule: .p)
    let fdr = lisa.clusters(rule: .fdr)
    let bonferroni = lisa.clusters(rule: .bonferroni)
    for i in 0..<16 {
      if fdr[i] != "ns" { #expect(plain[i] == fdr[i]) }
      if bonferroni[i] != "ns" { #expect(fdr[i] == bonferroni[i]) }
      #expect(lisa.qValues[i] >= lisa.pSimulated[i])
      #expect((fdr[i] != "ns") == (lisa.qValues[i] < 0.05))
      #expect((bonferroni[i] != "ns") == (lisa.pSimulated[i] < 0.05 / 16))
    }
    #expect(plain.filter { $0 != "ns" }.count >= fdr.filter { $0 != "ns" }.count)
  }
}
