import Dispatch

/// `count` items split into `parts` consecutive ranges, one task per range on all
/// cores (`DispatchQueue.concurrentPerform`). For work that throws or needs a
/// resource per part (a GDAL transformation, prepared geometries); per-element
/// work that does not throw goes through `ConcurrentMap`.
public enum ParallelParts {
  /// `body(part, range)` for every part; the results in part order, or the error
  /// of the lowest-numbered part that failed.
  public static func map<Value>(
    _ count: Int, parts: Int, _ body: (_ part: Int, _ range: Range<Int>) throws -> Value
  ) throws -> [Value] {
    let parts = max(1, parts)
    let results = Results<Value>(count: parts)
    // Swift 6: `body` runs on other threads; see `UncheckedSendable`.
    withoutActuallyEscaping(body) { body in
      let body = UncheckedSendable(body)
      DispatchQueue.concurrentPerform(iterations: parts) { part in
        let range = (count * part / parts)..<(count * (part + 1) / parts)
        results.values[part] = Result { try body.value(part, range) }
      }
    }
    return try results.values.map { try $0!.get() }
  }

  /// Slots that the parts fill at their own index.
  private final class Results<Value>: @unchecked Sendable {
    var values: [Result<Value, Error>?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
  }
}
