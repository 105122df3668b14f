import Foundation
import GDALBridge
import WijkstatCore

/// Projection: the CRS a boundary source is read in, and the transformation of
/// its geometries to RD New (EPSG:28992), where the core measures them.
extension BoundaryReader {
  /// The CRS: declared by the source, overridden by `options.crs`, or guessed
  /// from the coordinates (`guessCRS`, with a warning). Nil for a layer without
  /// geometry or extent and no CRS.
  static func sourceCRS(
    of layer: BoundarySource,
    extent sourceExtent: (minX: Double, minY: Double, maxX: Double, maxY: Double)?,
    options: BoundaryOptions, source: String, warnings: inout [String]
  ) throws -> SpatialReference? {
    var spatialReference = try layer.spatialReference()
    if let definition = options.crs {
      do {
        spatialReference = try SpatialReference(definition: definition)
      } catch let error as GDALError {
        throw UserError("--crs: \(error.description)", source: source)
      }
    }
    if spatialReference == nil, let extent = sourceExtent {
      spatialReference = try guessCRS(extent: extent, warnings: &warnings)
    }
    return spatialReference
  }

  /// The transformation from `crs` to `target`, nil when there is nothing to do
  /// (no CRS, or the same one).
  static func transformation(from crs: SpatialReference?, to target: SpatialReference) throws
    -> CoordinateTransformation?
  {
    guard let crs, !crs.isSame(as: target) else { return nil }
    return try CoordinateTransformation.shared(from: crs, to: target)
  }

  /// A source without a CRS: longitude/latitude when the numbers fit, RD New when
  /// they fit the Dutch grid; otherwise the user must say.
  static func guessCRS(
    extent: (minX: Double, minY: Double, maxX: Double, maxY: Double), warnings: inout [String]
  ) throws -> SpatialReference {
    if extent.minX >= -180, extent.maxX <= 180, extent.minY >= -90, extent.maxY <= 90 {
      warnings.append(
        "no CRS declared; coordinates look like longitude/latitude, read as EPSG:4326")
      return try SpatialReference.wgs84()
    }
    if extent.minX >= -7_000, extent.maxX <= 300_000, extent.minY >= 289_000,
      extent.maxY <= 629_000
    {
      warnings.append("no CRS declared; coordinates fit the Dutch grid, read as EPSG:28992")
      return try SpatialReference.rdNew()
    }
    throw UserError("no CRS declared and the coordinates fit neither WGS84 nor RD New; give --crs")
  }
}
