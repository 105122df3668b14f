import Foundation
import Testing

@testable import WijkstatCore

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Counts elements by name while checking the SVG is well-formed XML.
final class ElementCounter: NSObject, XMLParserDelegate {
  var counts: [String: Int] = [:]
  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    counts[name, default: 0] += 1
  }
  static func count(_ xml: String) -> [String: Int]? {
    let parser = XMLParser(data: Data(xml.utf8))
    let counter = ElementCounter()
    parser.delegate = counter
    return parser.parse() ? counter.counts : nil
  }
}

@Suite struct ChartTests {
  @Test func scatterRegressionMatchesHandComputation() {
    // y = 1 + 2x exactly for x = 0...4: intercept 1, slope 2.
    let plot = ScatterPlot(
      points: (0...4).map { (Double($0), 1 + 2 * Double($0)) }, xLabel: "x", yLabel: "y", title: "t"
    )
    let fit = plot.regression!
    #expect(abs(fit.intercept - 1) < 1e-12 && abs(fit.slope - 2) < 1e-12)
    let counts = ElementCounter.count(plot.svg)
    #expect(counts?["circle"] == 5)
    #expect(counts?["line"] ?? 0 >= 2)
  }

  @Test func chartsAreWellFormedAndDeterministic() {
    let line = LineChart(
      series: [
        .init(label: "Dordrecht & co", points: [(2003, 1.2), (2009, 4.41)]),
        .init(label: "Rest", points: [(2003, 0.3), (2009, 0.5)]),
      ], title: "Trend <%>", xLabel: "jaar", yLabel: "%")
    #expect(ElementCounter.count(line.svg)?["path"] == 2)
    #expect(line.svg == line.svg)
    let bars = IntervalBarChart(
      bars: [
        .init(group: "0-17", label: "achterstandswijk", value: 1.18, low: 1.1, high: 1.26),
        .init(group: "0-17", label: "overig", value: 0.49, low: 0.47, high: 0.51),
      ], title: "Tabel 3", yLabel: "%")
    let counts = ElementCounter.count(bars.svg)
    #expect(counts?["rect"] == 5)  // the clip rectangle, two bars and two legend swatches
  }

  @Test func niceTicks() {
    // By hand with Heckbert's rules: range 0–4.41 → nice range 5, step nice(1.25) = 1,
    // ticks 0…5 so that 4.41 (Dordrecht 2009) stays inside the axis.
    #expect(SVGText.ticks(0, 4.41) == [0, 1, 2, 3, 4, 5])
    // Range 0.12–0.49 → nice range 0.5, step nice(0.125) = 0.1, ticks 0.1…0.5.
    let ticks = SVGText.ticks(0.12, 0.49)
    #expect(ticks.count == 5)
    #expect(zip(ticks, [0.1, 0.2, 0.3, 0.4, 0.5]).allSatisfy { abs($0 - $1) < 1e-12 })
  }
}
