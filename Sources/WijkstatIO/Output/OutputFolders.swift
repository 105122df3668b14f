import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Makes the folders a writer puts its files in. Inside an output being built
/// (a temporary folder of `OutputDirectory`), it makes each missing folder below
/// that temporary folder one level at a time and never the temporary folder
/// itself: once `Interruption` has removed it, a writer still running fails
/// instead of bringing it back (`createDirectory(withIntermediateDirectories:)`
/// would make it again with every missing parent). Elsewhere (a path of the
/// user's, `VectorWriter.atomically`) it makes every missing parent.
public enum OutputFolders {
  public static func make(_ url: URL) throws {
    let path = url.path
    guard let root = Interruption.temporary(containing: path) else {
      do {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
      } catch {
        throw FileSystemError.describe(error, doing: "creating a folder for the output", path: path)
      }
      return
    }
    var current = root
    for part in path.dropFirst(root.count).split(separator: "/") {
      current += "/" + part
      if mkdir(current, 0o777) != 0, errno != EEXIST {
        throw FileSystemError.posix(errno, doing: "creating a folder for the output", path: current)
      }
    }
  }
}
