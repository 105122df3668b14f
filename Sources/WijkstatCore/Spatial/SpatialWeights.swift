/// Who neighbours whom: for each area the indexes of its neighbours (sorted),
/// used row-standardised (each neighbour of i weighs 1 / |N(i)|). Areas without
/// neighbours (islands) are listed by index so they can be reported by code.
public struct SpatialWeights: Sendable, Equatable {
  /// `queen`, `rook` or `knn-6`.
  public var kind: String
  public var neighbours: [[Int]]

  public init(kind: String, neighbours: [[Int]]) {
    self.kind = kind
    self.neighbours = neighbours.map { Array(Set($0)).sorted() }
  }

  public var count: Int { neighbours.count }
  public var islands: [Int] { neighbours.indices.filter { neighbours[$0].isEmpty } }
  public var meanNeighbours: Double {
    neighbours.isEmpty
      ? 0 : Double(neighbours.reduce(0) { $0 + $1.count }) / Double(neighbours.count)
  }

  /// Only the areas in `keep` (in that order), re-indexed; links to dropped
  /// areas disappear (the analyses drop areas without a value).
  public func subset(_ keep: [Int]) -> SpatialWeights {
    var position = [Int: Int]()
    for (new, old) in keep.enumerated() { position[old] = new }
    return SpatialWeights(
      kind: kind, neighbours: keep.map { old in neighbours[old].compactMap { position[$0] } })
  }

  /// Each area's islands filled with its k nearest neighbours (symmetric links are
  /// not added), so every area takes part: the usual remedy for islands.
  public func fillingIslands(with knn: SpatialWeights) -> SpatialWeights {
    SpatialWeights(
      kind: kind + "+knn",
      neighbours: neighbours.indices.map {
        neighbours[$0].isEmpty ? knn.neighbours[$0] : neighbours[$0]
      })
  }
}

/// Neighbour lists in compressed-row form: area i's neighbours are
/// `indices[offsets[i]..<offsets[i + 1]]`, and `counts[i]` = kᵢ as a double
/// (the row-standardised weight is 1/kᵢ). For the permutation loops.
struct CompressedWeights: Sendable {
  var offsets: [Int]
  /// 32-bit, to halve what the permutation loop reads.
  var indices: [Int32]
  var counts: [Double]

  init(_ weights: SpatialWeights) {
    offsets = [0]
    offsets.reserveCapacity(weights.count + 1)
    indices = []
    indices.reserveCapacity(weights.neighbours.reduce(0) { $0 + $1.count })
    counts = []
    counts.reserveCapacity(weights.count)
    for neighbours in weights.neighbours {
      indices.append(contentsOf: neighbours.map { Int32($0) })
      offsets.append(indices.count)
      counts.append(Double(neighbours.count))
    }
  }
}
