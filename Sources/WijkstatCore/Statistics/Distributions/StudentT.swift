import Foundation

/// Student's t distribution through the incomplete beta:
/// P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, 1/2) (Abramowitz & Stegun 26.7.1).
public enum StudentT {
  /// Two-sided p-value of `t` with `degreesOfFreedom` ν > 0.
  public static func twoSidedP(t: Double, degreesOfFreedom nu: Double) -> Double {
    guard nu > 0, !t.isNaN else { return .nan }
    if t.isInfinite { return 0 }
    return regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
  }

  /// P(T ≤ t).
  public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
    let tail = twoSidedP(t: t, degreesOfFreedom: nu) / 2
    return t >= 0 ? 1 - tail : tail
  }
}
