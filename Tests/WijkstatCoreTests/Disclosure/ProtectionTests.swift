import GLPKBridge
import Testing
import WijkstatBenchData

@testable import WijkstatCore

/// Derived values of withheld counts, attacked as the threat model says: the
/// inversion count = n·(m + (eb − m)/C) of the published EB rates, and the
/// sensitivity of every published value to a withheld count. On a generated
/// 900-area panel (BenchmarkData: a few hundred children per area, reports
/// around 0.5 %, so most counts are small and withheld) on a 30 × 30 grid.
@Suite struct ProtectionTests {
  static let grid = BenchmarkData.tessellation(count: 900, seed: 3)
  static let codes = (0..<900).map { String(1000 + $0) }
  static let panel = BenchmarkData.panel(codes: codes, level: .pc4, years: [2009], seed: 5)
  static let weights = try! AreaWeights(
    layer: AreaLayer(
      level: .pc4, areas: zip(codes, grid.geometries).map { Area(code: $0, geometry: $1) },
      source: "grid"))

  /// The attacker's inversion of one year's published rates table: b is the
  /// published reference rate, the prior variance a comes from the published
  /// areas (w = (eb − b)/(r − b), a = w·b/(n·(1 − w)), median), and each
  /// withheld area's count is n·(b + (eb − b)/w). Returns per withheld area
  /// the inverted count.
  static func invert(_ rows: [SmallAreaRates.Row], withheld: Set<String>) -> [String: Double] {
    var estimates: [Double] = []
    var b = 0.0
    for row in rows where !withheld.contains(row.area) {
      guard let y = row.reported, let n = row.children, n > 0 else { continue }
      b = row.reference / 100
      let r = y / n
      let w = (row.ebRate / 100 - b) / (r - b)
      if abs(r - b) > 0.002, w > 0, w < 1 { estimates.append(w * b / (n * (1 - w))) }
    }
    estimates.sort()
    let a = estimates[estimates.count / 2]
    var counts: [String: Double] = [:]
    for row in rows where withheld.contains(row.area) {
      guard let n = row.children, row.ebRate.isFinite else { continue }
      let w = a / (a + b / n)
      counts[row.area] = n * (b + (row.ebRate / 100 - b) / w)
    }
    return counts
  }

  @Test func smoothedRatesNoLongerInvert() throws {
    let panel = Self.panel
    let suppression = Suppression(panel: panel, rule: SuppressionRule())
    let withheld = Set(
      panel.rows.filter { suppression.isSuppressed(level: .pc4, area: $0.area, year: 2009) }.map(
        \.area))
    #expect(withheld.count > 200)
    let truth = Dictionary(uniqueKeysWithValues: panel.rows.map { ($0.area, $0.reported[.all]!) })

    // Weakened (what wijkstat published before): EB rates from the full data,
    // published for every area with 50 or more children.
    let weak = SmallAreaRates(panel: panel, level: .pc4, weights: nil).rows.map {
      row -> SmallAreaRates.Row in
      var row = row
      if withheld.contains(row.area) { row.reported = nil }
      return row
    }
    let fromWeak = Self.invert(weak, withheld: withheld)
    let recovered = fromWeak.filter { abs($0.value - truth[$0.key]!) < 0.01 }.count
    #expect(Double(recovered) > 0.95 * Double(withheld.count), "\(recovered) of \(withheld.count)")
    // The audit finds them.
    let cells = PublishedCells(panel: panel, suppression: suppression)
    let weakAudit = DisclosureAudit(
      cells: cells, minimumCount: 5, solver: GLPKSolver(), rates: weak.map(Self.rateRow))
    #expect(weakAudit.findings.filter { $0.attack == .inversion }.count > withheld.count * 9 / 10)
    #expect(weakAudit.lines().contains { $0.hasPrefix("inversion of smoothed rates: pc4 2009: ") })

    // Protected: the inversion gives the imputed count n·m₀ (m₀ the pooled
    // published rate), which the attacker can compute without it.
    let protection = Protection(panel: panel, suppression: suppression)
    let rates = protection.rates(level: .pc4, weights: Self.weights)
    let published = panel.rows.filter { !withheld.contains($0.area) }
    let m0 =
      published.reduce(0) { $0 + $1.reported[.all]! }
      / published.reduce(0) { $0 + $1.children[.all]! }
    let inverted = Self.invert(rates.rows, withheld: withheld)
    #expect(inverted.count == withheld.count)
    for row in rates.rows where withheld.contains(row.area) {
      #expect(abs(inverted[row.area]! - row.children! * m0) < 0.05, "\(row.area)")
      #expect(
        row.reported == nil && !row.rawRate.isFinite && !row.rawLow.isFinite
          && !row.pExceeds.isFinite)
      #expect(row.ebRate.isFinite && row.spatialEBRate.isFinite)
    }
    // (The interval findings are the simple secondary rule's: see below.)
    let audit = DisclosureAudit(
      cells: cells, minimumCount: 5, solver: GLPKSolver(), rates: rates.rows.map(Self.rateRow))
    #expect(audit.findings.filter { $0.attack != .interval }.isEmpty, "\(audit.lines())")
    #expect(audit.checkedRates == withheld.count)
  }

  static func rateRow(_ r: SmallAreaRates.Row) -> DisclosureAudit.RateRow {
    .init(
      area: r.area, year: r.year, reported: r.reported, children: r.children,
      rawRate: r.rawRate.isFinite && r.reported != nil ? r.rawRate : nil,
      rawLow: r.reported != nil ? r.rawLow : nil, rawHigh: r.reported != nil ? r.rawHigh : nil,
      ebRate: r.ebRate,
      pExceeds: r.reported != nil ? r.pExceeds : nil, reference: r.reference)
  }

  /// Every published number (the rates table with global and spatial EB,
  /// Moran's I and LISA of both variables, the correlations) is the same
  /// whatever a withheld count is: here one withheld count is changed from its
  /// value to 0 and to 4, and every published table is byte for byte the same.
  @Test func publishedValuesDoNotDependOnAWithheldCount() throws {
    let panel = Self.panel
    let suppression = Suppression(panel: panel, rule: SuppressionRule())
    // An area whose total is below 5 (so its age groups are withheld too), above 0.
    let target = try #require(
      panel.rows.firstIndex {
        ($0.reported[.all] ?? 0) > 0 && ($0.reported[.all] ?? 9) < 5
          && ($0.children[.all] ?? 0) >= 50
      })
    #expect(
      AgeGroup.allCases.allSatisfy {
        suppression.isSuppressed(level: .pc4, area: panel.rows[target].area, year: 2009, group: $0)
      })
    func published(_ panel: Panel) -> [String] {
      let protection = Protection(panel: panel, suppression: suppression)
      let spatial = protection.spatial(
        level: .pc4, weights: Self.weights, permutations: 99, seed: 1)
      return [
        protection.rates(level: .pc4, weights: Self.weights).table(level: .pc4).csv,
        spatial.moranTable.csv, spatial.lisaTable.csv,
        CorrelationAnalysis(panel: protection.published, levels: [.pc4]).table.csv,
      ]
    }
    let original = published(panel)
    for value in [0.0, 4.0] {
      var changed = panel
      changed.rows[target].reported = [.all: value, .age0to3: value, .age4to7: 0, .age8to17: 0]
      #expect(published(changed) == original, "count \(value)")
    }
    // Not so without protection: the check can tell.
    var changed = panel
    changed.rows[target].reported[.all] = 0
    let off = Suppression(panel: panel, rule: SuppressionRule(enabled: false))
    #expect(
      Protection(panel: changed, suppression: off).rates(level: .pc4, weights: Self.weights).table(
        level: .pc4
      ).csv
        != Protection(panel: panel, suppression: off).rates(level: .pc4, weights: Self.weights)
        .table(level: .pc4).csv)
  }

  /// The simple secondary rule (one more cell where a sum has exactly one
  /// withheld) leaves cells narrowed below the protection interval on this
  /// panel with a gemeente level; the secured suppression leaves none.
  /// The 900 PC-4 rows of one year put into 60 gemeenten of 15 consecutive
  /// areas each, with the gemeenten's rows the sums of their areas' (so every
  /// gemeente total is a linked sum of 15 cells). Also used by AttackStorageTests.
  static func inGemeentenOf15(_ pc4Rows: [PanelRow]) -> Panel {
    var rows = pc4Rows
    for i in rows.indices { rows[i].gemeente = "GM\(String(format: "%04d", i / 15 + 1))" }
    var gemeenten: [PanelRow] = []
    for g in 0..<(rows.count / 15) {
      let members = rows[(g * 15)..<(g * 15 + 15)]
      var row = PanelRow(
        level: .gemeente, area: "GM\(String(format: "%04d", g + 1))", gemeente: nil, year: 2009)
      for group in AgeGroup.allCases {
        row.reported[group] = members.reduce(0) { $0 + $1.reported[group]! }
        row.children[group] = members.reduce(0) { $0 + $1.children[group]! }
      }
      gemeenten.append(row)
    }
    return Panel(rows: gemeenten + rows, indicatorNames: [])
  }

  @Test func theSimpleRuleIsBeatenAndTheSecuredOneIsNot() throws {
    // 900 areas in 60 gemeenten of 15.
    let panel = Self.inGemeentenOf15(Self.panel.rows)
    var suppression = Suppression(panel: panel, rule: SuppressionRule())
    let simple = IntervalAttack.run(
      PublishedCells(panel: panel, suppression: suppression), minimumCount: 5, solver: GLPKSolver())
    #expect(simple.failing.count > 10, "\(simple.failing.count)")
    let before = suppression.entries.count
    let (cells, secured, _) = suppression.secureIntervals(panel: panel, solver: GLPKSolver())
    #expect(secured.failing.isEmpty)
    #expect(suppression.entries.count > before)
    // Every withheld cell passes a fresh attack on what is published (the
    // loop's last round solved only the cells that had not passed before).
    let fresh = IntervalAttack.run(cells, minimumCount: 5, solver: GLPKSolver())
    #expect(fresh.failing.isEmpty)
    #expect(fresh.ranges.count == cells.withheldCount)
    #expect(
      fresh.ranges.values.allSatisfy {
        IntervalAttack.isProtected($0, minimumCount: 5, integral: true)
      })
  }
}
