import Foundation
import WijkstatCore

/// `wijkstat spatial` as a library function: global Moran's I and LISA of one
/// level as published (SpatialAnalysis through Protection: withheld areas left
/// out with their links), with permutation p-values.
public enum SpatialJob {
  public struct Result: Sendable {
    /// The level tested (the one asked for, else the finest one).
    public var level: AreaLevel
    public var analysis: SpatialAnalysis

    /// moran.csv/.md, lisa.csv and the weights files in `folder`.
    public func write(into folder: URL, language: ReportLanguage = .nl) throws {
      let output = OutputFolder(url: folder, language: language)
      try output.write(analysis.moranTable, "moran")
      try output.write(analysis.lisaTable.csv, "lisa.csv")
      for file in analysis.weightsFiles(level: level) { try output.write(file.text, file.name) }
    }
  }

  /// Moran's I and LISA of `level` (nil: the finest level of the boundaries
  /// given) in `years` (nil: all), with `permutations` permutations from `seed`.
  public static func compute(
    _ joined: JoinedInputs, level: AreaLevel? = nil, weights: WeightsRequest = WeightsRequest(),
    permutations: Int = 999, seed: UInt64 = 12345, years: [Int]? = nil,
    options: SpatialAnalysis.Options = SpatialAnalysis.Options(), rule: SuppressionRule
  ) throws -> Result {
    let level =
      level
      ?? DefaultLevel.choose(
        panelLevels: joined.panel.levels, boundaryLevels: Set(joined.boundaries.keys)) ?? .pc4
    let areaWeights = try weights.weights(joined, level: level)
    Terminal.progress("Moran's I and LISA with \(permutations) permutations")
    let analysis = Protection(
      panel: joined.panel, suppression: securedSuppression(joined, rule: rule)
    ).spatial(
      level: level, weights: areaWeights, permutations: permutations, seed: seed, years: years,
      options: options)
    return Result(level: level, analysis: analysis)
  }
}
