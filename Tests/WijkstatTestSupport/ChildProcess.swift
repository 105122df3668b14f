import Foundation

/// What a child process did: its exit status and everything it printed.
public struct CommandResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
  public init(status: Int32, stdout: String, stderr: String) {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
  }
}

/// Runs a program as a user would and captures its output (the tests' one way
/// to start `wijkstat`, `wijkstat-bench`, `ogr2ogr` or `ogrinfo`).
public enum ChildProcess {
  /// Runs `executable` in `directory` (else here) with `environment` (else this
  /// process's), writing `input` to its standard input when given.
  @discardableResult
  public static func run(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil,
    environment: [String: String]? = nil, input: String? = nil
  ) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let inPipe = Pipe()
    if input != nil { process.standardInput = inPipe }
    try process.run()
    if let input {
      // Written on another thread: the child may answer before it has read everything.
      let handle = inPipe.fileHandleForWriting
      Thread.detachNewThread {
        handle.write(Data(input.utf8))
        try? handle.close()
      }
    }
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
