/// Exact interval-attack bounds, in closed form, for a component of one
/// equation: Σ cᵢ·xᵢ = b with every cᵢ = ±1 and lᵢ ≤ xᵢ ≤ uᵢ. It is the
/// component of a row whose cells link to nothing else (a PC-6 area-year
/// without a published PC-4 level above it: its total and its age groups),
/// which at national PC-6 scale is nearly every component of the attack.
///
/// **The bounds.** Write Sⱼ = Σ_{i≠j} cᵢ·xᵢ; over the box it takes exactly
/// the values [minⱼ, maxⱼ] with minⱼ = Σ_{i≠j} min(cᵢlᵢ, cᵢuᵢ) and maxⱼ the
/// same with max. From cⱼxⱼ = b − Sⱼ:
///
///     xⱼ ∈ [lⱼ, uⱼ] ∩ cⱼ·[b − maxⱼ, b − minⱼ]
///
/// (cⱼ = −1 turns the interval round). These are the linear programme's
/// minimum and maximum. With whole b and bounds they are also the integer
/// programme's, and every whole value between them is taken by a whole
/// solution: each xᵢ moves in steps of one, so Sⱼ takes every whole value of
/// [minⱼ, maxⱼ] (the matrix of one ±1 row is totally unimodular; NetworkBounds
/// gives the same ranges with maximum flows, SingleSumBoundsTests compares
/// both with GLPK). Infinite bounds (a cell whose children are not known) are
/// counted apart, so that no ∞ − ∞ arises.
///
/// Written by hand: this is a formula of a few sums, not a solver; GLPK or a
/// maximum flow per component cost a hundred times more (BENCHMARKS.md,
/// issue 19, session 13).
public enum SingleSumBounds {
  /// The range of each unknown of `Σ coefficients[k]·x[k] = rhs` within
  /// `lower[k]...upper[k]` (coefficients ±1), in the given order; nil when no
  /// x in the box solves the equation.
  public static func ranges(
    coefficients: [Double], lower: [Double], upper: [Double], rhs: Double
  ) -> [ClosedRange<Double>]? {
    let n = coefficients.count
    // Σ of the finite smallest and largest terms, and how many are infinite.
    var least = 0.0
    var most = 0.0
    var leastInfinite = 0
    var mostInfinite = 0
    for k in 0..<n {
      let (a, b) = term(k)
      if a.isFinite { least += a } else { leastInfinite += 1 }
      if b.isFinite { most += b } else { mostInfinite += 1 }
    }
    func term(_ k: Int) -> (Double, Double) {
      coefficients[k] > 0 ? (lower[k], upper[k]) : (-upper[k], -lower[k])
    }
    var result: [ClosedRange<Double>] = []
    result.reserveCapacity(n)
    for k in 0..<n {
      let (a, b) = term(k)
      // The others' sum lies in [othersLeast, othersMost].
      let othersLeast =
        leastInfinite - (a.isFinite ? 0 : 1) > 0 ? -Double.infinity : least - (a.isFinite ? a : 0)
      let othersMost =
        mostInfinite - (b.isFinite ? 0 : 1) > 0 ? Double.infinity : most - (b.isFinite ? b : 0)
      // c·x = rhs − others.
      let (low, high) = (rhs - othersMost, rhs - othersLeast)
      let (from, to) = coefficients[k] > 0 ? (low, high) : (-high, -low)
      let l = max(lower[k], from)
      let h = min(upper[k], to)
      guard l <= h + 1e-9 else { return nil }
      result.append(l...max(l, h))
    }
    return result
  }
}
