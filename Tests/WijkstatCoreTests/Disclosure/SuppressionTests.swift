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
    let s = Suppression(
      panel: Panel(rows: [gemeente, a, b, c], indicatorNames: []), rule: SuppressionRule())
    #expect(s.isSuppressed(level: .pc4, area: "B", year: 2009))
    #expect(s.isSuppressed(level: .pc4, area: "A", year: 2009))
    #expect(!s.isSuppressed(level: .pc4, area: "C", year: 2009))
    #expect(!s.isSuppressed(level: .gemeente, area: "GM0001", year: 2009))
    #expect(s.csv.contains("pc4,B,2009,0-17,fewer than 50 children (30)"))
  }

  /// Every reason, stored compactly (Suppression.Stored), comes back as given,
  /// with its cell, in the order withheld: the rule's own minimums and others,
  /// both age-group reasons, a revealed area, a protected cell; a cell already
  /// withheld keeps its first reason.
  @Test func everyReasonComesBackAsWithheld() {
    let panel = Panel(
      rows: [pc4("A", [20, 20, 20]), pc4("B", [30, 30, 30]), pc4("C", [40, 40, 40])],
      indicatorNames: [])
    var s = Suppression(panel: panel, rule: SuppressionRule(minimumCount: 5, minimumChildren: 50))
    #expect(s.count == 0)
    let protected = PublishedCells.Key(
      table: "gemeente", area: "GM0001", year: 2009, group: .age4to7)
    let given: [(row: Int, group: AgeGroup, reason: Suppression.Reason)] = [
      (0, .age0to3, .countBelow(minimum: 5)),
      (0, .age4to7, .countBelow(minimum: 8)),
      (1, .all, .tooFewChildren(minimum: 50, children: 12)),
      (1, .age8to17, .tooFewChildren(minimum: 80, children: 61)),
      (2, .age0to3, .revealsAgeGroup(.age8to17)),
      (2, .age4to7, .revealsArea("9713")),
      (0, .all, .protectionInterval(of: protected)),
    ]
    for entry in given { s.withhold(entry.row, entry.group, entry.reason) }
    s.withhold(0, .age0to3, .revealsArea("1234"))
    #expect(s.count == given.count && s.rowCount == 3)
    let areas = ["A", "B", "C"]
    for (n, entry) in given.enumerated() {
      #expect(s.entry(n).why == entry.reason)
      #expect(s.entryPlace(n).row == entry.row && s.entryPlace(n).group == entry.group)
      #expect(
        s.entry(n).cell
          == Suppression.Cell(
            level: .pc4, area: areas[entry.row], year: 2009, ageGroup: entry.group))
    }
    #expect(s.entries.map(\.why) == given.map(\.reason))
    #expect(s.entries[3].reason == "fewer than 80 children (61)")
  }

  @Test func offMeansOff() {
    let s = Suppression(
      panel: Panel(rows: [pc4("A", [1, 1, 1])], indicatorNames: []),
      rule: SuppressionRule(enabled: false))
    #expect(s.entries.isEmpty)
  }

  /// The passes work on row bit masks; here they are checked, entry for entry
  /// and in order, against the rule written out plainly (sets of cells, arrays
  /// filtered per step) on a random panel: 3 years, 6 gemeenten with rows, one
  /// without, 400 PC-4s with small counts and many ties, some tiny areas and
  /// missing counts.
  @Test func sameAsThePlainRuleOnARandomPanel() {
    var random = SeededRandom(seed: 5)
    var rows: [PanelRow] = []
    for year in [2007, 2008, 2009] {
      var sums = [String: Double]()
      for n in 0..<400 {
        let gemeente = "GM000\(n % 7)"
        var reported = AgeCounts()
        var children = AgeCounts()
        for group in AgeGroup.parts {
          children[group] = Double(Int.random(in: 5...400, using: &random))
          if Int.random(in: 0..<15, using: &random) > 0 {
            reported[group] = Double(Int.random(in: 0...12, using: &random))
          }
        }
        children[.all] = AgeGroup.parts.reduce(0) { $0 + children[$1]! }
        if AgeGroup.parts.allSatisfy({ reported[$0] != nil }) {
          reported[.all] = AgeGroup.parts.reduce(0) { $0 + reported[$1]! }
          sums[gemeente, default: 0] += reported[.all]!
        }
        rows.append(
          PanelRow(
            level: .pc4, area: String(1000 + n), gemeente: gemeente, year: year, reported: reported,
            children: children))
      }
      for (gemeente, sum) in sums where gemeente != "GM0006" {
        rows.append(
          PanelRow(
            level: .gemeente, area: gemeente, year: year, reported: [.all: sum],
            children: [.all: 1e5]))
      }
    }
    rows.shuffle(using: &random)
    let panel = Panel(rows: rows, indicatorNames: [])
    let ours = Suppression(panel: panel, rule: SuppressionRule())
    let plain = Self.plainRule(panel, SuppressionRule())
    #expect(ours.entries.count == plain.count && plain.count > 1_000)
    #expect(
      ours.entries.map { "\($0.cell)|\($0.reason)" } == plain.map { "\($0.cell)|\($0.reason)" })
    #expect(plain.contains { $0.reason.contains("gemeente total") })
    #expect(plain.contains { $0.reason.contains("reveal age group") })
  }

  /// The rule as first written: cells in a set, every step a filter, each
  /// reason in the words the log in words had (compared with Reason.text).
  static func plainRule(_ panel: Panel, _ rule: SuppressionRule) -> [(
    cell: Suppression.Cell, reason: String
  )] {
    typealias Cell = Suppression.Cell
    var withheld = Set<Cell>()
    var entries: [(cell: Cell, reason: String)] = []
    func cell(_ row: PanelRow, _ group: AgeGroup) -> Cell {
      Cell(level: row.level, area: row.area, year: row.year, ageGroup: group)
    }
    func withhold(_ row: PanelRow, _ group: AgeGroup, _ reason: String) {
      if withheld.insert(cell(row, group)).inserted {
        entries.append((cell(row, group), reason))
      }
    }
    for row in panel.rows {
      for group in AgeGroup.allCases {
        if let children = row.children[group], children < rule.minimumChildren,
          row.reported[group] != nil
        {
          withhold(row, group, "fewer than 50 children (\(CSVText.number(children)))")
        } else if let count = row.reported[group], count < rule.minimumCount {
          withhold(row, group, "count below 5")
        }
      }
    }
    var gemeenteRows: [String: PanelRow] = [:]
    for row in panel.rows
    where row.level == .gemeente && gemeenteRows["\(row.area)|\(row.year)"] == nil {
      gemeenteRows["\(row.area)|\(row.year)"] = row
    }
    var members: [String: [PanelRow]] = [:]
    for row in panel.rows where row.level == .pc4 {
      guard let gemeente = row.gemeente, gemeenteRows["\(gemeente)|\(row.year)"] != nil else {
        continue
      }
      members["\(gemeente)|\(row.year)", default: []].append(row)
    }
    var before = -1
    while before != entries.count {
      before = entries.count
      for row in panel.rows {
        let hidden = AgeGroup.parts.filter { withheld.contains(cell(row, $0)) }
        guard hidden.count == 1, !withheld.contains(cell(row, .all)) else { continue }
        let other = AgeGroup.parts.filter { !withheld.contains(cell(row, $0)) }.min {
          (row.reported[$0] ?? .infinity, $0) < (row.reported[$1] ?? .infinity, $1)
        }
        if let other {
          withhold(
            row, other, "secondary: with the total it would reveal age group \(hidden[0].rawValue)")
        }
      }
      for key in members.keys.sorted() {
        let gemeente = gemeenteRows[key]!
        for group in AgeGroup.allCases {
          let withValue = members[key]!.filter { $0.reported[group] != nil }
          let hidden = withValue.filter { withheld.contains(cell($0, group)) }
          guard hidden.count == 1, !withheld.contains(cell(gemeente, group)) else { continue }
          let other = withValue.filter { !withheld.contains(cell($0, group)) }.min {
            ($0.reported[group] ?? 0, $0.area) < ($1.reported[group] ?? 0, $1.area)
          }
          if let other {
            withhold(
              other, group,
              "secondary: with the gemeente total it would reveal PC-4 \(hidden[0].area)")
          }
        }
      }
    }
    return entries
  }
}
