import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat demo`: writes the synthetic demo dataset (the one committed in `data/demo/`).
struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Write the synthetic demo dataset: 8 fictional gemeenten, 352 PC-4 areas, 2003-2009 (or --format cbs: wijken and buurten in CBS's layouts).",
    discussion: """
      All data are invented (synthetisch) and labelled as such. The same seed always gives byte-identical files; data/demo/ is `wijkstat demo --seed 2009 --out data/demo`.
      --format cbs writes the files as CBS publishes them: a Wijk- en Buurtkaart 2023-style GeoPackage (gemeenten, wijken, buurten with Kerncijfers, water parts, a fictive water buurt, special values), StatLine TypedDataSet-style Veilig Thuis and population tables, buurt counts, a gemeente → Veilig Thuis region lookup and a project that runs at wijk and buurt level.
      """)

  @Option(help: "Random seed.")
  var seed: UInt64 = 2009

  @Option(
    help: ArgumentHelp(
      "Output folder (wijkstat replaces only the files it wrote there itself).", valueName: "dir"))
  var out: String

  @Option(
    name: .customLong("format"),
    help: ArgumentHelp(
      "standard (the 2003-2009 PC-4 demo) or cbs (wijken and buurten in CBS's layouts, 2020-2023).",
      valueName: "format"))
  var demoFormat: DemoFormat = .standard
  var format: String { demoFormat.rawValue }

  @Flag(name: .shortAndLong, help: "No progress messages on stderr.")
  var quiet = false

  func validate() throws {
    try validateOut(out)
  }

  func run() throws {
    try reportingUserErrors {
      Terminal.quiet = quiet
      if format == "cbs" {
        try CBSDemo.write(CBSDemoDataset(seed: seed), to: out)
      } else {
        try StandardDemo.write(DemoDataset(seed: seed), seed: seed, to: out)
      }
    }
  }
}
