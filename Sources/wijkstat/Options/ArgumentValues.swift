import ArgumentParser
import WijkstatCore
import WijkstatIO

// The closed sets the options take, as swift-argument-parser values: `--help` lists
// each one's values ("values: nl, en"), and a value outside the set is a usage error
// (status 64) before any input is read. Sets that are partly open (levels with user
// regions, map variables with indicator columns, weights with a GAL/GWT file) list
// their fixed values and accept the open part as they always did.

extension ReportLanguage: ExpressibleByArgument {}
extension PermutationAlternative: ExpressibleByArgument {}
extension ClusterRule: ExpressibleByArgument {}
extension SmallAreaRates.Reference: ExpressibleByArgument {}
extension CountModelAnalysis.FamilyChoice: ExpressibleByArgument {}
extension TableOptions.PeriodMode: ExpressibleByArgument {}
/// `wijkstat run --csv-dialect`.
extension Project.CSVDialect: ExpressibleByArgument {}

extension ClassificationMethod: ExpressibleByArgument {
  /// A method's name, or one of the other names people use (`jenks`,
  /// `natural-breaks`: `ClassificationMethod.aliases`), in any case.
  public init?(argument: String) { self.init(name: argument) }
}

extension MapVariable: ExpressibleByArgument {
  /// Every name is a variable: a computed one, else a column (an indicator,
  /// checked against the panel once it is read).
  public init?(argument: String) {
    guard !argument.isEmpty else { return nil }
    self.init(name: argument)
  }
  public static var allValueStrings: [String] { computed.map(\.name) + ["INDICATOR-COLUMN"] }
  public var defaultValueDescription: String { name }
}

/// `wijkstat demo --format`: the standard PC-4 demo or the CBS-layout one.
enum DemoFormat: String, CaseIterable, ExpressibleByArgument {
  case standard, cbs
}

/// `--weights`: a contiguity rule, k nearest neighbours, or a GeoDa/libpysal file.
extension WeightsKind: ExpressibleByArgument {
  public init?(argument: String) { self.init(name: argument) }
  public static var allValueStrings: [String] { ["queen", "rook", "knn", "FILE.gal", "FILE.gwt"] }
  public var defaultValueDescription: String { name }
}
