import Foundation
import GDALBridge
import WijkstatCore

/// The report's drawing of a map, sized for a browser (issue 18, "large layers
/// stay usable"): up to `maximumVectorBytes` of SVG the areas are vector paths,
/// each with its hover title, as in `maps/NAME.svg`; above it (at about 15,000
/// PC-6-like areas, far above the 4,038 PC-4 areas of the Netherlands) the areas
/// are one paletted PNG that GDAL rasterises (`PolygonRaster`) at
/// `pixelsPerUnit` image pixels per SVG pixel, under the same vector title,
/// outlines, scale bar and source line; areas whose bounding box covers at least
/// `hoverMinimumPixels` square SVG pixels keep an invisible path with their
/// title, so big areas can still be pointed at. The standalone `maps/NAME.svg`
/// and the GIS layers keep every area as a vector.
public enum ReportMapImage {
  public static let maximumVectorBytes = 2_000_000
  public static let pixelsPerUnit = 2.0
  public static let hoverMinimumPixels = 64.0

  /// The SVG text of `map` for the report, and when it is a picture a note
  /// for its caption saying so (in the map's language).
  public static func drawing(_ map: SVGMap) throws -> (svg: String, note: String?) {
    let vector = map.svg
    guard vector.utf8.count > maximumVectorBytes else { return (vector, nil) }
    var compact = map
    let picture = try image(map)
    compact.areaImage = picture
    let hoverable = map.hoverableAreas(picture).count
    return (
      compact.svg,
      map.language.text(
        hoverable == 0
          ? .mapAsImageNoHover(areas: map.language.integer(map.areas.count))
          : .mapAsImage(
            areas: map.language.integer(map.areas.count), hoverable: map.language.integer(hoverable)
          ))
    )
  }

  /// The areas of `map` as a PNG covering its frame.
  public static func image(_ map: SVGMap) throws -> SVGMap.AreaImage {
    let frame = map.frame
    let pixel = 1 / (frame.scale * pixelsPerUnit)
    let grid = PolygonRaster.Grid(
      width: max(1, Int((frame.mapWidth * pixelsPerUnit).rounded(.up))),
      height: max(1, Int((frame.mapHeight * pixelsPerUnit).rounded(.up))),
      originX: frame.box.minX, originY: frame.box.maxY, pixelSize: pixel)
    // Index 0 is the transparent background; then one entry per fill colour.
    var palette: [(UInt8, UInt8, UInt8, UInt8)] = [(255, 255, 255, 0)]
    var indexOf: [String: Int] = [:]
    var indexes: [Int] = []
    indexes.reserveCapacity(map.areas.count)
    // No-data areas get an index of their own (another class may share their
    // grey, e.g. LISA's not significant), so that only they are hatched.
    let noDataKey = "no data"
    for area in map.areas {
      let key = area.classNumber == MapClass.noData ? noDataKey : area.fill
      if let index = indexOf[key] {
        indexes.append(index)
        continue
      }
      let fill = key == noDataKey ? ColorBrewer.noDataColor : key
      guard palette.count < 256, let rgb = rgb(fill) else {
        throw UserError(
          "map \"\(map.title)\": cannot draw fill \"\(fill)\" into the report's picture")
      }
      indexOf[key] = palette.count
      indexes.append(palette.count)
      palette.append((rgb.0, rgb.1, rgb.2, 255))
    }
    // No-data areas hatched as in the SVG (`SVGMap`'s `nodata` pattern: lines
    // 6 SVG px apart, 1.2 px wide, at 45°): along x + y the lines repeat every
    // 6·√2 SVG px, 17 image px at 2 px per SVG px, and are 1.2·√2·2 ≈ 3 px wide.
    var hatch: PolygonRaster.Hatch? = nil
    if let noData = indexOf[noDataKey], palette.count < 256, let line = rgb(SVGMap.noDataLineColor)
    {
      hatch = .init(
        index: noData, line: palette.count,
        period: Int((6 * 2.0.squareRoot() * pixelsPerUnit).rounded()),
        width: Int((1.2 * 2.0.squareRoot() * pixelsPerUnit).rounded()))
      palette.append((line.0, line.1, line.2, 255))
    }
    let polygons = map.areas.map { WKB.bytes(of: $0.geometry) }
    let png = try PolygonRaster.png(
      grid: grid, polygons: polygons, indexes: indexes, palette: palette, background: 0,
      hatch: hatch)
    return SVGMap.AreaImage(png: png, hoverMinimumPixels: hoverMinimumPixels)
  }

  /// `#rrggbb` as bytes.
  static func rgb(_ hex: String) -> (UInt8, UInt8, UInt8)? {
    guard hex.count == 7, hex.hasPrefix("#"), let value = UInt32(hex.dropFirst(), radix: 16) else {
      return nil
    }
    return (UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
  }
}
