import Foundation
import WijkstatCore

/// WGS84 longitude/latitude remembered per geometry in RD New, so that a run
/// projects each area back at most once, however many GeoJSON maps show it, and
/// not at all when the boundary source was in WGS84 and reading changed nothing
/// but the projection: those areas keep the source's own coordinates (the
/// boundary reader returns them, `Boundaries.sourceLonLat`, and `InputLoader`
/// hands them to the run's memo). Keyed by the geometry's value, its points, so
/// any layer or subset of it finds them. A map-output cache: the writers
/// (`GeoJSONWriter`) ask it and fill it; a checked `Sendable` (one lock).
public final class LonLatMemo: Sendable {
  private struct State {
    var known: [MultiPolygon: (x: [Double], y: [Double])] = [:]
    /// Pairs handed over but not hashed yet: hashing every point of a national
    /// layer is left to the first map that asks.
    var pending: [(MultiPolygon, MultiPolygon)] = []

    mutating func learnPending() {
      for (geometry, lonLat) in pending { remember(geometry, lonLat: lonLat) }
      pending = []
    }

    /// `lonLat` is `geometry` before projection: the same polygons, rings and
    /// number of points. Anything else is not remembered.
    mutating func remember(_ geometry: MultiPolygon, lonLat: MultiPolygon) {
      guard lonLat.polygons.count == geometry.polygons.count,
        zip(lonLat.polygons, geometry.polygons).allSatisfy({ a, b in
          a.rings.count == b.rings.count
            && zip(a.rings, b.rings).allSatisfy { $0.points.count == $1.points.count }
        })
      else { return }
      var x: [Double] = []
      var y: [Double] = []
      x.reserveCapacity(lonLat.pointCount)
      y.reserveCapacity(lonLat.pointCount)
      lonLat.appendPoints(x: &x, y: &y)
      known[geometry] = (x, y)
    }
  }
  private let state = Locked(State())

  public init() {}

  /// Learns (geometry in RD New, the same before projection) pairs, as
  /// `BoundaryReader.read(_:options:keepingLonLat:)` returns them; they are
  /// hashed when first asked for.
  public func learn(_ pairs: [(MultiPolygon, MultiPolygon)]) {
    guard !pairs.isEmpty else { return }
    state.withLock { $0.pending += pairs }
  }

  /// Geometries remembered.
  var count: Int {
    state.withLock { state in
      state.learnPending()
      return state.known.count
    }
  }

  func lookup(_ geometry: MultiPolygon) -> (x: [Double], y: [Double])? {
    state.withLock { state in
      state.learnPending()
      return state.known[geometry]
    }
  }

  func remember(_ geometry: MultiPolygon, x: [Double], y: [Double]) {
    precondition(x.count == geometry.pointCount && y.count == x.count, "one position per point")
    state.withLock { $0.known[geometry] = (x, y) }
  }
}
