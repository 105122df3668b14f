/// Fisher–Jenks natural breaks, exact at any size: the partition of the sorted
/// values into k contiguous classes with the least total within-class sum of
/// squared deviations (Fisher 1958, "On grouping for maximum homogeneity";
/// Jenks 1977), which is optimal 1-D k-means.
///
/// D[c][j] = min over i < j of D[c−1][i] + SSE(i..<j) over the m distinct sorted
/// values u with their multiplicities w (ties cost nothing: equal values are
/// always in one class, since breaks are class maxima). The optimal start of
/// the last class is monotone in j (SSE satisfies the quadrangle inequality), so
/// each layer is filled by divide and conquer in O(m log m): O(k·m log m) in all,
/// as in Ckmeans.1d.dp (Wang & Song 2011, *The R Journal* 3(2):29–33; Grønlund
/// et al. 2017, "Fast exact k-means, k-medians and Bregman divergence
/// clustering in 1D", arXiv:1701.07204).
///
/// Numerics: the values are centred on their mean and divided by their
/// standard deviation before the prefix sums (compensated, Neumaier), so the
/// breaks do not depend on the unit or an offset, and the sums hold no large
/// common part to cancel. Between two starts of equal cost up to a relative
/// 1e-12 the smaller is kept, so ties in cost do not depend on rounding.
/// Hand-written: no Swift or Debian library offers it.
enum FisherJenks {
  /// The classes' upper bounds (each class's largest value); fewer than k when
  /// there are fewer than k distinct values.
  static func breaks(_ sorted: [Double], k: Int) -> [Double] {
    let partition = optimalPartition(sorted, k: k)
    return partition.ends.map { partition.values[$0 - 1] }
  }

  /// The distinct values and, per class, the end (exclusive) of the class in
  /// those distinct values.
  static func optimalPartition(_ sorted: [Double], k: Int) -> (values: [Double], ends: [Int]) {
    var values: [Double] = []
    var weights: [Double] = []
    values.reserveCapacity(sorted.count)
    for v in sorted {
      if let last = values.last, last == v {
        weights[weights.count - 1] += 1
      } else {
        values.append(v)
        weights.append(1)
      }
    }
    let m = values.count
    guard m > 0 else { return ([], []) }
    let k = max(1, min(k, m))
    if k == 1 { return (values, [m]) }
    if k == m { return (values, Array(1...m)) }

    // Centre and scale (two passes), then compensated prefix sums.
    let total = weights.reduce(0, +)
    var mean = 0.0
    for i in 0..<m { mean += weights[i] * values[i] }
    mean /= total
    var correction = 0.0
    for i in 0..<m { correction += weights[i] * (values[i] - mean) }
    mean += correction / total
    var squares = 0.0
    for i in 0..<m { squares += weights[i] * (values[i] - mean) * (values[i] - mean) }
    let scale = (squares / total).squareRoot()
    let x = values.map { ($0 - mean) / scale }
    var w = [Double](repeating: 0, count: m + 1)
    for i in 0..<m { w[i + 1] = w[i] + weights[i] }
    var cs1 = [Double](repeating: 0, count: m + 1)
    var cs2 = [Double](repeating: 0, count: m + 1)
    do {
      var a = 0.0, ca = 0.0, b = 0.0, cb = 0.0
      for i in 0..<m {
        (a, ca) = neumaier(a, ca, weights[i] * x[i])
        (b, cb) = neumaier(b, cb, weights[i] * x[i] * x[i])
        cs1[i + 1] = a + ca
        cs2[i + 1] = b + cb
      }
    }
    /// SSE of distinct values i..<j (in scaled units), never negative.
    @inline(__always) func cost(_ i: Int, _ j: Int) -> Double {
      let n = w[j] - w[i]
      let s = cs1[j] - cs1[i]
      return max(0, cs2[j] - cs2[i] - s * s / n)
    }

    // previous[j]: least cost of values 0..<j in c − 1 classes.
    var previous = (0...m).map { $0 == 0 ? 0 : cost(0, $0) }
    var current = [Double](repeating: .infinity, count: m + 1)
    var from = [[Int32]](repeating: [], count: k + 1)
    for c in 2...k {
      var start = [Int32](repeating: 0, count: m + 1)
      // j in c...m (c values at least for c classes); the last class starts at
      // i in c − 1 ..< j.
      func solve(_ jLow: Int, _ jHigh: Int, _ iLow: Int, _ iHigh: Int) {
        guard jLow <= jHigh else { return }
        let j = (jLow + jHigh) / 2
        var best = Double.infinity
        var bestI = iLow
        let upper = min(iHigh, j - 1)
        var i = iLow
        while i <= upper {
          let total = previous[i] + cost(i, j)
          if total < best - 1e-12 * abs(best) || (best.isInfinite && total.isFinite) {
            best = total
            bestI = i
          }
          i += 1
        }
        current[j] = best
        start[j] = Int32(bestI)
        solve(jLow, j - 1, iLow, bestI)
        solve(j + 1, jHigh, bestI, iHigh)
      }
      for j in 0..<c { current[j] = .infinity }
      solve(c, m, c - 1, m - 1)
      from[c] = start
      swap(&previous, &current)
    }
    var ends: [Int] = []
    var j = m
    for c in stride(from: k, through: 2, by: -1) {
      ends.append(j)
      j = Int(from[c][j])
    }
    ends.append(j)
    return (values, ends.reversed())
  }

  /// One step of Neumaier's compensated sum: (sum, compensation).
  @inline(__always)
  static func neumaier(_ sum: Double, _ compensation: Double, _ term: Double) -> (Double, Double) {
    let t = sum + term
    let c = abs(sum) >= abs(term) ? (sum - t) + term : (term - t) + sum
    return (t, compensation + c)
  }

  /// Within-class sum of squared deviations of a partition of `sorted` into
  /// classes with upper bounds `breaks`, each by two passes (mean, then
  /// squares): the check of the optimum in tests and benchmarks.
  static func withinSumOfSquares(_ sorted: [Double], breaks: [Double]) -> Double {
    var total = 0.0
    var start = 0
    for b in breaks {
      var end = start
      while end < sorted.count, sorted[end] <= b { end += 1 }
      if end > start {
        let part = sorted[start..<end]
        let mean = part.reduce(0, +) / Double(part.count)
        total += part.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      }
      start = end
    }
    return total
  }
}
