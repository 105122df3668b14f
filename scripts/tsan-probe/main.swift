// scripts/tsan.sh --probe: WijkstatCore's data-parallel helper (ParallelFor), its
// lock (Locked) and the cache built on it (OnceCache), compiled alone with the thread
// sanitizer and driven as the package's call sites drive them (issue 17). Session 7's
// probe of the old helpers reported 2 races (ParallelParts.Results.values and
// SharedBuffer.values: one Swift array in a class modified from several threads);
// ParallelFor replaced them (session 8). OnceCache, LonLatMemo and DeferredWrites used
// to lock with Synchronization.Mutex, which the sanitizer does not see on Linux (a
// false report: scripts/tsan-probe/mutex-control.swift, `tsan.sh --mutex-control`);
// since session 9 they lock with Locked (NSLock, which it sees).
import Foundation

// In a nonisolated function: closures written in top-level code would be isolated to
// the main actor, and Swift 6 traps when they run on another thread.
enum Probe {
  struct Odd: Error {}

  static func run() throws {
    // As SmallAreaRates/Trends (map), EmpiricalBayesRates (map with scratch state),
    // CorrelationAnalysis (table).
    let squares = ParallelFor.map(100_000, minimumChunk: 64) { $0 * $0 }
    precondition(squares[99_999] == 99_999 * 99_999)
    let scratch = ParallelFor.map(50_000, minimumChunk: 16, state: { [Int]() }) {
      window, i -> Int in
      window.removeAll(keepingCapacity: true)
      window.append(contentsOf: 0...(i % 7))
      return window.count
    }
    precondition(scratch[13] == 7)
    let table = ParallelFor.table(rows: 10_000, width: 3, initial: 0.0, minimumChunk: 16) {
      i, row in
      for k in 0..<3 { row[k] = Double(i * 3 + k) }
    }
    precondition(table[29_999] == 29_999)
    // As BoundaryReader/GeoJSONWriter/AreaOverlay (parts, throwing).
    let parts = try ParallelFor.chunks(50_000, .parts(8)) { part, range throws -> Int in
      range.reduce(0, +) + part * 0
    }
    precondition(parts.reduce(0, +) == (0..<50_000).reduce(0, +))
    do {
      _ = try ParallelFor.chunks(1_000, .size(10)) { chunk, _ throws -> Int in
        if chunk % 2 == 1 { throw Odd() }
        return chunk
      }
      preconditionFailure("no error")
    } catch is Odd {}
    // As MoranGlobal and LocalMoran (a random stream per chunk of permutations).
    let permutations = ParallelFor.chunks(6_400, .size(64)) { chunk, range -> [Double] in
      var random = SeededRandom(seed: 12345, stream: chunk)
      return range.map { _ in Double.random(in: 0..<1, using: &random) }
    }
    precondition(permutations.count == 100)
    // As AnalysisContext (OnceCache: several stages ask for the same weights and
    // rates at once, and look through the finished ones), and LonLatMemo and
    // DeferredWrites (one Locked value, filled and taken from several threads).
    let cache = OnceCache<Int, [Int], Never>()
    let asked = ParallelFor.chunks(64, .size(1)) { chunk, _ -> [Int] in
      let value = cache.value(for: chunk % 4) { [chunk % 4, chunk % 4 * 10] }
      _ = cache.finished
      return value
    }
    precondition(asked.enumerated().allSatisfy { $1 == [$0 % 4, $0 % 4 * 10] })
    precondition(cache.finished.count == 4)
    let writes = Locked<[Int]>([])
    let taken = ParallelFor.chunks(1_000, .size(10)) { chunk, range -> Int in
      for i in range { writes.withLock { $0.append(i) } }
      return writes.withLock { all in
        defer { all = [] }
        return all.count
      }
    }
    precondition(taken.reduce(0, +) == 1_000 && writes.withLock { $0.isEmpty })
    print(
      "probe done: \(squares.count) squares, \(table.count) cells, \(parts.count) parts, \(permutations.count) permutation chunks, \(asked.count) cache callers, \(taken.count) lock users"
    )
  }
}
// Twenty rounds, so that chunks really overlap on a loaded machine (a control
// with the old pattern, one array in a class written by every chunk, needs a few
// rounds of work before TSan sees the race).
for _ in 0..<20 { try Probe.run() }
