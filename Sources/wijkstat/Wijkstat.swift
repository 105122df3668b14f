import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO

/// The root command: lists the subcommands, one per file in `Commands/`.
@main
struct Wijkstat: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "wijkstat",
    abstract: "Area statistics for Dutch PC-4 areas and gemeenten, built on GDAL.",
    version: WijkstatVersion.current,
    subcommands: [
      Inspect.self, Demo.self, Join.self, Correlate.self, Contrast.self, Rank.self, Rates.self,
      Spatial.self, Model.self, Map.self, Run.self, Audit.self,
    ]
  )

  /// ArgumentParser's `main`, with every secret of a connection string on the
  /// command line registered before anything is parsed, and its own messages
  /// (which echo option values: `--out PG:… password=…: must end in .csv`)
  /// redacted like every other line (`Secrets`).
  static func main() async {
    Secrets.install(
      arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment)
    do {
      var command = try parseAsRoot(nil)
      // The commands that read inputs are async (InputLoader reads in child tasks);
      // inspect, demo and audit are synchronous.
      if var command = command as? AsyncParsableCommand {
        try await command.run()
      } else {
        try command.run()
      }
    } catch {
      let text = Secrets.scrub(fullMessage(for: error))
      let code = exitCode(for: error)
      if !text.isEmpty {
        if code == .success {
          print(text)
        } else {
          FileHandle.standardError.write(Data((text + "\n").utf8))
        }
      }
      Foundation.exit(code.rawValue)
    }
  }
}
