import Foundation

/// A value shared between threads, reached only while its lock is held: the
/// package's one lock type (`OnceCache`, `LonLatMemo`, `DeferredWrites`).
///
/// Why not `Synchronization.Mutex`: the thread sanitizer (`scripts/tsan.sh`) does not
/// see it on Linux (Swift 6.3.1). A 15-line program that touches a
/// `Mutex<[Int: [Int]]>` only inside `withLock` from `concurrentPerform` is reported
/// as a race, and the same program with `NSLock` is clean (session 8; README, "Checks
/// beside the tests"). With `Mutex` every run under TSan would stop at a false report,
/// and a real race could not be told from one. `NSLock` is a pthread mutex, which the
/// sanitizer intercepts.
///
/// `@unchecked Sendable`, safe: `state` is private and is read or written only inside
/// `withLock` and `withLockIfAvailable`, each of which holds `lock` for the whole call
/// of `body` (`lock()`/`try()` before, `unlock()` in a `defer` after, also when
/// `body` throws), so no two threads touch it at once. `body` is not escaping, so no
/// reference to `state` outlives the lock. `State` is `Sendable`, so whatever `body`
/// stores into it or takes out of it may be used on any thread.
public final class Locked<State: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var state: State

  public init(_ state: State) { self.state = state }

  /// Runs `body` with the value, waiting for the lock first.
  public func withLock<R, E: Error>(_ body: (inout State) throws(E) -> R) throws(E) -> R {
    lock.lock()
    defer { lock.unlock() }
    return try body(&state)
  }

  /// Runs `body` with the value if the lock is free now; `nil` without waiting if
  /// another thread holds it.
  public func withLockIfAvailable<R, E: Error>(_ body: (inout State) throws(E) -> R) throws(E)
    -> R?
  {
    guard lock.try() else { return nil }
    defer { lock.unlock() }
    return try body(&state)
  }
}
