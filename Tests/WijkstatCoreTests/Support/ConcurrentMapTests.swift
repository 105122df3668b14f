import Testing

@testable import WijkstatCore

@Suite struct ConcurrentMapTests {
  @Test func sameAsASequentialMapAtEverySize() {
    // Sizes around the chunk boundaries, and more chunks than elements.
    for count in [0, 1, 2, 2_047, 2_048, 2_049, 10_001] {
      #expect(ConcurrentMap.map(count) { $0 * $0 } == (0..<count).map { $0 * $0 })
      #expect(
        ConcurrentMap.map(count, minimumChunk: 1) { String($0) } == (0..<count).map { String($0) })
      let withScratch = ConcurrentMap.map(count, state: { [Int]() }) { scratch, i -> Int in
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: 0...(i % 5))
        return scratch.reduce(0, +)
      }
      #expect(withScratch == (0..<count).map { (0...($0 % 5)).reduce(0, +) })
    }
  }

  @Test func tableRowsAreFilledInPlace() {
    // Row i holds i, 10 i, and the initial value where it writes nothing.
    let table = ConcurrentMap.table(rows: 5_000, width: 3, initial: -1.0) { i, row in
      row[0] = Double(i)
      row[1] = Double(10 * i)
    }
    let expected: [Double] = (0..<5_000).flatMap { i -> [Double] in [Double(i), Double(10 * i), -1]
    }
    #expect(table == expected)
    #expect(ConcurrentMap.table(rows: 0, width: 3, initial: 0.0) { _, _ in }.isEmpty)
  }
}
