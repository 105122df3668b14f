import Foundation
import Testing

@testable import WijkstatCore

@Suite struct RateTests {
  @Test func poissonRateRatio() {
    // 30 events in 400 vs 20 in 600: RR = 0.075 / 0.0333 = 2.25; log-scale interval
    // exp(ln 2.25 ± 1.959964 √(1/30 + 1/20)); exact p = scipy
    // stats.binomtest(30, 50, 0.4).pvalue = 0.005557527020269432.
    let result = PoissonRateRatio.compute(events1: 30, exposure1: 400, events0: 20, exposure0: 600)
    #expect(abs(result.rateRatio - 2.25) < 1e-12)
    let se = (1.0 / 30 + 1.0 / 20).squareRoot()
    #expect(abs(result.ciLow - 2.25 * exp(-1.959963984540054 * se)) < 1e-9)
    #expect(abs(result.ciHigh - 2.25 * exp(1.959963984540054 * se)) < 1e-9)
    #expect(abs(result.p - 0.005557527020269432) < 1e-10)
    // binomtest(2, 40, 0.25).pvalue = 0.0015881462085015259: 2 events in 100 vs 38 in 300.
    let low = PoissonRateRatio.compute(events1: 2, exposure1: 100, events0: 38, exposure0: 300)
    #expect(abs(low.p - 0.0015881462085015259) < 1e-10)
  }

  @Test func rateRatioEdgeCases() {
    #expect(
      PoissonRateRatio.compute(events1: 0, exposure1: 100, events0: 0, exposure0: 100).reason
        == "no events in either group")
    #expect(
      PoissonRateRatio.compute(events1: 3, exposure1: 0, events0: 2, exposure0: 100).reason
        == "no children in one of the groups")
    let none = PoissonRateRatio.compute(events1: 0, exposure1: 100, events0: 5, exposure0: 100)
    // A rate ratio of 0 has the exact upper bound (scipy 1.17.1 binomtest(0, 5,
    // 0.5).proportion_ci(0.95, "exact"): π/(1 − π) = 1.091279105182546).
    #expect(none.rateRatio == 0 && none.ciLow == 0 && none.p < 0.07)
    #expect(abs(none.ciHigh - 1.091279105182546) < 1e-12)
  }

  @Test func mantelHaenszel() {
    // Three strata, computed by hand with numpy from the formulas in the doc comment:
    // RR_MH = 1.608607389362566, 95% CI 0.9829887144156083–2.632398210848435,
    // p = chi2.sf(χ², 1) = 0.05619136339024679.
    let strata = [
      MantelHaenszelRateRatio.Stratum(events1: 10, time1: 1000, events0: 15, time0: 3000),
      .init(events1: 3, time1: 400, events0: 10, time0: 2500),
      .init(events1: 20, time1: 1500, events0: 12, time0: 1200),
      .init(events1: 4, time1: 0, events0: 12, time0: 1200),  // no exposed time: skipped
    ]
    let result = MantelHaenszelRateRatio.compute(strata)
    #expect(result.informativeStrata == 3)
    #expect(abs(result.rateRatio - 1.608607389362566) < 1e-12)
    #expect(abs(result.ciLow - 0.9829887144156083) < 1e-9)
    #expect(abs(result.ciHigh - 2.632398210848435) < 1e-9)
    #expect(abs(result.p - 0.05619136339024679) < 1e-9)
    // One stratum with both groups: the crude ratio.
    let one = MantelHaenszelRateRatio.compute([strata[0]])
    #expect(abs(one.rateRatio - (10.0 / 1000) / (15.0 / 3000)) < 1e-12)
    #expect(MantelHaenszelRateRatio.compute([strata[3]]).reason == "no stratum has both groups")
  }

  // esda 2.9.0 / libpysal 4.14.1: Empirical_Bayes(e, b).r and
  // Spatial_Empirical_Bayes(e, b, lat2W(3, 3, rook=True)).r. The global prior
  // variance here is a = 1.2072e-4 > 0 (esda does not clamp a negative one).
  let events: [Double] = [2, 0, 25, 1, 40, 3, 0, 4, 30]
  let children: [Double] = [300, 150, 900, 200, 1200, 500, 80, 700, 1000]

  @Test func globalEmpiricalBayes() {
    let expected = [
      0.011861597389550387, 0.011177941654403438, 0.026665278364269303, 0.01236080342450432,
      0.03176423470611635, 0.00982222192704402, 0.014271733342580226, 0.008717362802515704,
      0.028654748067622426,
    ]
    let eb = EmpiricalBayesRates.global(counts: events, populations: children)
    for (a, b) in zip(eb.rates, expected) { #expect(abs(a - b) < 1e-12) }
  }

  @Test func spatialEmpiricalBayesOnARookLattice() {
    let rook = [
      [1, 3], [0, 2, 4], [1, 5], [0, 4, 6], [1, 3, 5, 7], [2, 4, 8], [3, 7], [4, 6, 8], [5, 7],
    ]
    let expected = [
      0.004615384615384616, 0.01885936351223611, 0.026131462244092095, 0.014550369083803737,
      0.03204786061195464, 0.017392574558734025, 0.00510204081632653, 0.01046975914745504,
      0.028401574803149605,
    ]
    let eb = EmpiricalBayesRates.spatial(counts: events, populations: children, neighbours: rook)
    for (a, b) in zip(eb.rates, expected) { #expect(abs(a - b) < 1e-12) }
  }

  @Test func zeroPopulationsGiveNaNWithAReason() {
    let eb = EmpiricalBayesRates.global(counts: [1, 2, 0], populations: [100, 0, 50])
    #expect(eb.rates[1].isNaN)
    #expect(eb.reasons[1] == "no children or no count")
    #expect(!eb.rates[0].isNaN)
  }

  @Test func exceedance() {
    // Posterior Gamma(y + α, n + β), α = b²/a, β = b/a: with b = 0.005, a = 1e-5,
    // α = 2.5, β = 500; y = 8, n = 1000, ref 0.005: Q(10.5, 1500 × 0.005 = 7.5),
    // scipy.special.gammaincc(10.5, 7.5).
    let result = ExceedanceProbability.compute(
      count: 8, population: 1000, reference: 0.005, priorMean: 0.005, priorVariance: 1e-5)
    #expect(abs(result.p - 0.8229518108304058) < 1e-9)
    // Without extra-Poisson variation: P(Y ≥ 8 | μ = 5) = 1 − poisson.cdf(7, 5).
    let poisson = ExceedanceProbability.compute(
      count: 8, population: 1000, reference: 0.005, priorMean: 0.005, priorVariance: 0)
    #expect(abs(poisson.p - 0.13337167407000744) < 1e-9)
    #expect(poisson.reason != nil)
  }
}
