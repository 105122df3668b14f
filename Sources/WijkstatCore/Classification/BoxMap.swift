/// Box map breaks (Anselin's box map; mapclassify BoxPlot with hinge 1.5): lower
/// fence Q1 − 1.5·IQR, Q1, median, Q3, upper fence Q3 + 1.5·IQR and the maximum
/// when it lies above the upper fence. Classes 1 and 6 hold the outliers.
enum BoxMap {
  static func breaks(_ sorted: [Double], hinge: Double = 1.5) -> [Double] {
    var bins = [25.0, 50, 75, 100].map { Quantiles.percentile(sorted, $0) }
    let iqr = bins[2] - bins[0]
    let upper = bins[2] + hinge * iqr
    if upper < bins[3] { bins.insert(upper, at: 3) } else { bins[3] = upper }
    bins.insert(bins[0] - hinge * iqr, at: 0)
    return bins
  }
}
