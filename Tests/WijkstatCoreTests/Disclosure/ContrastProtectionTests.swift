import GLPKBridge
import Testing

@testable import WijkstatCore

/// Issue 14 item 2: the achterstand contrast tables (Tabel 3, and Tabel 4
/// within a region set) over every area (`members: .all`; the run still
/// publishes them over the published areas: the check below is too slow on
/// the real PC-4 panel, README.md "Not covered"). Their cells are year-wide sums of
/// the counts of one group; the rate ratio with its interval and p is a
/// function of those cells and the published children (a/b = RR·n₁/n₀ with
/// a + b the level's total gives both sums), so the cells themselves are the
/// relation to protect. The run's secondary suppression takes them with the
/// panel's sums (Suppression.secureIntervals with `members: .all`); the
/// Mantel–Haenszel ratio needs sums per gemeente and group, which nothing
/// protects, so it takes only the gemeenten whose counts are all published.
@Suite struct ContrastProtectionTests {
  let solver = GLPKSolver()
  let rule = SuppressionRule(enabled: true, minimumCount: 5, minimumChildren: 50)

  /// The contrast cells as the run publishes them (ContrastAnalysis over every
  /// area, a year with a cell below the minimum withheld whole), keyed as the
  /// audit reads contrast.csv.
  func published(_ analysis: ContrastAnalysis, name: String) -> [PublishedCells.Key: Double?] {
    let withheld = analysis.withheldYears(minimumCount: 5)
    var values: [PublishedCells.Key: Double?] = [:]
    for cell in analysis.contrast.cells where cell.areas > 0 {
      values[
        .init(
          table: name, area: cell.achterstandswijk ? "1" : "0", year: cell.year,
          group: cell.ageGroup)] = withheld.contains(cell.year) ? .some(nil) : .some(cell.reported)
    }
    return values
  }

  /// 80 generated panels (2–5 gemeenten of 2–6 PC-4 areas, counts 0–6 per age
  /// group so that many are withheld, random achterstand flags; Tabel 4 over
  /// the first two gemeenten). After the run's check with both contrast
  /// tables, the attacker's integer programme over the published panel and
  /// both published contrast tables (every withheld cell an unknown in
  /// 0...children; exact ranges by GLPK on each year's whole system) narrows
  /// no withheld count below the rule. Without the contrast tables in the
  /// check (session 7: they were not, because they summed published areas
  /// only), the same attack on the same published tables narrows cells in
  /// many panels: the check is what protects them.
  @Test func allAreaContrastsAreProtectedWithThePanel() throws {
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    var exercised = 0
    var weakenedFindings = 0
    var weakenedPanels = 0
    var tabel3Withheld = 0
    for trial in 0..<80 {
      var rows: [PanelRow] = []
      var inside: Set<String> = []
      for g in 0..<(2 + next(4)) {
        let gemeente = String(format: "GM%04d", g + 1)
        if g < 2 { inside.insert(gemeente) }
        var total = AgeCounts()
        var children = AgeCounts()
        for a in 0..<(2 + next(5)) {
          var reported = AgeCounts()
          var n = AgeCounts()
          for group in AgeGroup.parts {
            reported[group] = Double(next(7))
            n[group] = Double(30 + next(400))
          }
          reported[.all] = AgeGroup.parts.reduce(0) { $0 + reported[$1]! }
          n[.all] = AgeGroup.parts.reduce(0) { $0 + n[$1]! }
          for group in AgeGroup.allCases {
            total[group] = (total[group] ?? 0) + reported[group]!
            children[group] = (children[group] ?? 0) + n[group]!
          }
          var row = PanelRow(
            level: .pc4, area: String(1000 + 10 * g + a), gemeente: gemeente, year: 2023,
            reported: reported, children: n)
          row.achterstandswijk = next(3) == 0
          rows.append(row)
        }
        rows.append(
          PanelRow(
            level: .gemeente, area: gemeente, gemeente: gemeente, year: 2023, reported: total,
            children: children))
      }
      let panel = Panel(rows: rows, indicatorNames: [])
      let tables: [PublishedCells.ContrastTable] = [
        .init(name: "contrast", gemeenten: nil, members: .all),
        .init(name: "contrast-set", gemeenten: inside, members: .all),
      ]
      // What the published contrast tables are: over every area, whatever is withheld.
      var tabel3 = ContrastAnalysis(panel: panel, minimumCount: 5)
      var tabel4 = ContrastAnalysis(
        panel: panel, minimumCount: 5, include: { inside.contains($0.gemeente ?? "") })
      var secured = Suppression(panel: panel, rule: rule)
      let (cells, check, _) = secured.secureIntervals(
        panel: panel, contrasts: tables, solver: solver)
      #expect(check.failing.isEmpty, "trial \(trial)")
      // As the run: the years the check withholds whole are withheld in the tables.
      tabel3.withheldByProtection = cells.withheldYears(contrast: "contrast")
      tabel4.withheldByProtection = cells.withheldYears(contrast: "contrast-set")
      if !tabel3.withheldByProtection.isEmpty { tabel3Withheld += 1 }
      let values = [
        "contrast": published(tabel3, name: "contrast"),
        "contrast-set": published(tabel4, name: "contrast-set"),
      ]
      let asRead = tables.map {
        PublishedCells.ContrastTable(
          name: $0.name, gemeenten: $0.gemeenten, withheldYears: [], members: .all)
      }
      func attack(_ suppression: Suppression) -> (PublishedCells, IntervalAttack.Result) {
        let attacker = PublishedCells(
          panel: suppression.applied(to: panel), suppression: nil, contrasts: asRead,
          contrastValues: values)
        return (
          attacker, IntervalAttack.run(attacker, minimumCount: 5, solver: solver, exact: true)
        )
      }

      // A published contrast cell with a withheld part: the relation is exercised.
      if cells.sums.contains(where: { sum in
        sum.wide && cells.values[sum.total] != nil && sum.parts.contains { cells.values[$0] == nil }
      }) {
        exercised += 1
      }
      let (attacker, audit) = attack(secured)
      #expect(
        audit.failing.isEmpty,
        "trial \(trial): \(audit.failing.map { attacker.keys[$0].description + " \(audit.ranges[$0]!)" })"
      )
      #expect(audit.inconsistentYears.isEmpty, "trial \(trial)")

      // Weakened: the same check without the contrast tables.
      var weakened = Suppression(panel: panel, rule: rule)
      _ = weakened.secureIntervals(panel: panel, solver: solver)
      let (_, bitten) = attack(weakened)
      if !bitten.failing.isEmpty { weakenedPanels += 1 }
      weakenedFindings += bitten.failing.count
    }
    // Observed (session 8): 17 exercised, 13 bitten (81 cells); in 65 panels a
    // year of Tabel 3 is withheld (a cell below 5 in these small panels, or the
    // check's last resort).
    #expect(
      exercised >= 12, "\(exercised) panels with a published contrast cell over a withheld count")
    #expect(weakenedPanels >= 10, "\(weakenedPanels) panels narrowed without the contrast tables")
    print(
      "contrast protection: \(exercised) exercised, Tabel 3 withheld in \(tabel3Withheld), weakened narrowed \(weakenedPanels) panels (\(weakenedFindings) cells)"
    )
  }

  /// The Mantel–Haenszel ratio of the run takes the gemeenten whose counts are
  /// all published. By hand: GM0001 has A (achterstand, 20 of 1,000 children)
  /// and B (10 of 1,000), both published; GM0002 has C (achterstand, 3 of
  /// 1,000, withheld: below 5) and D (30 of 1,000). Over every area the crude
  /// ratio is (23/2000)/(40/2000) = 0.575, as is MH over both gemeenten
  /// (Σ a·T₀/T = 10 + 1.5 = 11.5 over Σ b·T₁/T = 5 + 15 = 20). With the
  /// published panel as the strata's source, GM0002 is left out: MH = (20·½)/
  /// (10·½) = 2, one stratum, and the note says so; the crude ratio stays 0.575.
  @Test func mantelHaenszelTakesTheGemeentenWithEveryCountPublished() throws {
    func area(_ code: String, _ gemeente: String, _ count: Double, _ flag: Bool) -> PanelRow {
      var row = PanelRow(
        level: .pc4, area: code, gemeente: gemeente, year: 2023, reported: [.all: count],
        children: [.all: 1000])
      row.achterstandswijk = flag
      return row
    }
    let panel = Panel(
      rows: [
        area("1001", "GM0001", 20, true), area("1002", "GM0001", 10, false),
        area("2001", "GM0002", 3, true), area("2002", "GM0002", 30, false),
      ], indicatorNames: [])
    let suppression = Suppression(panel: panel, rule: rule)
    #expect(suppression.isSuppressed(level: .pc4, area: "2001", year: 2023))
    let all = ContrastAnalysis(panel: panel)
    let test = try #require(all.tests.first { $0.ageGroup == .all })
    #expect(abs(test.crude.rateRatio - 0.575) < 1e-12)
    #expect(abs(test.stratified.rateRatio - 0.575) < 1e-12)
    #expect(test.stratified.informativeStrata == 2)

    let run = ContrastAnalysis(panel: panel, strataFrom: suppression.applied(to: panel))
    let protected = try #require(run.tests.first { $0.ageGroup == .all })
    #expect(abs(protected.crude.rateRatio - 0.575) < 1e-12)
    #expect(abs(protected.stratified.rateRatio - 2) < 1e-12)
    #expect(protected.stratified.informativeStrata == 1)
    #expect(
      protected.stratified.reason
        == "1 gemeente with a withheld count left out of the Mantel–Haenszel ratio")
    // The crude table over every area: both group sums, as published.
    let cells = run.contrast.cells.filter { $0.ageGroup == .all }
    #expect(cells.map(\.reported).sorted() == [23, 40])
  }
}
