import Foundation

/// Global Moran's I with row-standardised weights (Moran 1950; Cliff & Ord 1981):
/// I = (n / S₀) Σᵢ zᵢ Σⱼ wᵢⱼ zⱼ / Σᵢ zᵢ², z = x − x̄, with E[I] = −1/(n−1) and the
/// variance under normality VI = (n²S₁ − nS₂ + 3S₀²) / ((n² − 1) S₀²) − E[I]²,
/// S₁ = ½ Σᵢⱼ (wᵢⱼ + wⱼᵢ)², S₂ = Σᵢ (wᵢ. + w.ᵢ)². p_norm is two-sided.
///
/// The permutation p: the values are shuffled P times and the permuted I
/// computed by the very function that gives the observed I. G permuted I ≥ the
/// observed and L ≤ it are counted apart and combined by `alternative`
/// (`PermutationAlternative`, two-sided by default). Equal statistics of
/// different arrangements (ties in the values, symmetric weights) can differ in
/// the last bits, the terms being summed in another order; so a permuted I
/// within the forward error bound of the sum, 4 (n + k_max) u · M with u the
/// unit roundoff and M = (n/S₀) max|z| Σ|z| / Σz² a bound of Σ|terms|, counts as
/// a tie (on both sides). When n! ≤ P all n! arrangements are enumerated and p
/// is exact (`enumerated`).
/// Islands keep a zero spatial lag (as esda) and are counted in `islands`.
public struct MoranGlobal: Sendable, Equatable {
  public var n: Int
  public var i: Double
  public var expected: Double
  public var variance: Double
  public var zNorm: Double
  public var pNorm: Double
  public var pSimulated: Double
  public var permutations: Int
  public var alternative: PermutationAlternative = .twoSided
  /// All n! arrangements were enumerated (n! ≤ the permutations asked): p exact.
  public var enumerated = false
  public var islands: Int
  public var reason: String?

  public static func compute(
    values: [Double], weights: SpatialWeights, permutations: Int = 999, seed: UInt64 = 12345,
    alternative: PermutationAlternative = .twoSided
  ) -> MoranGlobal {
    compute(
      columns: [values], weights: weights, permutations: permutations, seed: seed,
      alternative: alternative)[0]
  }

  /// Moran's I of several variables on the same areas with the same seed, the
  /// same as one call per variable, value for value. The permutations are the
  /// same for every variable (Fisher–Yates moves positions whatever the values
  /// are), so the values are shuffled once, two variables side by side in SIMD
  /// lanes: one shuffle and one pass over the neighbour lists serve both, and
  /// lane arithmetic is the scalar arithmetic.
  public static func compute(
    columns: [[Double]], weights: SpatialWeights, permutations: Int = 999, seed: UInt64 = 12345,
    alternative: PermutationAlternative = .twoSided
  ) -> [MoranGlobal] {
    let n = weights.count
    precondition(columns.allSatisfy { $0.count == n }, "one value per area")
    var results = [MoranGlobal](
      repeating: MoranGlobal(
        n: n, i: .nan, expected: n > 1 ? -1 / Double(n - 1) : .nan, variance: .nan, zNorm: .nan,
        pNorm: .nan, pSimulated: .nan, permutations: permutations, alternative: alternative,
        islands: weights.islands.count,
        reason: nil), count: columns.count)
    // Deviations and their sum of squares per variable; a variable that cannot
    // be tested gets its reason.
    var deviations: [[Double]] = Array(repeating: [], count: columns.count)
    var sumSquares = [Double](repeating: 0, count: columns.count)
    let s0 = Double(n - weights.islands.count)
    for (c, values) in columns.enumerated() {
      if n < 3 {
        results[c].reason = "n < 3"
      } else if !values.allSatisfy(\.isFinite) {
        results[c].reason = "missing values: drop those areas first"
      } else {
        let mean = values.reduce(0, +) / Double(n)
        let z = values.map { $0 - mean }
        let squares = z.reduce(0) { $0 + $1 * $1 }
        if !(squares > 1e-300 * Double(n)) {
          results[c].reason = "constant values"
        } else if !(s0 > 0) {
          results[c].reason = "no area has a neighbour"
        } else {
          deviations[c] = z
          sumSquares[c] = squares
        }
      }
    }
    let tested = columns.indices.filter { results[$0].reason == nil }
    guard !tested.isEmpty else { return results }

    // S1 and S2 of the row-standardised matrix (the same for every variable).
    var s1 = 0.0
    var columnSums = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let neighbours = weights.neighbours[i]
      guard !neighbours.isEmpty else { continue }
      let w = 1 / Double(neighbours.count)
      for j in neighbours {
        columnSums[j] += w
        let back =
          weights.neighbours[j].isEmpty
          ? 0 : (weights.neighbours[j].contains(i) ? 1 / Double(weights.neighbours[j].count) : 0)
        s1 += (w + back) * (w + back)
      }
    }
    // Pairs (i, j) with w_ij = 0 but w_ji > 0 (asymmetric kNN) add w_ji².
    for j in 0..<n {
      let neighbours = weights.neighbours[j]
      guard !neighbours.isEmpty else { continue }
      let w = 1 / Double(neighbours.count)
      for i in neighbours where !weights.neighbours[i].contains(j) { s1 += w * w }
    }
    s1 /= 2
    var s2 = 0.0
    for i in 0..<n {
      let rowSum = weights.neighbours[i].isEmpty ? 0.0 : 1.0
      s2 += (rowSum + columnSums[i]) * (rowSum + columnSums[i])
    }
    let nn = Double(n)

    // Neighbour lists flattened (compressed rows) with kᵢ per row, so the
    // permutation loop reads two flat arrays instead of an array per area.
    let csr = CompressedWeights(weights)
    // Two variables per pass (the second lane repeats the first when one is left).
    for pair in stride(from: 0, to: tested.count, by: 2) {
      let a = tested[pair]
      let b = tested[min(pair + 1, tested.count - 1)]
      let z = zip(deviations[a], deviations[b]).map { SIMD2($0, $1) }
      let squares = SIMD2(sumSquares[a], sumSquares[b])
      /// (n / S₀) Σᵢ zᵢ lagᵢ / Σz², per lane.
      func statistic(_ z: UnsafeBufferPointer<SIMD2<Double>>) -> SIMD2<Double> {
        var cross = SIMD2<Double>(0, 0)
        csr.offsets.withUnsafeBufferPointer { offsets in
          csr.indices.withUnsafeBufferPointer { indices in
            for i in 0..<n {
              let start = offsets[i]
              let end = offsets[i + 1]
              guard end > start else { continue }
              var lag = SIMD2<Double>(0, 0)
              for k in start..<end { lag += z[Int(indices[k])] }
              cross += z[i] * lag / SIMD2(repeating: csr.counts[i])
            }
          }
        }
        return SIMD2(repeating: nn / s0) * cross / squares
      }
      let observed = z.withUnsafeBufferPointer { statistic($0) }
      for (lane, c) in [a, b].enumerated() where lane == 0 || b != a {
        results[c].i = observed[lane]
        results[c].variance =
          (nn * nn * s1 - nn * s2 + 3 * s0 * s0) / ((nn * nn - 1) * s0 * s0) - results[c].expected
          * results[c].expected
        results[c].zNorm = (results[c].i - results[c].expected) / results[c].variance.squareRoot()
        results[c].pNorm = Normal.twoSidedP(results[c].zNorm)
      }
      guard permutations > 0 else { continue }
      // Ties within the rounding of the sum (see above).
      let kMax = Double(csr.counts.max() ?? 1)
      var tolerance = SIMD2<Double>(0, 0)
      for (lane, c) in [a, b].enumerated() {
        let d = deviations[c]
        let largest = d.reduce(0) { max($0, abs($1)) }
        let absolute = d.reduce(0) { $0 + abs($1) }
        tolerance[lane] =
          4 * (nn + kMax) * Double.ulpOfOne * (nn / s0) * largest * absolute / sumSquares[c]
      }
      var atLeast = SIMD2<Int>(0, 0)
      var atMost = SIMD2<Int>(0, 0)
      @inline(__always) func count(_ permuted: SIMD2<Double>) {
        atLeast &+= SIMD2<Int>(
          permuted.x >= observed.x - tolerance.x ? 1 : 0,
          permuted.y >= observed.y - tolerance.y ? 1 : 0)
        atMost &+= SIMD2<Int>(
          permuted.x <= observed.x + tolerance.x ? 1 : 0,
          permuted.y <= observed.y + tolerance.y ? 1 : 0)
      }
      if let all = Combinatorics.factorial(n, atMost: permutations) {
        // Every arrangement, by Heap's algorithm (the first is the observed one).
        var arrangement = z
        var state = [Int](repeating: 0, count: n)
        count(arrangement.withUnsafeBufferPointer { statistic($0) })
        var i = 1
        while i < n {
          if state[i] < i {
            arrangement.swapAt(i % 2 == 0 ? 0 : state[i], i)
            count(arrangement.withUnsafeBufferPointer { statistic($0) })
            state[i] += 1
            i = 1
          } else {
            state[i] = 0
            i += 1
          }
        }
        for (lane, c) in [a, b].enumerated() where lane == 0 || b != a {
          results[c].pSimulated = alternative.p(
            atLeast: atLeast[lane], atMost: atMost[lane], count: all, exact: true)
          results[c].permutations = all
          results[c].enumerated = true
        }
        continue
      }
      // Chunks of 64 permutations, each with its own random stream.
      let simulated = ParallelFor.chunks(permutations, .size(64)) { chunk, range in
        var random = SeededRandom(seed: seed, stream: chunk)
        var shuffled = z
        return range.map { _ in
          shuffled.withUnsafeMutableBufferPointer { random.shuffle($0) }
          return shuffled.withUnsafeBufferPointer { statistic($0) }
        }
      }
      for part in simulated { for value in part { count(value) } }
      for (lane, c) in [a, b].enumerated() where lane == 0 || b != a {
        results[c].pSimulated = alternative.p(
          atLeast: atLeast[lane], atMost: atMost[lane], count: permutations, exact: false)
      }
    }
    return results
  }
}
