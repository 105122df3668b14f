import Foundation

/// Pearson's product-moment correlation of paired values (pairs with a NaN are
/// dropped), with the two-sided p-value of t = r √((n−2)/(1−r²)) on n−2 degrees
/// of freedom and the 95% interval by Fisher's z = atanh r, SE 1/√(n−3)
/// (Fisher 1921; e.g. Sheskin, *Handbook of Parametric and Nonparametric
/// Statistical Procedures*, Test 28). Undefined results are NaN with a reason.
public struct PearsonCorrelation: Sendable, Equatable {
  public var n: Int
  public var r: Double
  public var p: Double
  public var ciLow: Double
  public var ciHigh: Double
  /// Why r, p or the interval is NaN (`n < 3`, `constant x`), else nil.
  public var reason: String?

  public static func compute(x: [Double], y: [Double], level: Double = 0.95) -> PearsonCorrelation {
    precondition(x.count == y.count, "paired values")
    // The complete pairs (the values themselves when every pair is complete).
    var xs = x
    var ys = y
    if !zip(x, y).allSatisfy({ $0.isFinite && $1.isFinite }) {
      xs = []
      ys = []
      for (a, b) in zip(x, y) where a.isFinite && b.isFinite {
        xs.append(a)
        ys.append(b)
      }
    }
    let n = xs.count
    var result = PearsonCorrelation(n: n, r: .nan, p: .nan, ciLow: .nan, ciHigh: .nan, reason: nil)
    guard n >= 3 else {
      result.reason = "n < 3"
      return result
    }
    let mx = xs.reduce(0, +) / Double(n)
    let my = ys.reduce(0, +) / Double(n)
    var sxx = 0.0
    var syy = 0.0
    var sxy = 0.0
    for i in 0..<n {
      let dx = xs[i] - mx
      let dy = ys[i] - my
      sxx += dx * dx
      syy += dy * dy
      sxy += dx * dy
    }
    guard sxx > 0 else {
      result.reason = "constant x"
      return result
    }
    guard syy > 0 else {
      result.reason = "constant y"
      return result
    }
    let r = max(-1, min(1, sxy / (sxx * syy).squareRoot()))
    result.r = r
    let df = Double(n - 2)
    if abs(r) == 1 {
      result.p = 0
    } else {
      result.p = StudentT.twoSidedP(t: r * (df / (1 - r * r)).squareRoot(), degreesOfFreedom: df)
    }
    if n > 3 {
      let z = atanh(r)
      let half = Normal.quantile(0.5 + level / 2) / Double(n - 3).squareRoot()
      result.ciLow = tanh(z - half)
      result.ciHigh = tanh(z + half)
    } else {
      result.reason = "n = 3: no Fisher interval"
    }
    return result
  }
}
