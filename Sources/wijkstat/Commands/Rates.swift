import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat rates`: small-area rates with intervals and smoothing.
struct Rates: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Small-area rates: exact Poisson intervals, empirical Bayes and spatial EB rates, exceedance probabilities.",
    discussion: """
      Writes rates.csv (area, year, reported, children, raw_rate with its Garwood 95% interval, eb_rate, spatial_eb_rate, p_exceeds; rates in percent). p_exceeds is the probability that the area's true rate is above the reference (--reference national: the level's pooled rate that year; gemeente: the area's gemeente's).
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var publication: PublicationOptions
  @OptionGroup var neighbourhood: WeightsOptions

  @Option(
    help:
      "Level (default: the finest level of the boundaries given: pc4, buurt, wijk, then gemeente).")
  var level: String?

  @Option(help: "Reference rate for p_exceeds.")
  var reference: SmallAreaRates.Reference = .national

  func validate() throws {
    try checkLevels(level.map { [$0] } ?? [])
  }

  func run() async throws {
    try await reportingUserErrors {
      Terminal.quiet = input.quiet
      let output = try publication.output(
        command: "rates", inputs: input.spec, also: neighbourhood.files)
      let joined = try await JoinedInputs.load(input.spec)
      let result = try RatesJob.compute(
        joined, level: level.map(AreaLevel.init(parsing:)), weights: neighbourhood.request,
        reference: reference, rule: publication.rule)
      try output.build { try result.write(into: $0) }
      Terminal.info(
        "wrote rates of \(result.rates.rows.count) \(result.level) area-years to \(publication.out)"
      )
    }
  }
}
