import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO

/// Runs a command body; a mistake in the user's input (`UserError`, GDAL failures on
/// their files included, which IO turns into `UserError`s) is printed as one line on
/// stderr and exits with status 1.
/// An output path refused before any input is read (`OutputRefused`) exits 64
/// (75 when another wijkstat command is writing there). A file-system failure
/// from Foundation is one line too (path, what was being done, the system's
/// reason), never an `NSCocoaErrorDomain` dump. After a signal, the signal
/// handler ends the process (`Interruption`).
func reportingUserErrors(_ body: () throws -> Void) throws {
  do {
    try body()
    Interruption.waitIfInterrupted()
  } catch let error as UserError {
    Interruption.waitIfInterrupted()
    Terminal.error(error.description)
    throw ExitCode(error.isUsage ? 64 : 1)
  } catch let error as OutputRefused {
    Terminal.error(error.description)
    throw ExitCode(error.status)
  } catch let error as ExitCode {
    throw error
  } catch let error as ValidationError {
    throw error
  } catch {
    Interruption.waitIfInterrupted()
    if let line = FileSystemError.line(for: error, doing: "reading or writing a file") {
      Terminal.error(line.description)
    } else {
      Terminal.error("\(error)")
    }
    throw ExitCode(1)
  }
}

/// Messages for people, on stderr, so stdout stays clean for data.
enum Terminal {
  nonisolated(unsafe) static var quiet = false

  /// Every line goes out through here: a password of a connection string
  /// given to this process never reaches the terminal or a log (`Secrets`).
  private static func write(_ text: String) {
    FileHandle.standardError.write(Data(Secrets.scrub(text).utf8))
  }

  static func error(_ message: String) {
    endProgressLine()
    write("wijkstat: error: \(message)\n")
  }
  static func warning(_ message: String) {
    endProgressLine()
    write("wijkstat: warning: \(message)\n")
  }
  /// Clears a progress line still on the terminal, so a message starts clean.
  static func endProgressLine() {
    if pendingLine {
      write("\r\u{1B}[2K")
      pendingLine = false
    }
  }
  /// A step in progress; on a terminal it is overwritten by the next one, in a
  /// log it is a plain line. Silenced by `--quiet`.
  static func progress(_ message: String) {
    guard !quiet else { return }
    if isatty(2) == 1 {
      write("\r\u{1B}[2K… \(message)")
      pendingLine = true
    } else {
      write("\(message)\n")
    }
  }
  nonisolated(unsafe) static var pendingLine = false

  /// Step `index` of `total`: a progress bar on a terminal (`[######----] 6/10 maps`),
  /// a plain `[6/10] maps` line in a log.
  static func step(_ index: Int, of total: Int, _ message: String) {
    guard !quiet else { return }
    if isatty(2) == 1 {
      let width = 20
      let done = total > 0 ? min(width, width * index / total) : 0
      let bar = String(repeating: "#", count: done) + String(repeating: "-", count: width - done)
      write("\r\u{1B}[2K[\(bar)] \(index)/\(total) \(message)")
      pendingLine = true
    } else {
      write("[\(index)/\(total)] \(message)\n")
    }
  }

  /// Progress and summaries; silenced by `--quiet`.
  static func info(_ message: String) {
    guard !quiet else { return }
    endProgressLine()
    write("\(message)\n")
  }
}

/// `4038` → `4,038`, the way the join report prints counts.
func grouped(_ value: Int) -> String {
  let digits = String(abs(value))
  var out = ""
  for (i, ch) in digits.enumerated() {
    if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
    out.append(ch)
  }
  return value < 0 ? "-" + out : out
}

/// Results a command holds until it ends: kept here, they are not freed one
/// allocation at a time when the command returns (the panel, the boundaries and
/// the analyses of a national run are hundreds of thousands of them); the
/// process exit returns the memory at once.
enum KeptUntilExit {
  nonisolated(unsafe) private static var objects: [AnyObject] = []
  static func keep(_ object: AnyObject) { objects.append(object) }
}
