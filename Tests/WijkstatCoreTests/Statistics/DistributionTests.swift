import Foundation
import Testing

@testable import WijkstatCore

/// Reference values from scipy 1.17.1 (`scipy.special.betainc`, `gammainc`,
/// `gammaincc`, `stats.t.sf`, `stats.gamma.ppf`), printed with repr().
@Suite struct DistributionTests {
  @Test func incompleteBeta() {
    #expect(abs(regularizedIncompleteBeta(0.3, a: 2.5, b: 3.5) - 0.29675298929566646) < 1e-12)
    #expect(abs(regularizedIncompleteBeta(0.99, a: 0.5, b: 0.5) - 0.9362314391414803) < 1e-12)
    #expect(abs(regularizedIncompleteBeta(0.6, a: 50, b: 40) - 0.8011534179744884) < 1e-12)
    #expect(regularizedIncompleteBeta(0, a: 2, b: 3) == 0)
    #expect(regularizedIncompleteBeta(0.5, a: -1, b: 3).isNaN)
  }

  @Test func studentT() {
    // 2 * stats.t.sf(t, df)
    #expect(abs(StudentT.twoSidedP(t: 2.1, degreesOfFreedom: 10) - 0.06207724420221853) < 1e-12)
    #expect(abs(StudentT.twoSidedP(t: -0.5, degreesOfFreedom: 3) - 0.651447964848151) < 1e-12)
    let small = StudentT.twoSidedP(t: 8, degreesOfFreedom: 100)
    #expect(abs(small - 2.2728648077280694e-12) / 2.2728648077280694e-12 < 1e-8)
  }

  @Test func logGammaIsCsLgamma() {
    // Through lgamma_r, bit for bit the value of C's lgamma (ln Γ(1) = ln Γ(2) = 0,
    // ln Γ(0.5) = ln √π).
    for x in [0.5, 1, 2, 3.7, 10.5, 171.5, 1e-8, 12_345.678, 1e6] {
      let c: Double = lgamma(x)
      #expect(logGamma(x).bitPattern == c.bitPattern)
    }
    #expect(logGamma(1) == 0 && logGamma(2) == 0)
    #expect(abs(logGamma(0.5) - 0.5 * log(Double.pi)) < 1e-15)
  }

  @Test func incompleteGammaAndQuantiles() {
    #expect(abs(GammaDistribution.lowerRegularized(3.5, 2.0) - 0.22022259152428406) < 1e-12)
    #expect(abs(GammaDistribution.upperRegularized(10, 15) - 0.06985366069940986) < 1e-12)
    let tail = GammaDistribution.upperRegularized(0.5, 30)
    #expect(abs(tail - 9.485737571073857e-15) / 9.485737571073857e-15 < 1e-8)
    #expect(abs(GammaDistribution.quantile(0.025, shape: 5) - 1.6234863901184207) < 1e-9)
    #expect(abs(GammaDistribution.quantile(0.975, shape: 6) - 11.66833207932267) < 1e-9)
    #expect(abs(GammaDistribution.quantile(0.975, shape: 1) - 3.6888794541139354) < 1e-9)
  }

  @Test func garwoodInterval() {
    // Garwood limits for k = 5: gamma.ppf(0.025, 5), gamma.ppf(0.975, 6).
    let interval = PoissonInterval(count: 5)
    #expect(abs(interval.low - 1.6234863901184207) < 1e-9)
    #expect(abs(interval.high - 11.66833207932267) < 1e-9)
    // k = 0: lower 0, upper gamma.ppf(0.975, 1) = −ln 0.025.
    let zero = PoissonInterval(count: 0)
    #expect(zero.low == 0)
    #expect(abs(zero.high - 3.6888794541139354) < 1e-9)
    let rate = PoissonInterval.ratePercent(count: 2, population: 0)
    #expect(rate.rate.isNaN && rate.reason == "no children")
  }
}
