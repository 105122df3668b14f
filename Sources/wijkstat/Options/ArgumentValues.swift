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

extension ClassificationMethod: ExpressibleByArgument {
  /// A method's name, or one of the other names people use (`jenks`,
  /// `natural-breaks`: `MapSpec.methodAliases`), in any case.
  public init?(argument: String) {
    let lower = argument.lowercased()
    self.init(rawValue: MapSpec.methodAliases[lower] ?? lower)
  }
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

/// `wijkstat run --csv-dialect`: the tables' CSV as machines read it (the default)
/// or also in the Dutch spreadsheet locale (`;`, decimal comma) in tables-nl/.
enum CSVDialect: String, CaseIterable, ExpressibleByArgument {
  case nl, machine
}

/// `wijkstat demo --format`: the standard PC-4 demo or the CBS-layout one.
enum DemoFormat: String, CaseIterable, ExpressibleByArgument {
  case standard, cbs
}

/// `--weights`: a contiguity rule, k nearest neighbours, or a GeoDa/libpysal file.
enum WeightsArgument: Equatable, ExpressibleByArgument {
  case queen, rook, knn
  case file(String)

  init?(argument: String) {
    switch argument {
    case "queen": self = .queen
    case "rook": self = .rook
    case "knn": self = .knn
    default:
      let lower = argument.lowercased()
      guard lower.hasSuffix(".gal") || lower.hasSuffix(".gwt") else { return nil }
      self = .file(argument)
    }
  }

  static var allValueStrings: [String] { ["queen", "rook", "knn", "FILE.gal", "FILE.gwt"] }

  /// As the option was given (a file's path as written).
  var argument: String {
    switch self {
    case .queen: return "queen"
    case .rook: return "rook"
    case .knn: return "knn"
    case .file(let path): return path
    }
  }
  var defaultValueDescription: String { argument }
}
