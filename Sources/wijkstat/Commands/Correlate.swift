import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat correlate`: Tabel 1 and 2 of the report, with intervals and q-values.
struct Correlate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Correlate % reported with every indicator per level and year (the report's Tabel 1 and 2).",
    discussion: """
      Writes correlations.csv (n, Pearson r with p and 95% interval, Spearman rho with p, Benjamini-Hochberg q over the whole table, the report's strength label) and, per level, the table in the report's layout (correlations-LEVEL.md and .csv: r where p < 0.01, * weak, ** moderate).
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var publication: PublicationOptions

  @Option(
    name: .customLong("level"),
    help: "pc4, gemeente or a region level (repeatable; default: every level in the panel).")
  var levels: [String] = []

  @Option(help: "Years: 2009, 2005-2009 or 2005,2007 (default: all).")
  var years: String?

  @Option(
    name: .customLong("lang"),
    help: ArgumentHelp("Language of the report-layout tables.", valueName: "lang"))
  var language: ReportLanguage = .nl
  var lang: String { language.rawValue }

  func validate() throws {
    try checkLevels(levels)
    _ = try validatedYears(years)
  }

  func run() throws {
    try reportingUserErrors {
      Terminal.quiet = input.quiet
      let output = try publication.output(command: "correlate", inputs: input.spec)
      let joined = try JoinedInputs.load(input.spec)
      guard !joined.panel.indicatorNames.isEmpty else {
        throw UserError("no indicators to correlate with; give --indicators")
      }
      let levels = self.levels.isEmpty ? joined.panel.levels : parseLevels(self.levels)
      for level in levels where !joined.panel.levels.contains(level) {
        throw UserError(
          "no \(level) areas in the panel; levels are \(joined.panel.levels.map(\.description).joined(separator: ", "))"
        )
      }
      // From the published panel: withheld counts take no part (a correlation
      // over them would be an equation in them).
      let published = Protection(
        panel: joined.panel, suppression: securedSuppression(joined, rule: publication.rule)
      ).published
      let analysis = CorrelationAnalysis(
        panel: published, levels: levels, years: try parseYears(years))
      // Never an empty table with exit 0: a level asked for without one usable
      // correlation is an error; of the panel's levels (none asked), a warning,
      // and an error when no level has one.
      let unusable = analysis.unusableLevels(levels, panel: published)
      if let first = unusable.first, !self.levels.isEmpty || unusable.count == levels.count {
        throw UserError(first.reason)
      }
      for entry in unusable { Terminal.warning(entry.reason) }
      try output.build { url in
        let folder = OutputFolder(url: url, language: language)
        try folder.write(analysis.table.csv, "correlations.csv")
        for level in levels {
          try folder.write(
            analysis.reportLayout(level: level, language: lang), "correlations-\(level)")
        }
      }
      Terminal.info("wrote \(analysis.rows.count) correlations to \(publication.out)")
    }
  }
}
