import Foundation
import GDALBridge
import WijkstatCore

/// How one small area (a PC-4) lies in the large areas (gemeenten).
public struct OverlayAssignment: Sendable, Equatable {
  public var code: String
  /// The large area holding the largest share of the small area's surface.
  public var assignedTo: String
  /// That share, 0–1.
  public var share: Double
  /// Every large area holding at least 1% of the surface, largest first.
  public var parts: [(code: String, share: Double)]

  public static func == (a: OverlayAssignment, b: OverlayAssignment) -> Bool {
    a.code == b.code && a.assignedTo == b.assignedTo && a.share == b.share
      && a.parts.map(\.code) == b.parts.map(\.code) && a.parts.map(\.share) == b.parts.map(\.share)
  }
}

/// The result of assigning small areas to large ones.
public struct OverlayResult: Sendable {
  public var assignments: [OverlayAssignment]
  /// Small areas that overlap no large area at all.
  public var unassigned: [String]

  /// small code → large code.
  public var lookup: [String: String] {
    Dictionary(assignments.map { ($0.code, $0.assignedTo) }, uniquingKeysWith: { a, _ in a })
  }
  /// Small areas split over more than one large area (the largest share below 99%).
  public var split: [OverlayAssignment] { assignments.filter { $0.parts.count > 1 } }
}

/// Area-weighted overlay in RD New: each small area goes to the large area that
/// holds the largest share of its surface (GEOS intersection areas through OGR).
/// Candidates come from a bounding-box grid; a large area that wholly contains the
/// small one (a prepared-geometry test) settles it without computing an intersection.
/// The small areas are dealt to the cores in turn (every `parts`th area, so that
/// areas on borders, which need intersections, are shared evenly); each part has
/// its own prepared geometries (GEOS prepares their indexes lazily, not
/// thread-safely). The result is in the order of the small areas.
public enum AreaOverlay {
  public static func assign(_ small: AreaLayer, to large: AreaLayer) throws -> OverlayResult {
    let largeGeometries = try convertingGDALErrors {
      try large.areas.map { try Geometry(wkb: WKB.bytes(of: $0.geometry)) }
    }
    let index = BoundingBoxIndex(large.areas.map(\.geometry.boundingBox))
    let cores = small.areas.count < 200 ? 1 : ProcessInfo.processInfo.activeProcessorCount
    let count = small.areas.count
    let parts = try ParallelFor.chunks(count, .parts(cores)) { part, _ in
      try convertingGDALErrors {
        try assign(
          Array(stride(from: part, to: count, by: cores)), small: small, large: large,
          largeGeometries: largeGeometries, index: index)
      }
    }
    var byArea = [OverlayAssignment?](repeating: nil, count: count)
    var unassigned = [String?](repeating: nil, count: count)
    for part in parts {
      for (n, assignment) in part.assignments { byArea[n] = assignment }
      for (n, code) in part.unassigned { unassigned[n] = code }
    }
    return OverlayResult(
      assignments: byArea.compactMap { $0 }, unassigned: unassigned.compactMap { $0 })
  }

  static func assign(
    _ areaIndexes: [Int], small: AreaLayer, large: AreaLayer, largeGeometries: [Geometry],
    index: BoundingBoxIndex
  ) throws -> (assignments: [(Int, OverlayAssignment)], unassigned: [(Int, String)]) {
    var prepared: [PreparedGeometry??] = Array(repeating: nil, count: largeGeometries.count)
    func preparedGeometry(_ n: Int) -> PreparedGeometry? {
      if let done = prepared[n] { return done }
      let made = PreparedGeometry(largeGeometries[n])
      prepared[n] = .some(made)
      return made
    }
    var assignments: [(Int, OverlayAssignment)] = []
    var unassigned: [(Int, String)] = []
    assignments.reserveCapacity(areaIndexes.count)
    for n in areaIndexes {
      let area = small.areas[n]
      let candidates = index.candidates(intersecting: area.geometry.boundingBox)
      guard !candidates.isEmpty, area.geometry.area > 0 else {
        unassigned.append((n, area.code))
        continue
      }
      let geometry = try Geometry(wkb: WKB.bytes(of: area.geometry))
      if let whole = candidates.first(where: { preparedGeometry($0)?.contains(geometry) == true }) {
        assignments.append(
          (
            n,
            OverlayAssignment(
              code: area.code, assignedTo: large.areas[whole].code, share: 1,
              parts: [(large.areas[whole].code, 1)])
          ))
        continue
      }
      let total = area.geometry.area
      var parts: [(code: String, share: Double)] = []
      for candidate in candidates {
        if let p = preparedGeometry(candidate), !p.intersects(geometry) { continue }
        guard let overlap = geometry.intersection(largeGeometries[candidate]) else {
          throw UserError(
            "GEOS could not intersect \(small.level) \(area.code) with \(large.level) \(large.areas[candidate].code)",
            source: small.source)
        }
        let share = overlap.area / total
        if share >= 0.01 { parts.append((large.areas[candidate].code, min(share, 1))) }
      }
      parts.sort { $0.share != $1.share ? $0.share > $1.share : $0.code < $1.code }
      guard let best = parts.first else {
        unassigned.append((n, area.code))
        continue
      }
      assignments.append(
        (
          n,
          OverlayAssignment(code: area.code, assignedTo: best.code, share: best.share, parts: parts)
        ))
    }
    return (assignments, unassigned)
  }
}
