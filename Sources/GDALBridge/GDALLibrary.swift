import CGDAL
import Foundation

/// Process-wide GDAL set-up: driver registration and the configuration options
/// wijkstat relies on. Registration happens once, on first use.
public enum GDALLibrary {
  private static let registration: Void = {
    // Spreadsheets: always treat the first row as the header and keep every
    // cell as text, so wijkstat (not the driver) decides what is a number.
    CPLSetConfigOption("OGR_XLSX_HEADERS", "FORCE")
    CPLSetConfigOption("OGR_ODS_HEADERS", "FORCE")
    CPLSetConfigOption("OGR_XLSX_FIELD_TYPES", "STRING")
    CPLSetConfigOption("OGR_ODS_FIELD_TYPES", "STRING")
    // GeoJSON: never try to reach the network for remote references.
    CPLSetConfigOption("GDAL_HTTP_TIMEOUT", "10")
    // GDAL's messages come back through the thread-local handlers of
    // `withGDALErrors` as Swift errors; anything emitted outside them (a
    // dataset closed on an error path, say) must not reach stderr as raw
    // `ERROR 1: …` lines beside wijkstat's own one-line message.
    // Debug messages (CPL_DEBUG=ON) still go to stderr, as with
    // CPLQuietErrorHandler, but through `debugFilter`.
    CPLSetErrorHandler(quietErrorHandler)
    GDALAllRegister()
  }()

  /// What GDAL's debug messages (`CPL_DEBUG=ON`) pass through on their way to
  /// stderr: `Secrets.install` (WijkstatIO) sets the redaction here, since GDAL prints a
  /// dataset's name there whole, and masks only `password=` in it, not the
  /// password of a `postgresql://user:password@host` URI.
  ///
  /// `nonisolated(unsafe)`, safe as used: `Secrets.install` sets it once, first
  /// thing in the executable's `main` before any other thread or task exists; afterwards it is
  /// only read (GDAL's error handler, on any thread). Set it nowhere else.
  nonisolated(unsafe) public static var debugFilter: @Sendable (String) -> String = { $0 }

  /// Registers all drivers (idempotent, thread-safe through Swift's lazy globals).
  public static func ensureRegistered() { _ = registration }

  /// GDAL's release name, e.g. `3.6.2`.
  public static var version: String {
    ensureRegistered()
    return String(cString: GDALVersionInfo("RELEASE_NAME"))
  }

  /// Short names of the vector drivers that can create datasets.
  public static func canCreate(driver name: String) -> Bool {
    ensureRegistered()
    guard let driver = GDALGetDriverByName(name) else { return false }
    return GDALGetMetadataItem(driver, GDAL_DCAP_CREATE, nil) != nil
  }

  /// A vector driver that can create files, by its short or long name, ignoring
  /// case (`ESRI Shapefile`, `flatgeobuf`, `KML`, `MapInfo File`, `CSV`): its short
  /// name and file extension; nil when GDAL has none of that name.
  public static func vectorDriver(named name: String) -> (shortName: String, fileExtension: String)?
  {
    ensureRegistered()
    let wanted = name.lowercased()
    for index in 0..<GDALGetDriverCount() {
      guard let driver = GDALGetDriver(index) else { continue }
      let short = String(cString: GDALGetDriverShortName(driver))
      let long = String(cString: GDALGetDriverLongName(driver))
      guard short.lowercased() == wanted || long.lowercased() == wanted else { continue }
      // Both capabilities are "YES" when present.
      guard GDALGetMetadataItem(driver, GDAL_DCAP_VECTOR, nil) != nil,
        GDALGetMetadataItem(driver, GDAL_DCAP_CREATE, nil) != nil
      else { continue }
      let extensions =
        GDALGetMetadataItem(driver, GDAL_DMD_EXTENSIONS, nil).map { String(cString: $0) }
        ?? GDALGetMetadataItem(driver, GDAL_DMD_EXTENSION, nil).map { String(cString: $0) } ?? ""
      return (short, extensions.split(separator: " ").first.map(String.init) ?? "")
    }
    return nil
  }

  /// The short names of every vector driver that can create files.
  public static var creatableVectorDrivers: [String] {
    ensureRegistered()
    return (0..<GDALGetDriverCount()).compactMap { index in
      guard let driver = GDALGetDriver(index),
        GDALGetMetadataItem(driver, GDAL_DCAP_VECTOR, nil) != nil,
        GDALGetMetadataItem(driver, GDAL_DCAP_CREATE, nil) != nil
      else { return nil }
      return String(cString: GDALGetDriverShortName(driver))
    }
  }
}

/// GDAL's process-wide handler: errors are dropped (they come back through the
/// thread-local handlers of `withGDALErrors`), debug messages are printed
/// through `GDALLibrary.debugFilter`.
private func quietErrorHandler(
  _ level: CPLErr, _ number: CPLErrorNum, _ message: UnsafePointer<CChar>?
) {
  guard level == CE_Debug, let message else { return }
  FileHandle.standardError.write(
    Data((GDALLibrary.debugFilter(String(cString: message)) + "\n").utf8))
}

/// A NULL-terminated C string list (`char **`) built from Swift strings, freed on deinit.
final class CStringList {
  private(set) var pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
  init(_ items: [String]) {
    var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
    for item in items { list = CSLAddString(list, item) }
    pointer = list
  }
  /// The same list as `const char * const *`, for functions that take it so.
  var constPointer: UnsafePointer<UnsafePointer<CChar>?>? {
    pointer.map { UnsafeRawPointer($0).assumingMemoryBound(to: UnsafePointer<CChar>?.self) }
  }
  deinit { CSLDestroy(pointer) }
}

extension GDALLibrary {
  /// Runs `body` with a GDAL configuration option set on this thread only
  /// (CPLSetThreadLocalConfigOption), restoring the previous value afterwards.
  public static func withConfigOption<T>(_ key: String, _ value: String, _ body: () throws -> T)
    rethrows -> T
  {
    ensureRegistered()
    let previous = CPLGetThreadLocalConfigOption(key, nil).map { String(cString: $0) }
    CPLSetThreadLocalConfigOption(key, value)
    defer { CPLSetThreadLocalConfigOption(key, previous) }
    return try body()
  }
}
