import Foundation

/// Per-area work on all cores. Element i is computed from i alone, whatever
/// thread runs it, so the result equals the sequential one for any number of cores.
/// Work is split into chunks of at least `minimumChunk` indexes (below about
/// 2,000 cheap elements a thread hand-off costs more than it saves; give 1 for a
/// few costly ones) and run with `DispatchQueue.concurrentPerform`.
enum ConcurrentMap {
  /// `(0..<count).map(transform)`.
  static func map<T>(_ count: Int, minimumChunk: Int = 2_048, _ transform: (Int) -> T) -> [T] {
    map(count, minimumChunk: minimumChunk, state: { () }) { _, i in transform(i) }
  }

  /// As `map`, with scratch state made once per chunk (e.g. a reusable buffer);
  /// `transform` must not let the state carry anything from one element to the next.
  static func map<T, State>(
    _ count: Int, minimumChunk: Int = 2_048, state: () -> State,
    _ transform: (inout State, Int) -> T
  ) -> [T] {
    [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      let base = buffer.baseAddress
      forEachChunk(count, minimumChunk: minimumChunk) { range in
        var scratch = state()
        for i in range { (base! + i).initialize(to: transform(&scratch, i)) }
      }
      initialized = count
    }
  }

  /// A table of `count` rows of `width` values, every value `initial` until
  /// `fill(i, row)` sets those of row i (at i × width ..< (i + 1) × width).
  static func table<T>(
    rows count: Int, width: Int, initial: T, minimumChunk: Int = 2_048,
    _ fill: (Int, UnsafeMutableBufferPointer<T>) -> Void
  ) -> [T] {
    var table = [T](repeating: initial, count: count * width)
    table.withUnsafeMutableBufferPointer { buffer in
      let base = buffer.baseAddress
      forEachChunk(count, minimumChunk: minimumChunk) { range in
        for i in range {
          fill(i, UnsafeMutableBufferPointer(start: base.map { $0 + i * width }, count: width))
        }
      }
    }
    return table
  }

  /// `body` on consecutive ranges covering 0..<count, in parallel.
  private static func forEachChunk(_ count: Int, minimumChunk: Int, _ body: (Range<Int>) -> Void) {
    guard count > 0 else { return }
    let chunks = min(
      count / max(1, minimumChunk) + 1, count, 8 * ProcessInfo.processInfo.activeProcessorCount)
    let size = (count + chunks - 1) / chunks
    // Swift 6: `body` runs on other threads; see `UncheckedSendable`.
    withoutActuallyEscaping(body) { body in
      let body = UncheckedSendable(body)
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        body.value(min(count, chunk * size)..<min(count, (chunk + 1) * size))
      }
    }
  }
}
