import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import Testing

@testable import WijkstatCore

@Suite struct MapOutputTests {
  func square(_ x: Double, _ y: Double) -> MultiPolygon {
    MultiPolygon([
      Polygon(
        exterior: Ring([
          Point(x: x, y: y), Point(x: x + 1000, y: y), Point(x: x + 1000, y: y + 1000),
          Point(x: x, y: y + 1000), Point(x: x, y: y),
        ]))
    ])
  }

  var map: ChoroplethMap {
    get throws {
      let values: [Double?] = [0.1, 0.5, 0.9, nil, 0.3]
      let entries = values.enumerated().map { i, value in
        ChoroplethMap.Entry(
          code: "10\(i)0", name: nil, geometry: square(Double(i) * 1000 + 150_000, 450_000),
          year: 2009,
          value: value, status: i == 4 ? .suppressed : value == nil ? .noData : .data)
      }
      return try ChoroplethMap(
        entries: entries, method: .equalInterval, classes: 2, colors: ["Blues"])
    }
  }

  @Test func oneClassificationForEveryOutput() throws {
    let map = try self.map
    // Equal interval over 0.1, 0.5, 0.9 (the withheld 0.3 does not count): breaks 0.5, 0.9.
    #expect(map.classification.breaks == [0.5, 0.9])
    #expect(map.classNumbers == [1, 1, 2, 0, -1])
    #expect(map.legend.map(\.count) == [2, 1, 1, 1])
    // Blues has no 2-class scheme: the lightest and darkest of its 3 classes.
    #expect(map.legend.map(\.color) == ["#deebf7", "#3182bd", "#d9d9d9", "#969696"])
    #expect(map.legend[0].label == "0,10 – 0,50")
  }

  @Test func qmlParsesWithARangePerClass() throws {
    let map = try self.map
    let qml = QMLStyle.graduated(classes: map.legend)
    let document = try XMLDocument(xmlString: qml)
    let ranges = try document.nodes(forXPath: "//renderer-v2/ranges/range")
    #expect(ranges.count == 4)
    let colors = try document.nodes(
      forXPath: "//symbols/symbol/layer/Option/Option[@name='color']/@value"
    )
    .compactMap(\.stringValue)
    let blues = try ColorBrewer.colors("Blues", k: 2)
    func rgb(_ hex: String) -> String {
      let v = Int(hex.dropFirst(), radix: 16)!
      return "\((v >> 16) & 255),\((v >> 8) & 255),\(v & 255),255"
    }
    #expect(colors.prefix(2) == [rgb(blues[0]), rgb(blues[1])][...])
  }

  /// Graduated on the value field (issue 18), not on the class number: the
  /// ranges are the classification's bounds (equal interval over 0.1–0.9: 0.5,
  /// 0.9), the attribute an expression that sends withheld and no-data areas to
  /// their own ranges (a graduated renderer skips NULL).
  @Test func qmlGraduatedOnTheValue() throws {
    let map = try self.map
    let qml = QMLStyle.graduated(classes: map.legend, valueField: "pct_reported")
    let document = try XMLDocument(xmlString: qml)
    let attribute = try document.nodes(forXPath: "//renderer-v2/@attr").first?.stringValue
    #expect(
      attribute
        == "CASE WHEN \"status\" = 'suppressed' THEN -2000000000 WHEN \"pct_reported\" IS NULL THEN -1000000000 ELSE \"pct_reported\" END"
    )
    let ranges = try document.nodes(forXPath: "//renderer-v2/ranges/range").compactMap {
      $0 as? XMLElement
    }
    let bounds = ranges.map {
      [$0.attribute(forName: "lower")!.stringValue!, $0.attribute(forName: "upper")!.stringValue!]
    }
    #expect(
      bounds == [
        ["-400000000", "0.5"], ["0.5", "0.9"], ["-1250000000", "-750000000"],
        ["-2500000000", "-1500000000"],
      ])
    #expect(
      ranges.map { $0.attribute(forName: "label")!.stringValue! } == [
        "0,10 – 0,50", "0,50 – 0,90", "geen gegevens", "afgeschermd",
      ])
  }

  /// Categorised on the value field of a unique-value map: one category per
  /// LISA class, and QGIS's catch-all (empty value) for no data.
  @Test func qmlCategorisedOnTheValue() throws {
    let qml = QMLStyle.categorized(
      categories: [("HH", "hoog-hoog (HH)", "#d7191c"), ("ns", "niet significant", "#f7f7f7")],
      field: "lisa",
      noData: MapClass(number: 0, label: "geen gegevens", color: "#d9d9d9", count: 3))
    let document = try XMLDocument(xmlString: qml)
    #expect(
      try document.nodes(forXPath: "//renderer-v2/@type").first?.stringValue == "categorizedSymbol")
    #expect(try document.nodes(forXPath: "//renderer-v2/@attr").first?.stringValue == "lisa")
    let categories = try document.nodes(forXPath: "//categories/category").compactMap {
      $0 as? XMLElement
    }
    #expect(categories.map { $0.attribute(forName: "value")!.stringValue! } == ["HH", "ns", ""])
    #expect(
      categories.map { $0.attribute(forName: "label")!.stringValue! } == [
        "hoog-hoog (HH)", "niet significant", "geen gegevens",
      ])
    let colors = try document.nodes(
      forXPath: "//symbols/symbol/layer/Option/Option[@name='color']/@value"
    ).compactMap(\.stringValue)
    #expect(colors == ["215,25,28,255", "247,247,247,255", "217,217,217,255"])
    let outline = try XMLDocument(xmlString: QMLStyle.outlines())
    #expect(try outline.nodes(forXPath: "//renderer-v2/@type").first?.stringValue == "singleSymbol")
    #expect(
      try outline.nodes(forXPath: "//Option[@name='style']/@value").first?.stringValue == "no")
  }

  @Test func svgIsWellFormedWithOnePathPerArea() throws {
    let map = try self.map
    let svg = SVGMap(
      title: "Test & <kaart>",
      areas: map.entries.enumerated().map { i, e in
        SVGMap.Area(
          code: e.code, geometry: e.geometry, fill: map.color(of: map.classNumbers[i]),
          classNumber: map.classNumbers[i])
      }, outlines: [square(150_000, 450_000)], legendTitle: "%", legend: map.legend,
      source: "bron: test"
    ).svg
    let document = try XMLDocument(xmlString: svg)
    #expect(
      try document.nodes(forXPath: "//*[local-name()='g'][@id='areas']/*[local-name()='path']")
        .count == 5)
    #expect(
      try document.nodes(forXPath: "//*[local-name()='g'][@id='outlines']/*[local-name()='path']")
        .count == 1)
    #expect(svg.contains("fill=\"url(#nodata)\""))
    #expect(svg.contains("0,10 – 0,50 (2)"))
    #expect(svg.contains("1 km"))  // a 5 km wide map gets a 1 km scale bar
  }

  /// Path data by hand: one area 1,000 m square with a hole, at the origin.
  /// The map is 800 − 220 (legend) − 2 × 16 (margins) = 548 px wide and at most
  /// 640 high, so scale = min(548/1000, 640/1000) = 0.548 px/m, x = 16 + 0.548 X,
  /// y = 52 + 0.548 (1000 − Y), one decimal, a zero decimal dropped.
  @Test func svgPathDataByHand() throws {
    let geometry = MultiPolygon([
      Polygon(
        exterior: Ring([
          Point(x: 0, y: 0), Point(x: 1000, y: 0), Point(x: 1000, y: 1000), Point(x: 0, y: 1000),
          Point(x: 0, y: 0),
        ]),
        holes: [
          Ring([
            Point(x: 500.5, y: 250), Point(x: 600, y: 250), Point(x: 600, y: 333),
            Point(x: 500.5, y: 250),
          ])
        ])
    ])
    let svg = SVGMap(
      title: "t",
      areas: [SVGMap.Area(code: "1011", geometry: geometry, fill: "#ff0000", classNumber: 1)],
      outlines: [geometry], legendTitle: "%", legend: [], source: "s"
    ).svg
    // 500.5 → 16 + 274.274 = 290.274 → 290.3; 250 → 52 + 411 = 463; 600 → 344.8;
    // 333 → 52 + 365.516 = 417.516 → 417.5. The closing point is left to Z.
    let d = "M16 600L564 600L564 52L16 52ZM290.3 463L344.8 463L344.8 417.5Z"
    #expect(
      svg.contains(
        "<path id=\"a1011\" data-code=\"1011\" data-class=\"1\" fill=\"#ff0000\" d=\"\(d)\"/>\n"))
    #expect(svg.contains("<path d=\"\(d)\"/>\n"))
  }

  @Test func legendJSONIsStable() throws {
    let map = try self.map
    let legend = MapLegend(
      title: "t", method: "equal-interval", k: 2, breaks: map.classification.breaks, categories: [],
      labels: map.legend.prefix(2).map(\.label), colors: map.colors,
      counts: map.classification.counts,
      noData: .init(count: 1, color: "#d9d9d9", label: "geen gegevens", classValue: 0),
      suppressed: .init(count: 1, color: "#969696", label: "afgeschermd", classValue: -1),
      warnings: [],
      provenance: .init(
        sources: ["a.csv"], level: "pc4", years: [2009], variable: "pct_reported", smoothing: nil,
        suppression: "x", wijkstatVersion: "0"))
    let object =
      try JSONSerialization.jsonObject(with: Data(try legend.json().utf8)) as! [String: Any]
    #expect(object["breaks"] as? [Double] == [0.5, 0.9])
    #expect((object["no_data"] as? [String: Any])?["count"] as? Int == 1)
    #expect(try legend.json() == legend.json())
  }
}
