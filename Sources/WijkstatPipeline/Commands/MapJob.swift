import Foundation
import WijkstatCore
import WijkstatIO

/// `wijkstat map` as a library function: one classified map of the joined
/// inputs (`MapMaker.make`: the value per area, what is withheld, the classes,
/// legend and provenance), written to the formats of its spec, with the
/// suppression log in internal/.
public struct MapJob {
  /// How the map is made beside its spec (the command's options).
  public struct Settings: Sendable {
    public var weights = WeightsRequest()
    /// Permutations and seed for a LISA map.
    public var permutations = 999
    public var seed: UInt64 = 12345
    public var spatial = SpatialAnalysis.Options()
    /// GeoJSON coordinate decimals, and the simplification in metres (0: off).
    public var precision = 6
    public var simplify = 0.0
    public var language: ReportLanguage = .nl

    public init() {}
  }

  /// The spec, with the level and title completed from the inputs (`init`).
  public private(set) var spec: MapSpec
  public let context: AnalysisContext
  public let settings: Settings

  /// `chooseLevel`: the spec's level is replaced by the finest level of the
  /// boundaries given (`DefaultLevel`); `titleOf`: the title is that variable's
  /// legend title, naming what the panel's counts count (meldingen, kinderen).
  public init(
    _ spec: MapSpec, joined: JoinedInputs, rule: SuppressionRule, settings: Settings = Settings(),
    chooseLevel: Bool = false, titleOf variable: MapVariable? = nil
  ) {
    var spec = spec
    if chooseLevel,
      let chosen = DefaultLevel.choose(
        panelLevels: joined.panel.levels, boundaryLevels: Set(joined.boundaries.keys))
    {
      spec.level = chosen
    }
    if let variable {
      spec.title = MapVariableRules.legendTitle(
        variable, settings.language, spatial: settings.spatial, unit: joined.panel.countUnit)
    }
    self.spec = spec
    self.settings = settings
    context = AnalysisContext(
      joined: joined, rule: rule, weights: settings.weights.kind,
      neighbours: settings.weights.neighbours, permutations: settings.permutations,
      seed: settings.seed, spatialOptions: settings.spatial)
  }

  /// The map's files and internal/suppression-log.csv in `folder`.
  public func write(into folder: URL) throws -> MadeMap {
    let made = try MapMaker.make(
      spec, context: context, folder: folder, precision: settings.precision,
      simplify: settings.simplify, language: settings.language, drawsSVG: false)
    try InternalFolder.writeSuppressionLog(context.suppression, into: folder)
    return made
  }
}
