import Foundation
import WijkstatCore

/// `wijkstat correlate` as a library function: % reported against every
/// indicator per level and year (CorrelationAnalysis: Pearson r with p and 95%
/// interval, Spearman rho, Benjamini-Hochberg q), from the published panel.
public enum CorrelateJob {
  public struct Result: Sendable {
    /// The levels correlated (those asked for, else every level of the panel).
    public var levels: [AreaLevel]
    public var analysis: CorrelationAnalysis
    /// Levels of the panel without one usable correlation (none asked for):
    /// said as warnings.
    public var warnings: [String]

    /// correlations.csv and, per level, correlations-LEVEL.md/.csv (the
    /// report's layout in `language`) in `folder`.
    public func write(into folder: URL, language: ReportLanguage = .nl) throws {
      let output = OutputFolder(url: folder, language: language)
      try output.write(analysis.table.csv, "correlations.csv")
      for level in levels {
        try output.write(
          analysis.reportLayout(level: level, language: language), "correlations-\(level)")
      }
    }
  }

  /// From the published panel: withheld counts take no part (a correlation over
  /// them would be an equation in them). Never an empty table: a level asked
  /// for without one usable correlation is an error; of the panel's levels
  /// (none asked), a warning, and an error when no level has one.
  public static func compute(
    _ joined: JoinedInputs, levels asked: [AreaLevel] = [], years: [Int]? = nil,
    rule: SuppressionRule
  ) throws -> Result {
    guard !joined.panel.indicatorNames.isEmpty else {
      throw UserError("no indicators to correlate with; give --indicators")
    }
    let levels = asked.isEmpty ? joined.panel.levels : asked
    for level in levels where !joined.panel.levels.contains(level) {
      throw UserError(
        "no \(level) areas in the panel; levels are \(joined.panel.levels.map(\.description).joined(separator: ", "))"
      )
    }
    let published = Protection(
      panel: joined.panel, suppression: securedSuppression(joined, rule: rule)
    ).published
    let analysis = CorrelationAnalysis(panel: published, levels: levels, years: years)
    let unusable = analysis.unusableLevels(levels, panel: published)
    if let first = unusable.first, !asked.isEmpty || unusable.count == levels.count {
      throw UserError(first.reason)
    }
    return Result(levels: levels, analysis: analysis, warnings: unusable.map(\.reason))
  }
}
