import Foundation
import WijkstatTestSupport

/// Runs the built `wijkstat` executable, as a user would, and captures its output
/// (`ChildProcess` in WijkstatTestSupport).
enum Wijkstat {
  /// The package root, from this file's location.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A real file in ../shared/data/nl (WijkstatTestSupport's SharedData; tests using it carry `.needsSharedData`).
  static func shared(_ name: String) -> String { SharedData.path(name) }

  /// The executable next to the test bundle (same build configuration), else `.build/debug`.
  static let executable: URL = {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<3 {
      let candidate = dir.appendingPathComponent("wijkstat")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return packageRoot.appendingPathComponent(".build/debug/wijkstat")
  }()

  /// The `inputs:` block of a project file over the demo data (data/demo, by
  /// absolute paths), with the speerpunt region set, for tests that write a
  /// project of their own; `achterstand`: with the achterstandswijk flags.
  static func demoInputs(achterstand: Bool = false) -> String {
    let demo = packageRoot.appendingPathComponent("data/demo").path
    return """
      inputs:
        areas:
          pc4: \(demo)/pc4.geojson
          gemeente: \(demo)/gemeenten.geojson
        reports: [\(demo)/meldingen.csv]
        population: [\(demo)/kinderen.csv]
      \(achterstand ? "  achterstand: [\(demo)/achterstandswijken.csv]\n" : "")\
      regions:
        speerpunt: [GM9001, GM9003]
      """
  }

  /// The benchmark executable (`wijkstat-bench`), built beside `wijkstat`.
  static let bench = executable.deletingLastPathComponent().appendingPathComponent("wijkstat-bench")
    .path

  @discardableResult
  static func run(_ arguments: [String], in directory: URL? = nil, through program: String? = nil)
    throws -> CommandResult
  {
    try ChildProcess.run(
      program.map { URL(fileURLWithPath: $0) } ?? executable, arguments, in: directory)
  }
}
