/// Values computed once per typed key and shared, safe to ask for from several
/// tasks at once: the first caller of a key computes it while holding that key's
/// own lock, so later callers of the same key wait for the value instead of
/// computing it again, and callers of other keys go on. An error is remembered
/// like a value; with `Failure == Never` asking cannot throw. A checked
/// `Sendable`: all its state is behind `Locked`s.
///
/// A compute closure must not ask for its own key (it would wait for itself);
/// asking for other keys is fine (rates ask for weights).
public final class OnceCache<Key: Hashable & Sendable, Value: Sendable, Failure: Error>: Sendable {
  private typealias Entry = Locked<Result<Value, Failure>?>
  private let entries = Locked<[Key: Entry]>([:])

  public init() {}

  public func value(for key: Key, _ compute: () throws(Failure) -> Value) throws(Failure) -> Value {
    let entry = entries.withLock { entries in
      if let entry = entries[key] { return entry }
      let entry = Entry(nil)
      entries[key] = entry
      return entry
    }
    let result = entry.withLock { result -> Result<Value, Failure> in
      if let result { return result }
      let computed = Result { () throws(Failure) -> Value in try compute() }
      result = computed
      return computed
    }
    return try result.get()
  }

  /// The values computed so far (never one being computed), for lookups that
  /// any of several keys satisfies.
  public var finished: [(key: Key, value: Value)] {
    let all = entries.withLock { entries in entries.map { ($0.key, $0.value) } }
    return all.compactMap { key, entry in
      // An entry being computed holds its lock: it is not finished.
      guard let result = entry.withLockIfAvailable({ $0 }) ?? nil,
        case .success(let value) = result
      else { return nil }
      return (key, value)
    }
  }
}
