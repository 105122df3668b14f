import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat join`: the joined area × year panel and the join report.
struct Join: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Join reports, population, indicators and achterstand flags to the areas; write the panel.",
    discussion: """
      Prints one line per table (areas matched, table keys unused). The panel is CSV or a GeoPackage (one layer per level) by the extension of --out; --report writes every key that did not fit, with its reason and suggestions (level,side,key,reason,suggestion).
      """)

  @OptionGroup var input: InputOptions

  @Option(help: ArgumentHelp("The joined panel: FILE.csv or FILE.gpkg.", valueName: "file"))
  var out: String

  @Option(help: ArgumentHelp("The join report CSV.", valueName: "file"))
  var report: String?

  @OptionGroup var suppression: SuppressionOptions

  func validate() throws {
    try validateOut(out)
    guard out.lowercased().hasSuffix(".csv") || out.lowercased().hasSuffix(".gpkg") else {
      throw ValidationError("--out \(out): must end in .csv or .gpkg")
    }
    if let report {
      try validateOut(report, option: "--report")
      guard report.lowercased().hasSuffix(".csv") else {
        throw ValidationError("--report \(report): must end in .csv")
      }
    }
  }

  /// Where the suppression log of the panel goes: beside it, named as internal
  /// (it tells which withheld counts are small: never publish it).
  var logPath: String {
    URL(fileURLWithPath: out).deletingPathExtension().path + "-suppression-log.INTERNAL.csv"
  }

  func run() async throws {
    try await reportingUserErrors {
      Terminal.quiet = input.quiet
      // Checked before any input is read: none is an input, none is a file
      // wijkstat did not write.
      let outputs = try OutputFiles(
        [("--out", out), ("the suppression log", logPath)]
          + (report.map { [("--report", $0)] } ?? []),
        command: "join \(URL(fileURLWithPath: out).lastPathComponent)", inputs: input.spec.paths)
      let joined = try await JoinedInputs.load(input.spec)
      // The panel file is an output like any other: small counts are withheld
      // unless --no-suppress (the log goes next to it).
      let result = JoinJob.compute(joined, rule: suppression.rule)
      let log = logPath
      try outputs.write { given, path in
        if given == out {
          try result.writePanel(to: path)
        } else if given == log {
          try result.writeLog(to: path)
        } else {
          try result.writeReport(to: path, base: FileManager.default.currentDirectoryPath)
        }
      }
      if result.suppression.count > 0 {
        Terminal.info(
          "\(result.suppression.count) counts withheld; the log \(log) is internal: never publish it (it tells which withheld counts are small); --no-suppress publishes every count"
        )
      }
      let issues = joined.build.report.issues.count
      Terminal.info(
        "wrote \(out)\(report.map { " and \($0) (\(issues) keys)" } ?? (issues > 0 ? "; \(issues) keys did not fit (see --report)" : ""))"
      )
    }
  }
}
