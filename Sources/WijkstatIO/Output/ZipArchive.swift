import Foundation
import WijkstatCore
import ZlibBridge

/// A zip file as Office Open XML packages use it (PKWARE's APPNOTE 6.3, the
/// subset ECMA-376 part 2 allows): deflated entries with their sizes and
/// CRC-32 in the local headers, a central directory, no zip64 (every size
/// and offset below 4 GiB, checked), one fixed date (1980-01-01 00:00, the
/// format's first) so that two runs give the same bytes.
///
/// Written by hand around zlib's deflate (ZlibBridge): the container is a
/// few fixed headers; what takes the time is deflating and making the
/// entries' bytes, and both run here on every core, an entry in pieces
/// (`Deflate`). GDAL's zip writer (behind its XLSX driver) deflates on one
/// thread at zlib's default level; ZIPFoundation the same.
public enum ZipArchive {
  /// An entry: its name in the archive and its bytes in `pieces` parts,
  /// made by `piece(i)` (on any thread; each made, deflated and freed in
  /// turn, so an entry's whole bytes are never held at once).
  public struct Entry: Sendable {
    public var name: String
    public var pieces: Int
    public var piece: @Sendable (Int) throws -> [UInt8]
    public init(name: String, pieces: Int = 1, piece: @escaping @Sendable (Int) throws -> [UInt8]) {
      self.name = name
      self.pieces = max(1, pieces)
      self.piece = piece
    }
    /// An entry of fixed bytes.
    public init(name: String, bytes: [UInt8]) {
      self.init(name: name) { _ in bytes }
    }
  }

  /// The archive's bytes, entries in order, deflated at zlib `level` (1 fastest … 9 smallest).
  public static func bytes(_ entries: [Entry], level: Int32) throws -> [UInt8] {
    struct Piece {
      var deflated: [UInt8]
      var crc: UInt32
      var length: Int
    }
    // Every piece of every entry, deflated on all cores.
    var jobs: [(entry: Int, piece: Int)] = []
    for (e, entry) in entries.enumerated() {
      for p in 0..<entry.pieces { jobs.append((e, p)) }
    }
    let done = ParallelFor.map(jobs.count, minimumChunk: 1) { j -> Result<Piece, any Error> in
      let (e, p) = jobs[j]
      let entry = entries[e]
      return Result {
        let raw = try entry.piece(p)
        return Piece(
          deflated: try Deflate.piece(raw, level: level, last: p == entry.pieces - 1),
          crc: Deflate.crc32(raw), length: raw.count)
      }
    }
    var out: [UInt8] = []
    var directory: [UInt8] = []
    var j = 0
    for entry in entries {
      var crc: UInt32 = 0
      var length = 0
      var deflated = 0
      let first = j
      for _ in 0..<entry.pieces {
        let piece = try done[j].get()
        crc =
          length == 0
          ? piece.crc : Deflate.crc32(combining: crc, piece.crc, secondLength: piece.length)
        length += piece.length
        deflated += piece.deflated.count
        j += 1
      }
      let name = Array(entry.name.utf8)
      let offset = out.count
      guard length < 0xFFFF_FFFF, deflated < 0xFFFF_FFFF, offset < 0xFFFF_FFFF else {
        throw UserError("\(entry.name) is 4 GiB or more: too large for a workbook")
      }
      let header = Header(
        crc: crc, deflated: UInt32(deflated), length: UInt32(length), nameLength: UInt16(name.count)
      )
      out += header.local + name
      for k in first..<j { out += try done[k].get().deflated }
      directory += header.central(offset: UInt32(offset)) + name
    }
    guard entries.count < 0xFFFF, out.count < 0xFFFF_FFFF else {
      throw UserError("too many entries or bytes for a zip file without zip64")
    }
    let directoryOffset = out.count
    out += directory
    var end = Bytes()
    end.u32(0x0605_4b50)
    end.u16(0)  // this disk
    end.u16(0)  // the directory's disk
    end.u16(UInt16(entries.count))
    end.u16(UInt16(entries.count))
    end.u32(UInt32(directory.count))
    end.u32(UInt32(directoryOffset))
    end.u16(0)  // no comment
    return out + end.bytes
  }

  /// The fields a local header and its central directory record share.
  struct Header {
    var crc: UInt32
    var deflated: UInt32
    var length: UInt32
    var nameLength: UInt16
    /// Version 2.0 (deflate), no flags, method 8 (deflate), 00:00 on 1980-01-01.
    func common(_ bytes: inout Bytes) {
      bytes.u16(20)
      bytes.u16(0)
      bytes.u16(8)
      bytes.u16(0)
      bytes.u16(0x21)
      bytes.u32(crc)
      bytes.u32(deflated)
      bytes.u32(length)
      bytes.u16(nameLength)
      bytes.u16(0)  // no extra field
    }
    var local: [UInt8] {
      var bytes = Bytes()
      bytes.u32(0x0403_4b50)
      common(&bytes)
      return bytes.bytes
    }
    func central(offset: UInt32) -> [UInt8] {
      var bytes = Bytes()
      bytes.u32(0x0201_4b50)
      bytes.u16(20)  // made by: version 2.0, MS-DOS attributes
      common(&bytes)
      bytes.u16(0)  // no comment
      bytes.u16(0)  // disk 0
      bytes.u16(0)  // internal attributes
      bytes.u32(0)  // external attributes
      bytes.u32(offset)
      return bytes.bytes
    }
  }

  /// Little-endian fields.
  struct Bytes {
    var bytes: [UInt8] = []
    mutating func u16(_ value: UInt16) {
      bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
    }
    mutating func u32(_ value: UInt32) {
      for shift in stride(from: 0, to: 32, by: 8) {
        bytes.append(UInt8((value >> UInt32(shift)) & 0xFF))
      }
    }
  }
}
