import Testing

@testable import WijkstatCore

/// Issue 16, point 8: each edge case gives a value where one exists and a note
/// that says what happened.
@Suite struct SmallItemsTests {
  @Test func exceedanceOfAZeroReferenceIsOne() {
    let e = ExceedanceProbability.compute(
      count: 0, population: 100, reference: 0, priorMean: 0.01, priorVariance: 1e-5)
    #expect(e.p == 1 && e.reason == "reference rate 0: any rate exceeds it, p = 1")
    #expect(
      ExceedanceProbability.compute(
        count: 1, population: 100, reference: .nan, priorMean: 0.01, priorVariance: 1e-5
      ).p.isNaN)
  }

  @Test func spatialEBOfZerosSaysSo() {
    let eb = EmpiricalBayesRates.spatial(
      counts: [0, 0, 0, 5, 3], populations: [100, 200, 150, 100, 120],
      neighbours: [[1, 2], [0, 2], [0, 1, 3], [2, 4], [3]])
    #expect(eb.rates[0] == 0 && eb.rates[1] == 0)
    #expect(eb.reasons[0] == "no reports in the area or its neighbours: spatial EB rate 0")
    #expect(eb.reasons[2] == nil)  // a neighbour (3) has reports
  }

  /// A rate ratio of 0 (or infinity) gets the exact one-sided bound of the
  /// conditional binomial; reference scipy 1.17.1
  /// `binomtest(k, n, E1/(E1+E0)).proportion_ci(0.95, "exact")`, π/(1 − π)·E0/E1.
  @Test func zeroRateRatioHasAnExactBound() {
    let zero = PoissonRateRatio.compute(events1: 0, exposure1: 100, events0: 10, exposure0: 100)
    #expect(zero.rateRatio == 0 && zero.ciLow == 0)
    #expect(abs(zero.ciHigh - 0.4461255495919292) < 1e-12)
    #expect(zero.reason == "no events in the first group: rate ratio 0, exact upper bound")
    let unequal = PoissonRateRatio.compute(events1: 0, exposure1: 200, events0: 7, exposure0: 100)
    #expect(abs(unequal.ciHigh - 0.34690699004829123) < 1e-12)
    // scipy binomtest(0, 7, 2/3).pvalue = 0.0004572473708276181
    #expect(abs(unequal.p - 0.0004572473708276181) < 1e-12)
    let infinite = PoissonRateRatio.compute(events1: 7, exposure1: 200, events0: 0, exposure0: 100)
    #expect(infinite.rateRatio.isInfinite && infinite.ciHigh.isNaN)
    #expect(abs(infinite.ciLow - 0.7206542594174848) < 1e-12)
  }

  /// A year with children but no report counts: empty cells and a note, not
  /// 0 / 0 / 0 with "no children in one of the groups".
  @Test func aYearWithoutReportsSaysSo() {
    let rows = [
      PanelRow(
        level: .pc4, area: "A", gemeente: "G", year: 2010, reported: [:], children: [.all: 1000],
        achterstandswijk: true),
      PanelRow(
        level: .pc4, area: "B", gemeente: "G", year: 2010, reported: [:], children: [.all: 900],
        achterstandswijk: false),
    ]
    let analysis = ContrastAnalysis(panel: Panel(rows: rows, indicatorNames: []))
    let table = analysis.contrastTable().csv
    #expect(
      table.contains("2010,0-17,1,0,,,,,no report counts: 1 areas with children but no count\n"))
    let test = analysis.tests.first { $0.ageGroup == .all }!
    #expect(test.crude.reason == "no report counts for this year and age group (children known)")
  }

  /// Machine tables carry the shortest round-trip text of each double.
  @Test func fullPrecisionText() {
    for value in [0.1, 1.0 / 3, 0.30790123456789014, 1e-5, 123456.789, -2.5e-310, 4.9e-324] {
      #expect(Double(CSVText.full(value)) == value, "\(value)")
    }
    #expect(CSVText.full(3) == "3" && CSVText.full(-0.0) == "0" && CSVText.full(.nan) == "")
    #expect(CSVText.p(0) == "<1e-300" && CSVText.p(1e-320) == "1e-320")
    let table = TextTable(
      header: ["r", "p"], rows: [[CSVText.full(1.0 / 3), CSVText.p(3.76e-6)]],
      rounding: [0: .decimals(4), 1: .pValue])
    #expect(table.csv == "r,p\n0.3333333333333333,3.76e-06\n")
    #expect(table.markdown.contains("| 0.3333 | 3.76e-06 |"))
  }
}
