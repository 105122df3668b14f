import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// Disclosure control, shared by every command that writes outputs.
struct SuppressionOptions: ParsableArguments {
  @Flag(
    help:
      "Publish small counts: turns disclosure control off. Only for data that stay inside your organisation."
  )
  var noSuppress = false

  @Option(help: ArgumentHelp("Withhold counts below this number (default 5).", valueName: "n"))
  var minimumCount: Double = 5

  @Option(
    help: ArgumentHelp("Withhold rates of areas with fewer children (default 50).", valueName: "n"))
  var minimumChildren: Double = 50

  var rule: SuppressionRule {
    SuppressionRule(
      enabled: !noSuppress, minimumCount: minimumCount, minimumChildren: minimumChildren)
  }

  /// Turning disclosure control off is `--no-suppress` and nothing else: a
  /// threshold below 1 (or a negative population) would do it silently.
  func validate() throws {
    guard minimumCount.isFinite, minimumCount >= 1 else {
      throw ValidationError(
        "--minimum-count must be 1 or more, not \(CSVText.number(minimumCount)); --no-suppress turns disclosure control off"
      )
    }
    guard minimumChildren.isFinite, minimumChildren >= 0 else {
      throw ValidationError(
        "--minimum-children must be 0 or more, not \(CSVText.number(minimumChildren))")
    }
  }
}

/// Options every command that publishes a folder of outputs shares.
struct PublicationOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Output folder (created if new; wijkstat replaces only the files it wrote there itself, see wijkstat-manifest.json).",
      valueName: "dir"))
  var out: String

  @OptionGroup var suppression: SuppressionOptions

  var rule: SuppressionRule { suppression.rule }

  func validate() throws { try validateOut(out) }

  /// The output folder, checked and locked before any input is read; the
  /// command replaces only its own earlier files there.
  func output(command: String, inputs: InputSpec, also: [String] = []) throws -> OutputDirectory {
    try OutputDirectory(out, command: command, scope: .part, inputs: inputs.paths + also)
  }
}
