import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO

/// `wijkstat join`: the joined area × year panel and the join report.
struct Join: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Join reports, population, indicators and achterstand flags to the areas; write the panel.",
    discussion: """
      Prints one line per table (areas matched, table keys unused). The panel is CSV or a GeoPackage (one layer per level) by the extension of --out; --report writes every key that did not fit, with its reason and suggestions (level,side,key,reason,suggestion).
      """)

  @OptionGroup var input: InputOptions

  @Option(help: ArgumentHelp("The joined panel: FILE.csv or FILE.gpkg.", valueName: "file"))
  var out: String

  @Option(help: ArgumentHelp("The join report CSV.", valueName: "file"))
  var report: String?

  @OptionGroup var suppression: SuppressionOptions

  func run() throws {
    try reportingUserErrors {
      Terminal.quiet = input.quiet
      guard out.lowercased().hasSuffix(".csv") || out.lowercased().hasSuffix(".gpkg") else {
        throw UserError("--out must end in .csv or .gpkg", source: out)
      }
      let joined = try JoinedInputs.load(input.spec)
      // The panel file is an output like any other: small counts are withheld
      // unless --no-suppress (the log goes next to it).
      let withheld = securedSuppression(joined, rule: suppression.rule)
      try PanelOutput.write(withheld.applied(to: joined.panel), boundaries: joined.boundaries, to: out)
      if !withheld.entries.isEmpty {
        // Not for publication: it tells which withheld counts are small.
        let log = URL(fileURLWithPath: out).deletingPathExtension().path + "-suppression-log.INTERNAL.csv"
        try TextOutput.write(withheld.csv, to: log)
        Terminal.info("\(withheld.entries.count) counts withheld; the log \(log) is internal: never publish it (it tells which withheld counts are small); --no-suppress publishes every count")
      }
      if let report { try TextOutput.write(joined.build.report.csv, to: report) }
      let issues = joined.build.report.issues.count
      Terminal.info(
        "wrote \(out)\(report.map { " and \($0) (\(issues) keys)" } ?? (issues > 0 ? "; \(issues) keys did not fit (see --report)" : ""))"
      )
    }
  }
}
