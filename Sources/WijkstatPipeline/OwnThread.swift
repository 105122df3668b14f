import Foundation

/// Runs a job that blocks on a thread of its own, and suspends the calling task
/// until it is done.
///
/// The jobs of `run` beside its main line block their thread: GDAL writes
/// (a GeoPackage, the workbook), `ParallelFor` loops (which wait for their
/// chunks), `OnceCache` waits for a value another job is computing. Swift's
/// cooperative pool has one thread per core, two on the machines the run is
/// made for, so a child task that blocks keeps every task after it from
/// starting: the main line and the published panel's GeoPackage held both
/// threads, and Moran's I and LISA, started first, began only when the
/// GeoPackage was written (the real PC-4 run, issue 14). On a thread of its own
/// the job starts at once and the operating system shares the cores.
enum OwnThread {
  static func run<T: Sendable>(_ job: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread { continuation.resume(with: Result { try job() }) }
      // The main thread's stack size (8 MiB on Linux): the jobs are the same code
      // as the rest of the run, which never runs on a smaller stack.
      thread.stackSize = 8 << 20
      thread.start()
    }
  }
}
