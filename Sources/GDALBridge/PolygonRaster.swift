import CGDAL
import Foundation

/// Polygons drawn into a paletted PNG through GDAL: an in-memory raster
/// (`MEM` driver) with a geotransform, `GDALRasterizeGeometries` burning each
/// polygon's palette index (a pixel takes the polygon its centre lies in, so a
/// tessellation leaves no gaps), and the `PNG` driver writing the bytes to
/// `/vsimem/`. Used for the report's maps of very many areas, where one SVG
/// path per area would make the page too large to open (issue 18).
public enum PolygonRaster {
  /// The pixel grid: `width × height` pixels of `pixelSize` map units, the
  /// top-left corner at (`originX`, `originY`) (north up).
  public struct Grid: Sendable {
    public var width: Int
    public var height: Int
    public var originX: Double
    public var originY: Double
    public var pixelSize: Double
    public init(width: Int, height: Int, originX: Double, originY: Double, pixelSize: Double) {
      self.width = width
      self.height = height
      self.originX = originX
      self.originY = originY
      self.pixelSize = pixelSize
    }
  }

  /// Diagonal lines over the pixels of one palette index (the no-data areas,
  /// hatched as in the SVG's `nodata` pattern): a pixel (column x, row y) of
  /// `index` becomes `line` where (x + y) mod `period` < `width`, lines running
  /// from top right to bottom left.
  public struct Hatch: Sendable {
    public var index: Int
    public var line: Int
    public var period: Int
    public var width: Int
    public init(index: Int, line: Int, period: Int, width: Int) {
      self.index = index
      self.line = line
      self.period = period
      self.width = width
    }
  }

  /// The PNG bytes. `polygons[i]` (WKB) is burnt with palette index
  /// `indexes[i]`, later polygons over earlier ones; pixels no polygon covers
  /// get `background`. `palette[k]` is the RGBA colour of index k (at most 256).
  /// `hatch` draws lines over one index's pixels afterwards.
  public static func png(
    grid: Grid, polygons: [[UInt8]], indexes: [Int], palette: [(UInt8, UInt8, UInt8, UInt8)],
    background: Int, hatch: Hatch? = nil
  ) throws -> [UInt8] {
    precondition(polygons.count == indexes.count && palette.count <= 256)
    return try withGDALErrors { fail in
      guard grid.width > 0, grid.height > 0, let mem = GDALGetDriverByName("MEM"),
        let pngDriver = GDALGetDriverByName("PNG")
      else { throw fail("no MEM or PNG driver, or an empty image") }
      guard
        let dataset = GDALCreate(mem, "", Int32(grid.width), Int32(grid.height), 1, GDT_Byte, nil)
      else {
        throw fail("cannot create a \(grid.width) × \(grid.height) image")
      }
      defer { GDALClose(dataset) }
      var transform = [grid.originX, grid.pixelSize, 0, grid.originY, 0, -grid.pixelSize]
      _ = GDALSetGeoTransform(dataset, &transform)
      guard let band = GDALGetRasterBand(dataset, 1) else { throw fail("no band") }
      _ = GDALFillRaster(band, Double(background), 0)
      let table = GDALCreateColorTable(GPI_RGB)
      defer { GDALDestroyColorTable(table) }
      for (i, c) in palette.enumerated() {
        var entry = GDALColorEntry(c1: Int16(c.0), c2: Int16(c.1), c3: Int16(c.2), c4: Int16(c.3))
        GDALSetColorEntry(table, Int32(i), &entry)
      }
      _ = GDALSetRasterColorTable(band, table)
      var handles: [OGRGeometryH?] = []
      handles.reserveCapacity(polygons.count)
      defer { for handle in handles { OGR_G_DestroyGeometry(handle) } }
      var burn: [Double] = []
      burn.reserveCapacity(polygons.count)
      for (wkb, index) in zip(polygons, indexes) {
        var created: OGRGeometryH? = nil
        let status = wkb.withUnsafeBytes {
          OGR_G_CreateFromWkbEx($0.baseAddress, nil, &created, $0.count)
        }
        guard status == OGRERR_NONE, let created else {
          throw fail("invalid WKB (OGR error \(status))")
        }
        handles.append(created)
        burn.append(Double(index))
      }
      var bands: [Int32] = [1]
      if !handles.isEmpty {
        let result = GDALRasterizeGeometries(
          dataset, 1, &bands, Int32(handles.count), handles, nil, nil, burn, nil, nil, nil)
        guard result == CE_None else { throw fail("rasterising \(handles.count) polygons") }
      }
      if let hatch, hatch.period > 0 {
        // Hand-written: GDAL rasterises one value per polygon, no fill patterns.
        var pixels = [UInt8](repeating: 0, count: grid.width * grid.height)
        let w = Int32(grid.width)
        let h = Int32(grid.height)
        guard
          GDALRasterIO(band, GF_Read, 0, 0, w, h, &pixels, w, h, GDT_Byte, 0, 0) == CE_None
        else { throw fail("reading the image for its hatching") }
        let from = UInt8(hatch.index)
        let to = UInt8(hatch.line)
        for y in 0..<grid.height {
          for x in 0..<grid.width where pixels[y * grid.width + x] == from {
            if (x + y) % hatch.period < hatch.width { pixels[y * grid.width + x] = to }
          }
        }
        guard
          GDALRasterIO(band, GF_Write, 0, 0, w, h, &pixels, w, h, GDT_Byte, 0, 0) == CE_None
        else { throw fail("hatching the image") }
      }
      let path = "/vsimem/wijkstat-raster-\(UUID().uuidString).png"
      guard let copy = GDALCreateCopy(pngDriver, path, dataset, 0, nil, nil, nil) else {
        throw fail("writing the PNG")
      }
      GDALClose(copy)
      var length: vsi_l_offset = 0
      guard let buffer = VSIGetMemFileBuffer(path, &length, 1) else {
        throw fail("reading the PNG back")
      }
      defer { VSIFree(buffer) }
      _ = VSIUnlink(path + ".aux.xml")
      return Array(UnsafeBufferPointer(start: buffer, count: Int(length)))
    }
  }
}
