import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file written in pieces (open once, write(2) each piece, close), for outputs
/// too large to hold whole beside the data they come from: a national PC-6 run's
/// suppression log and tables run to hundreds of megabytes. As `FileBytes`, a
/// failure carries the system's reason and the partial file is removed; callers
/// write into a temporary folder (`OutputDirectory`).
public enum StreamedFile {
  /// Creates (or truncates) `url` and hands `body` a function that appends bytes
  /// to it.
  public static func write(
    to url: URL, _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
  ) throws {
    let path = url.path
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
    guard fd >= 0 else {
      throw FileSystemError.posix(errno, doing: "creating the file", path: path)
    }
    func append(_ buffer: UnsafeRawBufferPointer) throws {
      var offset = 0
      while offset < buffer.count {
        let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw FileSystemError.posix(errno, doing: "writing the file", path: path)
        }
        offset += n
      }
    }
    do {
      try body(append)
    } catch {
      close(fd)
      unlink(path)
      throw error
    }
    if close(fd) != 0 {
      let failure = errno
      unlink(path)
      throw FileSystemError.posix(failure, doing: "writing the file", path: path)
    }
  }
}

/// write(2), named apart from the enum's `write`.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, bytes, count)
}

extension FileBytes {
  /// Writes `bytes` as the whole file, without first copying them into a `Data`.
  public static func write(bytes: [UInt8], to url: URL) throws {
    try StreamedFile.write(to: url) { append in
      try bytes.withUnsafeBytes { try append($0) }
    }
  }
}
