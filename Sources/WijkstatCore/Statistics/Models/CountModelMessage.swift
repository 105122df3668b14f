/// What the count model says to its reader, as keys of the message catalogue
/// (`Message.countModel`, one table per language): why a model cannot be
/// fitted (`CountModelProblem`), a warning under Tabel 5, and why a row takes no
/// part in a fit (`CountModelAnalysis.DropReason`). No words here: the English
/// text (`description`, for stderr and model-fit.csv) and the Dutch one are
/// both written in `Message.swift`. Names in a key (`name`, `names`, `group`)
/// are column or term names; the report puts the indicators' labels in their
/// place (`CountModelAnalysis.Fit.problem(_:labels:)`). Numbers are passed as
/// values and written by the catalogue (as before: `CSVText.full` in both
/// languages, the condition number and χ²/df with a decimal comma in Dutch).
public enum CountModelMessage: Hashable, Sendable, CustomStringConvertible {
  // Why a model cannot be fitted.
  case invalidCounts
  case allCountsZero
  case singularAtIteration(iteration: Int)
  case diverged
  case notConverged(iterations: Int, deviance: Double)
  case fittedRatesZero(area: Int)
  case tooFewAreas(areas: Int, parameters: Int)
  case constant(name: String, value: Double, areas: Int)
  case separationFlagOne(areas: Int, name: String)
  case separationFlagZero(areas: Int, name: String)
  case separationOnlyWithReports(name: String, value: Double)
  case separationGroup(areas: Int, group: String, kind: String)
  case eigenvaluesNotConverged
  case collinear(names: String, areas: Int, smallestEigenvalue: Double)
  case collinearWithEffects(names: String, kind: String)
  case singularAtEstimate
  case noCompleteArea
  /// An error that is not the model's own (its text, in both languages).
  case other(String)
  // Warnings under Tabel 5.
  case alphaAtBound
  case conditionNumber(Double)
  case withheldShare(withheld: Int, total: Int, percent: Int)
  case overdispersed(dispersion: Double)
  // Why a row takes no part in a fit; `name`: the indicator as the reader knows it.
  case droppedNoChildren
  case droppedNoCount
  case droppedWithheld
  case droppedMissingIndicator(name: String)
  case droppedNoFlag
  case droppedNoGemeente

  /// The English text (stderr, model-fit.csv).
  public var description: String { MessagesEN.countModel(self) }

  /// One of each, for the catalogue's tests.
  public static let examples: [CountModelMessage] = [
    .invalidCounts, .allCountsZero, .singularAtIteration(iteration: 7), .diverged,
    .notConverged(iterations: 100, deviance: 12.5), .fittedRatesZero(area: 3),
    .tooFewAreas(areas: 3, parameters: 3), .constant(name: "x", value: 4.5, areas: 25),
    .separationFlagOne(areas: 4, name: "achterstandswijk"),
    .separationFlagZero(areas: 20, name: "achterstandswijk"),
    .separationOnlyWithReports(name: "x", value: 2),
    .separationGroup(areas: 10, group: "gemeente GM0003", kind: "gemeente"),
    .eigenvaluesNotConverged, .collinear(names: "x and y", areas: 30, smallestEigenvalue: 1e-12),
    .collinearWithEffects(names: "x", kind: "gemeente"), .singularAtEstimate, .noCompleteArea,
    .other("LAPACK dgesv failed"), .alphaAtBound, .conditionNumber(31.25),
    .withheldShare(withheld: 12, total: 40, percent: 30), .overdispersed(dispersion: 2.5),
    .droppedNoChildren, .droppedNoCount, .droppedWithheld,
    .droppedMissingIndicator(name: "Kinderen in armoede (%)"), .droppedNoFlag, .droppedNoGemeente,
  ]
}
