import Foundation

/// Local Moran's I (LISA; Anselin 1995, "Local indicators of spatial
/// association", *Geographical Analysis* 27:93–115), as PySAL's esda.Moran_Local:
/// z standardised with the population standard deviation, Iᵢ = (n−1) zᵢ lagᵢ / Σz²
/// with lagᵢ the mean z of i's neighbours; quadrant HH (z > 0, lag > 0), LH, LL,
/// HL. The pseudo p-value is by conditional permutation: i's neighbours' values
/// are drawn at random from the other n − 1 areas; G permuted Iᵢ ≥ the observed
/// and L ≤ it are counted apart and combined by `alternative`
/// (`PermutationAlternative`; two-sided by default). The permuted Iᵢ is
/// (n−1) zᵢ S / (kᵢ Σz²) with S the sum of the drawn z, so Iᵢ ≥ observed exactly
/// when sign(zᵢ)·(S − S_observed) ≥ 0: the observed and the permuted sums are
/// taken by the same arithmetic, and a difference within the rounding bound of
/// a sum of k standardised values, 4 k (k + 1) u max|z| (u the unit roundoff),
/// counts as a tie on both sides. So tied values tie whatever the order of the
/// terms, and so do sets of other values with equal sums (1 + 3 = 2 + 2); zᵢ =
/// 0 ties every permutation, p = 1. Where the C(n−1, kᵢ) neighbour sets number at most
/// the permutations asked, all of them are enumerated and p is exact.
/// q-values by Benjamini–Hochberg over all tested areas. Islands get NaN and no
/// quadrant.
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
  public var alternative: PermutationAlternative = .twoSided
  /// Areas whose p is exact: all their neighbour sets enumerated (fewer than
  /// the permutations asked).
  public var enumerated: Int = 0
  public var reason: String?

  /// The cluster label at significance `alpha` by `rule`: the quadrant, `ns`
  /// (not significant) or nil for islands.
  public func cluster(_ i: Int, alpha: Double = 0.05, rule: ClusterRule = .fdr) -> String? {
    guard let quadrant = quadrants[i], pSimulated[i].isFinite else { return nil }
    let significant: Bool
    switch rule {
    case .fdr: significant = qValues[i] < alpha
    case .p: significant = pSimulated[i] < alpha
    case .bonferroni:
      significant = pSimulated[i] < alpha / Double(pSimulated.filter(\.isFinite).count)
    }
    return significant ? quadrant.rawValue : "ns"
  }

  /// Cluster labels of every area at once (Bonferroni's m counted once).
  public func clusters(alpha: Double = 0.05, rule: ClusterRule = .fdr) -> [String?] {
    let m = Double(pSimulated.filter(\.isFinite).count)
    return localI.indices.map { i in
      guard let quadrant = quadrants[i], pSimulated[i].isFinite else { return nil }
      let significant: Bool
      switch rule {
      case .fdr: significant = qValues[i] < alpha
      case .p: significant = pSimulated[i] < alpha
      case .bonferroni: significant = pSimulated[i] < alpha / m
      }
      return significant ? quadrant.rawValue : "ns"
    }
  }

  public static func compute(
    values: [Double], weights: SpatialWeights, permutations: Int = 999, seed: UInt64 = 12345,
    alternative: PermutationAlternative = .twoSided
  ) -> LocalMoran {
    compute(
      columns: [values], weights: weights, permutations: permutations, seed: seed,
      alternative: alternative)[0]
  }

  /// LISA of several variables on the same areas with the same seed, the same as
  /// one call per variable, value for value: the draws depend on the areas and
  /// their neighbour counts only, so one set of draws serves two variables at a
  /// time (SIMD lanes, whose arithmetic is the scalar arithmetic).
  public static func compute(
    columns: [[Double]], weights: SpatialWeights, permutations: Int = 999, seed: UInt64 = 12345,
    alternative: PermutationAlternative = .twoSided
  ) -> [LocalMoran] {
    let n = weights.count
    precondition(columns.allSatisfy { $0.count == n }, "one value per area")
    var results = [LocalMoran](
      repeating: LocalMoran(
        localI: Array(repeating: .nan, count: n), quadrants: Array(repeating: nil, count: n),
        pSimulated: Array(repeating: .nan, count: n), qValues: Array(repeating: .nan, count: n),
        permutations: permutations, alternative: alternative, reason: nil), count: columns.count)
    var standardised: [[Double]] = Array(repeating: [], count: columns.count)
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
      // The sign of zᵢ per lane: Iᵢ ≥ observed ⇔ sign·(S − S_observed) ≥ 0.
      let signs = zip(standardised[a], standardised[b]).map {
        SIMD2<Double>($0 > 0 ? 1 : ($0 < 0 ? -1 : 0), $1 > 0 ? 1 : ($1 < 0 ? -1 : 0))
      }
      // Per unit of k(k + 1): the bound on the rounding of a sum of k z's.
      let largest = SIMD2(
        standardised[a].reduce(0) { max($0, abs($1)) },
        standardised[b].reduce(0) { max($0, abs($1)) })
      let roundoff = 4 * Double.ulpOfOne * largest
      // Chunks of 256 areas, each with its own random stream; each returns its
      // areas' counts.
      typealias Counts = (SIMD2<Int>, SIMD2<Int>, Int, Bool)
      let chunked = ParallelFor.chunks(n, .size(256)) { chunk, range -> [Counts] in
        var random = SeededRandom(seed: seed, stream: chunk)
        var counts2 = [Counts](
          repeating: (SIMD2<Int>(0, 0), SIMD2<Int>(0, 0), 0, false), count: range.count)
        // The drawn neighbours of one permutation: few, so a linear search in a
        // small buffer beats a set.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, maximum)) { drawn in
          z.withUnsafeBufferPointer { z in
            for i in range {
              let k = counts[i]
              guard k > 0, k < n else { continue }
              let sign = signs[i]
              var observed = SIMD2<Double>(0, 0)
              for j in weights.neighbours[i] { observed += z[j] }
              let tolerance = Double(k * (k + 1)) * roundoff
              var atLeast = SIMD2<Int>(0, 0)
              var atMost = SIMD2<Int>(0, 0)
              @inline(__always) func count(_ sum: SIMD2<Double>) {
                let d = sign * (sum - observed)
                atLeast &+= SIMD2<Int>(d.x >= -tolerance.x ? 1 : 0, d.y >= -tolerance.y ? 1 : 0)
                atMost &+= SIMD2<Int>(d.x <= tolerance.x ? 1 : 0, d.y <= tolerance.y ? 1 : 0)
              }
              if let all = Combinatorics.binomial(n - 1, k, atMost: permutations), all > 0 {
                // Every neighbour set of k of the other n − 1 areas, in turn.
                for d in 0..<k { drawn[d] = d }
                while true {
                  var sum = SIMD2<Double>(0, 0)
                  for d in 0..<k { sum += z[drawn[d] >= i ? drawn[d] + 1 : drawn[d]] }
                  count(sum)
                  var d = k - 1
                  while d >= 0, drawn[d] == n - 1 - k + d { d -= 1 }
                  if d < 0 { break }
                  drawn[d] += 1
                  for e in (d + 1)..<k { drawn[e] = drawn[e - 1] + 1 }
                }
                counts2[i - range.lowerBound] = (atLeast, atMost, all, true)
                continue
              }
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
                count(sum)
              }
              counts2[i - range.lowerBound] = (atLeast, atMost, permutations, false)
            }
          }
        }
        return counts2
      }
      let counts2 = Array(chunked.joined())
      for (lane, c) in [a, b].enumerated() where lane == 0 || b != a {
        results[c].pSimulated = counts2.enumerated().map { i, entry in
          guard entry.2 > 0, results[c].quadrants[i] != nil else { return .nan }
          return alternative.p(
            atLeast: entry.0[lane], atMost: entry.1[lane], count: entry.2, exact: entry.3)
        }
        results[c].enumerated = counts2.filter { $0.2 > 0 && $0.3 }.count
        results[c].qValues = BenjaminiHochberg.qValues(results[c].pSimulated)
      }
    }
    return results
  }
}
