import Foundation

/// The report's Tabel 1 (gemeente level) and Tabel 2 (PC-4 level): per level and
/// year, the correlation between % reported (0–17) and every indicator, over the
/// areas with children and both values; Benjamini–Hochberg q-values over the
/// whole table.
public struct CorrelationAnalysis: Sendable {
  public struct Row: Sendable {
    public var level: AreaLevel
    public var year: Int
    public var indicator: String
    public var pearson: PearsonCorrelation
    public var spearman: SpearmanCorrelation
    public var qValue: Double
    public var strength: CorrelationStrength { CorrelationStrength(r: pearson.r) }
  }
  public var rows: [Row]
  /// What the counts count, for the tables' titles.
  public var countUnit = CountUnit()
  /// Per level, the years with provisional figures (StatLine `2023*`): marked
  /// `*` in the report-layout tables.
  public var provisionalYears: [AreaLevel: Set<Int>] = [:]

  public init(panel: Panel, levels: [AreaLevel], years: [Int]? = nil) {
    countUnit = panel.countUnit
    for row in panel.rows where row.provisional {
      provisionalYears[row.level, default: []].insert(row.year)
    }
    let index = PanelIndex(panel)
    var rows: [Row] = []
    for level in levels {
      for year in index.years where years?.contains(year) ?? true {
        let areas = index.rows(level: level, year: year).filter {
          (panel.rows[$0].children[.all] ?? 0) > 0
        }
        // Without areas every indicator has no values either: no rows.
        guard !areas.isEmpty else { continue }
        rows += Self.correlations(panel: panel, areas: areas).map { indicator, pearson, spearman in
          Row(
            level: level, year: year, indicator: indicator, pearson: pearson, spearman: spearman,
            qValue: .nan)
        }
      }
    }
    let q = BenjaminiHochberg.qValues(rows.map(\.pearson.p))
    for i in rows.indices { rows[i].qValue = q[i] }
    self.rows = rows
  }

  /// The fewest complete pairs a correlation is computed from (`PearsonCorrelation`
  /// gives no r below 3).
  public static let minimumPairs = 3

  /// The levels of `levels` with no correlation computed from at least
  /// `minimumPairs` areas, each with the reason in one line: how many of its
  /// areas have children, a % reported and an indicator value. An analysis that
  /// writes only empty rows is never a silent result.
  public func unusableLevels(_ levels: [AreaLevel], panel: Panel) -> [(
    level: AreaLevel, reason: String
  )] {
    levels.compactMap { level in
      guard
        !rows.contains(where: {
          $0.level == level && $0.pearson.n >= Self.minimumPairs && $0.pearson.r.isFinite
        })
      else { return nil }
      let mine = panel.rows.filter { $0.level == level }
      let areas = Set(mine.map(\.area)).count
      let withChildren = Set(mine.filter { ($0.children[.all] ?? 0) > 0 }.map(\.area)).count
      let withCounts = Set(mine.filter { $0.reported[.all] != nil }.map(\.area)).count
      let withRate = Set(mine.filter { $0.pctReported() != nil }.map(\.area)).count
      let withIndicator = Set(mine.filter { !$0.indicators.dictionary.isEmpty }.map(\.area)).count
      let both = Set(
        mine.filter { $0.pctReported() != nil && !$0.indicators.dictionary.isEmpty }.map(\.area)
      ).count
      let best = rows.filter { $0.level == level }.map(\.pearson.n).max() ?? 0
      return (
        level,
        "no \(level) correlation has \(Self.minimumPairs) or more areas with both a rate and an indicator value (at most \(best) in one year): of \(areas) \(level) areas, \(withCounts) have counts, \(withChildren) have children (a population), \(withRate) have a rate, \(withIndicator) have an indicator value, \(both) have both"
      )
    }
  }

  /// Per indicator (in panel order), Pearson and Spearman of % reported with it
  /// over the rows at `areas`, the indicators in parallel.
  static func correlations(panel: Panel, areas: [Int])
    -> [(String, PearsonCorrelation, SpearmanCorrelation)]
  {
    let names = panel.indicatorNames
    let k = names.count
    let pct = areas.map { panel.rows[$0].pctReported() ?? .nan }
    let table = indicatorTable(panel: panel, areas: areas)
    // The ranks of % reported, for every indicator known wherever % reported is.
    let finitePct = pct.filter(\.isFinite)
    let pctRanks = SpearmanCorrelation.averageRanks(finitePct)
    return ParallelFor.map(k, minimumChunk: 1) { j in
      var xs: [Double] = []
      var ys: [Double] = []
      xs.reserveCapacity(areas.count)
      ys.reserveCapacity(areas.count)
      for i in areas.indices where pct[i].isFinite && table[i * k + j].isFinite {
        xs.append(pct[i])
        ys.append(table[i * k + j])
      }
      // The complete pairs are exactly the areas with a finite % reported when
      // there are as many of them.
      let xRanks = xs.count == finitePct.count ? pctRanks : SpearmanCorrelation.averageRanks(xs)
      return (
        names[j], PearsonCorrelation.compute(x: xs, y: ys),
        SpearmanCorrelation.compute(xRanks: xRanks, yRanks: SpearmanCorrelation.averageRanks(ys))
      )
    }
  }

  /// The indicators of the rows at `areas`: value j (of `panel.indicatorNames`)
  /// of area i at i × k + j, NaN when missing. Area by area, each row's values
  /// in one array (`IndicatorValues.values(orderedAs:)`), no lookup by name.
  static func indicatorTable(panel: Panel, areas: [Int]) -> [Double] {
    let names = panel.indicatorNames
    let k = names.count
    // A name listed twice reads the values of its first place.
    let firstPlace = names.map { names.firstIndex(of: $0)! }
    return ParallelFor.table(rows: areas.count, width: k, initial: .nan) { i, values in
      let stored = panel.rows[areas[i]].indicators.values(orderedAs: names)
      for j in 0..<k { values[j] = stored[j] }
      for j in values.indices where firstPlace[j] != j { values[j] = values[firstPlace[j]] }
    }
  }

  /// `correlations.csv`: one row per level, year and indicator; `note` says why a
  /// value is empty.
  public var table: TextTable {
    TextTable(
      header: [
        "level", "year", "indicator", "n", "pearson_r", "pearson_p", "pearson_ci_low",
        "pearson_ci_high", "spearman_rho", "spearman_p", "q_value", "strength", "note",
      ],
      rows: rows.map { row in
        [
          row.level.description, String(row.year), row.indicator, String(row.pearson.n),
          CSVText.full(row.pearson.r), CSVText.p(row.pearson.p),
          CSVText.full(row.pearson.ciLow),
          CSVText.full(row.pearson.ciHigh),
          CSVText.full(row.spearman.rho), CSVText.p(row.spearman.p), CSVText.p(row.qValue),
          row.pearson.r.isNaN ? "" : row.strength.rawValue,
          row.pearson.reason ?? row.spearman.reason ?? "",
        ]
      }, numeric: Set(3...10),
      rounding: [
        4: .decimals(6), 5: .pValue, 6: .decimals(6), 7: .decimals(6), 8: .decimals(6), 9: .pValue,
        10: .pValue,
      ])
  }

  /// p-values keep their significant digits (`3.76e-06`), never a rounded 0.
  static func p(_ value: Double) -> String {
    guard value.isFinite else { return "" }
    if value == 0 { return "0" }
    return value < 1e-4 ? String(format: "%.3g", value) : CSVText.number(value, decimals: 6)
  }

  /// The report's own layout for one level: indicators × years, r shown only
  /// where p < 0.01 and |r| ≥ 0.2, written `,46**` (Dutch) or `.46**` (English),
  /// `*` zwak, `**` redelijk, `***` sterk.
  public func reportLayout(level: AreaLevel, language: ReportLanguage = .nl) -> TextTable {
    let mine = rows.filter { $0.level == level }
    let years = Array(Set(mine.map(\.year))).sorted()
    var indicators: [String] = []
    for row in mine where !indicators.contains(row.indicator) { indicators.append(row.indicator) }
    let byKey = Dictionary(
      mine.map { ("\($0.indicator)|\($0.year)", $0) }, uniquingKeysWith: { a, _ in a })
    let tableRows = indicators.map { indicator in
      [indicator]
        + years.map { year -> String in
          guard let row = byKey["\(indicator)|\(year)"], row.pearson.p < 0.01,
            row.strength != .geen
          else { return "" }
          var text = String(format: "%.2f", row.pearson.r)
          text = text.replacingOccurrences(of: "0.", with: ".")
          text = text.replacingOccurrences(
            of: ".", with: String(language.decimalSeparator))
          return text + row.strength.stars
        }
    }
    let number = level == .gemeente ? 1 : level == .pc4 ? 2 : 0
    let title = language.text(
      .correlationTitle(
        number: number,
        rate: countUnit.countsChildren ? nil : countUnit.rateLabel(language.isDutch),
        level: level))
    let provisional = provisionalYears[level] ?? []
    let marked = years.contains(where: provisional.contains)
    let note = language.text(.correlationNote(provisional: marked))
    return TextTable(
      title: title,
      header: ["indicator"]
        + years.map { provisional.contains($0) ? "\($0)*" : String($0) },
      rows: tableRows, numeric: Set(1...max(1, years.count)), note: note)
  }
}
