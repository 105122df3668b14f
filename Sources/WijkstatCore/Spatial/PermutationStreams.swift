import Foundation

/// Reproducible parallel randomness: work is split into fixed chunks, each with
/// its own generator derived from (seed, chunk), so results depend on the seed
/// only, not on the number of threads. Chunks run on all cores with
/// `DispatchQueue.concurrentPerform`.
enum PermutationStreams {
  static func generator(seed: UInt64, chunk: Int) -> SeededRandom {
    SeededRandom(seed: seed ^ (UInt64(chunk) &+ 1) &* 0xD1B5_4A32_D192_ED03)
  }

  /// Runs `body(chunk, &generator)` for chunk 0..<chunks in parallel.
  static func run(chunks: Int, seed: UInt64, _ body: (Int, inout SeededRandom) -> Void) {
    // Swift 6: `body` runs on other threads; see `UncheckedSendable`.
    withoutActuallyEscaping(body) { body in
      let body = UncheckedSendable(body)
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        var random = generator(seed: seed, chunk: chunk)
        body.value(chunk, &random)
      }
    }
  }
}

/// A buffer that parallel chunks fill at disjoint indexes.
final class SharedBuffer<Element>: @unchecked Sendable {
  var values: [Element]
  init(repeating value: Element, count: Int) { values = Array(repeating: value, count: count) }
}
