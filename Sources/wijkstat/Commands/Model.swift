import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat model`: count models of the reports with adjusted rate ratios
/// and Moran's I of their residuals (issue 21).
struct Model: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Count models of the reports (Poisson and negative binomial NB2, offset log(children)): adjusted rate ratios and a spatial check of the residuals.",
    discussion: """
      Per year (or --pooled with year effects) reports 0-17 are regressed on the indicators, with log(children) as offset. Both Poisson and NB2 (dispersion alpha by maximum likelihood) are fitted; a likelihood-ratio test of overdispersion chooses NB2 when p < 0.05 (--family overrides). Writes model.csv (coefficients, model and HC0 standard errors, rate ratios exp(b) per unit and per standard deviation with 95% Wald intervals), model-fit.csv (n, dropped rows with their reasons, alpha, log-likelihood, deviance, Pearson chi2, AIC, condition number, the LR test, Moran's I of the chosen model's Pearson residuals with a permutation p) and model-residuals.csv, every number at full precision, and the residual map of the latest year fitted (model-residual-map.geojson, .gpkg, .svg, .legend.json) when there are boundaries of the level. With disclosure control on, areas whose count is withheld take no part in the fit.
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var publication: PublicationOptions
  @OptionGroup var neighbourhood: WeightsOptions

  @Option(help: "Level (default pc4).")
  var level = "pc4"

  @Option(help: "Years: 2009, 2005-2009 or 2005,2007 (default: all).")
  var years: String?

  @Option(
    name: .customLong("indicator"),
    help: "An indicator to adjust for (repeatable; default: every indicator).")
  var indicators: [String] = []

  @Option(help: "auto (NB2 when the LR test finds overdispersion, else Poisson), poisson or nb2.")
  var family: CountModelAnalysis.FamilyChoice = .auto

  @Flag(help: "Intervals, z and p from HC0 sandwich (robust) standard errors.")
  var robust = false

  @Flag(help: "Adjust for the achterstandswijk flag (the adjusted version of Tabel 3).")
  var achterstandswijk = false

  @Flag(
    name: .customLong("gemeente-effects"),
    help: "Gemeente fixed effects (the adjusted version of the Mantel-Haenszel contrast).")
  var gemeenteEffects = false

  @Flag(help: "One model over the years with year effects, instead of one per year.")
  var pooled = false

  @Option(help: "Permutations for the residuals' Moran's I (0: none).")
  var permutations = 999

  @Option(help: "Seed of the permutations.")
  var seed: UInt64 = 12345

  @Option(
    name: .customLong("lang"),
    help: ArgumentHelp("Language of the residual map's title and legend.", valueName: "lang"))
  var language: ReportLanguage = .nl

  func validate() throws {
    try checkLevels([level])
    _ = try validatedYears(years)
    guard (0...99_999).contains(permutations) else {
      throw ValidationError("--permutations must be 0 to 99999, not \(permutations)")
    }
  }

  var options: CountModelAnalysis.Options {
    CountModelAnalysis.Options(
      indicators: indicators.isEmpty ? nil : indicators, family: family,
      robust: robust, achterstandswijk: achterstandswijk, gemeenteEffects: gemeenteEffects,
      pooled: pooled,
      permutations: permutations, seed: seed)
  }

  func run() async throws {
    try await reportingUserErrors {
      Terminal.quiet = input.quiet
      let output = try publication.output(
        command: "model", inputs: input.spec, also: neighbourhood.files)
      let joined = try await JoinedInputs.load(input.spec)
      let level = AreaLevel(parsing: self.level)
      guard joined.panel.levels.contains(level) else {
        throw UserError(
          "no \(level) areas in the panel; levels are \(joined.panel.levels.map(\.description).joined(separator: ", "))"
        )
      }
      let weights =
        joined.boundaries[level] == nil ? nil : try neighbourhood.build(joined, level: level)
      if weights == nil {
        Terminal.warning("no \(level) boundaries: the residuals' Moran's I is not computed")
      }
      // The context holds the secured suppression (and draws the residual map with it).
      let context = AnalysisContext(
        joined: joined, rule: publication.rule, weights: neighbourhood.weights,
        neighbours: neighbourhood.neighbours,
        permutations: permutations, seed: seed)
      let analysis = try CountModelRun.analyse(
        protection: context.protection, panel: joined.panel, level: level,
        years: try parseYears(years), options: options,
        weights: weights)
      let map =
        joined.boundaries[level] == nil
        ? nil : CountModelRun.residualMap(analysis, language: language)
      try output.build { url in
        let folder = OutputFolder(url: url, language: language)
        try folder.write(analysis.table, "model")
        try folder.write(analysis.fitTable, "model-fit")
        try folder.write(analysis.residualTable.csv, "model-residuals.csv")
        if let map {
          _ = try MapMaker.make(
            map, context: context, folder: url, language: language, drawsSVG: false, model: analysis
          )
        }
      }
      let files =
        ["model.csv", "model-fit.csv", "model-residuals.csv"]
        + (map.map { _ in
          [
            "model-residual-map.geojson", "model-residual-map.gpkg", "model-residual-map.svg",
            "model-residual-map.legend.json",
          ]
        } ?? [])
      Terminal.info(
        "wrote \(files.joined(separator: ", ")) (\(analysis.fits.count) fits\(map.map { "; the map: residuals of \($0.years?.first.map(String.init) ?? "")" } ?? "")) to \(publication.out)"
      )
    }
  }
}
