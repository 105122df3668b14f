import Foundation

/// Byte search in UTF-8 text, for the readers of large published files
/// (`SVGAreas`) and the path scrubbing of published texts (`PublishedPaths`).
enum UTF8Bytes {
  /// The first position at or after `from` (and, with `before`, ending at or
  /// before it) where `pattern`'s UTF-8 bytes occur. By hand rather than the
  /// standard library's `firstRange(of:)` on the slice: on a 17 MB map SVG of
  /// 100,000 areas (debug build, session 9) the whole read took 15.7 s with it and
  /// 2.1 s with this loop.
  static func find(_ pattern: String, in bytes: [UInt8], from: Int, before: Int? = nil) -> Int? {
    let needle = Array(pattern.utf8)
    let limit = (before ?? bytes.count) - needle.count
    guard let first = needle.first, from <= limit else { return nil }
    var i = from
    while i <= limit {
      if bytes[i] == first {
        var j = 1
        while j < needle.count && bytes[i + j] == needle[j] { j += 1 }
        if j == needle.count { return i }
      }
      i += 1
    }
    return nil
  }
}
