import Foundation

/// Local Moran's I (LISA; Anselin 1995, "Local indicators of spatial
/// association", *Geographical Analysis* 27:93–115), as PySAL's esda.Moran_Local:
/// z standardised with the population standard deviation, Iᵢ = (n−1) zᵢ lagᵢ / Σz²
/// with lagᵢ the mean z of i's neighbours; quadrant HH (z > 0, lag > 0), LH, LL,
/// HL. The pseudo p-value is by conditional permutation: i's neighbours' values
/// are drawn at random from the other n − 1 areas; with L the number of permuted
/// Iᵢ at least the observed, folded to min(L, P − L), p = (L + 1)/(P + 1).
/// q-values by Benjamini–Hochberg over all areas. Islands get NaN and no quadrant.
public struct LocalMoran: Sendable, Equatable {
  public enum Quadrant: String, Sendable, CaseIterable {
    case highHigh = "HH"
    case lowHigh = "LH"
    case lowLow = "LL"
    case highLow = "HL"
  }
  public var localI: [Double]
  public var quadrants: [Quadrant?]
  public var pSimulated: [Double]
  public var qValues: [Double]
  public var permutations: Int
  public var reason: String?

  /// The cluster label at significance `alpha`: the quadrant, `ns` (not
  /// significant) or nil for islands.
  public func cluster(_ i: Int, alpha: Double = 0.05) -> String? {
    guard let quadrant = quadrants[i], pSimulated[i].isFinite else { return nil }
    return pSimulated[i] < alpha ? quadrant.rawValue : "ns"
  }

  public static func compute(
    values: [Double], weights: SpatialWeights, permutations: Int = 999, seed: UInt64 = 12345
  ) -> LocalMoran {
    compute(columns: [values], weights: weights, permutations: permutations, seed: seed)[0]
  }

  /// LISA of several variables on the same areas with the same seed, the same as
  /// one call per variable, value for value: the draws depend on the areas and
  /// their neighbour counts only, so one set of draws serves two variables at a
  /// time (SIMD lanes, whose arithmetic is the scalar arithmetic).
  public static func compute(
    columns: [[Double]], weights: SpatialWeights, permutations: Int = 999, seed: UInt64 = 12345
  ) -> [LocalMoran] {
    let n = weights.count
    precondition(columns.allSatisfy { $0.count == n }, "one value per area")
    var results = [LocalMoran](
      repeating: LocalMoran(
        localI: Array(repeating: .nan, count: n), quadrants: Array(repeating: nil, count: n),
        pSimulated: Array(repeating: .nan, count: n), qValues: Array(repeating: .nan, count: n),
        permutations: permutations, reason: nil), count: columns.count)
    var standardised: [[Double]] = Array(repeating: [], count: columns.count)
    var factors = [Double](repeating: 0, count: columns.count)
    for (c, values) in columns.enumerated() {
      guard n >= 3 else {
        results[c].reason = "n < 3"
        continue
      }
      guard values.allSatisfy(\.isFinite) else {
        results[c].reason = "missing values: drop those areas first"
        continue
      }
      let mean = values.reduce(0, +) / Double(n)
      let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
      guard sd > 0 else {
        results[c].reason = "constant values"
        continue
      }
      let z = values.map { ($0 - mean) / sd }
      let den = z.reduce(0) { $0 + $1 * $1 }
      let factor = Double(n - 1) / den
      for i in 0..<n where !weights.neighbours[i].isEmpty {
        let neighbours = weights.neighbours[i]
        let lag = neighbours.reduce(0) { $0 + z[$1] } / Double(neighbours.count)
        results[c].localI[i] = factor * z[i] * lag
        results[c].quadrants[i] =
          z[i] > 0 ? (lag > 0 ? .highHigh : .highLow) : (lag > 0 ? .lowHigh : .lowLow)
      }
      standardised[c] = z
      factors[c] = factor
    }
    let tested = columns.indices.filter { results[$0].reason == nil }
    guard permutations > 0 else { return results }
    let counts = weights.neighbours.map(\.count)
    let maximum = counts.max() ?? 0
    // Two variables per pass (the second lane repeats the first when one is left).
    for pair in stride(from: 0, to: tested.count, by: 2) {
      let a = tested[pair]
      let b = tested[min(pair + 1, tested.count - 1)]
      let z = zip(standardised[a], standardised[b]).map { SIMD2($0, $1) }
      let factor = SIMD2(factors[a], factors[b])
      let observedA = results[a].localI
      let observedB = results[b].localI
      let p = SharedBuffer(repeating: SIMD2<Double>(.nan, .nan), count: n)
      let chunkSize = 256
      let chunks = (n + chunkSize - 1) / chunkSize
      PermutationStreams.run(chunks: chunks, seed: seed) { chunk, random in
        // The drawn neighbours of one permutation: few, so a linear search in a
        // small buffer beats a set.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, maximum)) { drawn in
          z.withUnsafeBufferPointer { z in
            for i in (chunk * chunkSize)..<min(n, (chunk + 1) * chunkSize) {
              let k = counts[i]
              guard k > 0, k < n else { continue }
              let scaled = factor * z[i]
              let observed = SIMD2(observedA[i], observedB[i])
              let divisor = SIMD2(repeating: Double(k))
              var larger = SIMD2<Int>(0, 0)
              for _ in 0..<permutations {
                var filled = 0
                var sum = SIMD2<Double>(0, 0)
                while filled < k {
                  var j = Int(random.below(UInt64(n - 1)))
                  if j >= i { j += 1 }
                  var seen = false
                  for d in 0..<filled where drawn[d] == j {
                    seen = true
                    break
                  }
                  if seen { continue }
                  drawn[filled] = j
                  filled += 1
                  sum += z[j]
                }
                let permuted = scaled * sum / divisor
                if permuted.x >= observed.x { larger.x += 1 }
                if permuted.y >= observed.y { larger.y += 1 }
              }
              if permutations - larger.x < larger.x { larger.x = permutations - larger.x }
              if permutations - larger.y < larger.y { larger.y = permutations - larger.y }
              p.values[i] = SIMD2(
                Double(larger.x + 1) / Double(permutations + 1), Double(larger.y + 1) / Double(permutations + 1))
            }
          }
        }
      }
      for (lane, c) in [a, b].enumerated() where lane == 0 || b != a {
        results[c].pSimulated = p.values.map { $0[lane] }
        results[c].qValues = BenjaminiHochberg.qValues(results[c].pSimulated)
      }
    }
    return results
  }
}
