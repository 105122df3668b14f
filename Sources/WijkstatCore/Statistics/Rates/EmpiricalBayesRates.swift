/// Empirical Bayes smoothed rates (Marshall 1991, "Mapping disease and mortality
/// rates using empirical Bayes estimators", *Applied Statistics* 40:283–294;
/// method of moments, as GeoDa's EB and spatial EB rates). With rᵢ = yᵢ/nᵢ:
/// b = Σy/Σn, s² = Σ nᵢ(rᵢ − b)² / Σn, a = s² − b/n̄ clamped at 0, weight
/// wᵢ = a / (a + b/nᵢ) and EBᵢ = wᵢrᵢ + (1 − wᵢ)b. The spatial variant takes b, s²
/// and a from the area and its neighbours. Areas without children (or count)
/// get NaN and a reason and are left out of the moments. Rates are proportions;
/// `percent` multiplies by 100.
public struct EmpiricalBayesRates: Sendable, Equatable {
  public var rates: [Double]
  /// The prior mean b and variance a of the global model (a = 0 means all
  /// variation is chance: every rate shrinks to b).
  public var priorMean: Double
  public var priorVariance: Double
  /// Per area: why its rate is NaN.
  public var reasons: [String?]

  public var percent: [Double] { rates.map { $0 * 100 } }

  /// Global EB over all areas with children.
  public static func global(counts: [Double], populations: [Double]) -> EmpiricalBayesRates {
    let valid = counts.indices.filter { populations[$0] > 0 && counts[$0].isFinite }
    let (b, a) = moments(valid, counts: counts, populations: populations)
    var rates = [Double](repeating: .nan, count: counts.count)
    var reasons = [String?](repeating: "no children or no count", count: counts.count)
    for i in valid {
      let r = counts[i] / populations[i]
      let w = a > 0 ? a / (a + b / populations[i]) : 0
      rates[i] = w * r + (1 - w) * b
      reasons[i] = nil
    }
    return EmpiricalBayesRates(rates: rates, priorMean: b, priorVariance: a, reasons: reasons)
  }

  /// Spatial EB: the prior of area i from i and its `neighbours[i]`.
  public static func spatial(counts: [Double], populations: [Double], neighbours: [[Int]])
    -> EmpiricalBayesRates
  {
    let isValid = counts.indices.map { populations[$0] > 0 && counts[$0].isFinite }
    let global = global(counts: counts, populations: populations)
    // Areas in parallel, each with a reused window buffer: i, then its valid neighbours.
    let rates = ParallelFor.map(counts.count, state: { [Int]() }) { window, i -> Double in
      guard isValid[i] else { return .nan }
      window.removeAll(keepingCapacity: true)
      window.append(i)
      window.append(contentsOf: neighbours[i].lazy.filter { isValid[$0] })
      let (b, a) = moments(window, counts: counts, populations: populations)
      let r = counts[i] / populations[i]
      let w = a > 0 ? a / (a + b / populations[i]) : 0
      return w * r + (1 - w) * b
    }
    let reasons = counts.indices.map { i -> String? in
      guard isValid[i] else { return "no children or no count" }
      if neighbours[i].isEmpty { return "no neighbours: the area's own rate" }
      if counts[i] == 0, neighbours[i].allSatisfy({ !isValid[$0] || counts[$0] == 0 }) {
        return "no reports in the area or its neighbours: spatial EB rate 0"
      }
      return nil
    }
    return EmpiricalBayesRates(
      rates: rates, priorMean: global.priorMean, priorVariance: global.priorVariance,
      reasons: reasons)
  }

  /// (b, a) by the method of moments over `indexes`.
  static func moments(_ indexes: [Int], counts: [Double], populations: [Double]) -> (Double, Double)
  {
    guard !indexes.isEmpty else { return (.nan, 0) }
    var y = 0.0
    var n = 0.0
    for i in indexes {
      y += counts[i]
      n += populations[i]
    }
    let b = y / n
    var s2 = 0.0
    for i in indexes {
      let d = counts[i] / populations[i] - b
      s2 += populations[i] * d * d
    }
    s2 /= n
    let meanPopulation = n / Double(indexes.count)
    return (b, max(0, s2 - b / meanPopulation))
  }
}
