import Foundation
import WijkstatCore

/// WGS84 longitude/latitude remembered per geometry in RD New, so that a run
/// projects each area back at most once, however many GeoJSON maps show it, and
/// not at all when the boundary source was in WGS84 and reading changed nothing
/// but the projection: those areas keep the source's own coordinates (the
/// boundary reader teaches them). Keyed by the geometry's value, its points, so
/// any layer or subset of it finds them.
public final class LonLatMemo: @unchecked Sendable {
  private let lock = NSLock()
  private var known: [MultiPolygon: (x: [Double], y: [Double])] = [:]
  /// Batches being learnt on another core; asking waits for them.
  private var learning: [BackgroundTask<Void>] = []

  public init() {}

  /// Learns (geometry in RD New, the same before projection) pairs on another
  /// core: hashing every point of a national layer is not worth a wait.
  func learn(_ pairs: [(MultiPolygon, MultiPolygon)]) {
    let task = BackgroundTask { [self] in
      for (geometry, lonLat) in pairs { remember(geometry, lonLat: lonLat) }
    }
    lock.withLock { learning.append(task) }
  }

  private func finishLearning() {
    let pending = lock.withLock { learning }
    for task in pending { _ = try? task.value() }
  }

  /// Geometries remembered.
  var count: Int {
    finishLearning()
    return lock.withLock { known.count }
  }

  func lookup(_ geometry: MultiPolygon) -> (x: [Double], y: [Double])? {
    finishLearning()
    return lock.withLock { known[geometry] }
  }

  func remember(_ geometry: MultiPolygon, x: [Double], y: [Double]) {
    precondition(x.count == geometry.pointCount && y.count == x.count, "one position per point")
    lock.withLock { known[geometry] = (x, y) }
  }

  /// `lonLat` is `geometry` before projection: the same polygons, rings and
  /// number of points. Anything else is not remembered.
  func remember(_ geometry: MultiPolygon, lonLat: MultiPolygon) {
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
    remember(geometry, x: x, y: y)
  }
}
