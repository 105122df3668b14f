import ArgumentParser
import WijkstatCore

/// The root command: lists the subcommands, one per file in `Commands/`.
@main
struct Wijkstat: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "wijkstat",
    abstract: "Area statistics for Dutch PC-4 areas and gemeenten, built on GDAL.",
    version: WijkstatVersion.current,
    subcommands: [Inspect.self, Demo.self, Join.self, Correlate.self, Contrast.self, Rank.self, Rates.self, Spatial.self, Model.self, Map.self, Run.self, Audit.self]
  )
}
