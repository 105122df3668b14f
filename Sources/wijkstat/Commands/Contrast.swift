import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat contrast`: Tabel 3 (Tabel 4 with --within) with rate ratios.
struct Contrast: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Compare achterstandswijken with the other areas (the report's Tabel 3; Tabel 4 with --within).",
    discussion: """
      Writes contrast.csv (areas, reported, children, mean reported per area and % reported per year, age group and flag) and contrast-tests.csv (rate ratio with 95% interval and exact p, and the Mantel-Haenszel rate ratio stratified by gemeente), plus the report's layout as contrast.md.
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var publication: PublicationOptions

  @Option(
    help:
      "Only areas in these gemeenten: codes or names, comma-separated (the report's speerpuntgebieden)."
  )
  var within: String?

  @Option(
    help:
      "Level of the areas compared (default: the finest of pc4, buurt, wijk with achterstandswijk flags)."
  )
  var level: String?

  @Option(
    name: .customLong("lang"), help: ArgumentHelp("Language of contrast.md.", valueName: "lang"))
  var language: ReportLanguage = .nl

  func validate() throws {
    try checkLevels(level.map { [$0] } ?? [])
    if let within, !within.contains(where: { $0.isLetter || $0.isNumber }) {
      throw ValidationError("--within \"\(within)\" names no gemeente; give codes or names")
    }
  }

  func run() async throws {
    try await reportingUserErrors {
      Terminal.quiet = input.quiet
      let output = try publication.output(command: "contrast", inputs: input.spec)
      let joined = try await JoinedInputs.load(input.spec)
      let result = try ContrastJob.compute(
        joined, level: level.map(AreaLevel.init(parsing:)), within: within,
        rule: publication.rule)
      try output.build { try result.write(into: $0, language: language) }
      Terminal.info("wrote contrast.csv, contrast-tests.csv and contrast.md to \(publication.out)")
    }
  }
}
