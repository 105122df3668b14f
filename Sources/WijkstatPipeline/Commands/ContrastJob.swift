import Foundation
import WijkstatCore

/// `wijkstat contrast` as a library function: achterstandswijken against the
/// other areas of one level (ContrastAnalysis: pooled rates, rate ratio and
/// tests), from the published panel, over all gemeenten or those of `within`.
public enum ContrastJob {
  public struct Result: Sendable {
    public var level: AreaLevel
    public var analysis: ContrastAnalysis
    /// The gemeenten compared, as given (nil: all) and as codes.
    public var within: String?
    public var gemeenten: Set<String>

    /// contrast.csv, contrast-tests.csv and contrast.md (the report's Tabel 3,
    /// or Tabel 4 within gemeenten, in `language`) in `folder`.
    public func write(into folder: URL, language: ReportLanguage = .nl) throws {
      let output = OutputFolder(url: folder, language: language)
      let minimum: Double? = nil
      try output.write(analysis.contrastTable(minimumCount: minimum).csv, "contrast.csv")
      try output.write(analysis.testTable.csv, "contrast-tests.csv")
      let title = language.text(.tableNumber(within == nil ? 3 : 4))
      try output.write(
        analysis.reportLayout(title: title, language: language).markdown, "contrast.md")
    }
  }

  /// The contrast at `level` (nil: the finest level with achterstandswijk
  /// flags, as in a project run), of the gemeenten `within` names (codes or
  /// names, comma-separated; nil: all).
  public static func compute(
    _ joined: JoinedInputs, level: AreaLevel? = nil, within: String? = nil, rule: SuppressionRule
  ) throws -> Result {
    let gemeenten = Set(try resolveWithin(within, joined))
    // From the published panel: withheld counts take no part.
    let published = Protection(
      panel: joined.panel, suppression: securedSuppression(joined, rule: rule)
    ).published
    let level =
      level
      ?? joined.panel.levels.first { level in
        [.pc4, .buurt, .wijk].contains(level)
          && joined.panel.rows.contains { $0.level == level && $0.achterstandswijk != nil }
      } ?? .pc4
    let analysis = ContrastAnalysis(
      panel: published, level: level,
      minimumCount: nil,  // sums of published counts: nothing to withhold
      include: { row in within == nil || gemeenten.contains(row.gemeente ?? "") })
    guard analysis.contrast.cells.contains(where: { $0.areas > 0 }) else {
      throw UserError(
        "no \(level) areas with an achterstandswijk flag, reports and children; give --achterstand"
      )
    }
    return Result(level: level, analysis: analysis, within: within, gemeenten: gemeenten)
  }

  /// The gemeente codes of `within` (codes, or names matched like table keys).
  public static func resolveWithin(_ within: String?, _ joined: JoinedInputs) throws -> [String] {
    guard let within else { return [] }
    let codes = Set(joined.panel.rows.filter { $0.level == .gemeente }.map(\.area))
    var result: [String] = []
    for part in within.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }
    ) {
      if let code = AreaKey.gemeenteCode(part), codes.contains(code) {
        result.append(code)
      } else if let match = joined.panel.rows.first(where: {
        $0.level == .gemeente && $0.name?.lowercased() == part.lowercased()
      }) {
        result.append(match.area)
      } else {
        throw UserError("--within: \"\(part)\" is not a gemeente of the boundaries")
      }
    }
    return result
  }
}
