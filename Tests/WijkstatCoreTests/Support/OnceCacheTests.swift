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

  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var counts: [Int: Int] = [:]
    func add(_ key: Int) { lock.withLock { counts[key, default: 0] += 1 } }
  }

  final class Box<T>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: T
    init(_ values: T) { self.values = values }
    func set(_ i: Int, _ value: [Int]) where T == [[Int]] { lock.withLock { values[i] = value } }
  }
}
