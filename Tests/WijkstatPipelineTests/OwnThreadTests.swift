import Foundation
import Testing

@testable import WijkstatPipeline

/// `OwnThread.run`: a job that blocks gets a thread of its own, so more
/// blocking jobs than the cooperative pool has threads all run at once, and
/// a job's value and error reach the task that waits for it.
@Suite struct OwnThreadTests {
  /// One job more than there are cores (the cooperative pool's width), each
  /// waiting until every job has started. In the pool the last job would never
  /// start and the others would wait for ever; here each waits at most 20 s
  /// and reports whether everyone came, so a failure is a false, not a hang.
  @Test func moreBlockingJobsThanCoresAllRunAtOnce() async throws {
    let jobs = ProcessInfo.processInfo.activeProcessorCount + 1
    let started = DispatchSemaphore(value: 0)
    let everyone = DispatchSemaphore(value: 0)
    let met = try await withThrowingTaskGroup(of: Bool.self) { group in
      for _ in 0..<jobs {
        group.addTask {
          try await OwnThread.run {
            started.signal()
            return everyone.wait(timeout: .now() + 20) == .success
          }
        }
      }
      // The coordinator, on a thread of its own too: all jobs started, then release them.
      group.addTask {
        try await OwnThread.run {
          var arrived = 0
          while arrived < jobs, started.wait(timeout: .now() + 20) == .success { arrived += 1 }
          for _ in 0..<jobs { everyone.signal() }
          return arrived == jobs
        }
      }
      var all: [Bool] = []
      for try await result in group { all.append(result) }
      return all
    }
    #expect(met.count == jobs + 1)
    #expect(met.allSatisfy { $0 })
  }

  struct Failure: Error, Equatable { var code: Int }

  @Test func theJobsValueAndErrorReachTheCaller() async throws {
    let value = try await OwnThread.run { (1...10).reduce(0, +) }
    #expect(value == 55)
    await #expect(throws: Failure(code: 7)) { try await OwnThread.run { throw Failure(code: 7) } }
  }
}
