import Foundation
import WijkstatCore

/// `wijkstat rates` as a library function: small-area rates of one level as
/// published (SmallAreaRates through Protection: exact Poisson intervals,
/// empirical Bayes and spatial EB rates, exceedance probabilities).
public enum RatesJob {
  public struct Result: Sendable {
    /// The level the rates are of (the one asked for, else the finest one).
    public var level: AreaLevel
    public var rates: SmallAreaRates
    /// What is withheld (primary and secondary); its log goes to internal/.
    public var suppression: Suppression

    /// rates.csv and internal/suppression-log.csv in `folder`.
    public func write(into folder: URL) throws {
      try OutputFolder(url: folder).write(rates.table(level: level).csv, "rates.csv")
      try InternalFolder.writeSuppressionLog(suppression, into: folder)
    }
  }

  /// The rates of `level` (nil: the finest level of the boundaries given).
  /// Without boundaries of the level, spatial_eb_rate stays empty (a warning).
  public static func compute(
    _ joined: JoinedInputs, level: AreaLevel? = nil, weights: WeightsRequest = WeightsRequest(),
    reference: SmallAreaRates.Reference = .national, rule: SuppressionRule
  ) throws -> Result {
    let level =
      level
      ?? DefaultLevel.choose(
        panelLevels: joined.panel.levels, boundaryLevels: Set(joined.boundaries.keys)) ?? .pc4
    let areaWeights =
      joined.boundaries[level] == nil ? nil : try weights.weights(joined, level: level)
    if areaWeights == nil {
      Terminal.warning("no \(level) boundaries: spatial_eb_rate stays empty")
    }
    let protection = Protection(
      panel: joined.panel, suppression: securedSuppression(joined, rule: rule))
    let rates = protection.rates(level: level, weights: areaWeights, reference: reference)
    guard !rates.rows.isEmpty else { throw UserError("no \(level) areas in the panel") }
    return Result(level: level, rates: rates, suppression: protection.suppression)
  }
}
