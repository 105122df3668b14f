import Foundation

/// A scatter plot with the least-squares line, as inline SVG: % reported against
/// one indicator, one dot per area (like the report's figures of § 2.2).
public struct ScatterPlot {
  public var points: [(x: Double, y: Double)]
  public var xLabel: String
  public var yLabel: String
  public var title: String
  /// Shown in the corner, e.g. "r = 0.41 (n = 312)".
  public var note: String?
  public var width = 420.0
  public var height = 300.0
  /// How axis numbers are written (`0,5` in Dutch).
  public var language: ReportLanguage

  public init(
    points: [(x: Double, y: Double)], xLabel: String, yLabel: String, title: String,
    note: String? = nil, language: ReportLanguage = .en
  ) {
    self.language = language
    self.points = points.filter { $0.x.isFinite && $0.y.isFinite }
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.title = title
    self.note = note
  }

  /// Ordinary least squares y = a + b·x; nil with fewer than two distinct x.
  public var regression: (intercept: Double, slope: Double)? {
    let n = Double(points.count)
    guard n >= 2 else { return nil }
    let mx = points.reduce(0) { $0 + $1.x } / n
    let my = points.reduce(0) { $0 + $1.y } / n
    let sxx = points.reduce(0) { $0 + ($1.x - mx) * ($1.x - mx) }
    guard sxx > 0 else { return nil }
    let sxy = points.reduce(0) { $0 + ($1.x - mx) * ($1.y - my) }
    let slope = sxy / sxx
    return (my - slope * mx, slope)
  }

  /// Above this many points the dots are drawn as a density grid: one square of
  /// `densityCell` px per occupied cell, shaded by how many areas fall in it
  /// (1, 2–4, 5–16, 17–64, 65 or more). 460,000 dots made each plot 20 MB and
  /// the report too large to open (issue 18); the grid is at most 6,000 squares.
  public static let maximumDots = 2_000
  public static let densityCell = 4.0
  static let densityLevels = [1, 2, 5, 17, 65]
  static let densityOpacities = ["0.2", "0.4", "0.6", "0.8", "1"]

  /// Whether `svg` draws a density grid instead of one dot per area.
  public var drawsDensity: Bool { points.count > Self.maximumDots }

  public var svg: String {
    let frame = ChartFrame(
      width: width, height: height,
      xRange: (points.map(\.x).min() ?? 0, points.map(\.x).max() ?? 1),
      yRange: (min(0, points.map(\.y).min() ?? 0), points.map(\.y).max() ?? 1), language: language)
    var out = frame.open(title: title, xLabel: xLabel, yLabel: yLabel)
    if drawsDensity {
      out += densityGrid(frame)
    } else {
      out += "<g fill=\"#3182bd\" fill-opacity=\"0.55\">"
      for p in points {
        out +=
          "<circle cx=\"\(SVGText.n(frame.x(p.x)))\" cy=\"\(SVGText.n(frame.y(p.y)))\" r=\"2.2\"/>"
      }
      out += "</g>"
    }
    if let line = regression {
      let x0 = frame.xTicks.first ?? 0
      let x1 = frame.xTicks.last ?? 1
      out +=
        "<line class=\"fit\" x1=\"\(SVGText.n(frame.x(x0)))\" y1=\"\(SVGText.n(frame.y(line.intercept + line.slope * x0)))\" x2=\"\(SVGText.n(frame.x(x1)))\" y2=\"\(SVGText.n(frame.y(line.intercept + line.slope * x1)))\" stroke=\"#de2d26\" stroke-width=\"1.5\" clip-path=\"url(#plot-\(frame.id))\"/>"
    }
    if let note {
      out +=
        "<text x=\"\(SVGText.n(frame.right - 4))\" y=\"\(SVGText.n(frame.top + 14))\" text-anchor=\"end\" font-size=\"11\">\(SVGText.escape(note))</text>"
    }
    if drawsDensity {
      out +=
        "<text x=\"\(SVGText.n(frame.right - 4))\" y=\"\(SVGText.n(frame.top + 27))\" text-anchor=\"end\" font-size=\"9\" fill=\"#444\">\(SVGText.escape(language.text(.scatterDensityKey)))</text>"
    }
    return out + "</svg>"
  }

  /// The points counted per `densityCell` square of the plot, one path per
  /// shade, each with a hover title saying how many areas a square holds.
  func densityGrid(_ frame: ChartFrame) -> String {
    let cell = Self.densityCell
    let columns = max(1, Int(((frame.right - frame.left) / cell).rounded(.up)))
    let rows = max(1, Int(((frame.bottom - frame.top) / cell).rounded(.up)))
    var counts = [Int](repeating: 0, count: columns * rows)
    for p in points {
      let c = min(columns - 1, max(0, Int(((frame.x(p.x) - frame.left) / cell).rounded(.down))))
      let r = min(rows - 1, max(0, Int(((frame.y(p.y) - frame.top) / cell).rounded(.down))))
      counts[r * columns + c] += 1
    }
    var paths = [String](repeating: "", count: Self.densityLevels.count)
    for (i, count) in counts.enumerated() where count > 0 {
      let level = Self.densityLevels.lastIndex { $0 <= count } ?? 0
      let x = frame.left + Double(i % columns) * cell
      let y = frame.top + Double(i / columns) * cell
      paths[level] += "M\(SVGText.n(x)) \(SVGText.n(y))h4v4h-4z"
    }
    var out = "<g fill=\"#3182bd\">"
    for (level, d) in paths.enumerated() where !d.isEmpty {
      let low = Self.densityLevels[level]
      let range =
        level + 1 < Self.densityLevels.count
        ? "\(low)–\(Self.densityLevels[level + 1] - 1)" : "\(low)+"
      out +=
        "<path fill-opacity=\"\(Self.densityOpacities[level])\" d=\"\(d)\"><title>\(SVGText.escape(language.text(.scatterDensityCell(range: low == 1 ? "1" : range))))</title></path>"
    }
    return out + "</g>"
  }
}

/// Axes, ticks, labels and the coordinate mapping shared by the charts.
struct ChartFrame {
  let width: Double
  let height: Double
  let left = 52.0
  let top = 28.0
  var right: Double { width - 12 }
  var bottom: Double { height - 40 }
  let xTicks: [Double]
  let yTicks: [Double]
  let id: String
  let language: ReportLanguage
  /// Numbers under the x axis (off for a chart that labels its groups instead).
  var xTickLabels = true
  /// Years on the x axis are not grouped (`2009`, never `2.009`).
  var xIsYear = false

  init(
    width: Double, height: Double, xRange: (Double, Double), yRange: (Double, Double),
    language: ReportLanguage = .en
  ) {
    self.language = language
    self.width = width
    self.height = height
    var (x0, x1) = xRange
    if x1 <= x0 { x1 = x0 + 1 }
    var (y0, y1) = yRange
    if y1 <= y0 { y1 = y0 + 1 }
    xTicks = SVGText.ticks(x0, x1)
    yTicks = SVGText.ticks(y0, y1)
    // A stable id from the ranges (FNV-1a, not Swift's per-process seeded hash),
    // so two charts on one page do not share a clip path and output is reproducible.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for v in [x0, x1, y0, y1, width, height] {
      for byte in withUnsafeBytes(of: v.bitPattern, Array.init) {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
      }
    }
    id = String(hash % 1_000_000_007, radix: 36)
  }

  func x(_ v: Double) -> Double {
    let lo = xTicks.first ?? 0
    let hi = xTicks.last ?? 1
    return left + (v - lo) / max(hi - lo, 1e-12) * (right - left)
  }
  func y(_ v: Double) -> Double {
    let lo = yTicks.first ?? 0
    let hi = yTicks.last ?? 1
    return bottom - (v - lo) / max(hi - lo, 1e-12) * (bottom - top)
  }

  func open(title: String, xLabel: String, yLabel: String) -> String {
    var out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVGText.n(width)) \(SVGText.n(height))\" width=\"\(SVGText.n(width))\" height=\"\(SVGText.n(height))\" font-family=\"sans-serif\" font-size=\"10\" role=\"img\" aria-label=\"\(SVGText.escape(title))\">"
    out += "<title>\(SVGText.escape(title))</title>"
    out +=
      "<defs><clipPath id=\"plot-\(id)\"><rect x=\"\(SVGText.n(left))\" y=\"\(SVGText.n(top))\" width=\"\(SVGText.n(right - left))\" height=\"\(SVGText.n(bottom - top))\"/></clipPath></defs>"
    out +=
      "<text x=\"\(SVGText.n(left))\" y=\"16\" font-size=\"12\" font-weight=\"bold\">\(SVGText.escape(title))</text>"
    let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 1
    let yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
    out += "<g stroke=\"#ddd\">"
    for t in yTicks {
      out +=
        "<line x1=\"\(SVGText.n(left))\" x2=\"\(SVGText.n(right))\" y1=\"\(SVGText.n(y(t)))\" y2=\"\(SVGText.n(y(t)))\"/>"
    }
    out += "</g><g fill=\"#444\">"
    for t in yTicks {
      out +=
        "<text x=\"\(SVGText.n(left - 4))\" y=\"\(SVGText.n(y(t) + 3))\" text-anchor=\"end\">\(SVGText.label(t, step: yStep, language: language))</text>"
    }
    for t in xTicks where xTickLabels {
      out +=
        "<text x=\"\(SVGText.n(x(t)))\" y=\"\(SVGText.n(bottom + 13))\" text-anchor=\"middle\">\(xIsYear ? String(Int(t.rounded())) : SVGText.label(t, step: xStep, language: language))</text>"
    }
    out += "</g>"
    out +=
      "<line x1=\"\(SVGText.n(left))\" x2=\"\(SVGText.n(right))\" y1=\"\(SVGText.n(bottom))\" y2=\"\(SVGText.n(bottom))\" stroke=\"#444\"/>"
    out +=
      "<text x=\"\(SVGText.n((left + right) / 2))\" y=\"\(SVGText.n(height - 8))\" text-anchor=\"middle\">\(SVGText.escape(xLabel))</text>"
    out +=
      "<text transform=\"translate(12 \(SVGText.n((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(SVGText.escape(yLabel))</text>"
    return out
  }
}
