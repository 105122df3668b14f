/// The exact (Garwood 1936) confidence interval for a Poisson count k:
/// lower = G⁻¹(α/2; k) (0 when k = 0), upper = G⁻¹(1 − α/2; k + 1), with G the
/// gamma distribution of unit rate (equivalently ½ χ² quantiles on 2k and 2k+2
/// degrees of freedom). As a rate: divided by the population, in percent here.
public struct PoissonInterval: Sendable, Equatable {
  public var count: Double
  public var low: Double
  public var high: Double

  public init(count: Double, level: Double = 0.95) {
    let alpha = 1 - level
    self.count = count
    low = count > 0 ? GammaDistribution.quantile(alpha / 2, shape: count) : 0
    high = GammaDistribution.quantile(1 - alpha / 2, shape: count + 1)
  }

  /// Rate and interval in percent of `population`; NaN (and a reason) without
  /// children.
  public static func ratePercent(count: Double, population: Double, level: Double = 0.95)
    -> (rate: Double, low: Double, high: Double, reason: String?)
  {
    guard population > 0 else { return (.nan, .nan, .nan, "no children") }
    let (rate, low, high) = PoissonInterval(count: count, level: level).ratePercent(
      population: population)
    return (rate, low, high, nil)
  }

  /// Rate and interval in percent of `population` (> 0): one interval serves
  /// every area with the same count.
  public func ratePercent(population: Double) -> (rate: Double, low: Double, high: Double) {
    (100 * count / population, 100 * low / population, 100 * high / population)
  }
}
