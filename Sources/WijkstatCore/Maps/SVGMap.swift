import Foundation

/// A choropleth map as a standalone SVG in RD New (north up, y flipped): areas
/// filled by class (one `<path>` per area, several rings as subpaths with the
/// even-odd rule), no-data areas hatched, optional outlines of a higher level
/// on top (the report's Kaart 1: gemeente borders over PC-4 areas), title,
/// legend with counts, a scale bar and a source line. 800 px wide by default,
/// readable printed on A4. Hand-written: SVG is text and the core has no GDAL.
public struct SVGMap: Sendable {
  /// The lines of the no-data hatching (on `ColorBrewer.noDataColor`).
  public static let noDataLineColor = "#737373"
  public struct Area: Sendable {
    public var code: String
    public var geometry: MultiPolygon
    public var fill: String
    /// 0 no data (hatched), −1 suppressed, else the class.
    public var classNumber: Int
    /// The hover text (`<title>`): name, code, value and class; a withheld
    /// area's says so and carries no value (`SVGMap.hoverTitle`).
    public var title: String?
    public init(
      code: String, geometry: MultiPolygon, fill: String, classNumber: Int, title: String? = nil
    ) {
      self.code = code
      self.geometry = geometry
      self.fill = fill
      self.classNumber = classNumber
      self.title = title
    }
  }
  public var title: String
  public var subtitle: String?
  public var areas: [Area]
  public var outlines: [MultiPolygon] = []
  public var legendTitle: String
  public var legend: [MapClass]
  public var source: String
  /// How the scale bar's numbers are written.
  public var language: ReportLanguage = .en
  public var width = 800.0
  /// The legend beside the map; the HTML report draws its own under the map
  /// instead (readable at phone width), and the map takes the whole width.
  public var drawsLegend = true
  /// The areas as a picture (`AreaImage`) instead of one path each: for the
  /// report's maps of very many areas (issue 18). Title, outlines, scale bar and
  /// source stay vector; areas big enough to point at keep a hover title.
  public var areaImage: AreaImage?

  /// A PNG of the areas covering the map frame (`frame`), and which areas still
  /// get an invisible path with their `<title>` on top of it: those whose
  /// bounding box covers at least `hoverMinimumPixels` square pixels.
  public struct AreaImage: Sendable {
    public var png: [UInt8]
    public var hoverMinimumPixels: Double
    public init(png: [UInt8], hoverMinimumPixels: Double = 64) {
      self.png = png
      self.hoverMinimumPixels = hoverMinimumPixels
    }
  }

  /// Where the areas are drawn: map coordinates (`box`, RD New metres) to SVG
  /// pixels, x' = (x − box.minX)·scale + left, y' = (box.maxY − y)·scale + top.
  public struct Frame: Sendable {
    public var box: BoundingBox
    public var scale: Double
    public var left: Double
    public var top: Double
    public var mapWidth: Double { box.width * scale }
    public var mapHeight: Double { box.height * scale }
  }

  /// The areas (indexes) that keep a hover path over `image`: titled, with a
  /// bounding box of at least `hoverMinimumPixels` square SVG pixels.
  public func hoverableAreas(_ image: AreaImage) -> [Int] {
    let scale = frame.scale
    return areas.indices.filter { i in
      let b = areas[i].geometry.boundingBox
      return areas[i].title != nil && !b.isEmpty
        && b.width * b.height * scale * scale >= image.hoverMinimumPixels
    }
  }

  /// The frame `svg` draws the areas in.
  public var frame: Frame {
    var box = BoundingBox.empty
    for area in areas { box = box.union(area.geometry.boundingBox) }
    if box.isEmpty { box = BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1) }
    let legendWidth = drawsLegend ? 220.0 : 0
    let margin = 16.0
    let top = subtitle == nil ? 52.0 : 70.0
    let mapWidth = width - legendWidth - 2 * margin
    let scale = min(mapWidth / max(box.width, 1), 640 / max(box.height, 1))
    return Frame(
      box: box, scale: scale, left: margin + (mapWidth - box.width * scale) / 2, top: top)
  }

  public init(
    title: String, subtitle: String? = nil, areas: [Area], outlines: [MultiPolygon] = [],
    legendTitle: String, legend: [MapClass], source: String
  ) {
    self.title = title
    self.subtitle = subtitle
    self.areas = areas
    self.outlines = outlines
    self.legendTitle = legendTitle
    self.legend = legend
    self.source = source
  }

  /// The hover text of one area: `Dordwijk (GM9001) — % gemelde kinderen: 1,39 (klasse 0,56 – 1,39)`;
  /// a withheld area `… (9013): afgeschermd` and nothing else (its value is not
  /// published, nor a class that would bound it).
  public static func hoverTitle(
    name: String?, code: String, valueLabel: String, value: String?, classLabel: String,
    classNumber: Int,
    language: ReportLanguage
  ) -> String {
    let who = name.map { $0.isEmpty || $0 == code ? code : "\($0) (\(code))" } ?? code
    switch classNumber {
    case MapClass.suppressed: return "\(who): \(language.text(.withheld))"
    case MapClass.noData: return "\(who): \(language.text(.noData))"
    default:
      guard let value else { return "\(who): \(classLabel)" }
      return "\(who) — \(valueLabel): \(value) (\(language.text(.classWord)) \(classLabel))"
    }
  }

  public var svg: String {
    let frame = self.frame
    let box = frame.box
    let legendWidth = drawsLegend ? 220.0 : 0
    let margin = 16.0
    let top = subtitle == nil ? 52.0 : 70.0
    // A long title is set smaller so it fits the width (bold Helvetica is about
    // 0.66 em a character), never below 11 px.
    let titleSize = max(11, min(18, (width - 2 * margin) / (0.66 * Double(max(title.count, 1)))))
    let scale = frame.scale
    let mapHeight = box.height * scale
    let legendHeight = drawsLegend ? 40 + Double(legend.count) * 22 : 0
    // The source line, wrapped between words to fit the width.
    var sourceLines: [String] = []
    let maxCharacters = Int(width / 5.4)
    for word in source.split(separator: " ") {
      if let last = sourceLines.last, last.count + word.count + 1 <= maxCharacters {
        sourceLines[sourceLines.count - 1] = last + " " + word
      } else {
        sourceLines.append(String(word))
      }
    }
    let height = top + max(mapHeight, legendHeight) + 50 + Double(sourceLines.count) * 13
    let offsetX = frame.left
    // Path data is written as bytes, areas on all cores: a national map has
    // about 175,000 numbers, and a String per number made this the slowest part.
    func point(_ p: Point, _ d: inout JSONBytes) {
      SVGText.appendN((p.x - box.minX) * scale + offsetX, to: &d)
      d.append(" ")
      SVGText.appendN((box.maxY - p.y) * scale + top, to: &d)
    }
    func path(_ geometry: MultiPolygon, _ d: inout JSONBytes) {
      for polygon in geometry.polygons {
        for ring in polygon.rings {
          var points = ring.points[...]
          if points.count > 1, points.first == points.last { points = points.dropLast() }
          guard let first = points.first else { continue }
          d.append("M")
          point(first, &d)
          for p in points.dropFirst() {
            d.append("L")
            point(p, &d)
          }
          d.append("Z")
        }
      }
    }
    func lines(_ count: Int, _ line: (Int, inout JSONBytes) -> Void) -> String {
      let parts = ParallelFor.map(count, minimumChunk: 256) { i -> [UInt8] in
        var d = JSONBytes(capacity: 1024)
        line(i, &d)
        return d.bytes
      }
      var all: [UInt8] = []
      all.reserveCapacity(parts.reduce(0) { $0 + $1.count })
      for part in parts { all += part }
      return String(decoding: all, as: UTF8.self)
    }
    var out = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(SVGText.n(width))" height="\(SVGText.n(height))" viewBox="0 0 \(SVGText.n(width)) \(SVGText.n(height))" font-family="Helvetica, Arial, sans-serif">
      <defs><pattern id="nodata" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="\(ColorBrewer.noDataColor)"/><line x1="0" y1="0" x2="0" y2="6" stroke="\(Self.noDataLineColor)" stroke-width="1.2"/></pattern></defs>
      <rect width="100%" height="100%" fill="#ffffff"/>
      <text x="\(margin)" y="28" font-size="\(SVGText.n(titleSize))" font-weight="bold">\(SVGText.escape(title))</text>

      """
    if let subtitle {
      out +=
        "<text x=\"\(margin)\" y=\"50\" font-size=\"12\" fill=\"#444444\">\(SVGText.escape(subtitle))</text>\n"
    }
    out +=
      "<g id=\"areas\" stroke=\"#ffffff\" stroke-width=\"0.4\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n"
    if let image = areaImage {
      // The picture, then an invisible path (bounding-box size at least
      // `hoverMinimumPixels`) for each area big enough to hover, its outline
      // thinned to one point per pixel.
      out +=
        "<image x=\"\(SVGText.n(offsetX))\" y=\"\(SVGText.n(top))\" width=\"\(SVGText.n(box.width * scale))\" height=\"\(SVGText.n(mapHeight))\" preserveAspectRatio=\"none\" href=\"data:image/png;base64,\(Data(image.png).base64EncodedString())\"/>\n"
      let hoverable = hoverableAreas(image)
      out +=
        "</g>\n<g id=\"hover\" fill=\"#000000\" fill-opacity=\"0\" stroke=\"none\" fill-rule=\"evenodd\">\n"
      out += lines(hoverable.count) { n, d in
        let area = areas[hoverable[n]]
        d.appendUTF8(
          "<path data-code=\"\(SVGText.escape(area.code))\" data-class=\"\(area.classNumber)\" d=\""
        )
        for polygon in area.geometry.polygons {
          for ring in polygon.rings {
            var last: (Double, Double)? = nil
            var started = false
            for p in ring.points {
              let x = ((p.x - box.minX) * scale + offsetX).rounded()
              let y = ((box.maxY - p.y) * scale + top).rounded()
              if let last, last == (x, y) { continue }
              if started { d.append("L") } else { d.append("M") }
              SVGText.appendN(x, to: &d)
              d.append(" ")
              SVGText.appendN(y, to: &d)
              last = (x, y)
              started = true
            }
            if started { d.append("Z") }
          }
        }
        d.appendUTF8("\"><title>\(SVGText.escape(area.title ?? ""))</title></path>\n")
      }
    } else {
      out += lines(areas.count) { i, d in
        let area = areas[i]
        let fill = area.classNumber == MapClass.noData ? "url(#nodata)" : area.fill
        d.appendUTF8(
          "<path id=\"a\(SVGText.escape(area.code))\" data-code=\"\(SVGText.escape(area.code))\" data-class=\"\(area.classNumber)\" fill=\"\(fill)\" d=\""
        )
        path(area.geometry, &d)
        if let title = area.title {
          d.appendUTF8("\"><title>\(SVGText.escape(title))</title></path>\n")
        } else {
          d.append("\"/>\n")
        }
      }
    }
    out += "</g>\n"
    if !outlines.isEmpty {
      out +=
        "<g id=\"outlines\" fill=\"none\" stroke=\"#252525\" stroke-width=\"1.4\" stroke-linejoin=\"round\">\n"
      out += lines(outlines.count) { i, d in
        d.append("<path d=\"")
        path(outlines[i], &d)
        d.append("\"/>\n")
      }
      out += "</g>\n"
    }
    // Legend.
    let legendX = width - legendWidth - margin + 16
    if drawsLegend {
      out += "<g id=\"legend\" font-size=\"12\">\n"
      out +=
        "<text x=\"\(SVGText.n(legendX))\" y=\"\(SVGText.n(top + 10))\" font-weight=\"bold\">\(SVGText.escape(legendTitle))</text>\n"
      for (i, entry) in legend.enumerated() {
        let rowY = top + 24 + Double(i) * 22
        let fill = entry.number == MapClass.noData ? "url(#nodata)" : entry.color
        out +=
          "<rect x=\"\(SVGText.n(legendX))\" y=\"\(SVGText.n(rowY))\" width=\"22\" height=\"15\" fill=\"\(fill)\" stroke=\"#636363\" stroke-width=\"0.5\"/>"
        out +=
          "<text x=\"\(SVGText.n(legendX + 30))\" y=\"\(SVGText.n(rowY + 12))\">\(SVGText.escape(entry.label)) (\(entry.count))</text>\n"
      }
      out += "</g>\n"
    }
    // Scale bar: a round length near a fifth of the map width.
    let target = box.width / 5
    let candidates: [Double] = [100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000]
    let length = candidates.last(where: { $0 <= max(target, 100) }) ?? 100
    let barY = top + mapHeight + 22
    let barWidth = length * scale
    let label =
      length >= 1000
      ? "\(language.trimmed(length / 1000, decimals: 1)) km" : "\(language.integer(length)) m"
    out += """
      <g id="scalebar" font-size="11"><rect x="\(SVGText.n(margin))" y="\(SVGText.n(barY))" width="\(SVGText.n(barWidth))" height="5" fill="#252525"/><rect x="\(SVGText.n(margin + barWidth / 2))" y="\(SVGText.n(barY))" width="\(SVGText.n(barWidth / 2))" height="5" fill="#ffffff" stroke="#252525" stroke-width="0.8"/><text x="\(SVGText.n(margin))" y="\(SVGText.n(barY + 18))">0</text><text x="\(SVGText.n(margin + barWidth))" y="\(SVGText.n(barY + 18))" text-anchor="middle">\(label)</text></g>
      \(sourceLines.enumerated().map { i, line in "<text x=\"\(SVGText.n(margin))\" y=\"\(SVGText.n(height - 10 - Double(sourceLines.count - 1 - i) * 13))\" font-size=\"9.5\" fill=\"#555555\">\(SVGText.escape(line))</text>" }.joined(separator: "\n"))
      </svg>

      """
    return out
  }
}
