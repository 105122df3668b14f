import Foundation
import WijkstatCore
import WijkstatIO

/// Messages for people, on stderr, so stdout stays clean for data. Safe from
/// any thread: every message and the state it reads (`quiet`, whether a progress
/// line is still on the terminal) go through one lock, so lines never interleave.
public enum Terminal {
  /// Silences progress and summaries (`--quiet`); errors and warnings still show.
  public static var quiet: Bool {
    get { state.withLock { $0.quiet } }
    set { state.withLock { $0.quiet = newValue } }
  }

  private struct State {
    var quiet = false
    /// A progress line is on the terminal, not yet ended by a newline.
    var pendingLine = false
  }
  /// Every message is written while this lock is held, so lines never interleave.
  private static let state = Locked(State())

  /// Every line goes out through here: a password of a connection string
  /// given to this process never reaches the terminal or a log (`Secrets`).
  private static func write(_ text: String) {
    FileHandle.standardError.write(Data(Secrets.scrub(text).utf8))
  }

  public static func error(_ message: String) {
    state.withLock { state in
      endProgressLine(&state)
      write("wijkstat: error: \(message)\n")
    }
  }
  public static func warning(_ message: String) {
    state.withLock { state in
      endProgressLine(&state)
      write("wijkstat: warning: \(message)\n")
    }
  }
  /// Clears a progress line still on the terminal, so a message starts clean.
  public static func endProgressLine() {
    state.withLock { endProgressLine(&$0) }
  }
  /// `endProgressLine` for a caller holding the lock already.
  private static func endProgressLine(_ state: inout State) {
    if state.pendingLine {
      write("\r\u{1B}[2K")
      state.pendingLine = false
    }
  }
  /// A step in progress; on a terminal it is overwritten by the next one, in a
  /// log it is a plain line. Silenced by `--quiet`.
  public static func progress(_ message: String) {
    state.withLock { state in
      guard !state.quiet else { return }
      if isatty(2) == 1 {
        write("\r\u{1B}[2K… \(message)")
        state.pendingLine = true
      } else {
        write("\(message)\n")
      }
    }
  }

  /// Step `index` of `total`: a progress bar on a terminal (`[######----] 6/10 maps`),
  /// a plain `[6/10] maps` line in a log.
  public static func step(_ index: Int, of total: Int, _ message: String) {
    state.withLock { state in
      guard !state.quiet else { return }
      if isatty(2) == 1 {
        let width = 20
        let done = total > 0 ? min(width, width * index / total) : 0
        let bar = String(repeating: "#", count: done) + String(repeating: "-", count: width - done)
        write("\r\u{1B}[2K[\(bar)] \(index)/\(total) \(message)")
        state.pendingLine = true
      } else {
        write("[\(index)/\(total)] \(message)\n")
      }
    }
  }

  /// Progress and summaries; silenced by `--quiet`.
  public static func info(_ message: String) {
    state.withLock { state in
      guard !state.quiet else { return }
      endProgressLine(&state)
      write("\(message)\n")
    }
  }
}

/// `4038` → `4,038`, the way the join report prints counts.
public func grouped(_ value: Int) -> String {
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
public enum KeptUntilExit {
  private static let lock = NSLock()
  /// Appended to only while `lock` is held, never read: no two threads touch it at
  /// once. Not a `Locked`, whose value must be `Sendable`: the objects kept (a
  /// `ProjectJob`) are not, and none is ever read again.
  nonisolated(unsafe) private static var objects: [AnyObject] = []
  public static func keep(_ object: AnyObject) { lock.withLock { objects.append(object) } }
}
