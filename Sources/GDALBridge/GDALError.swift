import CGDAL

/// An error reported by GDAL, carrying GDAL's own messages and what we were doing.
public struct GDALError: Error, CustomStringConvertible, Sendable {
  /// What wijkstat was doing: `opening "x.gpkg"`, `reading layer "pc4"`.
  public var context: String
  /// GDAL's messages (CE_Failure and CE_Fatal), in order, captured by the error handler.
  public var messages: [String]

  public init(context: String, messages: [String]) {
    self.context = context
    self.messages = messages
  }

  public var description: String {
    let detail = messages.isEmpty ? "GDAL reported no detail" : messages.joined(separator: "; ")
    return "\(context): \(detail)"
  }
}

/// Collects GDAL error messages for one thread while `body` runs. GDAL's handler
/// stack is thread-local (CPLPushErrorHandlerEx), so concurrent readers on other
/// threads keep their own messages; nothing is printed to stderr.
final class ErrorCollector {
  var failures: [String] = []
  var warnings: [String] = []
}

/// The C callback: finds the collector through the handler's user data.
private let collectingHandler: CPLErrorHandler = { errorClass, _, message in
  guard let userData = CPLGetErrorHandlerUserData() else { return }
  let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
  let text = message.map { String(cString: $0) } ?? "(no message)"
  switch errorClass {
  case CE_Failure, CE_Fatal: collector.failures.append(text)
  case CE_Warning: collector.warnings.append(text)
  default: break  // CE_None and CE_Debug carry nothing for the user.
  }
}

/// Runs `body` with GDAL's messages captured. `body` receives a function that
/// builds a `GDALError` from the messages collected so far.
func withGDALErrors<T>(
  _ body: (_ fail: (String) -> GDALError) throws -> T
) rethrows -> T {
  GDALLibrary.ensureRegistered()
  let collector = ErrorCollector()
  let unmanaged = Unmanaged.passRetained(collector)
  CPLPushErrorHandlerEx(collectingHandler, unmanaged.toOpaque())
  defer {
    CPLPopErrorHandler()
    unmanaged.release()
  }
  CPLErrorReset()
  return try body { context in GDALError(context: context, messages: collector.failures) }
}

/// Messages GDAL emitted as warnings during `body`, returned with its result.
func withGDALWarnings<T>(
  _ body: (_ fail: (String) -> GDALError) throws -> T
) rethrows -> (T, [String]) {
  GDALLibrary.ensureRegistered()
  let collector = ErrorCollector()
  let unmanaged = Unmanaged.passRetained(collector)
  CPLPushErrorHandlerEx(collectingHandler, unmanaged.toOpaque())
  defer {
    CPLPopErrorHandler()
    unmanaged.release()
  }
  CPLErrorReset()
  let value = try body { context in GDALError(context: context, messages: collector.failures) }
  return (value, collector.warnings)
}
