/// A value handed to code running on other threads although its type is not
/// `Sendable`: the body closures of the data-parallel helpers (`ConcurrentMap`,
/// `ParallelParts`, `PermutationStreams`), which the Swift 6 language mode would
/// otherwise reject (their parameters are not `@Sendable`, so the callers' closures
/// may capture local `var`s and non-`Sendable` values such as GDAL handles).
///
/// Why it is safe there (each use names this contract):
/// - A helper's body runs only while the helper's call is under way (each call
///   waits for every chunk before it returns), so nothing the body captures can
///   end or change from outside meanwhile: the caller is blocked in the call.
/// - The bodies passed in this package only read what they capture (arrays,
///   dictionaries and structs made before the call, which are values, or
///   `Sendable` classes) and write only their own element, chunk or part: index i
///   of the output buffer by the chunk that owns i. Audited call sites (issue 17):
///   ConcurrentMap in SVGMap.lines, IntervalAttack.run (solve/retry, the solver and
///   `ComponentCache` are locked), ContrastAnalysis, Trends, SmallAreaRates,
///   CorrelationAnalysis, AreaWeights.restrictedLinks, ContiguityWeights,
///   EmpiricalBayesRates; PermutationStreams in MoranGlobal and LocalMoran (each
///   chunk writes only its own permutations' slots of a `SharedBuffer`);
///   ParallelParts in BoundaryReader (one GDAL transformation per part),
///   GeoJSONWriter and AreaOverlay (per-part GDAL objects made inside the part).
/// - A body that captured a mutable variable shared with another chunk would break
///   this contract; the helpers are to be replaced by checked structured
///   concurrency (issue 17, item 2), which removes this type.
/// - NOT covered, and a real race: the result holders `ParallelParts.Results` and
///   `SharedBuffer` (both `@unchecked Sendable`) let the parts assign into one Swift
///   array property from several threads. The indexes are disjoint, but each
///   assignment is a modifying access of the whole array (exclusivity, the
///   uniqueness check); the thread sanitizer reports both (`scripts/tsan.sh --probe`,
///   session 7). Writing through one `withUnsafeMutableBufferPointer` taken before
///   the parallel loop, as `ConcurrentMap` does, removes it.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
