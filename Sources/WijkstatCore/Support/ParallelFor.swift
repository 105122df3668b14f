import Foundation

/// The one data-parallel loop of the package: `count` items split into fixed
/// chunks, the chunks run on all cores (`DispatchQueue.concurrentPerform`), and
/// each chunk's result returned in chunk order. The chunks depend only on `count`
/// and the chunking asked for, never on the number of cores or threads, so a body
/// that works on its own chunk alone (and a random stream seeded per chunk, see
/// `SeededRandom(seed:stream:)`) gives the same result on any machine.
///
/// The call returns when every chunk has finished (fork-join): nothing the body
/// captures can change meanwhile, since its caller waits in the call.
///
/// A body must read only values made before the call (or `Sendable` objects with
/// their own locks, such as a solver cache) and return what it computes; it must
/// not write to anything another chunk can see. The results are stored by the
/// helper, each chunk in its own slot (see `Slots`).
public enum ParallelFor {
  /// How `count` items are cut into chunks.
  public enum Chunking: Sendable {
    /// Chunks of `size` items (the last may be smaller): chunk c holds
    /// c·size ..< min(count, (c + 1)·size).
    case size(Int)
    /// `parts` chunks of (nearly) equal length: chunk c holds
    /// count·c/parts ..< count·(c + 1)/parts (some may be empty when parts > count).
    case parts(Int)
    /// For per-item work: count/minimum + 1 chunks of equal length (at most
    /// `count` and at most 64); give about 2,000 for cheap items (below that a
    /// thread hand-off costs more than it saves) and 1 for a few costly ones.
    case atLeast(Int)

    func ranges(_ count: Int) -> (chunks: Int, range: @Sendable (Int) -> Range<Int>) {
      switch self {
      case .size(let size):
        let size = max(1, size)
        return ((count + size - 1) / size, { c in (c * size)..<min(count, (c + 1) * size) })
      case .parts(let parts):
        let parts = max(1, parts)
        return (parts, { c in (count * c / parts)..<(count * (c + 1) / parts) })
      case .atLeast(let minimum):
        let chunks = max(1, min(count / max(1, minimum) + 1, count, 64))
        return (chunks, { c in (count * c / chunks)..<(count * (c + 1) / chunks) })
      }
    }
  }

  /// `body(chunk, range)` for every chunk; the results in chunk order, or the
  /// error of the lowest-numbered chunk that failed (every chunk runs to its end
  /// or its error either way).
  public static func chunks<Value, Failure: Error>(
    _ count: Int, _ chunking: Chunking,
    _ body: (_ chunk: Int, _ range: Range<Int>) throws(Failure) -> Value
  ) throws(Failure) -> [Value] {
    guard count > 0 else { return [] }
    let (chunks, range) = chunking.ranges(count)
    var results = [Result<Value, Failure>?](repeating: nil, count: chunks)
    if chunks == 1 {
      results[0] = Result { () throws(Failure) -> Value in try body(0, range(0)) }
    } else {
      results.withUnsafeMutableBufferPointer { buffer in
        withoutActuallyEscaping(body) { body in
          let slots = Slots(buffer: buffer, body: body)
          DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            slots.run(chunk, range(chunk))
          }
        }
      }
    }
    return try results.map { result throws(Failure) -> Value in try result!.get() }
  }

  /// `(0..<count).map(transform)`, in chunks of at least `minimumChunk` items.
  public static func map<T>(_ count: Int, minimumChunk: Int = 2_048, _ transform: (Int) -> T)
    -> [T]
  {
    map(count, minimumChunk: minimumChunk, state: { () }) { _, i in transform(i) }
  }

  /// As `map`, with scratch state made once per chunk (e.g. a reusable buffer);
  /// `transform` must not let the state carry anything from one item to the next.
  public static func map<T, State>(
    _ count: Int, minimumChunk: Int = 2_048, state: () -> State,
    _ transform: (inout State, Int) -> T
  ) -> [T] {
    let parts = chunks(count, .atLeast(minimumChunk)) { _, range -> [T] in
      var scratch = state()
      return range.map { transform(&scratch, $0) }
    }
    return parts.count == 1 ? parts[0] : Array(parts.joined())
  }

  /// A table of `rows` rows of `width` values, every value `initial` until
  /// `fill(i, row)` sets those of row i (at i × width ..< (i + 1) × width).
  public static func table<T>(
    rows count: Int, width: Int, initial: T, minimumChunk: Int = 2_048,
    _ fill: (Int, UnsafeMutableBufferPointer<T>) -> Void
  ) -> [T] {
    let parts = chunks(count, .atLeast(minimumChunk)) { _, range -> [T] in
      var part = [T](repeating: initial, count: range.count * width)
      part.withUnsafeMutableBufferPointer { part in
        for i in range {
          fill(
            i,
            UnsafeMutableBufferPointer(
              rebasing: part[
                ((i - range.lowerBound) * width)..<((i - range.lowerBound + 1) * width)]))
        }
      }
      return part
    }
    return parts.count == 1 ? parts[0] : Array(parts.joined())
  }

  /// What the parallel chunks share: the body and the result buffer.
  ///
  /// `@unchecked Sendable`, proved safe here:
  /// - `buffer` is the storage of `results` in `chunks`, taken once with
  ///   `withUnsafeMutableBufferPointer` before the loop and valid until it returns
  ///   (`concurrentPerform` returns only when every chunk has finished). Chunk c
  ///   writes only `buffer[c]`, which no other chunk reads or writes: the writes
  ///   are to disjoint memory, and no Swift array is accessed from two threads
  ///   (the race of the old `ParallelParts.Results`/`SharedBuffer`, which assigned
  ///   into one array property from every thread, is gone; `scripts/tsan.sh --probe`).
  /// - `body` is not `@Sendable` (callers' closures capture local values and
  ///   non-`Sendable` GDAL handles made per chunk); it runs only during the call,
  ///   its caller blocked meanwhile, and by this type's contract (above) it writes
  ///   nothing another chunk sees.
  private struct Slots<Value, Failure: Error>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Result<Value, Failure>?>
    let body: (Int, Range<Int>) throws(Failure) -> Value

    func run(_ chunk: Int, _ range: Range<Int>) {
      buffer[chunk] = Result { () throws(Failure) -> Value in try body(chunk, range) }
    }
  }
}
