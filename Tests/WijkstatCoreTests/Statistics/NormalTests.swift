import Testing

@testable import WijkstatCore

@Suite struct NormalTests {
  // Reference values from scipy.stats.norm.cdf / norm.ppf (scipy 1.17).
  @Test func cdfMatchesScipy() {
    #expect(abs(Normal.cdf(1.959963984540054) - 0.975) < 1e-12)
    #expect(abs(Normal.cdf(-3) - 0.0013498980316300933) < 1e-15)
    #expect(abs(Normal.twoSidedP(2.5758293035489004) - 0.01) < 1e-12)
  }

  @Test func quantileInvertsCdf() {
    #expect(abs(Normal.quantile(0.975) - 1.959963984540054) < 1e-12)
    #expect(abs(Normal.quantile(0.001) - -3.090232306167813) < 1e-12)
    #expect(abs(Normal.quantile(0.5)) < 1e-15)
    #expect(Normal.quantile(0) == -.infinity)
    #expect(Normal.quantile(1.5).isNaN)
  }
}
