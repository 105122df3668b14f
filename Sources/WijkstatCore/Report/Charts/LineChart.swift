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

  public init(series: [Series], title: String, xLabel: String, yLabel: String) {
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
    let frame = ChartFrame(
      width: width - 120, height: height,
      xRange: (all.map(\.x).min() ?? 0, all.map(\.x).max() ?? 1),
      yRange: (0, all.map(\.y).max() ?? 1))
    var out = frame.open(title: title, xLabel: xLabel, yLabel: yLabel)
      .replacingOccurrences(
        of:
          "viewBox=\"0 0 \(SVGText.n(width - 120)) \(SVGText.n(height))\" width=\"\(SVGText.n(width - 120))\"",
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
          "<circle cx=\"\(SVGText.n(frame.x(p.x)))\" cy=\"\(SVGText.n(frame.y(p.y)))\" r=\"2\" fill=\"\(color)\"/>"
      }
      let ly = frame.top + 14 * Double(index)
      out +=
        "<rect x=\"\(SVGText.n(width - 112))\" y=\"\(SVGText.n(ly - 8))\" width=\"10\" height=\"10\" fill=\"\(color)\"/><text x=\"\(SVGText.n(width - 98))\" y=\"\(SVGText.n(ly + 1))\">\(SVGText.escape(s.label))</text>"
    }
    return out + "</svg>"
  }
}

import Foundation
