import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat rank`: the highest and lowest % reported, and the trends.
struct Rank: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Rank areas by % reported in a year (the report's 2009 tables) and write the trends.",
    discussion: """
      Writes rankings.csv/.md (list, rank, code, name, province, pct_reported, reported, children; ties share a rank) trends.csv (area, name, year, pct_reported: long, one row per area and year) and trend-changes.csv (area, name, first_year, last_year, change, ratio). Areas whose counts are withheld by disclosure control are left out of the published ranking and listed in internal/suppression-log.csv (never publish it).
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var publication: PublicationOptions

  @Option(help: "Level to rank: gemeente (default), pc4 or a region level.")
  var level = "gemeente"

  @Option(help: "Year (default: the latest year in the panel).")
  var year: Int?

  @Option(help: "How many of the highest.")
  var top = 50

  @Option(help: "How many of the lowest.")
  var bottom = 50

  @Option(
    name: .customLong("lang"),
    help: ArgumentHelp("Language of rankings.md (decimal commas in nl).", valueName: "lang"))
  var language: ReportLanguage = .nl

  func validate() throws {
    try checkLevels([level])
    guard top >= 1 else { throw ValidationError("--top must be 1 or more, not \(top)") }
    guard bottom >= 1 else { throw ValidationError("--bottom must be 1 or more, not \(bottom)") }
    if let year { try validateYear(year, option: "--year") }
  }

  func run() async throws {
    try await reportingUserErrors {
      Terminal.quiet = input.quiet
      let output = try publication.output(command: "rank", inputs: input.spec)
      let joined = try await JoinedInputs.load(input.spec)
      let result = try RankJob.compute(
        joined, level: AreaLevel(parsing: level), year: year, top: top, bottom: bottom,
        rule: publication.rule)
      try output.build { try result.write(into: $0, language: language) }
      Terminal.info(
        "wrote rankings and trends of \(result.tables.ranking.entries.count) \(result.level) areas to \(publication.out)"
      )
    }
  }
}
