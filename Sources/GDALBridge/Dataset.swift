import CGDAL
import Foundation

/// An owned GDAL dataset (a file, a folder of Shapefiles, or a connection).
/// Datasets opened for reading are always read-only: wijkstat never writes to
/// its inputs. The handle is closed in deinit, or earlier with `close()`.
/// Not `Sendable` (as GEOSwift keeps its handles): GDAL objects are not safe to use
/// from two threads at once, so each task makes or clones its own.
public final class Dataset {
  private var rawHandle: GDALDatasetH?
  /// The path or connection string the dataset was opened from.
  public let source: String

  init(handle: GDALDatasetH, source: String) {
    self.rawHandle = handle
    self.source = source
  }

  deinit {
    if let rawHandle { GDALClose(rawHandle) }
  }

  var handle: GDALDatasetH {
    guard let rawHandle else { preconditionFailure("dataset \(source) used after close()") }
    return rawHandle
  }

  /// Opens a vector source read-only: a path (GeoJSON, GeoPackage, Shapefile,
  /// FlatGeobuf, KML, CSV, XLSX, ...) or a connection string (`PG:...`, `WFS:...`).
  public static func openVector(
    _ source: String, openOptions: [String] = [], drivers: [String]? = nil
  ) throws -> Dataset {
    try withGDALErrors { fail in
      let options = CStringList(openOptions)
      let allowed = drivers.map { CStringList($0) }
      // GDAL_OF_VERBOSE_ERROR makes GDAL say why an open failed.
      let flags = UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR)
      guard let handle = GDALOpenEx(source, flags, allowed?.constPointer, options.constPointer, nil)
      else {
        throw fail("cannot open \"\(source)\" as a vector source")
      }
      return Dataset(handle: handle, source: source)
    }
  }

  /// Creates a new dataset with a vector driver (`GeoJSON`, `GPKG`, `CSV`, ...).
  public static func create(driver name: String, path: String, options: [String] = []) throws
    -> Dataset
  {
    try withGDALErrors { fail in
      guard let driver = GDALGetDriverByName(name) else {
        throw fail("GDAL has no driver \"\(name)\"")
      }
      let creation = CStringList(options)
      guard let handle = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, creation.pointer) else {
        throw fail("cannot create \"\(path)\" with driver \(name)")
      }
      return Dataset(handle: handle, source: path)
    }
  }

  /// The short name of the driver that opened the dataset (`GeoJSON`, `GPKG`, `ESRI Shapefile`).
  public var driverName: String {
    String(cString: GDALGetDriverShortName(GDALGetDatasetDriver(handle)))
  }

  public var layerCount: Int { Int(GDALDatasetGetLayerCount(handle)) }

  public func layer(at index: Int) -> Layer? {
    GDALDatasetGetLayer(handle, Int32(index)).map { Layer(borrowing: $0, from: self) }
  }

  public func layer(named name: String) -> Layer? {
    GDALDatasetGetLayerByName(handle, name).map { Layer(borrowing: $0, from: self) }
  }

  public var layers: [Layer] { (0..<layerCount).compactMap { layer(at: $0) } }

  /// Creates a layer for writing.
  public func createLayer(
    name: String, spatialReference: SpatialReference?, geometry: LayerGeometry,
    options: [String] = []
  ) throws -> Layer {
    try withGDALErrors { fail in
      let creation = CStringList(options)
      guard
        let layer = GDALDatasetCreateLayer(
          handle, name, spatialReference?.handle, geometry.ogrType, creation.pointer)
      else { throw fail("cannot create layer \"\(name)\" in \"\(source)\"") }
      return Layer(borrowing: layer, from: self)
    }
  }

  /// Runs an SQL statement that returns no rows (`CREATE TABLE`, `INSERT`), in
  /// the driver's native dialect (SQLite for GeoPackage).
  public func execute(_ sql: String) throws {
    try withGDALErrors { fail in
      CPLErrorReset()
      let result = GDALDatasetExecuteSQL(handle, sql, nil, nil)
      if let result { GDALDatasetReleaseResultSet(handle, result) }
      if CPLGetLastErrorType() == CE_Failure {
        throw fail("running SQL on \"\(source)\"")
      }
    }
  }

  /// Closes the dataset now, flushing what was written, and reports GDAL errors
  /// raised while flushing.
  public func close() throws {
    guard let handle = rawHandle else { return }
    rawHandle = nil
    try withGDALErrors { fail in
      CPLErrorReset()
      GDALClose(handle)
      if CPLGetLastErrorType() == CE_Failure { throw fail("closing \"\(source)\"") }
    }
  }
}

/// The geometry type of a layer being created.
public enum LayerGeometry: Sendable {
  case none, polygon, multiPolygon, unknown
  var ogrType: OGRwkbGeometryType {
    switch self {
    case .none: return wkbNone
    case .polygon: return wkbPolygon
    case .multiPolygon: return wkbMultiPolygon
    case .unknown: return wkbUnknown
    }
  }
}

extension Dataset {
  /// Runs a query and returns its rows as text (column names first), for
  /// reading tables that are not layers, such as QGIS's `layer_styles`.
  public func query(_ sql: String) throws -> (columns: [String], rows: [[String?]]) {
    try withGDALErrors { fail in
      CPLErrorReset()
      guard let result = GDALDatasetExecuteSQL(handle, sql, nil, nil) else {
        if CPLGetLastErrorType() == CE_Failure { throw fail("running SQL on \"\(source)\"") }
        return ([], [])
      }
      defer { GDALDatasetReleaseResultSet(handle, result) }
      let layer = Layer(borrowing: result, from: self)
      let columns = layer.fields.map(\.name)
      var rows: [[String?]] = []
      try layer.forEachFeature { feature in
        rows.append((0..<columns.count).map { feature.string(at: $0) })
      }
      return (columns, rows)
    }
  }
}
