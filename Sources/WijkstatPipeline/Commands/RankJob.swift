import Foundation
import WijkstatCore

/// `wijkstat rank` as a library function: the highest and lowest areas of one
/// level by % reported in one year, with the trends over the years
/// (RankingTables, from the published counts).
public enum RankJob {
  public struct Result: Sendable {
    public var level: AreaLevel
    /// The year ranked (the one asked for, else the panel's latest).
    public var year: Int
    public var tables: RankingTables
    public var suppression: Suppression

    /// rankings.csv/.md, trends.csv, trend-changes.csv and
    /// internal/suppression-log.csv in `folder`.
    public func write(into folder: URL, language: ReportLanguage = .nl) throws {
      let output = OutputFolder(url: folder, language: language)
      try output.write(tables.rankings, "rankings")
      try output.write(tables.trends.csv, "trends.csv")
      try output.write(tables.trendChanges.csv, "trend-changes.csv")
      try InternalFolder.writeSuppressionLog(suppression, into: folder)
    }
  }

  public static func compute(
    _ joined: JoinedInputs, level: AreaLevel, year: Int? = nil, top: Int = 50, bottom: Int = 50,
    rule: SuppressionRule
  ) throws -> Result {
    guard let year = year ?? joined.panel.years.last else {
      throw UserError("the panel has no years; give --reports and --population")
    }
    let suppression = securedSuppression(joined, rule: rule)
    let tables = RankingTables(
      published: suppression.applied(to: joined.panel), level: level, year: year, top: top,
      bottom: bottom, provinces: joined.inputs.parsedLookup?.provinces ?? [:])
    guard !tables.ranking.entries.isEmpty else {
      throw UserError("no \(level) area has a % reported in \(year)")
    }
    return Result(level: level, year: year, tables: tables, suppression: suppression)
  }
}
