import Foundation
import WijkstatCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// File-system failures as one line for people: the path, what wijkstat was
/// doing and the operating system's reason in words ("no space left on
/// device"), never a Foundation error dump (`Error Domain=NSCocoaErrorDomain …`).
public enum FileSystemError {
  /// The operating system's words for `code` (strerror), starting lower case.
  public static func reason(errno code: Int32) -> String {
    let text = String(cString: strerror(code))
    guard let first = text.first else { return "error \(code)" }
    return first.lowercased() + text.dropFirst()
  }

  /// A `UserError` for a failed system call: `PATH: DOING: REASON`.
  public static func posix(_ code: Int32, doing: String, path: String) -> UserError {
    UserError("\(doing): \(reason(errno: code))", source: path)
  }

  /// One line for an error that came out of Foundation or a system call while
  /// wijkstat was `doing` something with `path`; any other error (a
  /// `UserError`, a `GDALError`) is returned as it is.
  public static func describe(_ error: Error, doing: String, path: String? = nil) -> Error {
    guard let line = line(for: error, doing: doing, path: path) else { return error }
    return line
  }

  /// The one-line `UserError` for a Foundation or POSIX error; nil for others.
  public static func line(for error: Error, doing: String, path: String? = nil) -> UserError? {
    if error is UserError { return nil }
    let ns = error as NSError
    guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return nil }
    let filePath =
      (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo["NSFilePath"] as? String) ?? path
    return UserError("\(doing): \(reason(of: ns))", source: filePath)
  }

  /// The reason in words of a Foundation (`NSCocoaErrorDomain`) or POSIX error.
  public static func reason(of ns: NSError) -> String {
    if ns.domain == NSPOSIXErrorDomain { return reason(errno: Int32(ns.code)) }
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return reason(errno: Int32(underlying.code))
    }
    if ns.domain == NSCocoaErrorDomain {
      switch ns.code {
      case CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue:
        return reason(errno: ENOENT)
      case CocoaError.fileReadNoPermission.rawValue, CocoaError.fileWriteNoPermission.rawValue:
        return reason(errno: EACCES)
      case CocoaError.fileWriteFileExists.rawValue: return reason(errno: EEXIST)
      case CocoaError.fileWriteOutOfSpace.rawValue: return reason(errno: ENOSPC)
      case CocoaError.fileWriteVolumeReadOnly.rawValue: return reason(errno: EROFS)
      case CocoaError.fileWriteInvalidFileName.rawValue: return "invalid file name"
      case CocoaError.fileReadCorruptFile.rawValue: return "the file is damaged"
      case CocoaError.fileLocking.rawValue: return "the file is locked"
      default: return "the file system refused (code \(ns.code))"
      }
    }
    return "\(ns.localizedDescription) (\(ns.domain) \(ns.code))"
  }
}
