/// Tabel 3 (and Tabel 4 within a set of gemeenten) with the tests the report
/// lacked: per year and age group the rate ratio of achterstandswijken over the
/// other areas with its interval and exact p, and the Mantel–Haenszel rate ratio
/// stratified by gemeente (the contrast within municipalities, which the crude
/// ratio mixes with differences between municipalities).
public struct ContrastAnalysis: Sendable {
  public struct Test: Sendable {
    public var year: Int
    public var ageGroup: AgeGroup
    public var crude: PoissonRateRatio
    public var stratified: MantelHaenszelRateRatio
  }
  public var contrast: AchterstandContrast
  public var tests: [Test]
  /// What the counts count, for the layout's labels.
  public var countUnit = CountUnit()
  /// Disclosure control (nil: off): a year in which any cell has fewer reported
  /// children than this is withheld as a whole, with its tests. (wijkstat run
  /// computes the contrast from published counts only and passes nil.)
  public var minimumCount: Double? = nil

  /// `strataFrom`: the published panel (the same rows, withheld counts nil)
  /// where `panel` holds every count (`wijkstat run`: the crude table over all
  /// areas, protected as year-wide sums). The Mantel–Haenszel ratio then takes
  /// only the gemeenten whose counts of the age group are all published: its
  /// strata are sums per gemeente and achterstand group, which nothing else
  /// publishes, so they must be functions of published counts (README.md,
  /// "Disclosure control"). A gemeente is left out whole, never in part: within
  /// a stratum the comparison stays unselected.
  public init(
    panel: Panel, level: AreaLevel = .pc4, minimumCount: Double? = nil,
    strataFrom published: Panel? = nil,
    include: @escaping (PanelRow) -> Bool = { _ in true }
  ) {
    countUnit = panel.countUnit
    self.minimumCount = minimumCount
    let members = AchterstandContrast.members(panel: panel, level: level, include: include)
    contrast = AchterstandContrast(panel: panel, members: members)
    // Strata are gemeenten (unknown: "?"), numbered in code order, per year.
    let strataCodes = members.map { _, rows in
      Array(Set(rows.map { panel.rows[$0].gemeente ?? "?" })).sorted()
    }
    let stratumOf = zip(members, strataCodes).map { member, codes in
      let number = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
      return member.rows.map { number[panel.rows[$0].gemeente ?? "?"]! }
    }
    // Every year and age group on its own (in parallel; the exact test loops over
    // every possible count).
    let groups = [AgeGroup.age0to3, .age4to7, .age8to17, .all]
    let pooled = self.contrast
    let tests = ParallelFor.map(members.count * groups.count, minimumChunk: 1) { job -> Test? in
      let (year, rows) = members[job / groups.count]
      let group = groups[job % groups.count]
      guard let pair = pooled.pair(year: year, group: group) else { return nil }
      var crude = PoissonRateRatio.compute(
        events1: pair.inside.reported, exposure1: pair.inside.children,
        events0: pair.outside.reported, exposure0: pair.outside.children)
      if pair.inside.areas + pair.outside.areas == 0,
        pair.inside.areasWithoutCount + pair.outside.areasWithoutCount > 0
      {
        crude.reason = "no report counts for this year and age group (children known)"
      }
      let codes = strataCodes[job / groups.count]
      var strata = [MantelHaenszelRateRatio.Stratum](
        repeating: .init(events1: 0, time1: 0, events0: 0, time0: 0), count: codes.count)
      var seen = [Bool](repeating: false, count: codes.count)
      // Gemeenten with a withheld count of this age group (only with `published`).
      var incomplete = [Bool](repeating: false, count: codes.count)
      let source = published ?? panel
      for (k, position) in rows.enumerated() {
        guard let c = panel.rows[position].children[group], c > 0 else { continue }
        guard let r = source.rows[position].reported[group] else {
          if panel.rows[position].reported[group] != nil {
            incomplete[stratumOf[job / groups.count][k]] = true
          }
          continue
        }
        let s = stratumOf[job / groups.count][k]
        seen[s] = true
        if panel.rows[position].achterstandswijk == true {
          strata[s].events1 += r
          strata[s].time1 += c
        } else {
          strata[s].events0 += r
          strata[s].time0 += c
        }
      }
      // The gemeenten with a row that counts, in code order.
      let ordered = strata.indices.filter { seen[$0] && !incomplete[$0] }.map { strata[$0] }
      var stratified = MantelHaenszelRateRatio.compute(ordered)
      let left = incomplete.filter { $0 }.count
      if left > 0 {
        let note =
          "\(left) \(left == 1 ? "gemeente" : "gemeenten") with a withheld count left out of the Mantel–Haenszel ratio"
        stratified.reason = stratified.reason.map { "\($0); \(note)" } ?? note
      }
      return Test(year: year, ageGroup: group, crude: crude, stratified: stratified)
    }.compactMap { $0 }
    self.tests = tests
  }

  /// The level a project's contrast tables compare: the finest level with
  /// achterstandswijk flags among PC-4 (the report's), buurt and wijk, in the
  /// panel's order; the run and the audit of its folder choose it alike.
  public static func level(of panel: Panel) -> AreaLevel? {
    panel.levels.first { level in
      [.pc4, .buurt, .wijk].contains(level)
        && panel.rows.contains { $0.level == level && $0.achterstandswijk != nil }
    }
  }

  /// Years the run's secondary suppression withholds whole
  /// (`PublishedCells.withheldYears(contrast:)`): their year-wide sums would
  /// narrow a withheld count that nothing else in the panel can protect.
  public var withheldByProtection: Set<Int> = []

  /// The years withheld under `minimumCount` (see there), and `withheldByProtection`.
  public func withheldYears(minimumCount: Double?) -> Set<Int> {
    guard let minimumCount else { return withheldByProtection }
    return Set(contrast.cells.filter { $0.reported < minimumCount }.map(\.year)).union(
      withheldByProtection)
  }

  /// `contrast.csv`; the years with a cell below the suppression minimum are
  /// withheld (see `minimumCount`).
  public func contrastTable(minimumCount: Double? = nil) -> TextTable {
    let withheldYears = withheldYears(minimumCount: minimumCount ?? self.minimumCount)
    return TextTable(
      header: [
        "year", "age_group", "achterstandswijk", "areas", "reported", "children",
        "mean_reported_per_area", "pct_reported", "note",
      ],
      rows: contrast.cells.map { cell in
        let withheld = withheldYears.contains(cell.year)
        let noCounts = cell.areas == 0 && cell.areasWithoutCount > 0
        return [
          String(cell.year), cell.ageGroup.rawValue, cell.achterstandswijk ? "1" : "0",
          String(cell.areas), withheld || noCounts ? "" : CSVText.full(cell.reported),
          noCounts ? "" : CSVText.full(cell.children),
          withheld ? "" : CSVText.full(cell.meanReportedPerArea),
          withheld ? "" : CSVText.full(cell.pctReported),
          noCounts
            ? "no report counts: \(cell.areasWithoutCount) areas with children but no count"
            : cell.areasWithoutCount > 0
              ? "\(cell.areasWithoutCount) areas with children but no count left out" : "",
        ]
      }, numeric: Set(3...7), rounding: [6: .decimals(2), 7: .decimals(3)])
  }

  /// `contrast-tests.csv`.
  public var testTable: TextTable {
    let withheldYears = withheldYears(minimumCount: minimumCount)
    return TextTable(
      header: [
        "year", "age_group", "rate_ratio", "rr_ci_low", "rr_ci_high", "p_value", "mh_rate_ratio",
        "mh_ci_low", "mh_ci_high", "mh_p_value", "mh_strata", "note",
      ],
      rows: tests.map { t in
        if withheldYears.contains(t.year) {
          return [String(t.year), t.ageGroup.rawValue] + Array(repeating: "", count: 9) + [
            withheldByProtection.contains(t.year)
              ? "withheld: the sums of this year would narrow a withheld count (disclosure control)"
              : "withheld: a count of this year is below the minimum"
          ]
        }
        return [
          String(t.year), t.ageGroup.rawValue, CSVText.full(t.crude.rateRatio),
          CSVText.full(t.crude.ciLow), CSVText.full(t.crude.ciHigh),
          CSVText.p(t.crude.p), CSVText.full(t.stratified.rateRatio),
          CSVText.full(t.stratified.ciLow),
          CSVText.full(t.stratified.ciHigh), CSVText.p(t.stratified.p),
          String(t.stratified.informativeStrata),
          [t.crude.reason, t.stratified.reason].compactMap { $0 }.joined(separator: "; "),
        ]
      }, numeric: Set(2...10),
      rounding: [
        2: .decimals(4), 3: .decimals(4), 4: .decimals(4), 5: .pValue, 6: .decimals(4),
        7: .decimals(4), 8: .decimals(4), 9: .pValue,
      ])
  }

  /// The report's Tabel 3 / 4 layout: rows achterstandswijk yes / no per age
  /// group, for each year "mean  pct%".
  /// Tabel 3's layout with two labelled columns per year: the mean count per
  /// area and the rate (`%` for children, per 100 children for meldingen),
  /// numbers written for people in `language` (`14,4`, `1,18`).
  public func reportLayout(title: String, language: ReportLanguage) -> TextTable {
    let nl = language.isDutch
    let withheldYears = withheldYears(minimumCount: minimumCount)
    let years = Array(Set(contrast.cells.map(\.year))).sorted()
    var rows: [[String]] = []
    for group in [AgeGroup.age0to3, .age4to7, .age8to17, .all] {
      for flag in [false, true] {
        let label = language.text(.contrastRow(ages: group.rawValue, deprived: flag))
        rows.append(
          [label]
            + years.flatMap { year -> [String] in
              guard !withheldYears.contains(year),
                let cell = contrast.cells.first(where: {
                  $0.year == year && $0.ageGroup == group && $0.achterstandswijk == flag
                }),
                cell.areas > 0
              else { return ["", ""] }
              return [
                language.number(cell.meanReportedPerArea, decimals: 1),
                language.number(cell.pctReported, decimals: 2),
              ]
            })
      }
    }
    let count = countUnit.countsChildren ? nil : countUnit.countLabel(nl)
    let mean = language.text(.contrastMeanHeader(count: count))
    let rate = language.text(.word(countUnit.countsChildren ? .pctReported : .per100Children))
    return TextTable(
      title: title,
      header: [language.text(.word(.ageAndArea))]
        + years.flatMap { ["\($0) \(mean)", "\($0) \(rate)"] },
      rows: rows,
      numeric: Set(1...max(1, 2 * years.count)),
      note: language.text(.contrastNote(count: count, rate: countUnit.rateLabel(nl)))
    )
  }
}
