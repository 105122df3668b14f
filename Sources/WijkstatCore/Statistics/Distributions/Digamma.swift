import Foundation

/// The digamma function ψ(x) = d/dx log Γ(x) and the trigamma function ψ′(x),
/// for x > 0, for the negative binomial likelihood. Hand-written: Foundation has
/// lgamma but neither of these, and no Swift package on the list does. Method:
/// the recurrences ψ(x) = ψ(x + 1) − 1/x and ψ′(x) = ψ′(x + 1) + 1/x² up to
/// x ≥ 10, then the asymptotic (Stirling) series with Bernoulli numbers
/// (Abramowitz & Stegun 6.3.18 and 6.4.12), truncated after the x⁻¹² term
/// (error below 1e-16 relative at x ≥ 10). Tested against scipy.special.
public enum Digamma {
  public static func psi(_ x: Double) -> Double {
    guard x > 0, x.isFinite else { return x == .infinity ? .infinity : .nan }
    var x = x
    var shift = 0.0
    while x < 10 {
      shift -= 1 / x
      x += 1
    }
    let r = 1 / (x * x)
    let series =
      r
      * (1.0 / 12 - r
        * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132 - r * 691.0 / 32760)))))
    return shift + log(x) - 0.5 / x - series
  }

  public static func trigamma(_ x: Double) -> Double {
    guard x > 0, x.isFinite else { return x == .infinity ? 0 : .nan }
    var x = x
    var shift = 0.0
    while x < 10 {
      shift += 1 / (x * x)
      x += 1
    }
    let r = 1 / (x * x)
    // 1/x + 1/(2x²) + Σ B₂ₖ / x^(2k+1): B = 1/6, −1/30, 1/42, −1/30, 5/66, −691/2730.
    let series =
      (1 + r
        * (1.0 / 6 - r
          * (1.0 / 30 - r * (1.0 / 42 - r * (1.0 / 30 - r * (5.0 / 66 - r * 691.0 / 2730))))))
      / x
    return shift + series + 0.5 * r
  }
}
