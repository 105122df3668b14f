import CGDAL

/// An OGR geometry. Either owned (destroyed in deinit) or borrowed from a
/// feature, in which case it keeps that feature alive instead of freeing itself.
/// Not `Sendable` (as GEOSwift keeps its handles): GDAL objects are not safe to use
/// from two threads at once, so each task makes or clones its own.
public final class Geometry {
  let handle: OGRGeometryH
  /// The feature a borrowed geometry belongs to; nil when this object owns it.
  private let owner: Feature?

  init(owning handle: OGRGeometryH) {
    self.handle = handle
    self.owner = nil
  }

  init(borrowing handle: OGRGeometryH, from owner: Feature) {
    self.handle = handle
    self.owner = owner
  }

  /// A geometry from ISO or OGC well-known binary.
  public convenience init(wkb: [UInt8]) throws {
    var created: OGRGeometryH? = nil
    let status = wkb.withUnsafeBytes { bytes in
      // OGR_G_CreateFromWkbEx returns OGRERR_NONE (0) on success.
      OGR_G_CreateFromWkbEx(bytes.baseAddress, nil, &created, bytes.count)
    }
    guard status == OGRERR_NONE, let created else {
      throw GDALError(
        context: "building a geometry", messages: ["invalid WKB (OGR error \(status))"])
    }
    self.init(owning: created)
  }

  deinit {
    if owner == nil { OGR_G_DestroyGeometry(handle) }
  }

  /// An owned deep copy (safe to modify).
  public func clone() -> Geometry { Geometry(owning: OGR_G_Clone(handle)) }

  /// The flattened (2D) type name: `Polygon`, `MultiPolygon`, `GeometryCollection`, ...
  public var typeName: String {
    String(cString: OGRGeometryTypeToName(OGR_GT_Flatten(OGR_G_GetGeometryType(handle))))
  }

  public var isEmpty: Bool { OGR_G_IsEmpty(handle) != 0 }

  /// Whether the geometry is polygonal (Polygon, MultiPolygon, CurvePolygon, ...).
  public var isPolygonal: Bool {
    let flat = OGR_GT_Flatten(OGR_G_GetGeometryType(handle))
    return OGR_GT_IsSubClassOf(flat, wkbCurvePolygon) != 0
      || OGR_GT_IsSubClassOf(flat, wkbMultiSurface) != 0
  }

  /// OGC validity, through GEOS.
  public var isValid: Bool {
    withGDALErrors { _ in OGR_G_IsValid(handle) != 0 }
  }

  /// A valid version of this geometry (GEOS MakeValid via OGR_G_MakeValid). The
  /// result may be a collection mixing polygons with lines where a polygon collapsed.
  public func makeValid() throws -> Geometry {
    try withGDALErrors { fail in
      guard let repaired = OGR_G_MakeValid(handle) else {
        throw fail("repairing an invalid geometry")
      }
      return Geometry(owning: repaired)
    }
  }

  /// Drops Z and M (3D coordinates become 2D). Only on owned geometries.
  public func flattenTo2D() {
    precondition(owner == nil, "flattenTo2D on a borrowed geometry; clone it first")
    OGR_G_FlattenTo2D(handle)
  }

  /// Transforms the coordinates in place. Only on owned geometries.
  public func transform(_ transformation: CoordinateTransformation) throws {
    precondition(owner == nil, "transform on a borrowed geometry; clone it first")
    try withGDALErrors { fail in
      // OGR_G_Transform returns OGRERR_NONE (0) on success.
      guard OGR_G_Transform(handle, transformation.handle) == OGRERR_NONE else {
        throw fail("transforming a geometry")
      }
    }
  }

  /// ISO well-known binary, little endian.
  public func wkb() -> [UInt8] {
    let size = Int(OGR_G_WkbSizeEx(handle))
    var bytes = [UInt8](repeating: 0, count: size)
    bytes.withUnsafeMutableBufferPointer { buffer in
      // OGR_G_ExportToIsoWkb returns OGRERR_NONE; it cannot fail for a sized buffer.
      _ = OGR_G_ExportToIsoWkb(handle, wkbNDR, buffer.baseAddress)
    }
    return bytes
  }

  /// Planar area in the geometry's units (square metres in RD New).
  public var area: Double { OGR_G_Area(handle) }

  /// The intersection with another geometry (GEOS), or nil when GEOS fails.
  public func intersection(_ other: Geometry) -> Geometry? {
    withGDALErrors { _ in OGR_G_Intersection(handle, other.handle).map { Geometry(owning: $0) } }
  }

  public func intersects(_ other: Geometry) -> Bool {
    withGDALErrors { _ in OGR_G_Intersects(handle, other.handle) != 0 }
  }

  /// The envelope (minX, minY, maxX, maxY).
  public var envelope: (minX: Double, minY: Double, maxX: Double, maxY: Double) {
    var e = OGREnvelope()
    OGR_G_GetEnvelope(handle, &e)
    return (e.MinX, e.MinY, e.MaxX, e.MaxY)
  }

  /// Simplified copy that keeps topology of each geometry (OGR_G_SimplifyPreserveTopology).
  public func simplifiedPreservingTopology(tolerance: Double) -> Geometry? {
    withGDALErrors { _ in
      OGR_G_SimplifyPreserveTopology(handle, tolerance).map { Geometry(owning: $0) }
    }
  }
}

extension Geometry {
  /// Whether the geometry holds arcs (CircularString, CurvePolygon, ...).
  public var hasCurves: Bool { OGR_G_HasCurveGeometry(handle, 0) != 0 }

  /// A copy with arcs approximated by line segments (GDAL's default step).
  public func linearised() -> Geometry {
    Geometry(owning: OGR_G_GetLinearGeometry(handle, 0, nil))
  }
}

extension Geometry {
  /// Whether the geometry carries Z or M values.
  public var hasZOrM: Bool { OGR_G_Is3D(handle) != 0 || OGR_G_IsMeasured(handle) != 0 }
}

/// A geometry prepared by GEOS for many repeated predicate tests against it
/// (an indexed copy). Owns the prepared handle and keeps its source alive.
/// Not `Sendable`: GEOS prepares its index lazily, not thread-safely; one per task.
public final class PreparedGeometry {
  let handle: OGRPreparedGeometryH
  public let geometry: Geometry

  /// Nil when GDAL was built without GEOS prepared-geometry support.
  public init?(_ geometry: Geometry) {
    guard OGRHasPreparedGeometrySupport() != 0,
      let handle = OGRCreatePreparedGeometry(geometry.handle)
    else { return nil }
    self.handle = handle
    self.geometry = geometry
  }

  deinit { OGRDestroyPreparedGeometry(handle) }

  public func contains(_ other: Geometry) -> Bool {
    OGRPreparedGeometryContains(handle, other.handle) != 0
  }
  public func intersects(_ other: Geometry) -> Bool {
    OGRPreparedGeometryIntersects(handle, other.handle) != 0
  }
}
