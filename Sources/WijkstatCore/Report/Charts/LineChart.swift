/// Lines over years, one per area: % reported per gemeente per year, like the
/// report's figures 15–19.
public struct LineChart {
  public struct Series {
    public var label: String
    public var points: [(x: Double, y: Double)]
    public init(label: String, points: [(x: Double, y: Double)]) {
      self.label = label
      self.points = points.filter { $0.y.isFinite }.sorted { $0.x < $1.x }
    }
  }
  public var series: [Series]
  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var width = 560.0
  public var height = 320.0
  /// How the axis and the hover values are written (`0,5` in Dutch).
  public var language: ReportLanguage

  public init(
    series: [Series], title: String, xLabel: String, yLabel: String, language: ReportLanguage = .en
  ) {
    self.language = language
    self.series = series
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  /// Qualitative colours (ColorBrewer Dark2, colorbrewer2.org, Apache-2.0).
  static let palette = [
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
  ]

  public var svg: String {
    let all = series.flatMap(\.points)
    // The legend column fits the longest name (about 5.6 px a character at
    // font size 10), so `Oosterhout aan de Linge` is not cut.
    let legendWidth = max(120, 24 + 5.6 * Double(series.map(\.label.count).max() ?? 0))
    let width = self.width - 120 + legendWidth
    var frame = ChartFrame(
      width: width - legendWidth, height: height,
      xRange: (all.map(\.x).min() ?? 0, all.map(\.x).max() ?? 1),
      yRange: (0, all.map(\.y).max() ?? 1), language: language)
    frame.xIsYear = true
    var out = frame.open(title: title, xLabel: xLabel, yLabel: yLabel)
      .replacingOccurrences(
        of:
          "viewBox=\"0 0 \(SVGText.n(width - legendWidth)) \(SVGText.n(height))\" width=\"\(SVGText.n(width - legendWidth))\"",
        with:
          "viewBox=\"0 0 \(SVGText.n(width)) \(SVGText.n(height))\" width=\"\(SVGText.n(width))\"")
    for (index, s) in series.enumerated() {
      let color = LineChart.palette[index % LineChart.palette.count]
      let path = s.points.enumerated().map { i, p in
        "\(i == 0 ? "M" : "L")\(SVGText.n(frame.x(p.x))) \(SVGText.n(frame.y(p.y)))"
      }.joined()
      out += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.6\"/>"
      for p in s.points {
        out +=
          "<circle cx=\"\(SVGText.n(frame.x(p.x)))\" cy=\"\(SVGText.n(frame.y(p.y)))\" r=\"2.5\" fill=\"\(color)\"><title>\(SVGText.escape("\(s.label), \(Int(p.x.rounded())): \(language.number(p.y, decimals: 2))"))</title></circle>"
      }
      let ly = frame.top + 14 * Double(index)
      out +=
        "<rect x=\"\(SVGText.n(width - legendWidth + 8))\" y=\"\(SVGText.n(ly - 8))\" width=\"10\" height=\"10\" fill=\"\(color)\"/><text x=\"\(SVGText.n(width - legendWidth + 22))\" y=\"\(SVGText.n(ly + 1))\">\(SVGText.escape(s.label))</text>"
    }
    return out + "</svg>"
  }
}

import Foundation
