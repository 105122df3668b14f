import Foundation
import WijkstatCore
import WijkstatIO

/// Reads the inputs, joins them into the panel, prints the join summary and
/// enforces `--strict`. Shared by every command that analyses the panel.
public struct JoinedInputs: Sendable {
  public var inputs: LoadedInputs
  public var build: PanelBuild
  public var panel: Panel { build.panel }
  public var boundaries: [AreaLevel: AreaLayer] { inputs.boundaries.mapValues(\.layer) }

  public init(inputs: LoadedInputs, build: PanelBuild) {
    self.inputs = inputs
    self.build = build
  }

  public static func load(_ spec: InputSpec, regionSets: [String: [String]] = [:]) async throws
    -> JoinedInputs
  {
    let started = Date()
    let inputs = try await InputLoader.load(spec) { Terminal.progress($0) }
    // Water parts of CBS layers dropped: said here as well as by inspect.
    for (level, boundaries) in inputs.boundaries.sorted(by: { $0.key < $1.key }) {
      for warning in boundaries.summary.warnings
      where warning.contains("water parts") || warning.contains("duplicate keys")
        || warning.contains("without a key")
      {
        Terminal.info("areas (\(level)) \(Secrets.display(boundaries.layer.source)): \(warning)")
      }
    }
    Terminal.progress("joining")
    let build = try PanelAssembler.build(inputs, regionSets: regionSets)
    for summary in build.report.summaries { Terminal.info(summary.line) }
    for note in build.report.notes { Terminal.info("note: " + note.line) }
    for line in build.report.missingValueLines { Terminal.info("no figure: " + line) }
    let mismatches = build.report.mismatches
    if spec.strict, !mismatches.isEmpty {
      let examples = mismatches.prefix(5).map { "\($0.level) \($0.key) (\($0.reason.rawValue))" }
      throw UserError(
        "--strict: \(mismatches.count) keys do not fit, e.g. \(examples.joined(separator: ", ")); write them all with --report"
      )
    }
    Terminal.progress(
      "panel: \(grouped(build.panel.rows.count)) area-years in \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
    )
    return JoinedInputs(inputs: inputs, build: build)
  }
}
