import CGDAL

/// Files read through GDAL's virtual file systems (`/vsizip/archive.zip/name`,
/// `/vsigzip/`, …): what a user's GDAL finds inside an archive. The tests read
/// the workbook's zip entries back this way (an unzip that is not wijkstat's).
public enum VirtualFiles {
  /// The names in a virtual folder (for a zip: `/vsizip/PATH`), sorted.
  public static func list(_ folder: String) -> [String] {
    GDALLibrary.ensureRegistered()
    guard let list = VSIReadDirRecursive(folder) else { return [] }
    defer { CSLDestroy(list) }
    var names: [String] = []
    var i = 0
    while let name = list[i] {
      names.append(String(cString: name))
      i += 1
    }
    return names.sorted()
  }

  /// The whole bytes of a virtual file, or nil when it cannot be opened or read.
  public static func read(_ path: String) -> [UInt8]? {
    GDALLibrary.ensureRegistered()
    guard let file = VSIFOpenL(path, "rb") else { return nil }
    defer { VSIFCloseL(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = buffer.withUnsafeMutableBytes { VSIFReadL($0.baseAddress, 1, $0.count, file) }
      if n == 0 { break }
      bytes += buffer[0..<Int(n)]
    }
    return bytes
  }
}
