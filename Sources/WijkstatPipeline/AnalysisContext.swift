import Foundation
import GLPKBridge
import WijkstatCore
import WijkstatIO

/// The joined data of one run with the analyses that maps and tables share,
/// computed once on first use: spatial weights, small-area rates and LISA per
/// level, each in a cache with its own typed key. A checked `Sendable` (its
/// stored values are constants or `OnceCache`s), so the tasks of a run
/// (`ProjectJob.write`) share it: the permutation tests run while other tables
/// and maps are written.
public final class AnalysisContext: Sendable {
  public let joined: JoinedInputs
  public let rule: SuppressionRule
  public let weightsKind: WeightsKind
  public let neighbours: Int
  public let permutations: Int
  public let seed: UInt64
  /// Permutation p convention and LISA cluster rule.
  public let spatialOptions: SpatialAnalysis.Options
  /// Region sets by name (gemeente codes), from the project or `--within`.
  public let regionSets: [String: [String]]
  /// The contrast tables the command publishes (their sums are linked to the panel's).
  public let contrastTables: [PublishedCells.ContrastTable]
  /// How published files name the inputs (never by absolute path).
  public let published: PublishedPaths

  public init(
    joined: JoinedInputs, rule: SuppressionRule, weights: WeightsKind = .queen, neighbours: Int = 6,
    permutations: Int = 999, seed: UInt64 = 12345, regionSets: [String: [String]] = [:],
    spatialOptions: SpatialAnalysis.Options = SpatialAnalysis.Options(),
    contrastTables: [PublishedCells.ContrastTable] = [],
    provenanceBase: String = FileManager.default.currentDirectoryPath
  ) {
    self.spatialOptions = spatialOptions
    self.contrastTables = contrastTables
    self.joined = joined
    self.rule = rule
    self.weightsKind = weights
    self.neighbours = neighbours
    self.permutations = permutations
    self.seed = seed
    self.regionSets = regionSets
    self.published = PublishedPaths(
      inputs: joined.inputs.provenance.map(\.path), base: provenanceBase)
  }

  /// Which counts are withheld (Suppression, with the secondary suppression
  /// that guarantees the protection interval over every linked table), worked
  /// out once; `secured` keeps the last interval attack, which the publishing
  /// check reuses.
  public var suppression: Suppression { secured.suppression }
  public var secured: Secured {
    securedCache.value(for: .whole) {
      var suppression = Suppression(panel: joined.panel, rule: rule)
      let started = Date()
      let (cells, attack, rounds) = suppression.secureIntervals(
        panel: joined.panel, regions: regionMaps, contrasts: contrastTables,
        sources: countSources,
        solver: GLPKSolver())
      // What the publishing audit reads of the cells and the last attack; the
      // cells (every count cell with an index by key) and the ranges are not
      // kept through the maps (issue 19: memory).
      return Secured(
        suppression: suppression, audit: DisclosureAudit.Basis(cells: cells, attack: attack),
        rounds: rounds, seconds: Date().timeIntervalSince(started))
    }
  }
  public struct Secured: Sendable {
    public var suppression: Suppression
    /// The audit's view of the published cells and of the last interval attack.
    public var audit: DisclosureAudit.Basis
    public var rounds: Int
    public var seconds: Double
  }
  /// The key of a value computed once for the whole context.
  private enum Whole: Hashable, Sendable { case whole }
  private let securedCache = OnceCache<Whole, Secured, Never>()

  /// How exactly each published sum holds (the disclosure control and
  /// `tables/count-sources.csv` read the same one).
  public var countSources: CountSources {
    sourcesCache.value(for: .whole) { CountSources(build: joined.build) }
  }
  private let sourcesCache = OnceCache<Whole, CountSources, Never>()

  /// Per region level, gemeente → region (the lookup's regions and the region sets).
  public var regionMaps: [String: [String: String]] {
    var maps: [String: [String: String]] = [:]
    maps.merge(regionAssignments(joined.build.regions, years: panel.years)) { a, _ in a }
    for (name, members) in regionSets {
      // Codes, or names as the panel's gemeenten have them (as the region rows were made).
      var byName: [String: String] = [:]
      for row in panel.rows where row.level == .gemeente {
        if let n = row.name { byName[n.lowercased()] = row.area }
      }
      maps[RegionDefinition(name: name, regionOf: [:]).level.description] = Dictionary(
        members.compactMap { AreaKey.gemeenteCode($0) ?? byName[$0.lowercased()] }.map {
          ($0, name)
        },
        uniquingKeysWith: { a, _ in a })
    }
    return maps
  }

  /// The disclosure audit of what this context publishes: the interval attack
  /// (the last one of `secured`), the derived values of `rates` and `local`,
  /// and the maps as written (`maps`, `svg`: PublishedFolder.readMaps).
  public func audit(
    rates: SmallAreaRates?, level: AreaLevel, local: [SpatialAnalysis.Local],
    maps: [DisclosureAudit.MapValue] = [], svg: [DisclosureAudit.SVGArea] = []
  ) -> DisclosureAudit {
    let secured = self.secured
    // The rates table's rows as the audit reads them, made when read (not a
    // copy of 3.2 million rows at 460,000 PC-6 areas); NaN is an empty cell,
    // as `wijkstat audit` reads rates.csv.
    func cell(_ value: Double) -> Double? { value.isNaN ? nil : value }
    return DisclosureAudit(
      basis: secured.audit,
      rates: (rates?.rows ?? []).lazy.map {
        DisclosureAudit.RateRow(
          area: $0.area, year: $0.year, reported: $0.reported, children: $0.children,
          rawRate: $0.rawRate,
          rawLow: $0.rawLow, rawHigh: $0.rawHigh, ebRate: $0.ebRate, pExceeds: $0.pExceeds,
          reference: $0.reference, spatialEBRate: cell($0.spatialEBRate))
      }, ratesLevel: level.description,
      local: local.map { .init(area: $0.area, year: $0.year, variable: $0.variable.rawValue) },
      maps: maps, svg: svg)
  }

  /// The published panel (Protection): every published number
  /// is computed from these, never from a withheld count.
  public var protection: Protection {
    protectionCache.value(for: .whole) { Protection(panel: joined.panel, suppression: suppression) }
  }
  private let protectionCache = OnceCache<Whole, Protection, Never>()

  /// The panel with withheld counts removed.
  public var publishedPanel: Panel { protection.published }

  public var panel: Panel { joined.panel }

  /// WGS84 coordinates of the boundaries: the source's own, or those a map has
  /// projected already.
  public var lonLat: LonLatMemo { joined.inputs.lonLat }

  private let weightsCache = OnceCache<AreaLevel, AreaWeights, any Error>()
  public func weights(_ level: AreaLevel) throws -> AreaWeights {
    try weightsCache.value(for: level) { try makeWeights(level) }
  }

  private func makeWeights(_ level: AreaLevel) throws -> AreaWeights {
    if let layer = joined.boundaries[level] {
      Terminal.progress("\(weightsKind) weights for \(grouped(layer.areas.count)) \(level) areas")
    }
    return try AreaWeightsLoading.weights(
      joined, level: level, kind: weightsKind, neighbours: neighbours)
  }

  private let ratesCache = OnceCache<AreaLevel, SmallAreaRates, any Error>()
  public func rates(_ level: AreaLevel) throws -> SmallAreaRates {
    try ratesCache.value(for: level) {
      let weights = joined.boundaries[level] == nil ? nil : try self.weights(level)
      Terminal.progress("small-area rates (\(level))")
      return protection.rates(level: level, weights: weights)
    }
  }

  /// A spatial analysis: Moran's I of `years` (nil: every year) and LISA of `local`.
  private struct SpatialKey: Hashable, Sendable {
    var level: AreaLevel
    var years: [Int]?
    var local: [Int]
  }
  private let spatialCache = OnceCache<SpatialKey, SpatialAnalysis, any Error>()
  /// Moran's I for every year (or `years`), LISA for `localYears` (default: the
  /// latest year, the one maps show).
  public func spatial(_ level: AreaLevel, years: [Int]? = nil, localYears: [Int]? = nil) throws
    -> SpatialAnalysis
  {
    let local = localYears ?? panel.years.last.map { [$0] } ?? []
    let key = SpatialKey(level: level, years: years, local: local)
    // A finished analysis of the same level that has these Moran and LISA years will do.
    let moranYears = years ?? panel.years
    let covering = spatialCache.finished.first { entry in
      entry.key.level == level
        && moranYears.allSatisfy { year in entry.value.global.contains { $0.year == year } }
        && local.allSatisfy { year in entry.value.local.contains { $0.year == year } }
    }
    if let covering { return covering.value }
    return try spatialCache.value(for: key) {
      try makeSpatial(level, years: years, local: local)
    }
  }

  private func makeSpatial(_ level: AreaLevel, years: [Int]?, local: [Int]) throws
    -> SpatialAnalysis
  {
    let weights = try self.weights(level)
    Terminal.progress("Moran's I and LISA (\(level), \(permutations) permutations)")
    let analysis = protection.spatial(
      level: level, weights: weights, permutations: permutations, seed: seed, years: years,
      localYears: local,
      options: spatialOptions)
    for warning in analysis.warnings { Terminal.warning(warning) }
    return analysis
  }

  /// Gemeente codes of a region set name, or of a comma-separated list of codes.
  public func gemeenten(within: String) throws -> Set<String> {
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
