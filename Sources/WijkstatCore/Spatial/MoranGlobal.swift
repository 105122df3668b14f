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
    precondition(values.count == weights.count, "one value per area")
    let n = values.count
    var result = MoranGlobal(
      n: n, i: .nan, expected: n > 1 ? -1 / Double(n - 1) : .nan, variance: .nan, zNorm: .nan,
      pNorm: .nan, pSimulated: .nan, permutations: permutations, islands: weights.islands.count,
      reason: nil)
    guard n >= 3 else {
      result.reason = "n < 3"
      return result
    }
    guard values.allSatisfy(\.isFinite) else {
      result.reason = "missing values: drop those areas first"
      return result
    }
    let mean = values.reduce(0, +) / Double(n)
    let z = values.map { $0 - mean }
    let sumSquares = z.reduce(0) { $0 + $1 * $1 }
    guard sumSquares > 1e-300 * Double(n) else {
      result.reason = "constant values"
      return result
    }
    let s0 = Double(n - weights.islands.count)
    guard s0 > 0 else {
      result.reason = "no area has a neighbour"
      return result
    }
    // Neighbour lists flattened (compressed rows) with kᵢ per row, so the
    // permutation loop reads two flat arrays instead of an array per area.
    let csr = CompressedWeights(weights)
    func statistic(_ z: [Double]) -> Double {
      var cross = 0.0
      z.withUnsafeBufferPointer { z in
        csr.offsets.withUnsafeBufferPointer { offsets in
          csr.indices.withUnsafeBufferPointer { indices in
            for i in 0..<n {
              let start = offsets[i]
              let end = offsets[i + 1]
              guard end > start else { continue }
              var lag = 0.0
              for k in start..<end { lag += z[indices[k]] }
              cross += z[i] * lag / csr.counts[i]
            }
          }
        }
      }
      return Double(n) / s0 * cross / sumSquares
    }
    result.i = statistic(z)
    // S1 and S2 of the row-standardised matrix.
    var s1 = 0.0
    var columnSums = [Double](repeating: 0, count: n)
    var weightOf = [Int: Double]()
    weightOf.reserveCapacity(8)
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
    result.variance =
      (nn * nn * s1 - nn * s2 + 3 * s0 * s0) / ((nn * nn - 1) * s0 * s0) - result.expected * result.expected
    result.zNorm = (result.i - result.expected) / result.variance.squareRoot()
    result.pNorm = Normal.twoSidedP(result.zNorm)
    guard permutations > 0 else { return result }
    let chunkSize = 64
    let chunks = (permutations + chunkSize - 1) / chunkSize
    let simulated = SharedBuffer(repeating: 0.0, count: permutations)
    PermutationStreams.run(chunks: chunks, seed: seed) { chunk, random in
      var shuffled = z
      for p in (chunk * chunkSize)..<min(permutations, (chunk + 1) * chunkSize) {
        shuffled.withUnsafeMutableBufferPointer { random.shuffle($0) }
        simulated.values[p] = statistic(shuffled)
      }
    }
    var larger = simulated.values.filter { $0 >= result.i }.count
    if permutations - larger < larger { larger = permutations - larger }
    result.pSimulated = Double(larger + 1) / Double(permutations + 1)
    return result
  }
}
