import Testing

@testable import WijkstatCore

@Suite struct SuppressionTests {
  func pc4(_ area: String, _ parts: [Double], children: Double = 1000) -> PanelRow {
    var reported: AgeCounts = [.all: parts.reduce(0, +)]
    var population: AgeCounts = [.all: children]
    for (group, value) in zip(AgeGroup.parts, parts) {
      reported[group] = value
      population[group] = children / 3
    }
    return PanelRow(
      level: .pc4, area: area, gemeente: "GM0001", year: 2009, reported: reported,
      children: population)
  }

  @Test func smallCountsAndTheirComplementsAreWithheld() {
    // Area A: age groups 2, 10, 20 (total 32). 2 < 5 is withheld; with the total
    // published, 10 (the smallest other group) must go too.
    let panel = Panel(rows: [pc4("A", [2, 10, 20])], indicatorNames: [])
    let s = Suppression(panel: panel, rule: SuppressionRule())
    #expect(s.isSuppressed(level: .pc4, area: "A", year: 2009, group: .age0to3))
    #expect(s.isSuppressed(level: .pc4, area: "A", year: 2009, group: .age4to7))
    #expect(!s.isSuppressed(level: .pc4, area: "A", year: 2009, group: .age8to17))
    #expect(!s.isSuppressed(level: .pc4, area: "A", year: 2009, group: .all))
    #expect(s.entries.count == 2)
    #expect(s.entries[1].reason.hasPrefix("secondary"))
  }

  @Test func tinyAreasAndGemeenteComplements() {
    // B has 30 children (< 50): withheld whatever its count. The gemeente total
    // would reveal B from A and C, so the smaller of A and C (A, 32) goes too.
    let gemeente = PanelRow(
      level: .gemeente, area: "GM0001", year: 2009, reported: [.all: 32 + 6 + 60],
      children: [.all: 2030])
    let b = PanelRow(
      level: .pc4, area: "B", gemeente: "GM0001", year: 2009, reported: [.all: 6],
      children: [.all: 30])
    let c = PanelRow(
      level: .pc4, area: "C", gemeente: "GM0001", year: 2009, reported: [.all: 60],
      children: [.all: 1000])
    let a = PanelRow(
      level: .pc4, area: "A", gemeente: "GM0001", year: 2009, reported: [.all: 32],
      children: [.all: 1000])
    let s = Suppression(panel: Panel(rows: [gemeente, a, b, c], indicatorNames: []), rule: SuppressionRule())
    #expect(s.isSuppressed(level: .pc4, area: "B", year: 2009))
    #expect(s.isSuppressed(level: .pc4, area: "A", year: 2009))
    #expect(!s.isSuppressed(level: .pc4, area: "C", year: 2009))
    #expect(!s.isSuppressed(level: .gemeente, area: "GM0001", year: 2009))
    #expect(s.csv.contains("pc4,B,2009,0-17,fewer than 50 children (30)"))
  }

  @Test func offMeansOff() {
    let s = Suppression(panel: Panel(rows: [pc4("A", [1, 1, 1])], indicatorNames: []), rule: SuppressionRule(enabled: false))
    #expect(s.entries.isEmpty)
  }
}
