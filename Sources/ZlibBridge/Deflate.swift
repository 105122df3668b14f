import CZlib

/// Raw deflate (RFC 1951) and CRC-32 by zlib, for the zip container of
/// `tables.xlsx` (WijkstatIO's ZipArchive). Every `z_stream` lives and dies
/// inside one call.
///
/// **Pieces.** A large entry is deflated in pieces on several cores, each
/// piece on its own (no dictionary from the piece before, as `pigz
/// --independent`). A piece that is not the last ends with a sync flush (an
/// empty stored block: the stream is byte-aligned and not final there), so
/// the pieces, concatenated in order, are one valid deflate stream; the last
/// ends the stream. The entry's CRC-32 is the pieces' CRCs combined
/// (`crc32_combine`).
public enum Deflate {
  public struct Failure: Error, CustomStringConvertible {
    public let code: Int32
    public var description: String { "zlib deflate failed (code \(code))" }
  }

  /// `bytes` as one piece of a raw deflate stream at zlib level `level`
  /// (1: fastest … 9: smallest); `last`: the piece that ends the stream.
  public static func piece(_ bytes: [UInt8], level: Int32, last: Bool) throws -> [UInt8] {
    var stream = z_stream()
    // Window bits −15: raw deflate, no zlib header or trailer (zip's own).
    var status = deflateInit2_(
      &stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
      Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw Failure(code: status) }
    defer { deflateEnd(&stream) }
    // deflateBound covers a whole stream; a sync flush adds at most 5 bytes.
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 16)
    var written = 0
    try bytes.withUnsafeBufferPointer { input in
      stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
      stream.avail_in = uInt(input.count)
      repeat {
        if written == output.count { output += [UInt8](repeating: 0, count: output.count / 2 + 64) }
        status = output.withUnsafeMutableBufferPointer { out in
          stream.next_out = out.baseAddress! + written
          stream.avail_out = uInt(out.count - written)
          let result = CZlib.deflate(&stream, last ? Z_FINISH : Z_SYNC_FLUSH)
          written = out.count - Int(stream.avail_out)
          return result
        }
        // Z_BUF_ERROR: no progress was possible (nothing left to do), except
        // when the stream must still end and there was room.
        guard
          status == Z_OK || status == Z_STREAM_END
            || (status == Z_BUF_ERROR && !(last && stream.avail_out > 0))
        else { throw Failure(code: status) }
        // Done: the stream ended (last), or all input taken and flushed.
      } while last ? status != Z_STREAM_END : (stream.avail_in > 0 || stream.avail_out == 0)
    }
    output.removeSubrange(written...)
    return output
  }

  /// The CRC-32 of `bytes` (zip's, ISO 3309).
  public static func crc32(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { UInt32(CZlib.crc32(0, $0.baseAddress, uInt($0.count))) }
  }

  /// The CRC-32 of two pieces one after the other, from theirs and the
  /// second's length.
  public static func crc32(combining first: UInt32, _ second: UInt32, secondLength: Int) -> UInt32 {
    UInt32(crc32_combine(uLong(first), uLong(second), off_t(secondLength)))
  }
}
