import Dispatch

/// Work started on another thread at once; `value()` waits for it and returns its
/// result or rethrows its error (as often as asked). For independent stages that
/// can overlap, such as reading tables while boundaries are read.
public final class BackgroundTask<Value>: @unchecked Sendable {
  private let group = DispatchGroup()
  private var result: Result<Value, Error>?

  public init(_ work: @escaping () throws -> Value) {
    DispatchQueue.global().async(group: group) { [self] in
      result = Result { try work() }
    }
  }

  public func value() throws -> Value {
    group.wait()
    return try result!.get()
  }
}
