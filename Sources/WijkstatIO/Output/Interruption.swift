import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// SIGINT, SIGTERM and SIGHUP remove wijkstat's unfinished output before the
/// process ends: the temporary folder of an output being built, and a
/// destination folder it created and left empty. A folder being swapped into
/// place is put back. The exit status is 128 + the signal (130 for Ctrl-C).
///
/// The handler runs on its own dispatch queue; it and the commit of an output
/// take the same lock, so an output is either fully in place or fully removed.
/// SIGKILL cannot be caught: the next command writing to the same destination
/// removes the stale temporary folders (`OutputDirectory`).
public enum Interruption {
  /// `@unchecked Sendable`, safe: every read and write of these fields below is
  /// between `state.lock.lock()` and its unlock (`setSwapping` runs inside
  /// `committing`, which holds the lock; `handle` takes it and never gives it back,
  /// because the process ends there), so the signal queue and the threads writing
  /// outputs never touch them at once. Not a `Locked`: `committing` holds the lock
  /// across a body (OutputDirectory's commit) that sets `swapping` through
  /// `setSwapping`, and `handle` keeps it until the process ends.
  final class State: @unchecked Sendable {
    let lock = NSLock()
    var temporaries: Set<String> = []
    /// Folders created empty for an output, removed again if still empty.
    var created: Set<String> = []
    /// A swap in progress: the destination's old content was moved to `old`.
    var swapping: (destination: String, old: String)? = nil
    var interrupted = false
    var sources: [DispatchSourceSignal] = []
    var installed = false
  }
  static let state = State()

  /// Installs the handlers (once). SIGXFSZ is ignored too, so a file-size limit
  /// gives an error ("file too large") instead of killing the process.
  public static func install() {
    state.lock.lock()
    defer { state.lock.unlock() }
    guard !state.installed else { return }
    state.installed = true
    signal(SIGXFSZ, SIG_IGN)
    signal(SIGPIPE, SIG_IGN)
    let queue = DispatchQueue(label: "wijkstat.interruption")
    for number in [SIGINT, SIGTERM, SIGHUP] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { handle(number) }
      source.resume()
      state.sources.append(source)
    }
  }

  static func handle(_ number: Int32) -> Never {
    state.lock.lock()
    state.interrupted = true
    if let (destination, old) = state.swapping, !FileManager.default.fileExists(atPath: destination)
    {
      _ = rename(old, destination)
    }
    removeTemporaries()
    for path in state.created { _ = rmdir(path) }
    let name = number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "SIGHUP"
    let message = "wijkstat: interrupted (\(name)); the unfinished output was removed\n"
    _ = message.withCString { write(2, $0, strlen($0)) }
    _exit(128 + number)
  }

  /// Removes the temporary folders (called by `handle`, holding the lock).
  ///
  /// The other threads keep running until the process exits, and a writer among
  /// them may be adding files or folders below a temporary folder while it is
  /// being removed (then the removal fails), so the removal is repeated until none
  /// of them exists (at most 2 s). Once one is gone it stays gone: writers make
  /// their folders through `OutputFolders.make`, which never makes a temporary
  /// folder itself, so a writer whose folder was removed fails, and its error waits
  /// for the exit (`waitIfInterrupted`). (Session 10 measured 1 run in 5 of
  /// OutputSafetyTests' SIGTERM/SIGINT test leaving one behind when writers
  /// could make it again.)
  private static func removeTemporaries() {
    let fm = FileManager.default
    for _ in 0..<400 {
      let present = state.temporaries.filter { fm.fileExists(atPath: $0) }
      if present.isEmpty { return }
      for path in present { try? fm.removeItem(atPath: path) }
      usleep(5_000)
    }
  }

  /// The registered temporary folder that is `path` or holds it, if any.
  static func temporary(containing path: String) -> String? {
    state.lock.lock()
    defer { state.lock.unlock() }
    return state.temporaries.first { path == $0 || path.hasPrefix($0 + "/") }
  }

  /// True once a signal arrived; the process is ending.
  public static var isInterrupted: Bool {
    state.lock.lock()
    defer { state.lock.unlock() }
    return state.interrupted
  }

  /// Waits for the handler to end the process when a signal arrived, so that no
  /// error of a half-removed folder is printed and the exit is the handler's.
  public static func waitIfInterrupted() {
    if isInterrupted { while true { pause() } }
  }

  static func register(temporary path: String) {
    state.lock.lock()
    state.temporaries.insert(path)
    state.lock.unlock()
  }
  static func unregister(temporary path: String) {
    state.lock.lock()
    state.temporaries.remove(path)
    state.lock.unlock()
  }
  static func register(created path: String) {
    state.lock.lock()
    state.created.insert(path)
    state.lock.unlock()
  }
  static func unregister(created path: String) {
    state.lock.lock()
    state.created.remove(path)
    state.lock.unlock()
  }

  /// Runs `body` (moving finished files into place) where no signal handler
  /// can remove them halfway; when a signal came first, waits for the exit.
  static func committing<T>(_ body: () throws -> T) rethrows -> T {
    state.lock.lock()
    if state.interrupted {
      state.lock.unlock()
      while true { pause() }
    }
    defer { state.lock.unlock() }
    return try body()
  }

  static func setSwapping(_ value: (destination: String, old: String)?) {
    // Called inside `committing`, which holds the lock already.
    state.swapping = value
  }
}
