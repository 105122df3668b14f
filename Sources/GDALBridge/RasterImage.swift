import CGDAL

/// An 8-bit raster image read through GDAL (PNG, JPEG, GeoTIFF...): used to
/// check rendered pages and maps pixel by pixel. The dataset handle is closed
/// before `read` returns.
public struct RasterImage: Sendable {
  public var width: Int
  public var height: Int
  /// Bands (1 grey, 3 RGB, 4 RGBA), each `width × height` bytes, row by row.
  public var bands: [[UInt8]]

  public static func read(_ path: String) throws -> RasterImage {
    GDALLibrary.ensureRegistered()
    return try withGDALErrors { fail in
      guard let dataset = GDALOpen(path, GA_ReadOnly) else {
        throw fail("cannot open image \(path)")
      }
      defer { GDALClose(dataset) }
      let width = Int(GDALGetRasterXSize(dataset))
      let height = Int(GDALGetRasterYSize(dataset))
      var bands: [[UInt8]] = []
      for index in 1...max(1, Int(GDALGetRasterCount(dataset))) {
        guard let band = GDALGetRasterBand(dataset, Int32(index)) else { break }
        var pixels = [UInt8](repeating: 0, count: width * height)
        let status = pixels.withUnsafeMutableBytes { buffer in
          GDALRasterIO(
            band, GF_Read, 0, 0, Int32(width), Int32(height), buffer.baseAddress, Int32(width),
            Int32(height), GDT_Byte, 0, 0)
        }
        guard status == CE_None else {
          throw fail("cannot read band \(index) of \(path)")
        }
        bands.append(pixels)
      }
      return RasterImage(width: width, height: height, bands: bands)
    }
  }

  /// The RGB colour at a pixel (grey images repeat their one band).
  public func rgb(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
    let i = y * width + x
    if bands.count >= 3 { return (bands[0][i], bands[1][i], bands[2][i]) }
    return (bands[0][i], bands[0][i], bands[0][i])
  }
}
