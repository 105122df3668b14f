import Foundation
import Testing

@testable import WijkstatCore

/// Numbers for people (issue 18): expected strings written by hand from the
/// Dutch convention (decimal comma, thousands dot, Taalunie) and the English one.
struct ReportLanguageTests {
  let nbsp = ReportLanguage.noBreakSpace

  @Test func dutchAndEnglishNumbers() {
    #expect(ReportLanguage.nl.number(1234.5, decimals: 2) == "1.234,50")
    #expect(ReportLanguage.en.number(1234.5, decimals: 2) == "1,234.50")
    #expect(ReportLanguage.nl.number(0.6279525290932135, decimals: 2) == "0,63")
    #expect(ReportLanguage.nl.number(1_000_000, decimals: 0) == "1.000.000")
    #expect(ReportLanguage.nl.number(-1234.567, decimals: 1) == "-1.234,6")
    // Rounds to zero: no "-0,00".
    #expect(ReportLanguage.nl.number(-0.001, decimals: 2) == "0,00")
    #expect(ReportLanguage.nl.number(.nan) == "–")
    #expect(ReportLanguage.nl.integer(55060) == "55.060")
    #expect(ReportLanguage.en.integer(55060) == "55,060")
    #expect(ReportLanguage.nl.integer(999) == "999")
  }

  @Test func pValuesWithoutExponents() {
    #expect(ReportLanguage.nl.pValue(1.03e-39) == "<\(nbsp)0,001")
    #expect(ReportLanguage.en.pValue(1.03e-39) == "<\(nbsp)0.001")
    #expect(ReportLanguage.nl.pValue(0.0421) == "0,042")
    #expect(ReportLanguage.nl.pValue(0.001) == "0,001")
    #expect(ReportLanguage.nl.pValue(.infinity) == "–")
  }

  @Test func trimmedTicks() {
    #expect(ReportLanguage.nl.trimmed(0.5, decimals: 1) == "0,5")
    #expect(ReportLanguage.nl.trimmed(2, decimals: 1) == "2")
    #expect(ReportLanguage.nl.trimmed(12_500, decimals: 2) == "12.500")
    #expect(ReportLanguage.en.trimmed(1.25, decimals: 3) == "1.25")
  }

  /// Axis ticks of a scatter plot over [0, 1]: Heckbert's nice step 0.2, written
  /// `0,2` in Dutch; the bar chart's hover names the value and interval in Dutch.
  @Test func chartAxesAndHoversInDutch() {
    let plot = ScatterPlot(
      points: [(0, 0.1), (0.5, 0.6), (1, 0.9)], xLabel: "x", yLabel: "y", title: "t", language: .nl)
    #expect(plot.svg.contains(">0,2</text>") && plot.svg.contains(">0,8</text>"))
    #expect(!plot.svg.contains(">0.2</text>"))
    let bars = IntervalBarChart(
      bars: [
        .init(
          group: "0-17", label: "achterstandswijk", value: 0.6279525290932135, low: 0.5, high: 0.75)
      ],
      title: "t", yLabel: "%", language: .nl)
    #expect(
      bars.svg.contains("<title>0-17, achterstandswijk: 0,63 (95%-interval 0,50–0,75)</title>"))
    // The bar chart labels its groups, not numbers, under the x axis.
    #expect(!bars.svg.contains("text-anchor=\"middle\">0,0</text>"))
  }

  /// Years are never grouped (`2009`, not `2.009`), and the legend column is as
  /// wide as the longest name needs (23 characters × 5.6 px + 24 = 152.8 px).
  @Test func lineChartYearsAndLongNames() {
    let chart = LineChart(
      series: [.init(label: "Oosterhout aan de Linge", points: [(2008, 0.51), (2009, 0.62)])],
      title: "t", xLabel: "jaar", yLabel: "%", language: .nl)
    let svg = chart.svg
    #expect(svg.contains(">2009</text>") && !svg.contains("2.009"))
    #expect(svg.contains("viewBox=\"0 0 592.8 320\""))
    #expect(svg.contains("<title>Oosterhout aan de Linge, 2009: 0,62</title>"))
  }

  /// A withheld area's hover says so and nothing more: no value, no class
  /// (a class would bound the withheld rate).
  @Test func hoverTitles() {
    let nl = ReportLanguage.nl
    #expect(
      SVGMap.hoverTitle(
        name: "Dordwijk", code: "GM9001", valueLabel: "% gemelde kinderen", value: "1,39",
        classLabel: "0,56 – 1,39", classNumber: 5, language: nl)
        == "Dordwijk (GM9001) — % gemelde kinderen: 1,39 (klasse 0,56 – 1,39)")
    #expect(
      SVGMap.hoverTitle(
        name: nil, code: "PC-4 3300", valueLabel: "% gemelde kinderen", value: "1,39",
        classLabel: "0,56 – 1,39", classNumber: MapClass.suppressed, language: nl)
        == "PC-4 3300: afgeschermd")
    #expect(
      SVGMap.hoverTitle(
        name: "X", code: "1", valueLabel: "v", value: nil, classLabel: "",
        classNumber: MapClass.suppressed,
        language: .en) == "X (1): withheld")
    #expect(
      SVGMap.hoverTitle(
        name: nil, code: "PC-4 3308", valueLabel: "LISA", value: nil, classLabel: "hoog-hoog (HH)",
        classNumber: 1,
        language: nl) == "PC-4 3308: hoog-hoog (HH)")
    // Every area path of a drawn map carries its title.
    let square = MultiPolygon([
      Polygon(
        exterior: Ring([
          Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 0, y: 1),
          Point(x: 0, y: 0),
        ]))
    ])
    var map = SVGMap(
      title: "t",
      areas: [
        .init(
          code: "1", geometry: square, fill: "#fff", classNumber: -1,
          title: "A & B (1): afgeschermd")
      ],
      legendTitle: "l", legend: [], source: "s")
    map.drawsLegend = false
    #expect(map.svg.contains("><title>A &amp; B (1): afgeschermd</title></path>"))
    #expect(!map.svg.contains("id=\"legend\""))
  }

  @Test func indicatorLabels() {
    let labels = IndicatorLabels(custom: [
      "eigen_index": ["*": "Eigen index"], "jeugdzorg": ["en": "Youth care (share)"],
    ])
    #expect(labels.label("kinderen_in_armoede", .nl) == "Kinderen in armoede (%)")
    #expect(labels.label("kinderen_in_armoede", .en) == "Children in poverty (%)")
    #expect(labels.label("eigen_index", .en) == "Eigen index")
    #expect(labels.label("jeugdzorg", .en) == "Youth care (share)")
    #expect(labels.label("jeugdzorg", .nl) == "Jeugdzorg 0–17 (%)")
    #expect(labels.label("nieuwe_kolom", .nl) == "Nieuwe kolom")
  }
}
