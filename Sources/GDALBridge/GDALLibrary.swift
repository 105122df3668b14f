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
    CPLSetErrorHandler(CPLQuietErrorHandler)
    GDALAllRegister()
  }()

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
