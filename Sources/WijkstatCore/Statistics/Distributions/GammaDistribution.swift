import Foundation

/// The gamma distribution with shape k and rate 1 (scale by dividing), through
/// the regularised incomplete gamma functions P(k, x) and Q(k, x) = 1 − P(k, x):
/// the series for x < k + 1 and the continued fraction (modified Lentz) above it
/// (Press et al., *Numerical Recipes* 3rd ed. §6.2). Hand-written for the same
/// reason as `regularizedIncompleteBeta`. Safe to call from several threads at
/// once (`logGamma`).
public enum GammaDistribution {
  /// P(k, x) = γ(k, x) / Γ(k): the cdf at x of Gamma(shape k, rate 1).
  public static func lowerRegularized(_ k: Double, _ x: Double) -> Double {
    guard k > 0, x >= 0 else { return x < 0 ? 0 : .nan }
    if x == 0 { return 0 }
    if x < k + 1 { return series(k, x) }
    return 1 - continuedFraction(k, x)
  }

  /// Q(k, x) = 1 − P(k, x), accurate in the upper tail.
  public static func upperRegularized(_ k: Double, _ x: Double) -> Double {
    guard k > 0, x >= 0 else { return x < 0 ? 1 : .nan }
    if x == 0 { return 1 }
    if x < k + 1 { return 1 - series(k, x) }
    return continuedFraction(k, x)
  }

  /// The p-quantile of Gamma(shape k, rate 1): Newton steps on P(k, x) = p,
  /// safeguarded by bisection, to a relative 1e-12.
  public static func quantile(_ p: Double, shape k: Double) -> Double {
    guard k > 0, p >= 0, p <= 1 else { return .nan }
    if p == 0 { return 0 }
    if p == 1 { return .infinity }
    var low = 0.0
    var high = max(1.0, k)
    while lowerRegularized(k, high) < p { high *= 2 }
    // Wilson–Hilferty start.
    let z = Normal.quantile(p)
    let c = 1 / (9 * k)
    var x = max(k * pow(1 - c + z * c.squareRoot(), 3), (low + high) / 2 * 1e-3)
    if !(x > low && x < high) { x = (low + high) / 2 }
    let logGammaK = logGamma(k)
    for _ in 0..<200 {
      let f = lowerRegularized(k, x) - p
      if f < 0 { low = x } else { high = x }
      let density = exp((k - 1) * log(x) - x - logGammaK)
      var next = density > 0 ? x - f / density : .nan
      if !(next > low && next < high) { next = (low + high) / 2 }
      if abs(next - x) <= 1e-13 * max(1, abs(x)) { return next }
      x = next
    }
    return x
  }

  static func series(_ k: Double, _ x: Double) -> Double {
    var sum = 1 / k
    var term = sum
    var n = k
    for _ in 0..<100_000 {
      n += 1
      term *= x / n
      sum += term
      if abs(term) < abs(sum) * 1e-16 { break }
    }
    return sum * exp(-x + k * log(x) - logGamma(k))
  }

  static func continuedFraction(_ k: Double, _ x: Double) -> Double {
    let tiny = 1e-300
    var b = x + 1 - k
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1...100_000 {
      let an = -Double(i) * (Double(i) - k)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return exp(-x + k * log(x) - logGamma(k)) * h
  }
}
