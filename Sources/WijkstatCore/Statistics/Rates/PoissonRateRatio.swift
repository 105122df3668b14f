import Foundation

/// The ratio of two Poisson rates, events₁/exposure₁ over events₀/exposure₀,
/// with a 95% interval on the log scale, SE(log RR) = √(1/a + 1/b), and the exact
/// conditional test: given a + b events, a ~ Binomial(a + b, π) with
/// π = E₁/(E₁ + E₀) under equal rates; the two-sided p sums the probabilities of
/// every outcome no more likely than the one observed (as R's `poisson.test`).
/// (Rothman, Greenland & Lash, *Modern Epidemiology* 3rd ed., ch. 14.)
public struct PoissonRateRatio: Sendable, Equatable {
  public var rateRatio: Double
  public var ciLow: Double
  public var ciHigh: Double
  public var p: Double
  public var reason: String?

  public static func compute(
    events1 a: Double, exposure1: Double, events0 b: Double, exposure0: Double, level: Double = 0.95
  ) -> PoissonRateRatio {
    var result = PoissonRateRatio(rateRatio: .nan, ciLow: .nan, ciHigh: .nan, p: .nan, reason: nil)
    guard exposure1 > 0, exposure0 > 0 else {
      result.reason = "no children in one of the groups"
      return result
    }
    guard a + b > 0 else {
      result.reason = "no events in either group"
      return result
    }
    result.rateRatio = (a / exposure1) / (b / exposure0)
    if a > 0, b > 0 {
      let se = (1 / a + 1 / b).squareRoot()
      let z = Normal.quantile(0.5 + level / 2)
      result.ciLow = exp(log(result.rateRatio) - z * se)
      result.ciHigh = exp(log(result.rateRatio) + z * se)
    } else {
      // The exact interval of the conditional binomial (Clopper–Pearson, as R's
      // poisson.test): a = 0 gives π ≤ 1 − (α/2)^(1/n), b = 0 gives π ≥ (α/2)^(1/n),
      // RR = π/(1 − π) · E₀/E₁.
      let n = a + b
      let tail = (1 - level) / 2
      let odds = exposure0 / exposure1
      if a == 0 {
        let upper = 1 - pow(tail, 1 / n)
        result.ciLow = 0
        result.ciHigh = upper / (1 - upper) * odds
        result.reason = "no events in the first group: rate ratio 0, exact upper bound"
      } else {
        let lower = pow(tail, 1 / n)
        result.ciLow = lower / (1 - lower) * odds
        result.reason = "no events in the second group: rate ratio infinite, exact lower bound"
      }
    }
    result.p = exactConditionalP(
      a: a.rounded(), n: (a + b).rounded(), pi: exposure1 / (exposure1 + exposure0))
    return result
  }

  /// Two-sided binomial test of a successes in n at probability π (the relative
  /// tolerance 1 + 1e-7 for "no more likely" follows R's binom.test).
  static func exactConditionalP(a: Double, n: Double, pi: Double) -> Double {
    let count = Int(n)
    // The terms that do not depend on k, computed once (the loop runs over every
    // possible count, which is large for a whole country's areas).
    let logNFactorial = logGamma(n + 1)
    let logPi = log(pi)
    let logOneMinusPi = log1p(-pi)
    func logPMF(_ k: Int) -> Double {
      let k = Double(k)
      return logNFactorial - logGamma(k + 1) - logGamma(n - k + 1) + k * logPi + (n - k)
        * logOneMinusPi
    }
    let limit = logPMF(Int(a)) + log1p(1e-7)
    var p = 0.0
    for k in 0...count {
      let l = logPMF(k)
      if l <= limit { p += exp(l) }
    }
    return min(1, p)
  }
}
