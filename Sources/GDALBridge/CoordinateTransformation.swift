import CGDAL
import Foundation

/// An owned OGR coordinate transformation between two CRSs (PROJ picks the
/// best available operation, e.g. the RDNAPTRANS-based grid for Amersfoort ↔ WGS84
/// when installed, otherwise the published Helmert parameters).
/// Not `Sendable` (as GEOSwift keeps its handles): GDAL objects are not safe to use
/// from two threads at once, so each task makes or clones its own.
public final class CoordinateTransformation {
  let handle: OGRCoordinateTransformationH
  public let source: SpatialReference
  public let target: SpatialReference

  public init(from source: SpatialReference, to target: SpatialReference) throws {
    self.source = source
    self.target = target
    let result = withGDALErrors { fail -> Result<OGRCoordinateTransformationH, GDALError> in
      guard let handle = OCTNewCoordinateTransformation(source.handle, target.handle) else {
        return .failure(
          fail(
            "no transformation from \(source.epsgCode ?? source.name ?? "?") to \(target.epsgCode ?? target.name ?? "?")"
          ))
      }
      return .success(handle)
    }
    handle = try result.get()
  }

  private init(
    handle: OGRCoordinateTransformationH, source: SpatialReference, target: SpatialReference
  ) {
    self.handle = handle
    self.source = source
    self.target = target
  }

  deinit { OCTDestroyCoordinateTransformation(handle) }

  /// A transformation between two CRSs, as a clone of one made once per process
  /// for that pair (keyed by the CRSs' WKT): making one looks the operation up in
  /// PROJ's database (about 11 ms), cloning it takes 0.2 ms, and a run makes one
  /// per map and per boundary file.
  public static func shared(from source: SpatialReference, to target: SpatialReference) throws
    -> CoordinateTransformation
  {
    let key = (source.wkt ?? source.name ?? "?") + "\u{1}" + (target.wkt ?? target.name ?? "?")
    templatesLock.lock()
    defer { templatesLock.unlock() }
    if let template = templates[key] { return try template.clone() }
    let template = try CoordinateTransformation(from: source, to: target)
    templates[key] = template
    return try template.clone()
  }
  /// `nonisolated(unsafe)`, safe: private, and read and written only in
  /// `shared(from:to:)` while `templatesLock` is held; a template never leaves it
  /// (callers get clones, made under the lock), so each template is used by one
  /// thread at a time, as OGR requires. Not WijkstatCore's `Locked`: GDALBridge
  /// depends on no Swift target, and `Locked` holds only `Sendable` values, which a
  /// transformation (one thread at a time) deliberately is not.
  nonisolated(unsafe) private static var templates: [String: CoordinateTransformation] = [:]
  private static let templatesLock = NSLock()

  /// An independent copy (OCTClone), for another thread: cheaper than creating
  /// the transformation again, which looks the operation up in PROJ's database.
  public func clone() throws -> CoordinateTransformation {
    guard let copy = OCTClone(handle) else {
      return try CoordinateTransformation(from: source, to: target)
    }
    return CoordinateTransformation(handle: copy, source: source, target: target)
  }

  /// Transforms coordinates in place (x and y arrays of equal length). Throws
  /// when any point fails, naming how many.
  public func transform(x: inout [Double], y: inout [Double]) throws {
    precondition(x.count == y.count, "x and y must have the same length")
    try x.withUnsafeMutableBufferPointer { xs in
      try y.withUnsafeMutableBufferPointer { ys in
        guard let xBase = xs.baseAddress, let yBase = ys.baseAddress else { return }
        try transform(x: xBase, y: yBase, count: xs.count)
      }
    }
  }

  /// Transforms `count` points in place through raw buffers, for callers that
  /// split one large coordinate array between threads (one transformation object
  /// per thread: OGR transformations are not thread-safe). Throws when any point
  /// fails, naming how many.
  public func transform(
    x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>, count: Int
  ) throws {
    guard count > 0 else { return }
    var success = [Int32](repeating: 0, count: count)
    let ok = success.withUnsafeMutableBufferPointer { flags in
      // OCTTransformEx returns TRUE only when every point transformed.
      OCTTransformEx(handle, Int32(count), x, y, nil, flags.baseAddress)
    }
    if ok == 0 {
      let failed = success.filter { $0 == 0 }.count
      throw GDALError(
        context: "transforming coordinates",
        messages: ["\(failed) of \(count) points could not be transformed"])
    }
  }

  /// Transforms a bounding box, densifying its edges (OCTTransformBounds, 21 points per side).
  public func transformBounds(minX: Double, minY: Double, maxX: Double, maxY: Double) throws -> (
    Double, Double, Double, Double
  ) {
    var out = (0.0, 0.0, 0.0, 0.0)
    // OCTTransformBounds returns TRUE on success.
    let ok = OCTTransformBounds(handle, minX, minY, maxX, maxY, &out.0, &out.1, &out.2, &out.3, 21)
    guard ok != 0 else {
      throw GDALError(
        context: "transforming an extent", messages: ["the extent could not be transformed"])
    }
    return out
  }
}
