/// Fisher–Jenks natural breaks: the exact partition of the sorted values into k
/// contiguous classes with the least total within-class sum of squared
/// deviations (Fisher 1958, "On grouping for maximum homogeneity"; Jenks 1977),
/// by dynamic programming in O(k·n²) with prefix sums. Above 3,000 values it
/// classifies 3,000 evenly spaced order statistics (deterministic, unlike
/// mapclassify's random FisherJenksSampled). Breaks are the classes' maxima.
enum FisherJenks {
  static let sampleSize = 3000

  static func breaks(_ all: [Double], k: Int) -> [Double] {
    var values = all
    if all.count > sampleSize {
      values = (0..<sampleSize).map { all[Int(Double($0) * Double(all.count - 1) / Double(sampleSize - 1))] }
    }
    let n = values.count
    let k = min(k, n)
    var sum = [Double](repeating: 0, count: n + 1)
    var squares = [Double](repeating: 0, count: n + 1)
    for i in 0..<n {
      sum[i + 1] = sum[i] + values[i]
      squares[i + 1] = squares[i] + values[i] * values[i]
    }
    /// Sum of squared deviations of values[i..<j].
    func cost(_ i: Int, _ j: Int) -> Double {
      let s = sum[j] - sum[i]
      return squares[j] - squares[i] - s * s / Double(j - i)
    }
    // best[c][j]: least cost of the first j values in c classes; from[c][j] the start of the last class.
    var best = [[Double]](repeating: [Double](repeating: .infinity, count: n + 1), count: k + 1)
    var from = [[Int]](repeating: [Int](repeating: 0, count: n + 1), count: k + 1)
    best[0][0] = 0
    for c in 1...k {
      for j in c...n {
        var bestCost = Double.infinity
        var bestStart = c - 1
        for i in (c - 1)..<j {
          let total = best[c - 1][i] + cost(i, j)
          if total < bestCost - 1e-12 * max(1, abs(total)) {
            bestCost = total
            bestStart = i
          }
        }
        best[c][j] = bestCost
        from[c][j] = bestStart
      }
    }
    var ends: [Int] = []
    var j = n
    for c in stride(from: k, through: 1, by: -1) {
      ends.append(j)
      j = from[c][j]
    }
    var result = ends.reversed().map { values[$0 - 1] }
    result[result.count - 1] = all.last!
    return result
  }
}
