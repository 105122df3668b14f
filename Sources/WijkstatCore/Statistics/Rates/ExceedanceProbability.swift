/// The probability that an area's true rate exceeds a reference rate (national,
/// or its gemeente's), under the Poisson–gamma model behind the EB rates: the
/// prior Gamma(α, β) has the EB prior mean b and variance a (α = b²/a, β = b/a),
/// so the posterior is Gamma(y + α, n + β) and P(θ > ref) = Q(y + α, (n + β)·ref)
/// (Clayton & Kaldor 1987; Richardson et al. 2004 use such exceedance
/// probabilities to flag areas). When a = 0 (no extra-Poisson variation) the
/// model gives no posterior, and the Poisson tail P(Y ≥ y | μ = ref·n) is given
/// instead, stated as such in the reason. A reference rate of 0 is exceeded
/// with probability 1 (the posterior has no mass at 0), with a note.
public enum ExceedanceProbability {
  public static func compute(
    count y: Double, population n: Double, reference: Double, priorMean b: Double,
    priorVariance a: Double
  ) -> (p: Double, reason: String?) {
    guard n > 0, y.isFinite else { return (.nan, "no children or no count") }
    guard reference.isFinite, reference >= 0 else { return (.nan, "no reference rate") }
    // Every posterior (and the Poisson model's rate b) lies above 0 with certainty.
    if reference == 0 { return (1, "reference rate 0: any rate exceeds it, p = 1") }
    if a > 0, b > 0 {
      let alpha = b * b / a
      let beta = b / a
      return (GammaDistribution.upperRegularized(y + alpha, (n + beta) * reference), nil)
    }
    let mu = reference * n
    let tail = y <= 0 ? 1 : GammaDistribution.lowerRegularized(y, mu)
    return (tail, "no extra-Poisson variation: Poisson tail P(Y ≥ y)")
  }
}
