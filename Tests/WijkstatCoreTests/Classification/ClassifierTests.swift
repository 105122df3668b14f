import Testing

@testable import WijkstatCore

/// Reference breaks from mapclassify 2.10.0 on the same 30 values:
/// mc.Quantiles(y, k=5), mc.EqualInterval(y, k=5), mc.FisherJenks(y, k=5),
/// mc.StdMean(y), mc.BoxPlot(y) (.bins and .counts).
@Suite struct ClassifierTests {
  let y: [Double] = [
    0.12, 0.35, 0.41, 0.18, 0.95, 1.2, 0.33, 0.27, 0.5, 0.61, 0.08, 2.4, 0.44, 0.38, 0.29, 0.71,
    0.9, 0.15, 0.22, 0.55, 1.05, 0.31, 0.47, 0.66, 3.1, 0.26, 0.36, 0.42, 0.58, 0.19,
  ]

  func expectBreaks(_ c: Classification, _ expected: [Double], _ counts: [Int]) {
    #expect(c.breaks.count == expected.count)
    for (a, b) in zip(c.breaks, expected) { #expect(abs(a - b) < 1e-9, "\(a) vs \(b)") }
    #expect(c.counts == counts)
  }

  @Test func quantiles() throws {
    expectBreaks(
      try Classifier.classify(y, method: .quantiles, k: 5),
      [0.252, 0.356, 0.48199999999999993, 0.7480000000000006, 3.1], [6, 6, 6, 6, 6])
  }

  @Test func equalInterval() throws {
    expectBreaks(
      try Classifier.classify(y, method: .equalInterval, k: 5),
      [0.6839999999999999, 1.2879999999999998, 1.8919999999999997, 2.4959999999999996, 3.1],
      [23, 5, 0, 1, 1])
  }

  @Test func fisherJenks() throws {
    expectBreaks(
      try Classifier.classify(y, method: .fisherJenks, k: 5), [0.38, 0.71, 1.2, 2.4, 3.1],
      [14, 10, 4, 1, 1])
  }

  @Test func standardDeviationAndBox() throws {
    expectBreaks(
      try Classifier.classify(y, method: .stdDev),
      [-0.6844867269823992, -0.0349100301578662, 1.2642433634911998, 1.9138200603157327, 3.1],
      [0, 0, 28, 0, 2])
    expectBreaks(
      try Classifier.classify(y, method: .box),
      [-0.28374999999999984, 0.275, 0.415, 0.6475, 1.2062499999999998, 3.1], [0, 8, 7, 7, 6, 2])
  }

  @Test func upperInclusiveIntervals() throws {
    let c = try Classifier.classify(y, method: .breaks, breaks: [0.3, 1.0])
    #expect(c.breaks == [0.3, 1.0, 3.1])  // the maximum is added as the last bound
    #expect(c.classOf(0.08) == 1)  // the minimum is in the first class
    #expect(c.classOf(0.3) == 1)  // lower < v <= upper
    #expect(c.classOf(0.30001) == 2)
    #expect(c.classOf(1.0) == 2)
    #expect(c.classOf(.nan) == 0)
  }

  @Test func tiesMergeWithAWarningAndConstantsGiveOneClass() throws {
    // mapclassify: Quantiles([1,1,1,1,2,2,3,4], k=5).bins = [1, 2, 2.6, 4].
    let tied = try Classifier.classify([1, 1, 1, 1, 2, 2, 3, 4], method: .quantiles, k: 5)
    #expect(tied.breaks.count == 4)
    #expect(abs(tied.breaks[2] - 2.6) < 1e-12)
    #expect(tied.warnings == ["asked for 5 classes, 4 came out (tied values)"])
    let constant = try Classifier.classify([3, 3, 3, .nan], method: .fisherJenks, k: 5)
    #expect(constant.k == 1 && constant.counts == [3])
    #expect(throws: UserError.self) { try Classifier.classify([.nan], method: .quantiles) }
    #expect(throws: UserError.self) { try Classifier.classify(y, method: .breaks, breaks: [2, 1]) }
  }

  @Test func colorBrewer() throws {
    // colorbrewer2.org YlOrRd, 5 classes.
    #expect(
      try ColorBrewer.colors("YlOrRd", k: 5) == [
        "#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026",
      ])
    #expect(
      try ColorBrewer.colors("ylorrd", k: 3, reverse: true) == ["#f03b20", "#feb24c", "#ffeda0"])
    for name in ColorBrewer.names {
      for k in 3...8 { #expect(try ColorBrewer.colors(name, k: k).count == k) }
    }
    #expect(throws: UserError.self) { try ColorBrewer.colors("Rainbow", k: 5) }
    #expect(throws: UserError.self) { try ColorBrewer.validate(["#12345"]) }
    #expect(try ColorBrewer.validate(["#A1B2C3"]) == ["#a1b2c3"])
  }
}
