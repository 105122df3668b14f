import Foundation

/// The Mantel–Haenszel rate ratio over strata (here: gemeenten), for events
/// aᵢ, bᵢ over person-time T₁ᵢ, T₀ᵢ, Tᵢ = T₁ᵢ + T₀ᵢ:
/// RR_MH = Σ aᵢT₀ᵢ/Tᵢ ÷ Σ bᵢT₁ᵢ/Tᵢ, with the Greenland–Robins (1985) variance
/// Var(ln RR_MH) = Σ MᵢT₁ᵢT₀ᵢ/Tᵢ² ÷ (Σ aᵢT₀ᵢ/Tᵢ · Σ bᵢT₁ᵢ/Tᵢ), Mᵢ = aᵢ + bᵢ, and the
/// Mantel–Haenszel test χ² = (Σaᵢ − ΣMᵢT₁ᵢ/Tᵢ)² ÷ Σ MᵢT₁ᵢT₀ᵢ/Tᵢ² on 1 degree of
/// freedom (Rothman, Greenland & Lash, *Modern Epidemiology* 3rd ed., ch. 15).
/// Strata without person-time in one of the groups carry no information and are
/// skipped.
public struct MantelHaenszelRateRatio: Sendable, Equatable {
  public struct Stratum: Sendable, Equatable {
    public var events1: Double
    public var time1: Double
    public var events0: Double
    public var time0: Double
    public init(events1: Double, time1: Double, events0: Double, time0: Double) {
      self.events1 = events1
      self.time1 = time1
      self.events0 = events0
      self.time0 = time0
    }
  }
  public var rateRatio: Double
  public var ciLow: Double
  public var ciHigh: Double
  public var p: Double
  /// Strata with person-time in both groups.
  public var informativeStrata: Int
  public var reason: String?

  public static func compute(_ strata: [Stratum], level: Double = 0.95) -> MantelHaenszelRateRatio {
    var numerator = 0.0
    var denominator = 0.0
    var variance = 0.0
    var observed = 0.0
    var expected = 0.0
    var informative = 0
    for s in strata where s.time1 > 0 && s.time0 > 0 {
      informative += 1
      let t = s.time1 + s.time0
      let m = s.events1 + s.events0
      numerator += s.events1 * s.time0 / t
      denominator += s.events0 * s.time1 / t
      variance += m * s.time1 * s.time0 / (t * t)
      observed += s.events1
      expected += m * s.time1 / t
    }
    var result = MantelHaenszelRateRatio(
      rateRatio: .nan, ciLow: .nan, ciHigh: .nan, p: .nan, informativeStrata: informative,
      reason: nil)
    guard informative > 0 else {
      result.reason = "no stratum has both groups"
      return result
    }
    guard variance > 0 else {
      result.reason = "no events"
      return result
    }
    let chi = (observed - expected) / variance.squareRoot()
    result.p = Normal.twoSidedP(chi)
    guard numerator > 0, denominator > 0 else {
      result.rateRatio = denominator > 0 ? 0 : .infinity
      result.reason = "no events in one group"
      return result
    }
    let rr = numerator / denominator
    let se = (variance / (numerator * denominator)).squareRoot()
    let z = Normal.quantile(0.5 + level / 2)
    result.rateRatio = rr
    result.ciLow = exp(log(rr) - z * se)
    result.ciHigh = exp(log(rr) + z * se)
    return result
  }
}
