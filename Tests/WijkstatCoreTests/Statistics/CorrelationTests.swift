import Testing

@testable import WijkstatCore

/// Reference values from scipy 1.17.1: `stats.pearsonr(x, y)` with
/// `.confidence_interval(0.95)`, `stats.spearmanr`, `stats.false_discovery_control`.
@Suite struct CorrelationTests {
  let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
  let y: [Double] = [2.1, 1.9, 3.5, 3.0, 5.2, 4.8, 6.9, 8.1, 7.7, 9.9]

  @Test func pearsonWithFisherInterval() {
    let result = PearsonCorrelation.compute(x: x, y: y)
    #expect(result.n == 10)
    #expect(abs(result.r - 0.9692744721929355) < 1e-12)
    #expect(abs(result.p - 3.7572660806665952e-06) / 3.7572660806665952e-06 < 1e-8)
    #expect(abs(result.ciLow - 0.8715200191365337) < 1e-9)
    #expect(abs(result.ciHigh - 0.9929329542318238) < 1e-9)
    #expect(result.reason == nil)
  }

  @Test func pearsonDropsIncompletePairs() {
    let result = PearsonCorrelation.compute(x: x + [.nan, 3], y: y + [4, .nan])
    #expect(result.n == 10)
    #expect(abs(result.r - 0.9692744721929355) < 1e-12)
  }

  @Test func undefinedCorrelationsSayWhy() {
    #expect(PearsonCorrelation.compute(x: [1, 2], y: [3, 4]).reason == "n < 3")
    #expect(PearsonCorrelation.compute(x: [1, 2], y: [3, 4]).r.isNaN)
    #expect(PearsonCorrelation.compute(x: [2, 2, 2, 2], y: [1, 2, 3, 4]).reason == "constant x")
    #expect(PearsonCorrelation.compute(x: [.nan, .nan, .nan], y: [1, 2, 3]).reason == "n < 3")
    #expect(SpearmanCorrelation.compute(x: [1, 2, 3, 4], y: [5, 5, 5, 5]).reason == "constant y")
  }

  @Test func spearmanWithTies() {
    let result = SpearmanCorrelation.compute(
      x: [1, 2, 2, 3, 4, 4, 4, 5], y: [3, 1, 4, 1, 5, 9, 2, 6])
    #expect(abs(result.rho - 0.5495502618648208) < 1e-12)
    #expect(abs(result.p - 0.15825612767878006) < 1e-10)
    #expect(SpearmanCorrelation.averageRanks([10, 20, 20, 30]) == [1, 2.5, 2.5, 4])
  }

  @Test func averageRanksOfTiedValues() {
    // By hand: sorted, the values are 1 1 2 3 3 4 5 5 5 6 9 at ranks 1…11; the two
    // 1s share (1 + 2) / 2 = 1.5, the 3s (4 + 5) / 2 = 4.5, the 5s (7 + 8 + 9) / 3 = 8.
    let values: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
    #expect(
      SpearmanCorrelation.averageRanks(values) == [4.5, 1.5, 6, 1.5, 8, 11, 3, 10, 8, 4.5, 8])
    // All tied: every value gets the middle rank (1 + 2 + 3) / 3 = 2; −0 equals 0.
    #expect(SpearmanCorrelation.averageRanks([7, 7, 7]) == [2, 2, 2])
    #expect(SpearmanCorrelation.averageRanks([0, -0.0, -1]) == [2.5, 2.5, 1])
    #expect(SpearmanCorrelation.averageRanks([]) == [])
    #expect(SpearmanCorrelation.averageRanks([42]) == [1])
  }

  @Test func spearmanFromRanksIsSpearman() {
    // The complete pairs of the tied example above, ranked once and reused.
    let x: [Double] = [1, 2, 2, 3, 4, 4, 4, 5]
    let y: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
    let fromRanks = SpearmanCorrelation.compute(
      xRanks: SpearmanCorrelation.averageRanks(x), yRanks: SpearmanCorrelation.averageRanks(y))
    #expect(fromRanks == SpearmanCorrelation.compute(x: x + [.nan], y: y + [7]))
  }

  @Test func benjaminiHochberg() {
    let q = BenjaminiHochberg.qValues([0.01, 0.04, 0.03, 0.005, .nan, 0.5])
    let expected = [0.025, 0.05, 0.05, 0.025, Double.nan, 0.5]
    for (a, b) in zip(q, expected) {
      #expect(a.isNaN == b.isNaN && (a.isNaN || abs(a - b) < 1e-12))
    }
  }

  @Test func theReportsWords() {
    // The report, under Tabel 1: zwak 0.2–0.4, redelijk 0.4–0.6, sterk 0.6–0.8.
    #expect(CorrelationStrength(r: 0.19) == .geen)
    #expect(CorrelationStrength(r: 0.2) == .zwak)
    #expect(CorrelationStrength(r: -0.46) == .redelijk)
    #expect(CorrelationStrength(r: 0.6) == .sterk)
    #expect(CorrelationStrength(r: 0.85) == .zeerSterk)
    #expect(CorrelationStrength(r: .nan) == .geen)
    #expect(CorrelationStrength(r: 0.46).stars == "**")
  }
}
