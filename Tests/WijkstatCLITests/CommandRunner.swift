import Foundation

/// Runs the built `wijkstat` executable, as a user would, and captures its output.
struct CommandResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

enum Wijkstat {
  /// The package root, from this file's location.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A real file in ../shared/data/nl (SharedData.swift; tests using it carry `.needsSharedData`).
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

  /// The benchmark executable (`wijkstat-bench`), built beside `wijkstat`.
  static let bench = executable.deletingLastPathComponent().appendingPathComponent("wijkstat-bench")
    .path

  @discardableResult
  static func run(_ arguments: [String], in directory: URL? = nil, through program: String? = nil)
    throws -> CommandResult
  {
    let process = Process()
    process.executableURL = program.map { URL(fileURLWithPath: $0) } ?? executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes to the end before waiting, so a large output cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // A signal would end the child without a status: no command may die so.
    if process.terminationReason == .uncaughtSignal {
      return CommandResult(
        status: 128 + process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: "killed by signal \(process.terminationStatus)\n"
          + String(decoding: errData, as: UTF8.self))
    }
    return CommandResult(
      status: process.terminationStatus,
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
