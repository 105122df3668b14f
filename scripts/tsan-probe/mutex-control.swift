// scripts/tsan.sh --mutex-control: why wijkstat locks with Locked (NSLock) and not
// Synchronization.Mutex. A dictionary touched only inside Mutex.withLock from
// concurrentPerform: correct code, but on Linux (Swift 6.3.1) the thread sanitizer does
// not see Mutex and reports a data race (status 66). The same loop on NSLock is not
// reported. When a toolchain makes this run clean, Mutex could replace Locked.
import Dispatch
import Foundation
import Synchronization

enum Control {
  static func run() {
    let mutex = Mutex<[Int: [Int]]>([:])
    let lock = NSLock()
    nonisolated(unsafe) var guarded: [Int: [Int]] = [:]  // only inside lock.withLock
    for _ in 0..<200 {
      DispatchQueue.concurrentPerform(iterations: 8) { i in
        lock.withLock { guarded[i % 3, default: []].append(i) }
      }
    }
    print("NSLock: \(guarded.values.map(\.count).reduce(0, +)) appends, not reported")
    for _ in 0..<200 {
      DispatchQueue.concurrentPerform(iterations: 8) { i in
        mutex.withLock { $0[i % 3, default: []].append(i) }
      }
    }
    print("Mutex: \(mutex.withLock { $0.values.map(\.count).reduce(0, +) }) appends")
  }
}
Control.run()
