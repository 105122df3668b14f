import Dispatch
import Foundation

/// Work started on another thread at once; `value()` waits for it and returns its
/// result or rethrows its error (as often as asked).
///
/// Left only for the reading of the inputs (`InputLoader`: the tables and
/// checksums read beside the boundaries, and the PC-4 overlay that the join
/// waits for), because `InputLoader.load` is synchronous for every command; the
/// run's own schedule is structured (`ProjectJob.write`: a task group and
/// `async let`). Do not add uses: new concurrent stages belong in a task group.
///
/// `@unchecked Sendable`, safe: `result` is written once, by the work on its
/// thread inside the `group`'s enter/leave, and read only after `group.wait()`
/// returned, which orders the write before every read (DispatchGroup's leave
/// happens-before the return of wait); `work` is `@Sendable`.
public final class BackgroundTask<Value>: @unchecked Sendable {
  private let group = DispatchGroup()
  private var result: Result<Value, Error>?

  public init(_ work: @escaping @Sendable () throws -> Value) {
    DispatchQueue.global().async(group: group) { [self] in
      result = Result { try work() }
    }
  }

  public func value() throws -> Value {
    group.wait()
    return try result!.get()
  }
}
