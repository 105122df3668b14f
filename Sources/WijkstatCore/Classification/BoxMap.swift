/// Box map breaks (Anselin's box map; mapclassify BoxPlot with hinge 1.5): lower
/// fence Q1 − 1.5·IQR, Q1, median, Q3, upper fence Q3 + 1.5·IQR, and the
/// maximum. Always six classes, as GeoDa's box map: class 1 the lower outliers
/// (≤ the lower fence), 2–5 the quartiles up to the upper fence, 6 the upper
/// outliers (above the upper fence). Tied bounds are kept, so a class may be
/// empty but the outliers never move out of classes 1 and 6. The first five
/// bounds are mapclassify's `BoxPlot(y).bins`; when no value lies above the
/// upper fence mapclassify leaves out the sixth class, here it is kept empty.
enum BoxMap {
  static func breaks(_ sorted: [Double], hinge: Double = 1.5) -> [Double] {
    let q = [25.0, 50, 75].map { Quantiles.percentile(sorted, $0) }
    let iqr = q[2] - q[0]
    let upper = q[2] + hinge * iqr
    return [q[0] - hinge * iqr, q[0], q[1], q[2], upper, max(upper, sorted.last!)]
  }
}
