import GLPKBridge
import Testing
import WijkstatBenchData

@testable import WijkstatCore

/// The interval attack's storage (issue 19): its ranges in one flat array
/// read as a dictionary (`CellRanges`), the component cache read without a
/// lock and written after the parallel loop, and the audit's `Basis` that
/// `wijkstat run` keeps instead of every cell and range. Hand-built tables
/// whose ranges are worked out in the comments, and the generated 900-area
/// panel of ProtectionTests.
@Suite struct AttackStorageTests {
  let solver = GLPKSolver()

  func row(_ level: AreaLevel, _ area: String, all: Double, children: Double = 1000) -> PanelRow {
    PanelRow(
      level: level, area: area, gemeente: level == .pc4 ? "GM0001" : nil, year: 2009,
      reported: [.all: all], children: [.all: children])
  }

  /// Gemeente 30 = A (2) + B (1) + C (27) (IntervalAttackTests'
  /// aGemeenteWithTwoSmallAreasIsProtected): A and B withheld (below 5),
  /// C and the gemeente published, so A + B = 3: both in 0...3, both failing.
  @Test func rangesReadAsADictionaryOfTheWithheldCells() throws {
    let panel = Panel(
      rows: [
        row(.gemeente, "GM0001", all: 30, children: 3000), row(.pc4, "A", all: 2),
        row(.pc4, "B", all: 1), row(.pc4, "C", all: 27),
      ], indicatorNames: [])
    let suppression = Suppression(panel: panel, rule: SuppressionRule())
    let cells = PublishedCells(panel: panel, suppression: suppression)
    let attack = IntervalAttack.run(cells, minimumCount: 5, solver: solver, exact: true)
    let a = try #require(cells.cell(.init(table: "pc4", area: "A", year: 2009, group: .all)))
    let b = try #require(cells.cell(.init(table: "pc4", area: "B", year: 2009, group: .all)))
    let c = try #require(cells.cell(.init(table: "pc4", area: "C", year: 2009, group: .all)))
    #expect(attack.ranges[a] == 0...3)
    #expect(attack.ranges[b] == 0...3)
    // A published cell, and indices outside the cells, have none.
    #expect(attack.ranges[c] == nil)
    #expect(attack.ranges[-1] == nil)
    #expect(attack.ranges[cells.keys.count] == nil)
    #expect(attack.ranges.count == 2)
    #expect(attack.ranges.map { $0.key } == [a, b])
    #expect(attack.ranges.values == [0...3, 0...3])
    #expect(attack.failing == [a, b])
    #expect(CellRanges().count == 0)
    #expect(CellRanges()[0] == nil)
  }

  /// What the audit keeps of the same table: the failing cells in words, the
  /// withheld 0–17 areas per level and year, and the pooled published rate
  /// (C's 27 of its 1,000 children at PC-4; the gemeente's 30 of 3,000).
  @Test func theAuditsBasisHoldsWhatTheAuditReads() throws {
    let panel = Panel(
      rows: [
        row(.gemeente, "GM0001", all: 30, children: 3000), row(.pc4, "A", all: 2),
        row(.pc4, "B", all: 1), row(.pc4, "C", all: 27),
      ], indicatorNames: [])
    let cells = PublishedCells(
      panel: panel, suppression: Suppression(panel: panel, rule: SuppressionRule()))
    let attack = IntervalAttack.run(cells, minimumCount: 5, solver: solver)
    let basis = DisclosureAudit.Basis(cells: cells, attack: attack)
    #expect(basis.withheldCells == 2)
    #expect(basis.intervalFindings.map(\.cell) == ["A 0-17", "B 0-17"])
    #expect(basis.intervalFindings.map(\.detail) == ["narrowed to 0–3", "narrowed to 0–3"])
    #expect(basis.withheldTotals == ["pc4": [2009: ["A", "B"]]])
    #expect(abs(basis.pooled["pc4"]![2009]! - 0.027) < 1e-12)
    #expect(abs(basis.pooled["gemeente"]![2009]! - 0.01) < 1e-12)
    // The audit from the basis says what the audit from the cells says.
    let fromCells = DisclosureAudit(
      cells: cells, minimumCount: 5, solver: solver, precomputed: attack)
    let fromBasis = DisclosureAudit(basis: basis)
    #expect(fromBasis.findings == fromCells.findings)
    #expect(fromBasis.findings.count == 2)
    #expect(fromBasis.withheldCells == 2)
  }

  /// The cache is read in the parallel loop and written after it: an attack
  /// that finds every component in it (the second one with the same cache)
  /// gives the same ranges and failing cells as one without a cache. On the
  /// generated 900-area panel in 60 gemeenten of 15 (ProtectionTests), with
  /// the simple secondary rule only, so that many cells fail.
  @Test func theCacheGivesTheRangesOfAFreshAttack() throws {
    let codes = (0..<900).map { String(1000 + $0) }
    let panel = ProtectionTests.inGemeentenOf15(
      BenchmarkData.panel(codes: codes, level: .pc4, years: [2009], seed: 5).rows)
    let cells = PublishedCells(
      panel: panel, suppression: Suppression(panel: panel, rule: SuppressionRule()))
    let fresh = IntervalAttack.run(cells, minimumCount: 5, solver: solver)
    let cache = ComponentCache()
    let first = IntervalAttack.run(cells, minimumCount: 5, solver: solver, cache: cache)
    #expect(cache.known.count == fresh.networkComponents + fresh.programmeComponents)
    let second = IntervalAttack.run(cells, minimumCount: 5, solver: solver, cache: cache)
    #expect(fresh.failing.count > 10, "\(fresh.failing.count)")
    for attack in [first, second] {
      #expect(attack.failing == fresh.failing)
      #expect(attack.ranges.count == fresh.ranges.count)
      #expect(Array(attack.ranges.map { $0.key }) == Array(fresh.ranges.map { $0.key }))
      #expect(attack.ranges.values == fresh.ranges.values)
      #expect(attack.networkComponents == fresh.networkComponents)
    }
  }
}
