import Dispatch
import Foundation
import Testing

@testable import WijkstatCore

@Suite struct OnceCacheTests {
  /// 64 callers on all cores ask for 4 keys at once: each key is computed once,
  /// and every caller gets that one value.
  @Test func computesEachKeyOnceForConcurrentCallers() throws {
    let cache = OnceCache<Int, [Int], Never>()
    let calls = Counter()
    let results = Box(Array(repeating: [Int](), count: 64))
    DispatchQueue.concurrentPerform(iterations: 64) { caller in
      let key = caller % 4
      let value = cache.value(for: key) {
        calls.add(key)
        Thread.sleep(forTimeInterval: 0.01)  // keep the others waiting
        return [key, key * 10]
      }
      results.set(caller, value)
    }
    #expect(calls.counts == [0: 1, 1: 1, 2: 1, 3: 1])
    #expect((0..<64).allSatisfy { results.values[$0] == [$0 % 4, ($0 % 4) * 10] })
    #expect(cache.finished.count == 4)
  }

  struct Failed: Error, Equatable {}

  /// An error is remembered: the second caller gets it without computing again.
  @Test func remembersAnError() {
    let cache = OnceCache<String, Int, Failed>()
    var computed = 0
    #expect(throws: Failed()) {
      try cache.value(for: "a") { () throws(Failed) -> Int in
        computed += 1
        throw Failed()
      }
    }
    #expect(throws: Failed()) {
      try cache.value(for: "a") { () throws(Failed) -> Int in
        computed += 1
        return 1
      }
    }
    #expect(computed == 1)
    #expect(cache.finished.isEmpty)
    #expect((try? cache.value(for: "b") { () throws(Failed) -> Int in 2 }) == 2)
    #expect(cache.finished.map(\.value) == [2])
  }

  /// A value being computed is not among the finished ones (asked from inside
  /// its own computation, where it certainly is unfinished), and asking does not
  /// wait for it.
  @Test func aValueBeingComputedIsNotFinished() {
    let cache = OnceCache<String, Int, Never>()
    #expect(cache.value(for: "b") { 2 } == 2)
    var inside: [String] = []
    let a = cache.value(for: "a") {
      inside = cache.finished.map(\.key)
      return 1
    }
    #expect(a == 1)
    #expect(inside == ["b"])
    #expect(Set(cache.finished.map(\.key)) == ["a", "b"])
  }

  /// Calls per key, behind a lock (a checked `Sendable`).
  final class Counter: Sendable {
    private let state = Locked<[Int: Int]>([:])
    var counts: [Int: Int] { state.withLock { $0 } }
    func add(_ key: Int) { state.withLock { $0[key, default: 0] += 1 } }
  }

  /// The callers' results, behind a lock (a checked `Sendable`).
  final class Box: Sendable {
    private let state: Locked<[[Int]]>
    init(_ values: [[Int]]) { state = Locked(values) }
    var values: [[Int]] { state.withLock { $0 } }
    func set(_ i: Int, _ value: [Int]) { state.withLock { $0[i] = value } }
  }
}
