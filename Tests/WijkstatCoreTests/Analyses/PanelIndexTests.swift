import Testing

@testable import WijkstatCore

@Suite struct PanelIndexTests {
  /// Levels and years interleaved, a region level, a year missing for one level.
  let panel = Panel(
    rows: [
      PanelRow(level: .pc4, area: "1011", year: 2004),
      PanelRow(level: .gemeente, area: "GM0363", year: 2003),
      PanelRow(level: .pc4, area: "1011", year: 2003),
      PanelRow(level: .region("provincie"), area: "NH", year: 2003),
      PanelRow(level: .pc4, area: "1012", year: 2004),
      PanelRow(level: .pc4, area: "1012", year: 2003),
      PanelRow(level: .gemeente, area: "GM0363", year: 2003),
    ], indicatorNames: [])

  @Test func positionsPerLevelAndYearInPanelOrder() {
    let index = PanelIndex(panel)
    #expect(index.years == panel.years)
    #expect(index.levels == panel.levels)
    #expect(index.rows(level: .pc4, year: 2003) == [2, 5])
    #expect(index.rows(level: .pc4, year: 2004) == [0, 4])
    #expect(index.rows(level: .gemeente, year: 2003) == [1, 6])
    #expect(index.rows(level: .gemeente, year: 2004) == [])
    #expect(index.rows(level: .region("provincie"), year: 2003) == [3])
    #expect(index.rows(level: .pc4) == [0, 2, 4, 5])
    // The rows `Panel.rows(level:year:)` gives, in the same order.
    for level in panel.levels {
      for year in panel.years {
        #expect(
          index.rows(level: level, year: year).map { panel.rows[$0] }
            == panel.rows(level: level, year: year))
      }
    }
  }

  @Test func emptyPanel() {
    let index = PanelIndex(Panel(rows: [], indicatorNames: []))
    #expect(index.years.isEmpty)
    #expect(index.rows(level: .pc4, year: 2009).isEmpty)
  }
}
