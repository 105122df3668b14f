import Dispatch
import Foundation
import Testing

@testable import WijkstatCore

@Suite struct LockedTests {
  /// 64 callers on all cores each add 1 to the same counter 1,000 times, and each
  /// appends its number once: no update is lost (64,000, and the numbers 0..<64,
  /// counted by hand). Under `scripts/tsan.sh` this is also the sanitizer's proof
  /// that it sees the lock (a `Synchronization.Mutex` here is reported as a race).
  @Test func updatesFromManyThreadsAreNotLost() {
    struct State { var count = 0, callers: [Int] = [] }
    let shared = Locked(State())
    DispatchQueue.concurrentPerform(iterations: 64) { caller in
      for _ in 0..<1_000 { shared.withLock { $0.count += 1 } }
      shared.withLock { $0.callers.append(caller) }
    }
    #expect(shared.withLock { $0.count } == 64_000)
    #expect(shared.withLock { $0.callers.sorted() } == Array(0..<64))
  }

  struct Refused: Error, Equatable {}

  /// A throwing body rethrows its own error type, and the lock is given back
  /// (the next call gets it and sees the value the body left).
  @Test func aThrowingBodyReleasesTheLock() {
    let shared = Locked([1, 2])
    #expect(throws: Refused()) {
      try shared.withLock { (values: inout [Int]) throws(Refused) -> Void in
        values.append(3)
        throw Refused()
      }
    }
    #expect(shared.withLockIfAvailable { $0 } == [1, 2, 3])
  }

  /// `withLockIfAvailable` does not wait: while another thread holds the lock it
  /// gives `nil`, and the value once the lock is free.
  @Test func ifAvailableDoesNotWaitForAHeldLock() {
    let shared = Locked(7)
    let held = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      shared.withLock { _ in
        held.signal()
        release.wait()
      }
      done.signal()
    }
    held.wait()
    let whileHeld = shared.withLockIfAvailable { $0 }
    release.signal()
    done.wait()
    #expect(whileHeld == nil)
    #expect(shared.withLockIfAvailable { $0 } == 7)
  }
}
