/// Spatial weights for the areas of a boundary layer, by code: queen or rook
/// contiguity (islands then get their k nearest neighbours, so no area drops
/// out silently; they are still reported) or k nearest neighbours.
public struct AreaWeights: Sendable {
  public var codes: [String]
  public var index: [String: Int]
  public var weights: SpatialWeights
  /// Codes of areas without contiguous neighbours, before filling.
  public var islands: [String]

  public init(layer: AreaLayer, kind: String = "queen", k: Int = 6) throws {
    let codes = layer.areas.map(\.code)
    self.codes = codes
    index = Dictionary(codes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let geometries = layer.areas.map(\.geometry)
    switch kind {
    case "queen", "rook":
      let contiguity = ContiguityWeights.build(geometries, rule: kind == "queen" ? .queen : .rook)
      islands = contiguity.islands.map { codes[$0] }
      if contiguity.islands.isEmpty {
        weights = contiguity
      } else {
        let centroids = geometries.map { $0.centroid ?? Point(x: 0, y: 0) }
        weights = contiguity.fillingIslands(with: KNearestWeights.build(centroids, k: k))
      }
    case "knn":
      islands = []
      weights = KNearestWeights.build(geometries.map { $0.centroid ?? Point(x: 0, y: 0) }, k: k)
    default:
      throw UserError("weights must be queen, rook or knn, not \"\(kind)\"")
    }
  }

  /// The weights restricted to `codes` (in that order); unknown codes get no neighbours.
  /// When a code is wanted twice, links go to its last place.
  public func restricted(to wanted: [String]) -> SpatialWeights {
    // The layer's own codes, each once: the weights themselves.
    if wanted == codes, index.count == codes.count { return weights }
    let known = wanted.map { index[$0] }
    var position = [Int](repeating: -1, count: weights.count)
    for (new, old) in known.enumerated() { if let old { position[old] = new } }
    // Built as `SpatialWeights.init` would: each list without repeats, sorted (set
    // here directly, the init's per-area set being the costly part).
    var restricted = SpatialWeights(kind: weights.kind, neighbours: [])
    restricted.neighbours = ConcurrentMap.map(known.count) { new in
      guard let old = known[new] else { return [] }
      var list = weights.neighbours[old].compactMap { position[$0] >= 0 ? position[$0] : nil }
      list.sort()
      if zip(list, list.dropFirst()).contains(where: { $0 == $1 }) { list = Array(Set(list)).sorted() }
      return list
    }
    return restricted
  }
}
