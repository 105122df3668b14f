import Foundation
import LAPACKBridge
import WijkstatCore
import WijkstatIO

/// What `model` and `run` share: the checks of the asked indicators, the fit on
/// the published panel, the lines on stderr and the residual map's spec.
public enum CountModelRun {
  /// The residual map of the latest year fitted (nil when nothing was fitted):
  /// diverging classes at ±1 (and ±2 where a residual lies beyond).
  public static func residualMap(_ model: CountModelAnalysis, language: ReportLanguage) -> MapSpec?
  {
    guard let year = model.residualMapYear else { return nil }
    let (breaks, colors) = model.residualClasses(year: year)
    return MapSpec(
      name: "model-residual-map",
      title: language.text(
        .residualMapTitle(level: model.level, year: year)),
      level: model.level, years: [year], variable: .modelResidual, method: .breaks,
      classes: colors.count,
      colors: colors, breaks: breaks)
  }

  public static func analyse(
    protection: Protection, panel: Panel, level: AreaLevel, years: [Int]?,
    options: CountModelAnalysis.Options,
    weights: AreaWeights?
  ) throws -> CountModelAnalysis {
    for name in options.indicators ?? [] where !panel.indicatorNames.contains(name) {
      throw UserError(
        "no indicator \"\(name)\"; the indicators are \(panel.indicatorNames.joined(separator: ", "))"
      )
    }
    if options.indicators == nil && panel.indicatorNames.isEmpty && !options.achterstandswijk {
      throw UserError("nothing to adjust for: give --indicators, or --achterstandswijk")
    }
    for year in years ?? [] where !panel.years.contains(year) {
      throw UserError(
        "no year \(year) in the panel; its years are \(panel.years.map(String.init).joined(separator: ", "))"
      )
    }
    let suppression = protection.suppression
    let analysis = CountModelAnalysis(
      panel: protection.published, level: level, years: years, options: options, weights: weights,
      withheld: protection.rule.enabled
        ? { suppression.isSuppressed(level: level, area: $0, year: $1) } : nil,
      algebra: LAPACK())
    guard !analysis.fits.isEmpty else { throw UserError("no \(level) rows in the years asked") }
    for fit in analysis.fits {
      if let problem = fit.problem {
        Terminal.warning("model \(level) \(fit.label): not fitted: \(problem)")
        continue
      }
      let chosen = fit.chosenModel!
      let lr =
        fit.lrStatistic.isFinite
        ? ", overdispersion LR \(String(format: "%.2f", fit.lrStatistic)) (p \(CSVText.p(fit.lrP)))"
        : ""
      Terminal.progress(
        "model \(level) \(fit.label): \(chosen.family.label), \(fit.n) areas\(fit.dropped.isEmpty ? "" : " (left out: \(fit.droppedText))")\(lr)"
      )
      for warning in fit.warnings { Terminal.warning("model \(level) \(fit.label): \(warning)") }
    }
    for warning in analysis.residualWarnings { Terminal.warning("model \(warning)") }
    if analysis.fits.allSatisfy({ $0.problem != nil }) {
      throw UserError(
        "no model could be fitted: "
          + analysis.fits.map { "\($0.label): \($0.problem!)" }.joined(separator: "; "))
    }
    return analysis
  }
}
