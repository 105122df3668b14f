/// Spearman's rank correlation: Pearson's r on the ranks, ties given their
/// average rank, with the usual t approximation for the p-value,
/// t = ρ √((n−2)/(1−ρ²)) on n−2 degrees of freedom (as scipy.stats.spearmanr).
public struct SpearmanCorrelation: Sendable, Equatable {
  public var n: Int
  public var rho: Double
  public var p: Double
  public var reason: String?

  public static func compute(x: [Double], y: [Double]) -> SpearmanCorrelation {
    var xs: [Double] = []
    var ys: [Double] = []
    for (a, b) in zip(x, y) where a.isFinite && b.isFinite {
      xs.append(a)
      ys.append(b)
    }
    return compute(xRanks: averageRanks(xs), yRanks: averageRanks(ys))
  }

  /// From the `averageRanks` of the x and of the y values of the complete pairs
  /// (so that ranks shared by several correlations are computed once).
  public static func compute(xRanks: [Double], yRanks: [Double]) -> SpearmanCorrelation {
    let pearson = PearsonCorrelation.compute(x: xRanks, y: yRanks)
    let reason = pearson.reason?.hasPrefix("n = 3") == true ? nil : pearson.reason
    return SpearmanCorrelation(n: pearson.n, rho: pearson.r, p: pearson.p, reason: reason)
  }

  /// Ranks 1...n, tied values sharing the mean of their ranks: the run of equal
  /// values at sorted positions s...e (from 0) all get (s + e + 2) / 2.
  public static func averageRanks(_ values: [Double]) -> [Double] {
    // Sorting (value, position) pairs compares values held in the pairs rather
    // than values looked up through positions: the same comparisons, so the same
    // order, at less cost.
    var sorted = values.enumerated().map { (value: $0.element, position: $0.offset) }
    sorted.sort { $0.value < $1.value }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < sorted.count {
      var end = start
      while end + 1 < sorted.count, sorted[end + 1].value == sorted[start].value { end += 1 }
      let rank = Double(start + end + 2) / 2
      for k in start...end { ranks[sorted[k].position] = rank }
      start = end + 1
    }
    return ranks
  }
}
