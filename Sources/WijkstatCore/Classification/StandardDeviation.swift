/// Standard-deviation breaks at the mean ± 1 and 2 sample standard deviations
/// (mapclassify StdMean, multiples −2, −1, 1, 2; ddof 1), plus the maximum when
/// it lies above the last break.
enum StandardDeviation {
  static func breaks(_ sorted: [Double]) -> [Double] {
    let n = Double(sorted.count)
    let mean = sorted.reduce(0, +) / n
    let sd =
      n > 1 ? (sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot() : 0
    var cuts = [-2.0, -1, 1, 2].map { mean + $0 * sd }
    if cuts.last! < sorted.last! { cuts.append(sorted.last!) }
    return cuts
  }
}
