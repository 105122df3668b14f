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
    let pearson = PearsonCorrelation.compute(x: averageRanks(xs), y: averageRanks(ys))
    let reason = pearson.reason?.hasPrefix("n = 3") == true ? nil : pearson.reason
    return SpearmanCorrelation(n: pearson.n, rho: pearson.r, p: pearson.p, reason: reason)
  }

  /// Ranks 1...n, tied values sharing the mean of their ranks.
  public static func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
      let rank = Double(start + end + 2) / 2
      for k in start...end { ranks[order[k]] = rank }
      start = end + 1
    }
    return ranks
  }
}
