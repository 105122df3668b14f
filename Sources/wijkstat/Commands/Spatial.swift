import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat spatial`: Moran's I and LISA.
struct Spatial: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Spatial autocorrelation of % reported and the EB rate: global Moran's I and local Moran (LISA).",
    discussion: """
      Writes moran.csv (year, variable, moran_i, expected_i, variance_i, z_norm, p_norm, p_sim, p_sim_alternative, n, permutations, note) and lisa.csv (area, year, variable, local_i, quadrant, p_sim, q_value, cluster, p_sim_alternative, cluster_rule), numbers at full precision. p_sim is two-sided by default (--alternative); clusters are areas with Benjamini-Hochberg q < 0.05 by default (--cluster-rule, --alpha). Permutations are seeded: the same --seed gives the same p-values on any machine and thread count.
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var publication: PublicationOptions
  @OptionGroup var neighbourhood: WeightsOptions
  @OptionGroup var tests: TestOptions

  @Option(
    help:
      "Level (default: the finest level of the boundaries given: pc4, buurt, wijk, then gemeente).")
  var level: String?

  @Option(help: "Permutations for the pseudo p-values.")
  var permutations = 999

  @Option(help: "Seed of the permutations.")
  var seed: UInt64 = 12345

  @Option(help: "Years: 2009, 2005-2009 or 2005,2007 (default: all).")
  var years: String?

  @Option(
    name: .customLong("lang"),
    help: ArgumentHelp("Language of moran.md (decimal commas in nl).", valueName: "lang"))
  var language: ReportLanguage = .nl

  func validate() throws {
    try checkLevels(level.map { [$0] } ?? [])
    guard (0...99_999).contains(permutations) else {
      throw ValidationError("--permutations must be 0 to 99999, not \(permutations)")
    }
    _ = try validatedYears(years)
  }

  func run() async throws {
    try await reportingUserErrors {
      Terminal.quiet = input.quiet
      let output = try publication.output(
        command: "spatial", inputs: input.spec, also: neighbourhood.files)
      let joined = try await JoinedInputs.load(input.spec)
      let result = try SpatialJob.compute(
        joined, level: level.map(AreaLevel.init(parsing:)), weights: neighbourhood.request,
        permutations: permutations, seed: seed, years: try parseYears(years),
        options: try tests.options(), rule: publication.rule)
      for warning in result.analysis.warnings { Terminal.warning(warning) }
      try output.build { try result.write(into: $0, language: language) }
      Terminal.info(
        "wrote moran.csv and lisa.csv (\(result.analysis.global.count) tests) to \(publication.out)"
      )
    }
  }
}
