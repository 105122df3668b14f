/// Spatial weights for the areas of a boundary layer, by code: queen or rook
/// contiguity (islands then get their k nearest neighbours, so no area drops
/// out silently; they are still reported), k nearest neighbours, or a user's
/// own GAL/GWT file.
///
/// An analysis uses the weights of the areas it analyses (`restricted(to:)`):
/// contiguity links between analysed areas (whether two areas touch does not
/// depend on the others), islands among them filled with their k nearest
/// analysed areas; k nearest neighbours found among the analysed areas, so
/// every area has k (libpysal's `KNN.from_dataframe` on the analysed rows). A
/// user's file is restricted as it is.
public struct AreaWeights: Sendable {
  public var codes: [String]
  public var index: [String: Int]
  public var weights: SpatialWeights
  /// Codes of areas without contiguous neighbours, before filling.
  public var islands: [String]
  /// Contiguity links found only through the unrepaired geometry of a repaired
  /// area (kept, and reported), as code pairs.
  public var keptThroughRepair: [(String, String)] = []
  /// The rule the weights were built by.
  public var kind: WeightsKind = .queen
  public var k: Int = 6
  /// The contiguity before islands were filled (queen, rook).
  var contiguity: SpatialWeights? = nil
  var centroids: [Point] = []

  /// A user's weights (a GAL or GWT file) over a layer's areas: links to areas
  /// the layer lacks are refused; the layer's areas the file lacks have no
  /// neighbours (islands, reported).
  public init(
    layer: AreaLayer, file: String, codes fileCodes: [String], neighbours fileNeighbours: [[String]]
  ) throws {
    let codes = layer.areas.map(\.code)
    let level = layer.level
    self.codes = codes
    let index = Dictionary(codes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    self.index = index
    var lists = [[Int]](repeating: [], count: codes.count)
    for (code, neighbours) in zip(fileCodes, fileNeighbours) {
      guard let i = index[code] else {
        throw UserError("\(file): area \(code) is not in the \(level) boundaries")
      }
      lists[i] = try neighbours.map { neighbour in
        guard let j = index[neighbour] else {
          throw UserError(
            "\(file): neighbour \(neighbour) of \(code) is not in the \(level) boundaries")
        }
        return j
      }
    }
    weights = SpatialWeights(kind: "file", neighbours: lists)
    islands = weights.islands.map { codes[$0] }
    kind = .file(file)
  }

  /// Contiguity (queen, rook) or k nearest neighbours; a file is read by
  /// `init(layer:file:codes:neighbours:)` (the pipeline's `makeAreaWeights`).
  public init(layer: AreaLayer, kind: WeightsKind = .queen, k: Int = 6) throws {
    let codes = layer.areas.map(\.code)
    self.codes = codes
    index = Dictionary(codes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let geometries = layer.areas.map(\.geometry)
    self.kind = kind
    self.k = k
    centroids = geometries.map { $0.centroid ?? Point(x: 0, y: 0) }
    switch kind {
    case .queen, .rook:
      let rule: ContiguityWeights.Rule = kind == .queen ? .queen : .rook
      var unrepaired: [Int: MultiPolygon] = [:]
      for (i, area) in layer.areas.enumerated() {
        if let original = area.unrepaired { unrepaired[i] = original }
      }
      let contiguity = ContiguityWeights.build(geometries, rule: rule, extra: unrepaired)
      if !unrepaired.isEmpty {
        // The links the repaired geometry alone would lose: kept, and reported.
        let repairedOnly = ContiguityWeights.build(geometries, rule: rule)
        for i in contiguity.neighbours.indices {
          for j in contiguity.neighbours[i] where j > i && !repairedOnly.neighbours[i].contains(j) {
            keptThroughRepair.append((codes[i], codes[j]))
          }
        }
      }
      islands = contiguity.islands.map { codes[$0] }
      self.contiguity = contiguity
      if contiguity.islands.isEmpty {
        weights = contiguity
      } else {
        let centroids = geometries.map { $0.centroid ?? Point(x: 0, y: 0) }
        weights = contiguity.fillingIslands(with: KNearestWeights.build(centroids, k: k))
      }
    case .knn:
      islands = []
      weights = KNearestWeights.build(geometries.map { $0.centroid ?? Point(x: 0, y: 0) }, k: k)
    case .file(let path):
      throw UserError(
        "\(path): a weights file is read with its area codes, not built from the layer")
    }
  }

  /// The weights restricted to `codes` (in that order); unknown codes get no neighbours.
  /// When a code is wanted twice, links go to its last place.
  public func restricted(to wanted: [String]) -> SpatialWeights {
    // The layer's own codes, each once: the weights themselves.
    if wanted == codes, index.count == codes.count { return weights }
    let known = wanted.map { index[$0] }
    if kind == .knn {
      // Built anew on the analysed areas' centroids.
      let present = known.indices.filter { known[$0] != nil }
      let built = KNearestWeights.build(present.map { centroids[known[$0]!] }, k: k)
      var lists = [[Int]](repeating: [], count: wanted.count)
      for (new, at) in present.enumerated() {
        lists[at] = built.neighbours[new].map { present[$0] }
      }
      return SpatialWeights(kind: weights.kind, neighbours: lists)
    }
    var restricted = restrictedLinks(contiguity ?? weights, known)
    guard contiguity != nil else { return restricted }
    // Islands among the analysed areas get their k nearest analysed areas.
    let lonely = known.indices.filter { known[$0] != nil && restricted.neighbours[$0].isEmpty }
    guard !lonely.isEmpty else { return restricted }
    let present = known.indices.filter { known[$0] != nil }
    var at = [Int: Int]()
    for (new, position) in present.enumerated() { at[position] = new }
    let built = KNearestWeights.build(
      present.map { centroids[known[$0]!] }, k: k, only: lonely.map { at[$0]! })
    for position in lonely {
      restricted.neighbours[position] = built.neighbours[at[position]!].map { present[$0] }.sorted()
    }
    restricted.kind = weights.kind
    return restricted
  }

  private func restrictedLinks(_ weights: SpatialWeights, _ known: [Int?]) -> SpatialWeights {
    var position = [Int](repeating: -1, count: weights.count)
    for (new, old) in known.enumerated() { if let old { position[old] = new } }
    // Built as `SpatialWeights.init` would: each list without repeats, sorted (set
    // here directly, the init's per-area set being the costly part).
    var restricted = SpatialWeights(kind: weights.kind, neighbours: [])
    restricted.neighbours = ParallelFor.map(known.count) { new in
      guard let old = known[new] else { return [] }
      var list = weights.neighbours[old].compactMap { position[$0] >= 0 ? position[$0] : nil }
      list.sort()
      if zip(list, list.dropFirst()).contains(where: { $0 == $1 }) {
        list = Array(Set(list)).sorted()
      }
      return list
    }
    return restricted
  }
}
