import WijkstatCore

/// Writes a stage hands on instead of finishing them itself (a map's GeoPackage,
/// `MapMaker.make(finishing:)`), for the run's schedule (`ProjectJob.write`) to
/// run as child tasks beside its next steps. Each write is a closure over plain
/// `Sendable` values (the features, the path). A checked `Sendable`: one lock.
public final class DeferredWrites: Sendable {
  public typealias Write = @Sendable () throws -> Void
  private let writes = Locked<[Write]>([])

  public init() {}

  public func add(_ write: @escaping Write) { writes.withLock { $0.append(write) } }

  /// The writes added since the last call, in the order added.
  public func take() -> [Write] {
    writes.withLock { writes in
      defer { writes = [] }
      return writes
    }
  }
}
