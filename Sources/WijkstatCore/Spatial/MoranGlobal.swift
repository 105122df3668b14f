import Foundation

/// Global Moran's I with row-standardised weights (Moran 1950; Cliff & Ord 1981):
/// I = (n / S₀) Σᵢ zᵢ Σⱼ wᵢⱼ zⱼ / Σᵢ zᵢ², z = x − x̄, with E[I] = −1/(n−1) and the
/// variance under normality VI = (n²S₁ − nS₂ + 3S₀²) / ((n² − 1) S₀²) − E[I]²,
/// S₁ = ½ Σᵢⱼ (wᵢⱼ + wⱼᵢ)², S₂ = Σᵢ (wᵢ. + w.ᵢ)². p_norm is two-sided. The
/// permutation p follows PySAL's esda.Moran: with L the number of permuted I at
/// least the observed, L is folded to min(L, P − L) and p_sim = (L + 1)/(P + 1).
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
  public var islands: Int
  public var reason: String?

  public static func compute(
    values: [Double], weights: SpatialWeights, permutations: Int = 999, seed: UInt64 = 12345
  ) -> MoranGlobal {
    compute(columns: [values], weights: weights, permutations: permutations, seed: seed)[0]
  }

  /// Moran's I of several variables on the same areas with the same seed, the
  /// same as one call per variable, value for value. The permutations are the
  /// same for every variable (Fisher–Yates moves positions whatever the values
  /// are), so the values are shuffled once, two variables side by side in SIMD
  /// lanes: one shuffle and one pass over the neighbour lists serve both, and
  /// lane arithmetic is the scalar arithmetic.
  public static func compute(
    columns: [[Double]], weights: SpatialWeights, permutations: Int = 999, seed: UInt64 = 12345
  ) -> [MoranGlobal] {
    let n = weights.count
    precondition(columns.allSatisfy { $0.count == n }, "one value per area")
    var results = [MoranGlobal](
      repeating: MoranGlobal(
        n: n, i: .nan, expected: n > 1 ? -1 / Double(n - 1) : .nan, variance: .nan, zNorm: .nan,
        pNorm: .nan, pSimulated: .nan, permutations: permutations, islands: weights.islands.count,
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
        let back = weights.neighbours[j].isEmpty ? 0 : (weights.neighbours[j].contains(i) ? 1 / Double(weights.neighbours[j].count) : 0)
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
          (nn * nn * s1 - nn * s2 + 3 * s0 * s0) / ((nn * nn - 1) * s0 * s0) - results[c].expected * results[c].expected
        results[c].zNorm = (results[c].i - results[c].expected) / results[c].variance.squareRoot()
        results[c].pNorm = Normal.twoSidedP(results[c].zNorm)
      }
      guard permutations > 0 else { continue }
      let chunkSize = 64
      let chunks = (permutations + chunkSize - 1) / chunkSize
      let simulated = SharedBuffer(repeating: SIMD2<Double>(0, 0), count: permutations)
      PermutationStreams.run(chunks: chunks, seed: seed) { chunk, random in
        var shuffled = z
        for p in (chunk * chunkSize)..<min(permutations, (chunk + 1) * chunkSize) {
          shuffled.withUnsafeMutableBufferPointer { random.shuffle($0) }
          simulated.values[p] = shuffled.withUnsafeBufferPointer { statistic($0) }
        }
      }
      for (lane, c) in [a, b].enumerated() where lane == 0 || b != a {
        var larger = simulated.values.filter { $0[lane] >= results[c].i }.count
        if permutations - larger < larger { larger = permutations - larger }
        results[c].pSimulated = Double(larger + 1) / Double(permutations + 1)
      }
    }
    return results
  }
}
