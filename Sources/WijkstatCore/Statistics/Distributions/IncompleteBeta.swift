import Foundation

/// The regularised incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b),
/// by its continued fraction evaluated with the modified Lentz method
/// (Press et al., *Numerical Recipes* 3rd ed. §6.4; Lentz 1976), using the
/// symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
/// Hand-written: Foundation has no incomplete beta and the mirrored packages
/// (swift-numerics) stop at the complete gamma. Accurate to about 1e-14.
public func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
  guard a > 0, b > 0, !x.isNaN else { return .nan }
  if x <= 0 { return 0 }
  if x >= 1 { return 1 }
  let logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * log(x) + b * log1p(-x)
  if x < (a + 1) / (a + b + 2) {
    return exp(logFront) * betaContinuedFraction(x, a: a, b: b) / a
  }
  return 1 - exp(logFront) * betaContinuedFraction(1 - x, a: b, b: a) / b
}

private func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
  let tiny = 1e-300
  let qab = a + b
  let qap = a + 1
  let qam = a - 1
  var c = 1.0
  var d = 1 - qab * x / qap
  if abs(d) < tiny { d = tiny }
  d = 1 / d
  var h = d
  for m in 1...10_000 {
    let m = Double(m)
    let m2 = 2 * m
    var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if abs(d) < tiny { d = tiny }
    c = 1 + aa / c
    if abs(c) < tiny { c = tiny }
    d = 1 / d
    h *= d * c
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if abs(d) < tiny { d = tiny }
    c = 1 + aa / c
    if abs(c) < tiny { c = tiny }
    d = 1 / d
    let delta = d * c
    h *= delta
    if abs(delta - 1) < 1e-16 { break }
  }
  return h
}
