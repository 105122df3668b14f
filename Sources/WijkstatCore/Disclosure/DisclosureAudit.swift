/// Attacks a set of published outputs as the threat model's attacker would
/// (README.md, "Disclosure control"): the interval programme over every
/// published sum (IntervalAttack), the inversion of every published smoothed
/// value, and derived values of withheld counts. `wijkstat audit DIR` reads a
/// folder into it; `wijkstat run` checks its own output with it before moving
/// the output into place, and refuses to publish when it finds anything.
public struct DisclosureAudit: Sendable {
  public enum Attack: String, Sendable, CaseIterable {
    case interval = "interval programme"
    case inversion = "inversion of smoothed rates"
    case derived = "value derived from a withheld count"
  }
  public struct Finding: Sendable, Equatable {
    public var attack: Attack
    public var table: String
    public var year: Int
    public var cell: String
    public var detail: String
  }
  /// A row of a published rates table (rates in percent, as rates.csv).
  public struct RateRow: Sendable {
    public var area: String
    public var year: Int
    public var reported: Double?
    public var children: Double?
    public var rawRate: Double?
    public var rawLow: Double?
    public var rawHigh: Double?
    public var ebRate: Double?
    public var pExceeds: Double?
    public var reference: Double?
    public var spatialEBRate: Double?
    public init(
      area: String, year: Int, reported: Double?, children: Double?, rawRate: Double?,
      rawLow: Double?,
      rawHigh: Double?, ebRate: Double?, pExceeds: Double?, reference: Double?,
      spatialEBRate: Double? = nil
    ) {
      self.spatialEBRate = spatialEBRate
      self.area = area
      self.year = year
      self.reported = reported
      self.children = children
      self.rawRate = rawRate
      self.rawLow = rawLow
      self.rawHigh = rawHigh
      self.ebRate = ebRate
      self.pExceeds = pExceeds
      self.reference = reference
    }
  }
  /// A published local statistic (lisa.csv) of an area.
  public struct LocalRow: Sendable {
    public var area: String
    public var year: Int
    public var variable: String
    public init(area: String, year: Int, variable: String) {
      self.area = area
      self.year = year
      self.variable = variable
    }
  }

  /// One area of a published map (a GeoJSON or GeoPackage map layer): the
  /// value it shows and its status (`data`, `no data`, `suppressed`).
  public struct MapValue: Sendable {
    public var map: String
    public var level: String
    public var area: String
    public var year: Int
    public var variable: String
    public var value: Double?
    public var status: String
    public init(
      map: String, level: String, area: String, year: Int, variable: String, value: Double?,
      status: String
    ) {
      self.map = map
      self.level = level
      self.area = area
      self.year = year
      self.variable = variable
      self.value = value
      self.status = status
    }
  }
  /// One area of a published SVG map (`maps/*.svg`): its `data-code`, its
  /// `data-class` (−1 withheld, 0 no data, else the class) and its hover text.
  public struct SVGArea: Sendable {
    public var map: String
    public var area: String
    public var classNumber: Int
    public var title: String?
    /// The name of the map it is drawn from (the GeoJSON/GeoPackage map of
    /// the same stem); nil: the stem of `map` (a file in maps/). A map
    /// embedded in report.html names its map file in its caption.
    public var stem: String?
    public init(
      map: String, area: String, classNumber: Int, title: String?, stem: String? = nil
    ) {
      self.stem = stem
      self.map = map
      self.area = area
      self.classNumber = classNumber
      self.title = title
    }
  }

  /// Map variables that are a withheld count's own value or a statistic of it
  /// (the raw rate, its interval, the exceedance probability, LISA of it):
  /// a map must not show them, nor a class, for a withheld count.
  public static let countVariables: Set<String> = [
    "reported", "pct_reported", "raw_rate", "raw_ci_low", "raw_ci_high", "p_exceeds", "lisa",
    "lisa_cluster", "local_i",
  ]
  /// Smoothed rates a map may show for a withheld count, as the rates table does.
  public static let smoothedVariables: Set<String> = ["eb_rate", "spatial_eb_rate"]

  public var findings: [Finding] = []
  public var checkedMapValues = 0
  /// SVG areas checked against the GeoJSON/GeoPackage map of the same name,
  /// and SVG maps without one (not checked).
  public var checkedSVGAreas = 0
  public var uncheckedSVGMaps: [String] = []
  public var withheldCells = 0
  public var checkedRates = 0
  public var attack: IntervalAttack.Result? = nil

  public init(
    cells: PublishedCells, minimumCount: Double, solver: any IntervalSolver, rates: [RateRow] = [],
    ratesLevel: String = "pc4", local: [LocalRow] = [], maps: [MapValue] = [], svg: [SVGArea] = [],
    precomputed: IntervalAttack.Result? = nil
  ) {
    // 1. The interval programme over every published sum.
    let attack =
      precomputed ?? IntervalAttack.run(cells, minimumCount: minimumCount, solver: solver)
    self.init(
      basis: Basis(cells: cells, attack: attack), rates: rates, ratesLevel: ratesLevel,
      local: local, maps: maps, svg: svg)
    self.attack = attack
  }

  /// The audit of the interval attack alone (no rates, maps or local statistics).
  public init(basis: Basis) { self.init(basis: basis, rates: [RateRow]()) }

  /// The audit from what it needs of the cells and the interval attack
  /// (`Basis`): what `wijkstat run` keeps from its disclosure check until
  /// the audit of its output, instead of every cell and range. `rates`: any
  /// collection of rows (`wijkstat run` passes a view of its rates table
  /// that makes each row when read).
  public init<Rates: RandomAccessCollection<RateRow>>(
    basis: Basis, rates: Rates, ratesLevel: String = "pc4", local: [LocalRow] = [],
    maps: [MapValue] = [], svg: [SVGArea] = []
  ) where Rates.Index == Int {
    withheldCells = basis.withheldCells
    findings = basis.intervalFindings
    // 2. Derived values and the inversion of smoothed rates.
    let withheldRates = basis.withheldTotals[ratesLevel] ?? [:]
    func withheld(_ area: String, _ year: Int) -> Bool {
      withheldRates[year]?.contains(area) ?? false
    }
    let pooled = basis.pooled[ratesLevel] ?? [:]
    let ratesByYear = Dictionary(grouping: rates.indices, by: { rates[$0].year })
    for year in ratesByYear.keys.sorted() {
      let rows = ratesByYear[year]!.lazy.map { rates[$0] }
      // The attacker's estimate of the prior: b is the published reference rate;
      // the weight w = (eb − b)/(r − b) of each published area gives the prior
      // variance a = w·b / (n·(1 − w)); the median over the areas.
      var estimates: [Double] = []
      var b: Double? = nil
      for row in rows where !withheld(row.area, year) {
        guard let y = row.reported, let n = row.children, n > 0, let eb = row.ebRate,
          let ref = row.reference
        else { continue }
        let r = y / n
        let prior = ref / 100
        b = prior
        let w = (eb / 100 - prior) / (r - prior)
        guard abs(r - prior) > 0.002, w.isFinite, w > 0, w < 1 else { continue }
        estimates.append(w * prior / (n * (1 - w)))
      }
      estimates.sort()
      let a = estimates.isEmpty ? 0 : estimates[estimates.count / 2]
      for row in rows where withheld(row.area, year) {
        checkedRates += 1
        for (name, value) in [
          ("raw_rate", row.rawRate), ("raw_ci_low", row.rawLow), ("raw_ci_high", row.rawHigh),
          ("p_exceeds", row.pExceeds), ("reported", row.reported),
        ] {
          if let value, value.isFinite {
            findings.append(
              Finding(
                attack: .derived, table: ratesLevel, year: year, cell: row.area,
                detail:
                  "\(name) \(CSVText.number(value, decimals: 4)) is published for a withheld count")
            )
          }
        }
        guard let b, a > 0, let n = row.children, n > 0, let eb = row.ebRate else { continue }
        let w = a / (a + b / n)
        let inverted = n * (b + (eb / 100 - b) / w)
        // The published rate has 4 decimals in percent: the count is known to
        // within n·0.00005 %/w; the fitted prior adds its own error.
        let tolerance = max(0.05, 4 * n * 5e-7 / w)
        let imputed = n * (pooled[year] ?? .nan)
        if !(abs(inverted - imputed) <= tolerance) {
          findings.append(
            Finding(
              attack: .inversion, table: ratesLevel, year: year, cell: row.area,
              detail:
                "eb_rate \(CSVText.number(eb, decimals: 4)) inverts to count \(CSVText.number(inverted, decimals: 2)), not the imputed \(CSVText.number(imputed, decimals: 2))"
            ))
        }
      }
    }
    // 3. Local statistics of withheld rates.
    for row in local
    where row.variable == SpatialAnalysis.Variable.pctReported.rawValue
      && withheld(row.area, row.year)
    {
      findings.append(
        Finding(
          attack: .derived, table: ratesLevel, year: row.year, cell: row.area,
          detail: "LISA of the % reported of a withheld count is published"))
    }
    // 4. The maps themselves (not only the tables they are made from): a
    // withheld count's own value, its statistics or a class of them; and
    // smoothed rates other than the ones the rates table publishes (those are
    // checked by the inversion above).
    // The published smoothed rates that the maps' withheld areas are compared
    // with: only those (a map of smoothed rates over 460,000 PC-6 areas and 7
    // years would otherwise index 6 million rates it never asks for).
    func shown(_ value: MapValue) -> Bool {
      basis.withheldTotals[value.level]?[value.year]?.contains(value.area) ?? false
    }
    var wanted: Set<SmoothedKey> = []
    for value in maps where Self.smoothedVariables.contains(value.variable) && shown(value) {
      wanted.insert(SmoothedKey(variable: value.variable, area: value.area, year: value.year))
    }
    var smoothed: [SmoothedKey: Double] = [:]
    if !wanted.isEmpty {
      for row in rates {
        if let rate = row.ebRate {
          let key = SmoothedKey(variable: "eb_rate", area: row.area, year: row.year)
          if wanted.contains(key) { smoothed[key] = rate }
        }
        if let rate = row.spatialEBRate {
          let key = SmoothedKey(variable: "spatial_eb_rate", area: row.area, year: row.year)
          if wanted.contains(key) { smoothed[key] = rate }
        }
      }
    }
    for value in maps {
      guard shown(value) else { continue }
      checkedMapValues += 1
      let table = "map \(value.map)"
      if Self.countVariables.contains(value.variable), value.value != nil || value.status == "data"
      {
        findings.append(
          Finding(
            attack: .derived, table: table, year: value.year, cell: value.area,
            detail:
              "\(value.variable) \(value.value.map { CSVText.number($0, decimals: 4) } ?? "(a class)") is shown for a withheld count"
          ))
      } else if Self.smoothedVariables.contains(value.variable), let shown = value.value,
        let published = smoothed[
          SmoothedKey(variable: value.variable, area: value.area, year: value.year)],
        abs(shown - published) > 1e-6 * max(1, abs(published))
      {
        findings.append(
          Finding(
            attack: .derived, table: table, year: value.year, cell: value.area,
            detail:
              "\(value.variable) \(CSVText.number(shown, decimals: 4)) is not the prior mean \(CSVText.number(published, decimals: 4)) the rates table publishes for a withheld count"
          ))
      } else if value.variable == MapVariable.ebRate.name, let shown = value.value,
        ratesLevel == value.level,
        let m0 = pooled[value.year],
        smoothed[SmoothedKey(variable: "eb_rate", area: value.area, year: value.year)] == nil,
        abs(shown / 100 - m0) > 5e-7
      {
        // No rates table: a withheld count's global EB rate must be m₀.
        findings.append(
          Finding(
            attack: .inversion, table: table, year: value.year, cell: value.area,
            detail:
              "eb_rate \(CSVText.number(shown, decimals: 4)) of a withheld count is not the pooled published rate \(CSVText.number(100 * m0, decimals: 4))"
          ))
      }
    }
    checkSVG(svg, maps: maps)
  }

  /// 5. The SVG maps: each is drawn from the map of the same name (a GeoJSON
  /// or GeoPackage, checked above); an area that map shows as withheld
  /// (`status` suppressed) must be withheld in the SVG too: class −1 and a hover
  /// text with no figure after its name and code. An SVG without such a map is
  /// listed as not checked.
  mutating func checkSVG(_ svg: [SVGArea], maps: [MapValue]) {
    func stem(_ file: String) -> String {
      guard let dot = file.lastIndex(of: ".") else { return file }
      return String(file[..<dot])
    }
    // Per map and area shown as withheld, its year (each map's stem found once).
    var suppressed: [StemArea: Int] = [:]
    var stemOf: [String: String] = [:]
    for value in maps {
      let name: String
      if let known = stemOf[value.map] {
        name = known
      } else {
        name = stem(value.map)
        stemOf[value.map] = name
      }
      if value.status == "suppressed" {
        suppressed[StemArea(stem: name, area: value.area)] = value.year
      }
    }
    let stems = Set(stemOf.values)
    var unchecked: Set<String> = []
    for area in svg {
      let name = area.stem ?? stem(area.map)
      guard stems.contains(name) else {
        unchecked.insert(area.map)
        continue
      }
      guard let year = suppressed[StemArea(stem: name, area: area.area)] else { continue }
      checkedSVGAreas += 1
      let table = "map \(area.map)"
      if area.classNumber != MapClass.suppressed {
        findings.append(
          Finding(
            attack: .derived, table: table, year: year, cell: area.area,
            detail: "class \(area.classNumber) is shown for a withheld count"))
      }
      if let title = area.title {
        // What follows the name and code: "afgeschermd", never a figure.
        let rest = title.range(of: area.area).map { String(title[$0.upperBound...]) } ?? title
        if rest.contains(where: \.isNumber) {
          findings.append(
            Finding(
              attack: .derived, table: table, year: year, cell: area.area,
              detail: "hover text \"\(title)\" shows a figure for a withheld count"))
        }
      }
    }
    uncheckedSVGMaps = unchecked.sorted()
  }

  /// A smoothed rate the rates table publishes, by variable, area and year.
  struct SmoothedKey: Hashable {
    var variable: String
    var area: String
    var year: Int
  }
  /// A map (by its file name without extension) and an area on it.
  struct StemArea: Hashable {
    var stem: String
    var area: String
  }

  /// What the audit reads of the published cells and the interval attack on
  /// them: the attack's findings, and per table and year the withheld 0–17
  /// cells and the pooled published rate. Made from the cells at once, so
  /// that the cells (every count cell of the run, with an index by key) and
  /// the attack's ranges need not be kept until the audit.
  public struct Basis: Sendable {
    /// Withheld counts (slack cells not counted).
    public var withheldCells: Int
    /// The interval attack's findings: its failing cells and inconsistent years.
    public var intervalFindings: [Finding]
    /// Per table (a level) and year, the areas whose 0–17 cell is withheld.
    public var withheldTotals: [String: [Int: Set<String>]]
    /// Per table and year, Σ published 0–17 counts / Σ their children (the
    /// imputation rate m₀ of Protection, as the attacker computes it).
    public var pooled: [String: [Int: Double]]

    public init(cells: PublishedCells, attack: IntervalAttack.Result) {
      withheldCells = cells.withheldCount
      intervalFindings = []
      let integral = cells.values.allSatisfy { $0.map { $0 == $0.rounded() } ?? true }
      for cell in attack.failing {
        let key = cells.keys[cell]
        guard let found = attack.ranges[cell] else {
          intervalFindings.append(
            Finding(
              attack: .interval, table: key.table, year: key.year,
              cell: "\(key.area) \(key.group.rawValue)",
              detail: "no range found (the solver failed)"))
          continue
        }
        let range = IntervalAttack.rounded(found, integral: integral)
        intervalFindings.append(
          Finding(
            attack: .interval, table: key.table, year: key.year,
            cell: "\(key.area) \(key.group.rawValue)",
            detail: range.lowerBound == range.upperBound
              ? "pinned to \(CSVText.number(range.lowerBound))"
              : "narrowed to \(CSVText.number(range.lowerBound))–\(CSVText.number(range.upperBound))"
          ))
      }
      for year in attack.inconsistentYears {
        intervalFindings.append(
          Finding(
            attack: .interval, table: "all", year: year, cell: "",
            detail: "the published sums of this year contradict each other: not checked"))
      }
      withheldTotals = [:]
      var sums: [String: [Int: (Double, Double)]] = [:]
      for (i, key) in cells.keys.enumerated() where key.group == .all {
        guard let value = cells.values[i] else {
          withheldTotals[key.table, default: [:]][key.year, default: []].insert(key.area)
          continue
        }
        guard cells.upper[i].isFinite, cells.upper[i] > 0 else { continue }
        sums[key.table, default: [:]][key.year, default: (0, 0)].0 += value
        sums[key.table, default: [:]][key.year, default: (0, 0)].1 += cells.upper[i]
      }
      pooled = sums.mapValues { $0.mapValues { $0.0 / $0.1 } }
    }
  }

  /// Per attack, table and year: how many withheld cells were narrowed, with
  /// the first `examples`.
  public func lines(examples: Int = 3) -> [String] {
    var lines: [String] = []
    var groups: [String: [Finding]] = [:]
    var order: [String] = []
    for finding in findings {
      let key = "\(finding.attack.rawValue): \(finding.table) \(finding.year)"
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(finding)
    }
    for key in order {
      let list = groups[key]!
      lines.append(
        "\(key): \(list.count) \(list.count == 1 ? "cell" : "cells"), e.g. "
          + list.prefix(examples).map { "\($0.cell) \($0.detail)" }.joined(separator: "; "))
    }
    return lines
  }
}
