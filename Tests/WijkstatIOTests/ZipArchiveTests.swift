import Foundation
import GDALBridge
import Testing
import WijkstatCore
import ZlibBridge

@testable import WijkstatIO

/// The workbook's zip container (ZipArchive) and its deflate in pieces
/// (ZlibBridge), read back through GDAL's /vsizip/ (minizip inside GDAL: an
/// unzip that is not wijkstat's).
struct ZipArchiveTests {
  /// CRC-32 of "123456789" is 0xCBF43926 (the check value of the CRC-32 used
  /// by zip, ISO 3309 / ITU-T V.42, as catalogued by Greg Cook's "Catalogue of
  /// parametrised CRC algorithms"); combining two pieces' CRCs gives the
  /// whole's.
  @Test func crc32CheckValueAndCombination() {
    let digits = Array("123456789".utf8)
    #expect(Deflate.crc32(digits) == 0xCBF4_3926)
    let first = Array(digits[0..<4])
    let second = Array(digits[4...])
    #expect(
      Deflate.crc32(combining: Deflate.crc32(first), Deflate.crc32(second), secondLength: 5)
        == 0xCBF4_3926)
  }

  /// Entries of fixed bytes, an empty one, and one in four pieces (one of them
  /// empty, one of 300 kB that deflates to several blocks), at zlib levels 1
  /// and 6: GDAL lists the names and reads back each entry's bytes exactly;
  /// two writes give the same bytes.
  @Test(arguments: [Int32(1), 6]) func entriesReadBackThroughGDAL(level: Int32) throws {
    var big: [UInt8] = []
    var x: UInt32 = 12345
    while big.count < 300_000 {
      // Text with repeats and noise (a linear congruential sequence).
      x = x &* 1_103_515_245 &+ 12345
      big += Array("<c r=\"A\(x % 977)\"><v>\(x % 10_007)</v></c>".utf8)
    }
    let pieces: [[UInt8]] = [Array("first ".utf8), [], big, Array(" last".utf8)]
    let entries: [ZipArchive.Entry] = [
      .init(name: "a.txt", bytes: Array("hello, zip".utf8)),
      .init(name: "empty", bytes: []),
      .init(name: "dir/pieces.xml", pieces: pieces.count) { pieces[$0] },
    ]
    let bytes = try ZipArchive.bytes(entries, level: level)
    #expect(try ZipArchive.bytes(entries, level: level) == bytes)
    let folder = try TemporaryFolder()
    let path = folder.path("test.zip")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let names = VirtualFiles.list("/vsizip/\(path)").filter { !$0.hasSuffix("/") }
    #expect(names == ["a.txt", "dir/pieces.xml", "empty"])
    #expect(VirtualFiles.read("/vsizip/\(path)/a.txt") == Array("hello, zip".utf8))
    #expect(VirtualFiles.read("/vsizip/\(path)/empty") == [])
    let whole = VirtualFiles.read("/vsizip/\(path)/dir/pieces.xml")
    #expect(whole?.count == pieces.joined().count)
    #expect(whole == Array(pieces.joined()))
    // Deflated: the 300 kB of repetitive text is much smaller in the archive.
    #expect(bytes.count < big.count / 2, "\(bytes.count)")
  }
}
