import Foundation
import Testing

/// Issue 17, item 5: the options that take a closed set are enums, so `--help`
/// lists their values and a value outside the set is a usage error (status 64,
/// one "Error:" line naming the option, the value and the values allowed) before
/// any input is read. The expected value lists are the enums' cases as the
/// README and the commands' discussions name them (ClassificationMethod,
/// ReportLanguage, PermutationAlternative, ClusterRule, SmallAreaRates.Reference,
/// CountModelAnalysis.FamilyChoice, TableOptions.PeriodMode, MapVariable,
/// WeightsKind, Project.CSVDialect, and the CLI's DemoFormat).
@Suite struct ArgumentValuesTests {
  /// `wijkstat <command> --help` with the lines joined, so a list wrapped over
  /// two lines of the help still reads as one.
  static func help(_ command: String) throws -> String {
    let result = try Wijkstat.run([command, "--help"])
    #expect(result.status == 0, "\(command) --help: \(result.stderr)")
    return result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " ")
  }

  @Test(arguments: [
    (
      "map", "--method <method>",
      "(values: quantiles, equal-interval, fisher-jenks, std-dev, box, breaks, unique; default: quantiles)"
    ),
    ("map", "--lang <lang>", "(values: nl, en; default: nl)"),
    (
      "map", "--variable <variable>",
      "(values: pct_reported, per_1000, reported, children, eb_rate, spatial_eb_rate, achterstandswijk, lisa, INDICATOR-COLUMN; default: pct_reported)"
    ),
    (
      "map", "--weights <weights>", "(values: queen, rook, knn, FILE.gal, FILE.gwt; default: queen)"
    ),
    (
      "map", "--alternative <alternative>",
      "(values: two-sided, greater, lesser, directed; default: two-sided)"
    ),
    ("map", "--cluster-rule <cluster-rule>", "(values: fdr, p, bonferroni; default: fdr)"),
    ("map", "--periods <mode>", "(values: years, year-only; default: years)"),
    (
      "spatial", "--alternative <alternative>",
      "(values: two-sided, greater, lesser, directed; default: two-sided)"
    ),
    ("rates", "--reference <reference>", "(values: national, gemeente; default: national)"),
    ("model", "--family <family>", "(values: auto, poisson, nb2; default: auto)"),
    ("correlate", "--lang <lang>", "(values: nl, en; default: nl)"),
    ("contrast", "--lang <lang>", "(values: nl, en; default: nl)"),
    ("run", "--lang <lang>", "(values: nl, en)"),
    ("run", "--csv-dialect <csv-dialect>", "(values: nl, machine)"),
    ("demo", "--format <format>", "(values: standard, cbs; default: standard)"),
  ])
  func helpListsTheValuesOfAClosedSet(_ command: String, _ option: String, _ values: String) throws
  {
    let help = try Self.help(command)
    // The last mention: the first is in the usage line.
    let start = try #require(
      help.range(of: option, options: .backwards), "\(command) --help has no \(option)")
    // The values follow the option's own help text, before the next option.
    let rest = help[start.upperBound...]
    let end = rest.range(of: " --")?.lowerBound ?? rest.endIndex
    #expect(rest[..<end].contains(values), "\(command) \(option): \(rest[..<end])")
  }

  /// A value outside the set: status 64 and ArgumentParser's one line naming the
  /// option, the value and the values, before any input is read (the inputs named
  /// do not exist, and no output folder is made).
  @Test(
    arguments: [
      (["map", "--method", "nonsense"], "The value 'nonsense' is invalid for '--method <method>'"),
      (["map", "--method", "Jenks"], nil),
      (
        ["map", "--lang", "xx"],
        "The value 'xx' is invalid for '--lang <lang>'. Please provide one of 'nl' and 'en'."
      ),
      (["map", "--variable", ""], "The value '' is invalid for '--variable <variable>'"),
      (
        ["map", "--weights", "hexagon"], "The value 'hexagon' is invalid for '--weights <weights>'"
      ),
      (
        ["spatial", "--alternative", "both"],
        "The value 'both' is invalid for '--alternative <alternative>'. Please provide one of 'two-sided', 'greater', 'lesser' or 'directed'."
      ),
      (
        ["spatial", "--cluster-rule", "holm"],
        "The value 'holm' is invalid for '--cluster-rule <cluster-rule>'. Please provide one of 'fdr', 'p' or 'bonferroni'."
      ),
      (
        ["rates", "--reference", "world"],
        "The value 'world' is invalid for '--reference <reference>'. Please provide one of 'national' and 'gemeente'."
      ),
      (
        ["model", "--family", "logit"],
        "The value 'logit' is invalid for '--family <family>'. Please provide one of 'auto', 'poisson' or 'nb2'."
      ),
      (
        ["correlate", "--lang", "de"],
        "The value 'de' is invalid for '--lang <lang>'. Please provide one of 'nl' and 'en'."
      ),
      (
        ["contrast", "--lang", "NL"],
        "The value 'NL' is invalid for '--lang <lang>'. Please provide one of 'nl' and 'en'."
      ),
      (
        ["join", "--periods", "quarters"],
        "The value 'quarters' is invalid for '--periods <mode>'. Please provide one of 'years' and 'year-only'."
      ),
      (
        ["run", "--csv-dialect", "excel"],
        "The value 'excel' is invalid for '--csv-dialect <csv-dialect>'. Please provide one of 'nl' and 'machine'."
      ),
      (
        ["demo", "--format", "kwb"],
        "The value 'kwb' is invalid for '--format <format>'. Please provide one of 'standard' and 'cbs'."
      ),
    ] as [([String], String?)])
  func aValueOutsideTheSetExits64BeforeAnyInputIsRead(_ arguments: [String], _ message: String?)
    throws
  {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-enum-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var full = arguments + ["--out", "out"]
    if !["run", "demo"].contains(arguments[0]) {
      full += ["--areas", "pc4=missing.geojson", "--reports", "missing.csv"]
      if arguments[0] == "join" { full = full.map { $0 == "out" ? "out.csv" : $0 } }
    }
    if arguments[0] == "run" { full.insert("missing.yaml", at: 1) }
    let result = try Wijkstat.run(full, in: folder)
    if let message {
      #expect(result.status == 64, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
      #expect(result.stderr.hasPrefix("Error: "), "\(arguments): \(result.stderr)")
    } else {
      // An alias in another case is accepted: the command goes on to read its
      // inputs, and fails on the missing file (status 1), not on the option.
      #expect(result.status == 1, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains("missing"), "\(arguments): \(result.stderr)")
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "\(arguments)")
  }
}
