import Foundation
import WijkstatCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An output path wijkstat refuses before any input is read, with the exit
/// status the command ends with: 64 (EX_USAGE) for an output that would touch
/// an input or cannot be a folder, 75 (EX_TEMPFAIL) for a folder another
/// wijkstat command is writing at the moment.
public struct OutputRefused: Error, CustomStringConvertible, Sendable {
  public var error: UserError
  public var status: Int32
  public init(_ error: UserError, status: Int32 = 64) {
    self.error = error
    self.status = status
  }
  public var description: String { error.description }
}

/// Compares output and input paths the way the file system does: after
/// resolving `..` and symbolic links, and by device and inode, so a path that
/// differs only in case on a case-insensitive file system, or a hard link, is
/// the same file.
public enum PathGuard {
  /// The absolute path with `.`, `..` and symbolic links resolved as far as the
  /// path exists; the rest (not yet created) is appended as given.
  public static func physical(_ path: String) -> String {
    let absolute =
      path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var resolved = "/"
    var exists = true
    for part in absolute.split(separator: "/") {
      if part == "." { continue }
      if part == ".." {
        if exists, let real = realPath(resolved + (resolved.hasSuffix("/") ? "" : "/") + "..") {
          resolved = real
        } else {
          resolved = (resolved as NSString).deletingLastPathComponent
          if resolved.isEmpty { resolved = "/" }
        }
        continue
      }
      let next = resolved + (resolved.hasSuffix("/") ? "" : "/") + part
      if exists, let real = realPath(next) {
        resolved = real
      } else {
        exists = false
        resolved = next
      }
    }
    return resolved
  }

  static func realPath(_ path: String) -> String? {
    guard let pointer = realpath(path, nil) else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
  }

  struct Identity: Equatable {
    var device: UInt64
    var inode: UInt64
  }

  /// Device and inode (symbolic links followed); nil when the path does not exist.
  static func identity(_ path: String) -> Identity? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
  }

  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  /// Refuses an output `output` (named by `option`) that is one of `inputs`,
  /// or — for a folder — holds one of them, or lies inside an input that is a
  /// folder (a folder of Shapefiles, say). Inputs that are not files (connection
  /// strings) are skipped.
  public static func check(output: String, option: String, isFolder: Bool, inputs: [String]) throws
  {
    let out = physical(output)
    let outIdentity = identity(out)
    for input in inputs where FileManager.default.fileExists(atPath: input) {
      let real = physical(input)
      guard let inIdentity = identity(real) else { continue }
      if outIdentity == inIdentity || out == real {
        throw OutputRefused(
          UserError(
            "\(option) is the input \(input); wijkstat never writes to its inputs: choose another \(option)",
            source: output))
      }
      if isFolder, outIdentity != nil {
        var folder = (real as NSString).deletingLastPathComponent
        while true {
          if identity(folder) == outIdentity {
            throw OutputRefused(
              UserError(
                "\(option) holds the input \(input); wijkstat never writes where its inputs are: choose a new folder, e.g. \((output as NSString).appendingPathComponent("uitvoer"))",
                source: output))
          }
          if folder == "/" || folder.isEmpty { break }
          folder = (folder as NSString).deletingLastPathComponent
        }
      }
      if isDirectory(real) {
        var folder = out
        while true {
          if identity(folder) == inIdentity {
            throw OutputRefused(
              UserError(
                "\(option) lies inside the input folder \(input); choose a folder outside it",
                source: output))
          }
          if folder == "/" || folder.isEmpty { break }
          folder = (folder as NSString).deletingLastPathComponent
        }
      }
    }
  }
}
