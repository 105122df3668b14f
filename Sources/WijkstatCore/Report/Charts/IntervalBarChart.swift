/// Bars with 95% intervals: % reported in achterstandswijken against the other
/// areas per age group (the report's Tabel 3 drawn, with the uncertainty it lacked).
public struct IntervalBarChart {
  public struct Bar {
    public var group: String
    public var label: String
    public var value: Double
    public var low: Double
    public var high: Double
    public init(group: String, label: String, value: Double, low: Double, high: Double) {
      self.group = group
      self.label = label
      self.value = value
      self.low = low
      self.high = high
    }
  }
  public var bars: [Bar]
  public var title: String
  public var yLabel: String
  public var width = 520.0
  public var height = 300.0
  /// How the axis and the hover values are written (`0,63` in Dutch).
  public var language: ReportLanguage

  public init(bars: [Bar], title: String, yLabel: String, language: ReportLanguage = .en) {
    self.language = language
    self.bars = bars
    self.title = title
    self.yLabel = yLabel
  }

  public var svg: String {
    let groups = bars.reduce(into: [String]()) { if !$0.contains($1.group) { $0.append($1.group) } }
    let labels = bars.reduce(into: [String]()) { if !$0.contains($1.label) { $0.append($1.label) } }
    let top = bars.map { $0.high.isFinite ? $0.high : $0.value }.max() ?? 1
    var frame = ChartFrame(
      width: width, height: height, xRange: (0, 1), yRange: (0, top), language: language)
    // No numeric x ticks: this chart labels its groups instead.
    frame.xTickLabels = false
    var out = frame.open(title: title, xLabel: "", yLabel: yLabel)
    let colors = ["#9ecae1", "#de2d26", "#fdae6b", "#31a354"]
    let groupWidth = (frame.right - frame.left) / Double(max(groups.count, 1))
    let barWidth = groupWidth * 0.7 / Double(max(labels.count, 1))
    for (g, group) in groups.enumerated() {
      let gx = frame.left + Double(g) * groupWidth + groupWidth * 0.15
      for (l, label) in labels.enumerated() {
        guard let bar = bars.first(where: { $0.group == group && $0.label == label }),
          bar.value.isFinite
        else { continue }
        let x = gx + Double(l) * barWidth
        out +=
          "<rect x=\"\(SVGText.n(x))\" y=\"\(SVGText.n(frame.y(bar.value)))\" width=\"\(SVGText.n(barWidth - 2))\" height=\"\(SVGText.n(frame.y(0) - frame.y(bar.value)))\" fill=\"\(colors[l % colors.count])\"><title>\(SVGText.escape(hover(bar)))</title></rect>"
        if bar.low.isFinite, bar.high.isFinite {
          let cx = x + (barWidth - 2) / 2
          out +=
            "<path d=\"M\(SVGText.n(cx)) \(SVGText.n(frame.y(bar.low)))V\(SVGText.n(frame.y(bar.high)))M\(SVGText.n(cx - 3)) \(SVGText.n(frame.y(bar.low)))h6M\(SVGText.n(cx - 3)) \(SVGText.n(frame.y(bar.high)))h6\" stroke=\"#222\" fill=\"none\"/>"
        }
      }
      out +=
        "<text x=\"\(SVGText.n(gx + groupWidth * 0.35))\" y=\"\(SVGText.n(frame.bottom + 13))\" text-anchor=\"middle\">\(SVGText.escape(group))</text>"
    }
    for (l, label) in labels.enumerated() {
      let x = frame.left + 8 + Double(l) * 150
      out +=
        "<rect x=\"\(SVGText.n(x))\" y=\"\(SVGText.n(height - 18))\" width=\"10\" height=\"10\" fill=\"\(colors[l % colors.count])\"/><text x=\"\(SVGText.n(x + 14))\" y=\"\(SVGText.n(height - 9))\">\(SVGText.escape(label))</text>"
    }
    return out + "</svg>"
  }

  /// The hover text of a bar: `0-17, achterstandswijk: 1,18 (95%-interval 1,09–1,28)`.
  func hover(_ bar: Bar) -> String {
    var text = "\(bar.group), \(bar.label): \(language.number(bar.value))"
    if bar.low.isFinite, bar.high.isFinite {
      text +=
        " (\(language.text(.word(.interval95))) "
        + "\(language.number(bar.low))–\(language.number(bar.high)))"
    }
    return text
  }
}

import Foundation
