import Foundation

/// Values computed once per key and shared, safe to ask for from several
/// threads: the first caller computes (outside the lock), later callers of the
/// same key wait for that result instead of computing it again. An error is
/// remembered like a value; with `Failure == Never` asking cannot throw. For
/// analyses that maps and tables share while parts of a run go on concurrently.
public final class OnceCache<Key: Hashable, Value, Failure: Error>: @unchecked Sendable {
  private final class Slot {
    let done = DispatchGroup()
    var result: Result<Value, Failure>?
    init() { done.enter() }
  }
  private let lock = NSLock()
  private var slots: [Key: Slot] = [:]

  public init() {}

  public func value(for key: Key, _ compute: () throws(Failure) -> Value) throws(Failure) -> Value {
    lock.lock()
    if let slot = slots[key] {
      lock.unlock()
      slot.done.wait()
      return try slot.result!.get()
    }
    let slot = Slot()
    slots[key] = slot
    lock.unlock()
    do {
      slot.result = .success(try compute())
    } catch {
      slot.result = .failure(error)
    }
    slot.done.leave()
    return try slot.result!.get()
  }

  /// The finished values, for lookups that are satisfied by any of them.
  public var finished: [(key: Key, value: Value)] {
    lock.lock()
    let current = slots
    lock.unlock()
    return current.compactMap { key, slot in
      guard let result = slot.result, case .success(let value) = result else { return nil }
      return (key, value)
    }
  }
}
