import GLPKBridge
import Testing
import WijkstatBenchData

@testable import WijkstatCore

/// The interval attack's storage (issue 19): its ranges in one flat array
/// read as a dictionary (`CellRanges`), the publisher's memory of the ranges that
/// passed (read and written outside the parallel loops), and the audit's `Basis` that
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

  /// The publisher's memory (PassedRanges): a cell that passed is not solved
  /// again, and a later round that withholds more cells fails no cell that an
  /// exact attack on the whole system lets pass, and every cell it lets pass
  /// passes that exact attack. On the generated 900-area panel in 60 gemeenten
  /// of 15 (ProtectionTests; its first 300 areas with the contrast table), with the simple secondary rule only, so that many
  /// cells fail; the later round withholds every third published PC-4 cell
  /// (the same cells each run). Without contrast tables every component is
  /// whole, and the rounds with memory fail exactly the cells a fresh attack
  /// fails; with Tabel 3 over all areas (year-wide sums, split into pieces per
  /// component) they fail at most those.
  @Test(arguments: [false, true]) func cellsThatPassedAreNotSolvedAgain(contrasts: Bool) throws {
    // 300 areas with the contrast table: the exact attack solves the year whole.
    let codes = (0..<(contrasts ? 300 : 900)).map { String(1000 + $0) }
    let panel = ProtectionTests.inGemeentenOf15(
      BenchmarkData.panel(codes: codes, level: .pc4, years: [2009], seed: 5).rows)
    let tables: [PublishedCells.ContrastTable] =
      contrasts ? [.init(name: "contrast", gemeenten: nil, members: .all)] : []
    var cells = PublishedCells(
      panel: panel, suppression: Suppression(panel: panel, rule: SuppressionRule()),
      contrasts: tables, minimumCount: 5)
    #expect(cells.truth != nil)
    #expect(cells.sums.contains { $0.wide } == contrasts)
    let memory = PassedRanges()
    let fresh = IntervalAttack.run(cells, minimumCount: 5, solver: solver)
    let first = IntervalAttack.run(cells, minimumCount: 5, solver: solver, memory: memory)
    #expect(fresh.failing.count > 10, "\(fresh.failing.count)")
    #expect(first.failing == fresh.failing)
    #expect(first.failing.map { first.ranges[$0] } == fresh.failing.map { fresh.ranges[$0] })
    #expect(first.rememberedComponents == 0)
    #expect(first.solvedCells == fresh.solvedCells)
    // Every checked withheld cell that did not fail is remembered.
    func checked() -> [Int] {
      cells.values.indices.filter { cells.values[$0] == nil && !cells.isExempt($0) }
    }
    #expect(memory.count == checked().count - fresh.failing.count)
    // The same cells again: nothing passing is solved, the failing cells are.
    let same = IntervalAttack.run(cells, minimumCount: 5, solver: solver, memory: memory)
    #expect(same.failing == fresh.failing)
    #expect(same.rememberedComponents > 0 || contrasts)
    #expect(same.solvedCells > 0 && same.solvedCells <= fresh.failing.count, "\(same.solvedCells)")
    // A later round: more cells withheld.
    var n = 0
    for i in cells.values.indices where cells.values[i] != nil && !cells.isExempt(i) {
      n += 1
      if n % 3 == 0 { cells.values[i] = nil }
    }
    let freshLater = IntervalAttack.run(cells, minimumCount: 5, solver: solver)
    let later = IntervalAttack.run(cells, minimumCount: 5, solver: solver, memory: memory)
    if contrasts {
      #expect(Set(later.failing).isSubset(of: freshLater.failing))
    } else {
      #expect(later.failing == freshLater.failing)
    }
    #expect(later.failing.map { later.ranges[$0] } == later.failing.map { freshLater.ranges[$0] })
    // Every gemeente has a newly withheld cell: no component is left as it
    // was, but only the new and the failing cells are solved.
    #expect(
      later.solvedCells < freshLater.solvedCells / 2,
      "\(later.solvedCells) \(freshLater.solvedCells)")
    // The exact attack on everything published (GLPK on each year's whole
    // system where sums are split): what the memory passes, passes.
    let exact = IntervalAttack.run(cells, minimumCount: 5, solver: solver, exact: true)
    let failing = Set(later.failing)
    #expect(Set(exact.failing) == failing || contrasts)
    for cell in checked() where !failing.contains(cell) {
      let range = try #require(exact.ranges[cell])
      #expect(
        IntervalAttack.isProtected(
          range, minimumCount: 5, integral: true, upper: cells.upper[cell]),
        "\(cells.keys[cell]) \(range)")
    }
  }
}
