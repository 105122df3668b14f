import Foundation
import WijkstatCore
import WijkstatIO

/// How a command that failed ends: its error as one line on stderr, and the exit
/// status. A mistake in the user's input (`UserError`, or a failure GDAL reports
/// on their file, which IO throws with its message) exits 1, or 64 for a usage
/// error. An output path refused before any input is read (`OutputRefused`) exits
/// 64 (75 when another wijkstat command is writing there). A file-system failure
/// from Foundation is one line too (path, what was being done, the system's
/// reason), never an `NSCocoaErrorDomain` dump. After a signal, the signal
/// handler ends the process (`Interruption`) before anything is printed.
public enum CommandFailure {
  /// Prints `error` and returns the exit status for it.
  public static func report(_ error: any Error) -> Int32 {
    switch error {
    case let error as UserError:
      Interruption.waitIfInterrupted()
      Terminal.error(error.description)
      return error.isUsage ? 64 : 1
    case let error as OutputRefused:
      Terminal.error(error.description)
      return error.status
    default:
      Interruption.waitIfInterrupted()
      // Any other error prints its own description: GDAL's (what was being done
      // and GDAL's messages) among them.
      if let line = FileSystemError.line(for: error, doing: "reading or writing a file") {
        Terminal.error(line.description)
      } else {
        Terminal.error("\(error)")
      }
      return 1
    }
  }
}
