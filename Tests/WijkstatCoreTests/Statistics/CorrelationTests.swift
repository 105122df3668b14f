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
    let result = SpearmanCorrelation.compute(x: [1, 2, 2, 3, 4, 4, 4, 5], y: [3, 1, 4, 1, 5, 9, 2, 6])
    #expect(abs(result.rho - 0.5495502618648208) < 1e-12)
    #expect(abs(result.p - 0.15825612767878006) < 1e-10)
    #expect(SpearmanCorrelation.averageRanks([10, 20, 20, 30]) == [1, 2.5, 2.5, 4])
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
