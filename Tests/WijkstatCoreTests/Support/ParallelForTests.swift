import Testing

@testable import WijkstatCore

@Suite struct ParallelForTests {
  /// Expected values: the sequential `map` of the same closure (Swift's own).
  @Test func mapIsTheSequentialMapAtEverySize() {
    // Sizes around the chunk boundaries, and more chunks than elements.
    for count in [0, 1, 2, 2_047, 2_048, 2_049, 10_001, 200_000] {
      #expect(ParallelFor.map(count) { $0 * $0 } == (0..<count).map { $0 * $0 })
      #expect(
        ParallelFor.map(count, minimumChunk: 1) { String($0) } == (0..<count).map { String($0) })
      let withScratch = ParallelFor.map(count, state: { [Int]() }) { scratch, i -> Int in
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: 0...(i % 5))
        return scratch.reduce(0, +)
      }
      #expect(withScratch == (0..<count).map { (0...($0 % 5)).reduce(0, +) })
    }
  }

  @Test func tableRowsAreFilledInPlace() {
    // Row i holds i, 10 i, and the initial value where it writes nothing.
    let table = ParallelFor.table(rows: 5_000, width: 3, initial: -1.0) { i, row in
      row[0] = Double(i)
      row[1] = Double(10 * i)
    }
    let expected: [Double] = (0..<5_000).flatMap { i -> [Double] in [Double(i), Double(10 * i), -1]
    }
    #expect(table == expected)
    #expect(ParallelFor.table(rows: 0, width: 3, initial: 0.0) { _, _ in }.isEmpty)
  }

  /// The chunks are fixed by the count and the chunking alone (hand-computed
  /// ranges), whatever the number of cores.
  @Test func chunksAreFixedByTheCountAlone() {
    let bySize = ParallelFor.chunks(10, .size(4)) { chunk, range in (chunk, range) }
    #expect(bySize.map(\.0) == [0, 1, 2])
    #expect(bySize.map(\.1) == [0..<4, 4..<8, 8..<10])
    let byParts = ParallelFor.chunks(10, .parts(3)) { _, range in range }
    #expect(byParts == [0..<3, 3..<6, 6..<10])
    // More parts than items: the extra parts are empty.
    #expect(ParallelFor.chunks(2, .parts(4)) { _, range in range.count } == [0, 1, 0, 1])
    // 5,000 items, at least 2,048: 5000/2048 + 1 = 3 chunks of 1,666 or 1,667.
    #expect(
      ParallelFor.chunks(5_000, .atLeast(2_048)) { _, range in range }
        == [0..<1_666, 1_666..<3_333, 3_333..<5_000])
    #expect(ParallelFor.chunks(0, .size(4)) { _, range in range }.isEmpty)
  }

  /// A random stream per chunk: the parallel result is the one computed chunk
  /// by chunk in order on one thread (the permutation tests' reproducibility).
  @Test func streamsPerChunkGiveTheSequentialResult() {
    let parallel = ParallelFor.chunks(6_400, .size(64)) { chunk, range -> [UInt64] in
      var random = SeededRandom(seed: 12345, stream: chunk)
      return range.map { _ in random.next() }
    }
    var sequential: [UInt64] = []
    for chunk in 0..<100 {
      var random = SeededRandom(seed: 12345, stream: chunk)
      for _ in 0..<64 { sequential.append(random.next()) }
    }
    #expect(Array(parallel.joined()) == sequential)
    // Different streams differ.
    #expect(parallel[0][0] != parallel[1][0])
  }

  struct Failure: Error, Equatable { let chunk: Int }

  /// The error of the lowest-numbered failing chunk, although every chunk ran.
  @Test func theLowestFailingChunkIsThrown() {
    #expect(throws: Failure(chunk: 3)) {
      try ParallelFor.chunks(100, .size(10)) { chunk, _ throws(Failure) -> Int in
        if chunk == 3 || chunk == 7 { throw Failure(chunk: chunk) }
        return chunk
      }
    }
  }
}
