import Foundation
import Testing

@testable import WijkstatCore

/// Exact natural breaks: the divide-and-conquer DP against a brute-force
/// O(k·n²) dynamic programme whose class costs are computed by two passes
/// (mean, then squares) on the raw values; the optimum is unique up to ties in
/// cost, so the two partitions' costs must agree to 1e-9 relative.
@Suite struct FisherJenksTests {
  /// The least within-class sum of squares over all partitions of `sorted`
  /// into `k` contiguous non-empty classes that never split equal values.
  func bruteForce(_ sorted: [Double], k: Int) -> Double {
    let n = sorted.count
    func cost(_ i: Int, _ j: Int) -> Double {
      let part = sorted[i..<j]
      let mean = part.reduce(0, +) / Double(part.count)
      return part.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    }
    // Allowed class ends: where the next value differs.
    let cut = (0...n).map { $0 == 0 || $0 == n || sorted[$0 - 1] != sorted[$0] }
    var best = [[Double]](repeating: [Double](repeating: .infinity, count: n + 1), count: k + 1)
    best[0][0] = 0
    for c in 1...k {
      for j in 1...n where cut[j] {
        for i in 0..<j where cut[i] && best[c - 1][i].isFinite {
          best[c][j] = min(best[c][j], best[c - 1][i] + cost(i, j))
        }
      }
    }
    return best[k][n]
  }

  func check(_ values: [Double], k: Int, _ label: String) {
    let sorted = values.sorted()
    let breaks = FisherJenks.breaks(sorted, k: k)
    let distinct = Set(sorted).count
    #expect(breaks.count == min(k, distinct), "\(label): \(breaks.count) classes")
    #expect(breaks.last == sorted.last, "\(label)")
    let ours = FisherJenks.withinSumOfSquares(sorted, breaks: breaks)
    let reference = bruteForce(sorted, k: min(k, distinct))
    // 1e-9 relative; a zero optimum (k = distinct values) to 1e-12 of the total.
    let total = FisherJenks.withinSumOfSquares(sorted, breaks: [sorted.last!])
    #expect(
      abs(ours - reference) <= max(1e-9 * reference, 1e-12 * total),
      "\(label): \(ours) vs \(reference)")
  }

  @Test func optimalOnRandomInputsWithTies() {
    var random = SeededRandom(seed: 16)
    for trial in 0..<60 {
      let n = 5 + Int(random.below(36))
      let k = 2 + Int(random.below(6))
      let values: [Double] = (0..<n).map { _ in
        switch trial % 3 {
        case 0: return random.nextUnit()
        case 1: return Double(random.below(6))  // heavy ties
        default: return exp(3 * random.nextNormal())  // skewed, like rates
        }
      }
      check(values, k: k, "trial \(trial) n \(n) k \(k)")
    }
  }

  /// Breaks scale and shift with the values: ×1e-6, ×1e6, +1e9 give the same
  /// classes (before: +55 % cost at k = 7 on values × 1e-6, and k = 9 gave 8).
  @Test func invariantToUnitAndOffset() {
    var random = SeededRandom(seed: 7)
    let base = (0..<400).map { _ in
      (random.nextUnit() * 100).rounded() / 10 + random.nextUnit() * random.nextUnit()
    }
    let sorted = base.sorted()
    for k in [5, 7, 9] {
      let reference = FisherJenks.optimalPartition(sorted, k: k).ends
      #expect(reference.count == k)
      for (scale, offset) in [(1e-6, 0.0), (1e6, 0.0), (1.0, 1e9), (1e-6, 1e3)] {
        let moved = sorted.map { $0 * scale + offset }
        let ends = FisherJenks.optimalPartition(moved, k: k).ends
        #expect(ends == reference, "k \(k), × \(scale) + \(offset)")
      }
    }
    let tiny = try! Classifier.classify(base.map { $0 * 1e-6 }, method: .fisherJenks, k: 9)
    #expect(tiny.k == 9 && tiny.warnings.isEmpty)
  }

  /// Large inputs are classified exactly too (no sample): on 20,000 skewed
  /// values no single move of a class boundary by one distinct value lowers
  /// the cost (a necessary condition of the optimum that brute force cannot
  /// reach at this size).
  @Test func largeInputsAreLocallyOptimal() {
    var random = SeededRandom(seed: 3)
    let values = (0..<20_000).map { _ in (exp(random.nextNormal()) * 1000).rounded() / 1000 }
      .sorted()
    let (distinct, ends) = FisherJenks.optimalPartition(values, k: 7)
    let breaks = ends.map { distinct[$0 - 1] }
    let cost = FisherJenks.withinSumOfSquares(values, breaks: breaks)
    for c in 0..<(ends.count - 1) {
      for shift in [-1, 1] {
        var moved = ends
        moved[c] += shift
        guard moved[c] > (c == 0 ? 0 : moved[c - 1]), moved[c] < moved[c + 1] else { continue }
        let other = FisherJenks.withinSumOfSquares(values, breaks: moved.map { distinct[$0 - 1] })
        #expect(other >= cost * (1 - 1e-12), "boundary \(c) moved \(shift)")
      }
    }
  }

  @Test func fewerDistinctValuesThanClasses() throws {
    let c = try Classifier.classify([1, 1, 2, 2, 3, 3], method: .fisherJenks, k: 5)
    #expect(c.breaks == [1, 2, 3] && c.counts == [2, 2, 2])
    #expect(c.warnings == ["asked for 5 classes, 3 came out (only 3 distinct values)"])
  }
}

/// Box maps under ties, against mapclassify 2.10.0 `BoxPlot(y)` (.bins, .yb).
@Suite struct BoxMapTieTests {
  /// y = [0]*9 + [10]: bins [0, 0, 0, 0, 0, 10], counts [9, 0, 0, 0, 0, 1]: the
  /// 10 is an upper outlier (class 6), the zeros are in class 1 (v ≤ lower fence).
  @Test func tiedQuartilesKeepSixClasses() throws {
    let c = try Classifier.classify(Array(repeating: 0, count: 9) + [10], method: .box)
    #expect(c.breaks == [0, 0, 0, 0, 0, 10])
    #expect(c.counts == [9, 0, 0, 0, 0, 1])
    #expect(c.classOf(10) == 6 && c.classOf(0) == 1)
    #expect(
      c.warnings == [
        "box map: the quartiles tie (IQR 0), so the fences equal them; classes 2, 3, 4, 5 empty"
      ])
  }

  /// y = [0, 0, 0, 1, 1, 2, 3, 50]: bins [−3.375, 0, 1, 2.25, 5.625, 50],
  /// counts [0, 3, 2, 1, 1, 1].
  @Test func partlyTied() throws {
    let c = try Classifier.classify([0, 0, 0, 1, 1, 2, 3, 50], method: .box)
    #expect(c.breaks == [-3.375, 0, 1, 2.25, 5.625, 50])
    #expect(c.counts == [0, 3, 2, 1, 1, 1])
    #expect(c.warnings.isEmpty)
  }

  /// y = [1, 2, 3, 4, 5]: mapclassify bins [−1, 2, 3, 4, 7] (no upper
  /// outliers, 5 classes); here the sixth class is kept, empty: [.., 7, 7].
  @Test func noOutliersKeepsAnEmptySixthClass() throws {
    let c = try Classifier.classify([1, 2, 3, 4, 5], method: .box)
    #expect(c.breaks == [-1, 2, 3, 4, 7, 7])
    #expect(c.counts == [0, 2, 1, 1, 1, 0])
  }
}
