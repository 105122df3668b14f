import Dispatch
import Foundation

/// Work started on another thread at once; `value()` waits for it and returns its
/// result or rethrows its error (as often as asked). For independent stages that
/// can overlap, such as reading tables while boundaries are read.
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

/// Background work handed on to whoever finishes a job: writes that may go on
/// while later steps run, all awaited before the job's output counts as done.
public final class BackgroundGroup: @unchecked Sendable {
  private let lock = NSLock()
  private var tasks: [BackgroundTask<Void>] = []

  public init() {}

  public func add(_ task: BackgroundTask<Void>) { lock.withLock { tasks.append(task) } }

  /// Waits for every task; the first error (in the order added) is thrown.
  public func finish() throws {
    let all = lock.withLock { tasks }
    var first: Error? = nil
    for task in all {
      do { try task.value() } catch { if first == nil { first = error } }
    }
    if let first { throw first }
  }
}
