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
    let n = values.count
    precondition(weights.count == n, "one value per area")
    var result = LocalMoran(
      localI: Array(repeating: .nan, count: n), quadrants: Array(repeating: nil, count: n),
      pSimulated: Array(repeating: .nan, count: n), qValues: Array(repeating: .nan, count: n),
      permutations: permutations, reason: nil)
    guard n >= 3 else {
      result.reason = "n < 3"
      return result
    }
    guard values.allSatisfy(\.isFinite) else {
      result.reason = "missing values: drop those areas first"
      return result
    }
    let mean = values.reduce(0, +) / Double(n)
    let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
    guard sd > 0 else {
      result.reason = "constant values"
      return result
    }
    let z = values.map { ($0 - mean) / sd }
    let den = z.reduce(0) { $0 + $1 * $1 }
    let factor = Double(n - 1) / den
    for i in 0..<n where !weights.neighbours[i].isEmpty {
      let neighbours = weights.neighbours[i]
      let lag = neighbours.reduce(0) { $0 + z[$1] } / Double(neighbours.count)
      result.localI[i] = factor * z[i] * lag
      result.quadrants[i] =
        z[i] > 0 ? (lag > 0 ? .highHigh : .highLow) : (lag > 0 ? .lowHigh : .lowLow)
    }
    if permutations > 0 {
      let p = SharedBuffer(repeating: Double.nan, count: n)
      let chunkSize = 256
      let chunks = (n + chunkSize - 1) / chunkSize
      let observed = result.localI
      let counts = weights.neighbours.map(\.count)
      let maximum = counts.max() ?? 0
      PermutationStreams.run(chunks: chunks, seed: seed) { chunk, random in
        // The drawn neighbours of one permutation: few, so a linear search in a
        // small buffer beats a set.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, maximum)) { drawn in
          z.withUnsafeBufferPointer { z in
            for i in (chunk * chunkSize)..<min(n, (chunk + 1) * chunkSize) {
              let k = counts[i]
              guard k > 0, k < n else { continue }
              let scaled = factor * z[i]
              let observedI = observed[i]
              let divisor = Double(k)
              var larger = 0
              for _ in 0..<permutations {
                var filled = 0
                var sum = 0.0
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
                if scaled * sum / divisor >= observedI { larger += 1 }
              }
              if permutations - larger < larger { larger = permutations - larger }
              p.values[i] = Double(larger + 1) / Double(permutations + 1)
            }
          }
        }
      }
      result.pSimulated = p.values
      result.qValues = BenjaminiHochberg.qValues(p.values)
    }
    return result
  }
}
