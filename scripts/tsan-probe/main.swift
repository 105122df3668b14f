// scripts/tsan.sh --probe: WijkstatCore's data-parallel helpers compiled alone with
// the thread sanitizer and driven as the package's call sites drive them (issue 17).
// Session 7: TSan reported 2 races, ParallelParts.Results.values and SharedBuffer.values
// (one Swift array in a class modified from several threads; see UncheckedSendable.swift).
import Foundation
let squares = ConcurrentMap.map(100_000, minimumChunk: 64) { $0 * $0 }
precondition(squares[99_999] == 99_999 * 99_999)
let table = ConcurrentMap.table(rows: 10_000, width: 3, initial: 0.0, minimumChunk: 16) { i, row in
  for k in 0..<3 { row[k] = Double(i * 3 + k) }
}
precondition(table[29_999] == 29_999)
let parts = try ParallelParts.map(50_000, parts: 8) { part, range in range.reduce(0, +) + part * 0 }
precondition(parts.reduce(0, +) == (0..<50_000).reduce(0, +))
let buffer = SharedBuffer(repeating: 0.0, count: 6_400)
PermutationStreams.run(chunks: 100, seed: 12345) { chunk, random in
  for p in (chunk * 64)..<((chunk + 1) * 64) { buffer.values[p] = Double.random(in: 0..<1, using: &random) }
}
let task = BackgroundTask { (0..<1_000).reduce(0, +) }
let sum = try task.value()
precondition(sum == 499_500)
print("probe done: \(squares.count) squares, \(table.count) cells, \(parts.count) parts, \(buffer.values.count) permutations")
