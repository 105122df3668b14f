import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a whole file with open/write/close, so a failure carries the
/// system's reason (Foundation's `Data.write` reports a full disk or a file-size
/// limit on Linux as "NSCocoaErrorDomain Code=512" without the errno).
/// Callers write into a temporary folder or file (`OutputDirectory`,
/// `VectorWriter.atomically`); a failed file is removed.
public enum FileBytes {
  public static func write(_ data: Data, to url: URL) throws {
    let path = url.path
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
    guard fd >= 0 else {
      throw FileSystemError.posix(errno, doing: "creating the file", path: path)
    }
    var failure: Int32 = 0
    data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < buffer.count {
        let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += n
      }
    }
    if close(fd) != 0, failure == 0 { failure = errno }
    if failure != 0 {
      unlink(path)
      throw FileSystemError.posix(failure, doing: "writing the file", path: path)
    }
  }
}

/// write(2), named apart from `FileBytes.write`.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, bytes, count)
}
