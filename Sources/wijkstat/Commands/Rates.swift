import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat rates`: small-area rates with intervals and smoothing.
struct Rates: ParsableCommand {
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

  func run() throws {
    try reportingUserErrors {
      Terminal.quiet = input.quiet
      let ref = reference
      let output = try publication.output(
        command: "rates", inputs: input.spec, also: [neighbourhood.weights])
      let joined = try JoinedInputs.load(input.spec)
      let level =
        self.level.map(AreaLevel.init(parsing:))
        ?? DefaultLevel.choose(
          panelLevels: joined.panel.levels, boundaryLevels: Set(joined.boundaries.keys)) ?? .pc4
      let weights =
        joined.boundaries[level] == nil ? nil : try neighbourhood.build(joined, level: level)
      if weights == nil { Terminal.warning("no \(level) boundaries: spatial_eb_rate stays empty") }
      let protection = Protection(
        panel: joined.panel, suppression: securedSuppression(joined, rule: publication.rule))
      let suppression = protection.suppression
      let rates = protection.rates(level: level, weights: weights, reference: ref)
      guard !rates.rows.isEmpty else { throw UserError("no \(level) areas in the panel") }
      try output.build { url in
        let folder = OutputFolder(url: url)
        try folder.write(rates.table(level: level).csv, "rates.csv")
        try InternalFolder.writeSuppressionLog(suppression, into: url)
      }
      Terminal.info("wrote rates of \(rates.rows.count) \(level) area-years to \(publication.out)")
    }
  }
}
