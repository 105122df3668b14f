/// Quantile breaks: the (100·i/k)-th percentiles, i = 1...k, by linear
/// interpolation between order statistics (numpy's default, as mapclassify's
/// `quantile`). Tied percentiles are merged by the caller.
enum Quantiles {
  static func breaks(_ sorted: [Double], k: Int) -> [Double] {
    (1...k).map { percentile(sorted, 100 * Double($0) / Double(k)) }
  }

  /// Linear interpolation at rank p/100 · (n − 1).
  static func percentile(_ sorted: [Double], _ p: Double) -> Double {
    let position = p / 100 * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = position - Double(lower)
    return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
  }
}
