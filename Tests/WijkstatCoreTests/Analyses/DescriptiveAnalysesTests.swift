import Testing

@testable import WijkstatCore

@Suite struct DescriptiveAnalysesTests {
  func row(_ area: String, _ year: Int, _ reported: Double, _ children: Double, flag: Bool? = nil)
    -> PanelRow
  {
    PanelRow(
      level: .pc4, area: area, gemeente: "GM0001", year: year, reported: [.all: reported],
      children: [.all: children], achterstandswijk: flag)
  }

  @Test func rankingSharesRanksOnTies() {
    // Rates by hand: A 2%, B 1%, C 1%, D 0.5%; E has no children and is left out.
    let panel = Panel(
      rows: [
        row("A", 2009, 20, 1000), row("B", 2009, 10, 1000), row("C", 2009, 5, 500),
        row("D", 2009, 5, 1000), row("E", 2009, 0, 0),
      ], indicatorNames: [])
    let ranking = Ranking(panel: panel, level: .pc4, year: 2009)
    #expect(ranking.entries.map(\.area) == ["A", "B", "C", "D"])
    #expect(ranking.entries.map(\.rank) == [1, 2, 2, 4])
    let (top, bottom) = ranking.extremes(top: 1, bottom: 2)
    #expect(top.map(\.area) == ["A"])
    #expect(bottom.map(\.area) == ["C", "D"])
  }

  @Test func trendsRunFromFirstToLastYearWithARate() throws {
    let panel = Panel(
      rows: [row("A", 2003, 3, 1000), row("A", 2004, 0, 0), row("A", 2009, 6, 1000)],
      indicatorNames: [])
    let trend = try #require(Trend.compute(panel: panel, level: .pc4).first)
    #expect(trend.series.map(\.year) == [2003, 2009])
    #expect(abs(trend.change! - 0.3) < 1e-12)  // 0.6% − 0.3%
    #expect(abs(trend.ratio! - 2) < 1e-12)
  }

  @Test func contrastPoolsCountsNotRates() throws {
    // Inside: (10 + 2) / (1000 + 100) = 1.0909%; outside: 5 / 1000 = 0.5%.
    let panel = Panel(
      rows: [
        row("A", 2009, 10, 1000, flag: true), row("B", 2009, 2, 100, flag: true),
        row("C", 2009, 5, 1000, flag: false), row("D", 2009, 5, 1000, flag: nil),
      ], indicatorNames: [])
    let contrast = AchterstandContrast(panel: panel)
    let pair = try #require(contrast.pair(year: 2009, group: .all))
    #expect(pair.inside.areas == 2)
    #expect(abs(pair.inside.pctReported - 100.0 * 12 / 1100) < 1e-12)
    #expect(abs(pair.inside.meanReportedPerArea - 6) < 1e-12)
    #expect(pair.outside.areas == 1)
    #expect(abs(pair.outside.pctReported - 0.5) < 1e-12)
    // Age groups without data give empty cells, not zeros in a rate.
    let young = try #require(contrast.pair(year: 2009, group: .age0to3))
    #expect(young.inside.areas == 0)
    #expect(young.inside.pctReported.isNaN)
  }
}

@Suite struct ContrastEdgeCaseTests {
  @Test func oneAchterstandswijkStillGivesARatioAndItsInterval() throws {
    // One deprived area (10 of 1,000) against three others (15 of 3,000):
    // RR = 0.01 / 0.005 = 2 by hand; one gemeente, so Mantel–Haenszel equals it.
    let rows = [
      PanelRow(
        level: .pc4, area: "A", gemeente: "G", year: 2009, reported: [.all: 10],
        children: [.all: 1000], achterstandswijk: true),
      PanelRow(
        level: .pc4, area: "B", gemeente: "G", year: 2009, reported: [.all: 5],
        children: [.all: 1000], achterstandswijk: false),
      PanelRow(
        level: .pc4, area: "C", gemeente: "G", year: 2009, reported: [.all: 5],
        children: [.all: 1000], achterstandswijk: false),
      PanelRow(
        level: .pc4, area: "D", gemeente: "G", year: 2009, reported: [.all: 5],
        children: [.all: 1000], achterstandswijk: false),
    ]
    let analysis = ContrastAnalysis(panel: Panel(rows: rows, indicatorNames: []))
    let test = try #require(analysis.tests.first { $0.ageGroup == .all })
    #expect(abs(test.crude.rateRatio - 2) < 1e-12)
    #expect(test.crude.ciLow < 2 && test.crude.ciHigh > 2)
    #expect(abs(test.stratified.rateRatio - 2) < 1e-12)
    #expect(test.stratified.informativeStrata == 1)
    // Age groups without data give NaN with a reason, not a crash or 0.
    let young = try #require(analysis.tests.first { $0.ageGroup == .age0to3 })
    #expect(young.crude.rateRatio.isNaN && young.crude.reason != nil)
  }
}
