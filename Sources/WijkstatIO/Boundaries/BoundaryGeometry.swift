import Foundation
import GDALBridge
import WijkstatCore

extension BoundaryReader {
  // MARK: - geometry

  /// Geometries ready for the core, with what was found on the way.
  struct PreparedBatch {
    var shapes: [MultiPolygon] = []
    /// Per shape, its points before projection when projection was its only
    /// change (kept only when asked for).
    var lonLat: [MultiPolygon?] = []
    /// Per shape, the geometry before repair (in RD New) when it was repaired.
    var unrepaired: [MultiPolygon?] = []
    var invalid = 0
    var empty = 0
    var flattened = 0
    var nonPolygonal = 0
    var invalidAfterTransform = 0

    /// Appends a later batch.
    mutating func append(_ other: PreparedBatch) {
      shapes += other.shapes
      unrepaired += other.unrepaired
      lonLat += other.lonLat
      invalid += other.invalid
      empty += other.empty
      flattened += other.flattened
      nonPolygonal += other.nonPolygonal
      invalidAfterTransform += other.invalidAfterTransform
    }
  }

  /// Flattens, linearises, repairs and projects a batch of geometries to RD New
  /// (`transformations`: nil for data already in RD New, else one per part) and
  /// converts them to Swift values, on all cores; feature numbers start at
  /// `firstFeature` (for messages). A part's first error is thrown, the lowest
  /// feature first.
  static func prepareGeometries(
    _ batch: [Geometry?], firstFeature: Int, transformations: [CoordinateTransformation?],
    source: String,
    location: String, keepLonLat: Bool = false
  ) throws -> PreparedBatch {
    // One part per transformation (each part uses its own).
    let parts = try ParallelFor.chunks(
      batch.count, .parts(batch.count < 256 ? 1 : transformations.count)
    ) { part, range in
      var result = PreparedBatch()
      result.shapes.reserveCapacity(range.count)
      for index in range {
        let featureNumber = firstFeature + index
        // Every path below appends one shape; `lonLat` gets one entry with it.
        var beforeProjection: MultiPolygon? = nil
        var beforeRepair: Geometry? = nil
        defer { result.lonLat.append(beforeProjection) }
        defer {
          // The unrepaired geometry, projected like the repaired one.
          if let beforeRepair, let shape = try? WKB.multiPolygon(from: beforeRepair.wkb()) {
            result.unrepaired.append(shape)
          } else {
            result.unrepaired.append(nil)
          }
        }
        guard var geometry = batch[index], !geometry.isEmpty else {
          result.empty += 1
          result.shapes.append(MultiPolygon([]))
          continue
        }
        if geometry.hasZOrM {
          result.flattened += 1
          geometry.flattenTo2D()
        }
        if geometry.hasCurves { geometry = geometry.linearised() }
        if !geometry.isPolygonal && geometry.typeName != "GeometryCollection" {
          result.nonPolygonal += 1
          result.shapes.append(MultiPolygon([]))
          continue
        }
        if !geometry.isValid {
          result.invalid += 1
          do {
            beforeRepair = geometry.clone()
            geometry = try geometry.makeValid()
          } catch let error as GDALError {
            throw UserError(
              "feature \(featureNumber): invalid geometry that cannot be repaired: \(error.messages.joined(separator: "; "))",
              source: source, location: location)
          }
        }
        if let toRD = transformations[part] {
          do {
            if keepLonLat { beforeProjection = try WKB.multiPolygon(from: geometry.wkb()) }
            try geometry.transform(toRD)
            if let original = beforeRepair, (try? original.transform(toRD)) == nil {
              beforeRepair = nil
            }
            // Reprojection can make a valid ring touch itself (vertices a few
            // centimetres apart); measurement in RD needs valid polygons.
            if !geometry.isValid {
              result.invalidAfterTransform += 1
              if beforeRepair == nil { beforeRepair = geometry.clone() }
              geometry = try geometry.makeValid()
              beforeProjection = nil
            }
          } catch let error as GDALError {
            throw UserError(
              "feature \(featureNumber): cannot transform to RD New: \(error.messages.joined(separator: "; "))",
              source: source, location: location)
          }
        }
        let shape = try WKB.multiPolygon(from: geometry.wkb())
        if shape.isEmpty { result.empty += 1 }
        result.shapes.append(shape)
      }
      return result
    }
    var total = PreparedBatch()
    total.shapes.reserveCapacity(batch.count)
    for part in parts { total.append(part) }
    return total
  }
}
