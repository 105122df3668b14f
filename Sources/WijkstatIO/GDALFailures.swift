import GDALBridge
import WijkstatCore

// GDAL stays below IO: what IO's callers see of a GDAL failure is a `UserError`
// (IO's error for a problem with the user's files or connections: the source, what
// was being done, GDAL's own messages), never `GDALError`, and the executable does
// not import GDALBridge.

extension UserError {
  /// GDAL's failure as one line: `source: context: GDAL's messages`.
  init(_ error: GDALError, source: String? = nil) {
    self.init(error.description, source: source)
  }
}

/// `body`, with a GDAL failure in it turned into a `UserError` (`UserError(_:source:)`).
func convertingGDALErrors<T>(source: String? = nil, _ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as GDALError {
    throw UserError(error, source: source)
  }
}
