import Foundation
import WijkstatCore
import WijkstatIO

/// The joined data of one run with the analyses that maps and tables share,
/// computed once on first use: spatial weights, small-area rates and LISA per
/// level.
final class AnalysisContext {
  let joined: JoinedInputs
  let suppression: Suppression
  let weightsKind: String
  let neighbours: Int
  let permutations: Int
  let seed: UInt64
  /// Region sets by name (gemeente codes), from the project or `--within`.
  let regionSets: [String: [String]]

  init(
    joined: JoinedInputs, rule: SuppressionRule, weights: String = "queen", neighbours: Int = 6,
    permutations: Int = 999, seed: UInt64 = 12345, regionSets: [String: [String]] = [:]
  ) {
    self.joined = joined
    self.suppression = Suppression(panel: joined.panel, rule: rule)
    self.weightsKind = weights
    self.neighbours = neighbours
    self.permutations = permutations
    self.seed = seed
    self.regionSets = regionSets
  }

  var panel: Panel { joined.panel }

  /// WGS84 coordinates of the boundaries: the source's own, or those a map has
  /// projected already.
  var lonLat: LonLatMemo { joined.inputs.lonLat }

  private var weightsCache: [AreaLevel: AreaWeights] = [:]
  func weights(_ level: AreaLevel) throws -> AreaWeights {
    if let cached = weightsCache[level] { return cached }
    guard let layer = joined.boundaries[level] else {
      throw UserError("spatial weights need \(level) boundaries: give --areas \(level)=FILE")
    }
    Terminal.progress("\(weightsKind) weights for \(grouped(layer.areas.count)) \(level) areas")
    let weights = try AreaWeights(layer: layer, kind: weightsKind, k: neighbours)
    if !weights.islands.isEmpty {
      Terminal.warning(
        "\(weights.islands.count) \(level) areas have no \(weightsKind) neighbour and get their \(neighbours) nearest: \(weights.islands.prefix(10).joined(separator: ", "))\(weights.islands.count > 10 ? ", ..." : "")")
    }
    weightsCache[level] = weights
    return weights
  }

  private var ratesCache: [AreaLevel: SmallAreaRates] = [:]
  func rates(_ level: AreaLevel) throws -> SmallAreaRates {
    if let cached = ratesCache[level] { return cached }
    let weights = joined.boundaries[level] == nil ? nil : try self.weights(level)
    Terminal.progress("small-area rates (\(level))")
    let rates = SmallAreaRates(panel: panel, level: level, weights: weights)
    ratesCache[level] = rates
    return rates
  }

  private var spatialCache: [String: SpatialAnalysis] = [:]
  /// Moran and LISA for `years` (nil: all years).
  /// Moran's I for every year (or `years`), LISA for `localYears` (default: the
  /// latest year, the one maps show).
  func spatial(_ level: AreaLevel, years: [Int]? = nil, localYears: [Int]? = nil) throws -> SpatialAnalysis {
    let local = localYears ?? panel.years.last.map { [$0] } ?? []
    let key = "\(level)|\(years?.map(String.init).joined(separator: ",") ?? "all")|\(local.map(String.init).joined(separator: ","))"
    if let cached = spatialCache[key] { return cached }
    if let cached = spatialCache.first(where: { $0.key.hasPrefix("\(level)|") })?.value,
      local.allSatisfy({ year in cached.local.contains { $0.year == year } })
    {
      return cached
    }
    let weights = try self.weights(level)
    Terminal.progress("Moran's I and LISA (\(level), \(permutations) permutations)")
    let analysis = SpatialAnalysis(
      panel: panel, level: level, weights: weights, permutations: permutations, seed: seed, years: years,
      localYears: local)
    spatialCache[key] = analysis
    return analysis
  }

  /// Gemeente codes of a region set name, or of a comma-separated list of codes.
  func gemeenten(within: String) throws -> Set<String> {
    if let set = regionSets[within] { return Set(set) }
    var codes = Set<String>()
    for part in within.split(separator: ",") {
      guard let code = AreaKey.gemeenteCode(String(part)) else {
        throw UserError("within: \"\(part)\" is neither a region set nor a gemeente code")
      }
      codes.insert(code)
    }
    return codes
  }
}
