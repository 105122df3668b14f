import Foundation
import GDALBridge
import WijkstatCore

/// Repair and projection of the geometries read (`BoundaryScan.readFeatures`):
/// per batch on all cores, per geometry `repaired`, then `projected`.
extension BoundaryReader {
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
        let shape = try prepare(
          batch[index], featureNumber: firstFeature + index, toRD: transformations[part],
          keepLonLat: keepLonLat, source: source, location: location, counts: &result)
        result.shapes.append(shape.shape)
        result.lonLat.append(shape.lonLat)
        result.unrepaired.append(shape.unrepaired)
      }
      return result
    }
    var total = PreparedBatch()
    total.shapes.reserveCapacity(batch.count)
    for part in parts { total.append(part) }
    return total
  }

  /// One geometry prepared for the core (see `prepareGeometries`).
  struct PreparedShape {
    var shape: MultiPolygon
    /// Its points before projection, when projection was its only change.
    var lonLat: MultiPolygon? = nil
    /// The geometry before repair (projected like the shape), when it was repaired.
    var unrepaired: MultiPolygon? = nil
  }

  /// One geometry: repaired (`repaired`), projected (`projected`), converted to a
  /// Swift value. An empty or non-polygonal geometry is an empty shape (counted).
  static func prepare(
    _ geometry: Geometry?, featureNumber: Int, toRD: CoordinateTransformation?, keepLonLat: Bool,
    source: String, location: String, counts: inout PreparedBatch
  ) throws -> PreparedShape {
    guard
      let repair = try repaired(
        geometry, featureNumber: featureNumber, source: source, location: location,
        counts: &counts)
    else { return PreparedShape(shape: MultiPolygon([])) }
    var geometry = repair.geometry
    var beforeRepair = repair.beforeRepair
    var beforeProjection: MultiPolygon? = nil
    if let toRD {
      (geometry, beforeRepair, beforeProjection) = try projected(
        geometry, beforeRepair: beforeRepair, toRD: toRD, keepLonLat: keepLonLat,
        featureNumber: featureNumber, source: source, location: location, counts: &counts)
    }
    let shape = try WKB.multiPolygon(from: geometry.wkb())
    if shape.isEmpty { counts.empty += 1 }
    // The unrepaired geometry, projected like the repaired one.
    let unrepaired = beforeRepair.flatMap { try? WKB.multiPolygon(from: $0.wkb()) }
    return PreparedShape(shape: shape, lonLat: beforeProjection, unrepaired: unrepaired)
  }

  /// Repair: 3D coordinates flattened (counted), curves linearised, an invalid
  /// polygon made valid with GEOS MakeValid (counted; a copy from before is
  /// returned beside it). Nil for an empty or non-polygonal geometry (counted).
  static func repaired(
    _ geometry: Geometry?, featureNumber: Int, source: String, location: String,
    counts: inout PreparedBatch
  ) throws -> (geometry: Geometry, beforeRepair: Geometry?)? {
    guard var geometry, !geometry.isEmpty else {
      counts.empty += 1
      return nil
    }
    if geometry.hasZOrM {
      counts.flattened += 1
      geometry.flattenTo2D()
    }
    if geometry.hasCurves { geometry = geometry.linearised() }
    if !geometry.isPolygonal && geometry.typeName != "GeometryCollection" {
      counts.nonPolygonal += 1
      return nil
    }
    var beforeRepair: Geometry? = nil
    if !geometry.isValid {
      counts.invalid += 1
      do {
        beforeRepair = geometry.clone()
        geometry = try geometry.makeValid()
      } catch let error as GDALError {
        throw UserError(
          "feature \(featureNumber): invalid geometry that cannot be repaired: \(error.messages.joined(separator: "; "))",
          source: source, location: location)
      }
    }
    return (geometry, beforeRepair)
  }

  /// Projection of a repaired geometry to RD New (and of its copy from before
  /// repair, dropped when that one cannot be projected). Reprojection can make a
  /// valid ring touch itself (vertices a few centimetres apart); measurement in
  /// RD needs valid polygons, so such a geometry is repaired again (counted).
  /// With `keepLonLat`, the points before projection, when projection was the
  /// only change.
  static func projected(
    _ geometry: Geometry, beforeRepair: Geometry?, toRD: CoordinateTransformation,
    keepLonLat: Bool, featureNumber: Int, source: String, location: String,
    counts: inout PreparedBatch
  ) throws -> (geometry: Geometry, beforeRepair: Geometry?, beforeProjection: MultiPolygon?) {
    var geometry = geometry
    var beforeRepair = beforeRepair
    var beforeProjection: MultiPolygon? = nil
    do {
      if keepLonLat { beforeProjection = try WKB.multiPolygon(from: geometry.wkb()) }
      try geometry.transform(toRD)
      if let original = beforeRepair, (try? original.transform(toRD)) == nil {
        beforeRepair = nil
      }
      if !geometry.isValid {
        counts.invalidAfterTransform += 1
        if beforeRepair == nil { beforeRepair = geometry.clone() }
        geometry = try geometry.makeValid()
        beforeProjection = nil
      }
    } catch let error as GDALError {
      throw UserError(
        "feature \(featureNumber): cannot transform to RD New: \(error.messages.joined(separator: "; "))",
        source: source, location: location)
    }
    return (geometry, beforeRepair, beforeProjection)
  }
}
