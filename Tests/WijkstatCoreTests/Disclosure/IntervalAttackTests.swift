import GLPKBridge
import Testing

@testable import WijkstatCore

/// The interval attack and the secondary suppression that defeats it, on
/// hand-built tables whose feasible ranges are worked out by hand in the
/// comments (each range is the set of values the unknown can take with every
/// published sum holding and every count in 0...children).
@Suite struct IntervalAttackTests {
  let solver = GLPKSolver()

  func row(
    _ level: AreaLevel, _ area: String, gemeente: String? = "GM0001", year: Int = 2009, all: Double,
    parts: [Double]? = nil, children: Double = 1000, partChildren: [Double]? = nil,
    flag: Bool? = nil
  ) -> PanelRow {
    var reported: AgeCounts = [.all: all]
    var population: AgeCounts = [.all: children]
    if let parts {
      for (n, group) in AgeGroup.parts.enumerated() {
        reported[group] = parts[n]
        population[group] = partChildren?[n] ?? children / 3
      }
    }
    return PanelRow(
      level: level, area: area, gemeente: gemeente, year: year, reported: reported,
      children: population,
      achterstandswijk: flag)
  }

  @Test func glpkBoundsOfAHandBuiltSystem() throws {
    // x + y = 12, x in 0...6, y in 0...100: x in 0...6, y = 12 − x in 6...12.
    let system = LinearSystem(
      lower: [0, 0], upper: [6, 100],
      equations: [.init(variables: [0, 1], coefficients: [1, 1], rhs: 12)], integral: true)
    let ranges = try #require(solver.ranges(of: [0, 1], in: system))
    #expect(ranges[0] == 0...6)
    #expect(ranges[1] == 6...12)
    // x + y = 12 and x − y = 3 have no whole solution (x = 7.5): the simplex
    // optimum is not whole, so branch and cut is asked, and finds none.
    let fractional = LinearSystem(
      lower: [0, 0], upper: [100, 100],
      equations: [
        .init(variables: [0, 1], coefficients: [1, 1], rhs: 12),
        .init(variables: [0, 1], coefficients: [2, 0], rhs: 15),
      ],
      integral: true)
    #expect(
      solver.ranges(of: [0], in: fractional) == nil
        || solver.ranges(of: [0], in: fractional)![0] == 7.5...7.5)
    // Infeasible: x + y = 300 with both at most 100.
    let infeasible = LinearSystem(
      lower: [0, 0], upper: [100, 100],
      equations: [.init(variables: [0, 1], coefficients: [1, 1], rhs: 300)], integral: true)
    #expect(solver.ranges(of: [0], in: infeasible) == nil)
  }

  @Test func theRuleOnRanges() {
    // m = 5: width ≥ 5, and starting at 0 or at 5 or more.
    #expect(IntervalAttack.isProtected(0...5, minimumCount: 5, integral: true))
    #expect(!IntervalAttack.isProtected(0...4, minimumCount: 5, integral: true))
    #expect(!IntervalAttack.isProtected(1...12, minimumCount: 5, integral: true))  // not zero: known
    #expect(IntervalAttack.isProtected(5...10, minimumCount: 5, integral: true))
    #expect(!IntervalAttack.isProtected(6...10, minimumCount: 5, integral: true))
    #expect(IntervalAttack.isProtected(0...5.4, minimumCount: 5, integral: true))
    #expect(!IntervalAttack.isProtected(0.2...5.4, minimumCount: 5, integral: true))  // whole: 1...5
  }

  /// A row: total 20 published, 4–7 = 9 published, 0–3 (3, below 5) and
  /// 8–17 (8, the smallest other group: the simple secondary rule) withheld;
  /// children 0–3 = 6, 8–17 = 200. By hand: x + z = 20 − 9 = 11 with x ≤ 6, so
  /// x in 0...6 and z = 11 − x in 5...11. The audit's ranges are exactly
  /// these, and both pass the rule (0...6 from 0, width 6; 5...11 from 5,
  /// width 6).
  @Test func theAuditsIntervalEqualsTheHandComputedOne() throws {
    let panel = Panel(
      rows: [
        row(
          .pc4, "1011", gemeente: nil, all: 20, parts: [3, 9, 8], children: 306,
          partChildren: [6, 100, 200])
      ],
      indicatorNames: [])
    let suppression = Suppression(
      panel: panel, rule: SuppressionRule(enabled: true, minimumCount: 5, minimumChildren: 0))
    #expect(suppression.isSuppressed(level: .pc4, area: "1011", year: 2009, group: .age0to3))
    let cells = PublishedCells(panel: panel, suppression: suppression)
    let result = IntervalAttack.run(cells, minimumCount: 5, solver: solver, exact: true)
    // The fast check (witnessed ranges) decides the same.
    #expect(IntervalAttack.run(cells, minimumCount: 5, solver: solver).failing == result.failing)
    let x = try #require(cells.cell(.init(table: "pc4", area: "1011", year: 2009, group: .age0to3)))
    let hidden = try #require(cells.values.indices.first { cells.values[$0] == nil && $0 != x })
    let other = cells.keys[hidden].group
    // The simple secondary rule withheld 8–17 (8, the smallest other group):
    // x + z = 11 with x ≤ 6, z ≤ 200: x in 0...6, z in 5...11.
    #expect(other == .age8to17)
    #expect(result.ranges[x] == 0...6)
    #expect(result.ranges[hidden] == 5...11)
    #expect(result.failing.isEmpty)
  }

  /// Gemeente 30 = A (2) + B (1) + C (27), A and B withheld (below 5), C
  /// published: A + B = 3, so A in 0...3 and B in 0...3: both break the rule
  /// (width 3 < 5). Secondary suppression withholds C (for A) and, in the
  /// same round, the gemeente total (for B: more than needed): A + B + C = G
  /// with G free and each at most its 1000 children, so A, B and C each lie in
  /// 0...1000.
  @Test func aGemeenteWithTwoSmallAreasIsProtected() throws {
    let rows = [
      row(.gemeente, "GM0001", all: 30, children: 3000), row(.pc4, "A", all: 2),
      row(.pc4, "B", all: 1),
      row(.pc4, "C", all: 27),
    ]
    let panel = Panel(rows: rows, indicatorNames: [])
    var suppression = Suppression(panel: panel, rule: SuppressionRule())
    // The simple rule (one withheld cell per sum) sees two and adds nothing.
    let before = IntervalAttack.run(
      PublishedCells(panel: panel, suppression: suppression), minimumCount: 5, solver: solver)
    #expect(before.failing.count == 2)
    #expect(before.ranges.values.allSatisfy { $0 == 0...3 })
    let (cells, after, _) = suppression.secureIntervals(panel: panel, solver: solver)
    #expect(after.failing.isEmpty)
    #expect(suppression.isSuppressed(level: .pc4, area: "C", year: 2009))
    #expect(suppression.isSuppressed(level: .gemeente, area: "GM0001", year: 2009))
    let exact = IntervalAttack.run(cells, minimumCount: 5, solver: solver, exact: true)
    for area in ["A", "B", "C"] {
      let cell = try #require(cells.cell(.init(table: "pc4", area: area, year: 2009, group: .all)))
      #expect(exact.ranges[cell] == 0...1000, "\(area)")
    }
  }

  /// Cross-table subtraction: the panel alone protects A and C (A + C = 5:
  /// both in 0...5), but a contrast table over every area, whose
  /// achterstandswijk cell is A + B = 23 (B published, 20), gives A = 3 and
  /// then C = 2. With that table in the attack both are found; secondary
  /// suppression then withholds more until every range passes
  /// (ContrastProtectionTests on generated panels). The contrast table
  /// wijkstat publishes sums the published areas only.
  @Test func subtractionAcrossTheContrastTable() throws {
    let rows = [
      row(.gemeente, "GM0001", all: 55, children: 4000), row(.pc4, "A", all: 3, flag: true),
      row(.pc4, "B", all: 20, flag: true), row(.pc4, "C", all: 2, flag: false),
      row(.pc4, "D", all: 30, flag: false),
    ]
    let panel = Panel(rows: rows, indicatorNames: [])
    var suppression = Suppression(panel: panel, rule: SuppressionRule())
    // The simple rule: A and C below 5, two withheld in the gemeente sum: nothing more.
    #expect(suppression.entries.count == 2)
    let panelOnly = IntervalAttack.run(
      PublishedCells(panel: panel, suppression: suppression), minimumCount: 5, solver: solver,
      exact: true)
    #expect(panelOnly.failing.isEmpty)
    #expect(panelOnly.ranges.values.allSatisfy { $0 == 0...5 })
    // A contrast table over every area, not in the check: the attack bites.
    let contrast = [
      PublishedCells.ContrastTable(
        name: "contrast", gemeenten: nil, withheldYears: [], members: .all)
    ]
    let withContrast = PublishedCells(panel: panel, suppression: suppression, contrasts: contrast)
    let attacked = IntervalAttack.run(withContrast, minimumCount: 5, solver: solver)
    let a = try #require(withContrast.cell(.init(table: "pc4", area: "A", year: 2009, group: .all)))
    let c = try #require(withContrast.cell(.init(table: "pc4", area: "C", year: 2009, group: .all)))
    #expect(attacked.ranges[a] == 3...3)
    #expect(attacked.ranges[c] == 2...2)
    #expect(attacked.failing == [a, c].sorted())
    var secured = suppression
    let (_, attack, _) = secured.secureIntervals(panel: panel, contrasts: contrast, solver: solver)
    #expect(attack.failing.isEmpty)
    #expect(
      attack.ranges.values.allSatisfy {
        IntervalAttack.isProtected($0, minimumCount: 5, integral: true)
      })
    // As published (the contrast table sums the areas with a published count:
    // B alone in the achterstandswijk cell, D alone in the other) the table is
    // a function of published counts: the attack learns nothing from it.
    let asPublished = PublishedCells(
      panel: panel, suppression: suppression,
      contrasts: [.init(name: "contrast", gemeenten: nil, withheldYears: [], members: .published)])
    let fromPublished = IntervalAttack.run(
      asPublished, minimumCount: 5, solver: solver, exact: true)
    #expect(fromPublished.failing.isEmpty)
    #expect(fromPublished.ranges.values.allSatisfy { $0 == 0...5 })
  }

  /// The issue's example: PC-4 9713 in 2009 shows total 15 and 4–7 = 7; 0–3
  /// and 8–17 withheld (4 and 4): x + z = 8, both in 0...8 by the panel alone;
  /// the published log said both are below 5, so both were 4. The log is
  /// internal now, and the attack on the published cells alone gives 0...8.
  @Test func theIssuesExampleWithoutTheLog() throws {
    let panel = Panel(
      rows: [row(.pc4, "9713", gemeente: nil, all: 15, parts: [4, 7, 4], children: 600)],
      indicatorNames: [])
    var suppression = Suppression(panel: panel, rule: SuppressionRule())
    let (cells, secured, _) = suppression.secureIntervals(panel: panel, solver: solver)
    #expect(secured.failing.isEmpty)
    let attack = IntervalAttack.run(cells, minimumCount: 5, solver: solver, exact: true)
    for group in [AgeGroup.age0to3, .age8to17] {
      let cell = try #require(
        cells.cell(.init(table: "pc4", area: "9713", year: 2009, group: group)))
      #expect(attack.ranges[cell] == 0...8)
    }
    #expect(attack.failing.isEmpty)
  }

  /// PC-6 → PC-4 where both levels are published: PC-4 1011 = 13 with PC-6
  /// 1011AB = 3 (withheld, below 5) and 1011AC = 10. By hand the sum gives
  /// 1011AB = 13 − 10 = 3 exactly; the secured suppression withholds 1011AC
  /// too, and then each is in 0...13 (AB + AC = 13, children 100 each).
  @Test func pc6AreasAddUpToTheirPC4() throws {
    let panel = Panel(
      rows: [
        row(.pc4, "1011", gemeente: nil, all: 13, children: 200),
        row(.pc6, "1011AB", gemeente: nil, all: 3, children: 100),
        row(.pc6, "1011AC", gemeente: nil, all: 10, children: 100),
      ], indicatorNames: [])
    var suppression = Suppression(panel: panel, rule: SuppressionRule())
    let cells = PublishedCells(panel: panel, suppression: suppression)
    #expect(cells.sums.count == 1)
    let ab = try #require(cells.cell(.init(table: "pc6", area: "1011AB", year: 2009, group: .all)))
    let before = IntervalAttack.run(cells, minimumCount: 5, solver: solver, exact: true)
    #expect(before.failing == [ab])
    #expect(before.ranges[ab] == 3...3)
    let (secured, after, _) = suppression.secureIntervals(panel: panel, solver: solver)
    #expect(after.failing.isEmpty)
    #expect(suppression.isSuppressed(level: .pc6, area: "1011AC", year: 2009))
    let exact = IntervalAttack.run(secured, minimumCount: 5, solver: solver, exact: true)
    #expect(Set(exact.ranges.values) == [0...13])
  }
}
