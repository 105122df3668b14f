import Testing

@testable import WijkstatCore

/// The hand-written draws must be the standard library's draws: the permutation
/// tests' p-values depend on the exact sequence.
@Suite struct SeededRandomTests {
  @Test func belowGivesTheLibrarysBoundedDraws() {
    for bound: UInt64 in [1, 2, 3, 7, 4037, 1 << 20, (1 << 63) + 12345, .max] {
      var ours = SeededRandom(seed: bound)
      var library = SeededRandom(seed: bound)
      for _ in 0..<1_000 {
        #expect(ours.below(bound) == library.next(upperBound: bound))
      }
    }
  }

  @Test func shuffleGivesTheLibrarysPermutation() {
    for count in [0, 1, 2, 3, 10, 4038] {
      for seed: UInt64 in [1, 12345, 2009] {
        var ours = SeededRandom(seed: seed)
        var library = SeededRandom(seed: seed)
        var a = (0..<count).map(Double.init)
        var b = a
        for _ in 0..<5 {
          a.withUnsafeMutableBufferPointer { ours.shuffle($0) }
          b.shuffle(using: &library)
          #expect(a == b, "count \(count), seed \(seed)")
        }
        // Still a permutation of the input.
        #expect(a.sorted() == (0..<count).map(Double.init))
        // Both generators are at the same point afterwards.
        #expect(ours.next() == library.next())
      }
    }
  }
}
