import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat correlate`: Tabel 1 and 2 of the report, with intervals and q-values.
struct Correlate: AsyncParsableCommand {
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

  func validate() throws {
    try checkLevels(levels)
    _ = try validatedYears(years)
  }

  func run() async throws {
    try await reportingUserErrors {
      Terminal.quiet = input.quiet
      let output = try publication.output(command: "correlate", inputs: input.spec)
      let joined = try await JoinedInputs.load(input.spec)
      let result = try CorrelateJob.compute(
        joined, levels: parseLevels(levels), years: try parseYears(years), rule: publication.rule)
      for warning in result.warnings { Terminal.warning(warning) }
      try output.build { try result.write(into: $0, language: language) }
      Terminal.info("wrote \(result.analysis.rows.count) correlations to \(publication.out)")
    }
  }
}
