/// Every count cell the published files show or withhold, and every published
/// sum that links them: what the interval attack works on (DisclosureAudit).
///
/// Cells are the panel's counts (each level, area, year and age group) and the
/// achterstand contrast tables' counts. Sums an attacker knows:
/// - within a row: 0–17 = 0–3 + 4–7 + 8–17;
/// - up the area hierarchy: a PC-4 area = its PC-6 areas (where both levels
///   are published), a gemeente = its PC-4 areas, a region = its gemeenten
///   (per year and age group);
/// - a contrast cell = the PC-4 areas of its group (achterstandswijk or not,
///   inside the region set for Tabel 4) per year and age group. These sums run
///   over a whole year and are `wide`: the audit splits them (see there).
/// Each cell lies in 0...children of its area and age group (both published).
///
/// How exactly each sum holds comes from `CountSources` (what the published
/// files declare, never the withheld counts): an exact sum, a sum up to the
/// figures' rounding, or a region figure at least the sum of its gemeenten. A
/// sum that is not exact gets a `slack` cell s = total − Σ parts, an unknown in
/// the sum's range (the attacker does not know it), so every sum is an
/// equation Σ parts + s = total (and a network stays a network: s is an arc to
/// the ground). Slack cells are not counts: the rule does not apply to them.
public struct PublishedCells: Sendable {
  public struct Key: Hashable, Sendable, Comparable {
    /// The level (`pc4`, `gemeente`, a region) or the contrast table (`contrast`,
    /// `contrast-speerpunt`, whose areas are `1` and `0`).
    public var table: String
    public var area: String
    public var year: Int
    public var group: AgeGroup
    public init(table: String, area: String, year: Int, group: AgeGroup) {
      self.table = table
      self.area = area
      self.year = year
      self.group = group
    }
    public static func < (a: Key, b: Key) -> Bool {
      (a.year, a.table, a.area, a.group) < (b.year, b.table, b.area, b.group)
    }
    public var description: String { "\(table) \(area) \(year) \(group.rawValue)" }
  }
  public struct Sum: Sendable, Equatable {
    public var total: Int
    public var parts: [Int]
    /// A contrast sum over a whole year (split per component by the audit).
    public var wide: Bool
  }
  public var keys: [Key] = []
  /// The published value; nil when withheld.
  public var values: [Double?] = []
  /// The largest value the cell can have (the children), or infinity.
  public var upper: [Double] = []
  /// The smallest value the cell can have: 0 for a count, the slack's lower end.
  public var lower: [Double] = []
  /// Whether the cell is a sum's slack (not a count).
  public var isSlack: [Bool] = []
  /// The true counts (only where the publisher checks its own output): a
  /// solution of the system, used to split the wide sums.
  public var truth: [Double]? = nil
  public var sums: [Sum] = []
  /// Per cell, its panel row (−1 for a contrast cell).
  public var rows: [Int] = []
  /// The cells that are not a panel row's (slack and contrast cells) by key:
  /// `add` gives such a key its cell once. A panel row's cells need no index
  /// (a panel has one row per level, area and year), and at 460,000 areas a
  /// dictionary of its 13 million keys was a third of the protection's time.
  var index: [Key: Int] = [:]

  public init() {}

  /// The cell of `key`, or nil: a search through every key, for tests and
  /// diagnostics (the attack and the suppression work by cell number).
  public func cell(_ key: Key) -> Int? { index[key] ?? keys.firstIndex(of: key) }

  /// A new cell, or the existing one of a slack or contrast key added before.
  /// A panel row's cell (`row` ≥ 0) is always new: its caller adds each row's
  /// cells once.
  @discardableResult
  public mutating func add(
    _ key: Key, value: Double?, upper: Double, truth: Double? = nil, row: Int = -1,
    lower: Double = 0, slack: Bool = false
  ) -> Int {
    if row < 0 {
      if let existing = index[key] { return existing }
      index[key] = keys.count
    }
    keys.append(key)
    rows.append(row)
    values.append(value)
    self.upper.append(upper)
    self.lower.append(lower)
    isSlack.append(slack)
    if let truth {
      if self.truth == nil { self.truth = [] }
      self.truth!.append(truth)
    }
    return keys.count - 1
  }

  /// Whether the rule does not apply to a cell: a sum's slack, or a contrast
  /// cell (a sum over areas of one group, withheld with its year: its parts,
  /// the areas' counts, are what the rule protects; nothing about a single
  /// area follows from its range that the parts' ranges do not give).
  public func isExempt(_ cell: Int) -> Bool { isSlack[cell] || rows[cell] < 0 }

  /// Withheld counts (slack cells not counted).
  public var withheldCount: Int {
    values.indices.lazy.filter { values[$0] == nil && !isSlack[$0] }.count
  }

  /// A sum `total − Σ parts ∈ slack` (exact when nil): with a slack cell when not exact.
  mutating func addSum(total: Int, parts: [Int], slack: ClosedRange<Double>?, wide: Bool = false) {
    guard let slack else {
      sums.append(Sum(total: total, parts: parts, wide: wide))
      return
    }
    let key = keys[total]
    let truthValue = truth.map { t in t[total] - parts.reduce(0) { $0 + t[$1] } }
    let s = add(
      Key(
        table: "slack \(key.table)", area: "\(key.area)|\(keys[parts[0]].table)", year: key.year,
        group: key.group),
      value: nil, upper: slack.upperBound, truth: truthValue, lower: slack.lowerBound, slack: true)
    sums.append(Sum(total: total, parts: parts + [s], wide: wide))
  }

  /// A contrast table: which areas of `level` take part, for Tabel 3 all
  /// areas with a flag, for Tabel 4 those inside the region set.
  public struct ContrastTable: Sendable {
    public var name: String
    public var gemeenten: Set<String>?
    /// The level whose areas a contrast cell sums (ContrastAnalysis.level(of:)).
    public var level: AreaLevel
    /// Years withheld as a whole (ContrastAnalysis.minimumCount); nil: found
    /// from the true counts and `minimumCount`.
    public var withheldYears: Set<Int>?
    /// Which areas a contrast cell sums: wijkstat publishes contrast tables of
    /// the areas with a published count (`published`), so that they are
    /// functions of published counts; `all` (every area with a count): year-wide
    /// sums that the interval attack and secondary suppression take with the
    /// panel's sums (ContrastProtectionTests), not yet the run's default
    /// because the check over them is too slow on the real PC-4 panel
    /// (README.md, "Not covered").
    public enum Members: Sendable { case published, all }
    public var members: Members
    public init(
      name: String, gemeenten: Set<String>?, withheldYears: Set<Int>? = nil,
      members: Members = .published, level: AreaLevel = .pc4
    ) {
      self.name = name
      self.level = level
      self.gemeenten = gemeenten
      self.withheldYears = withheldYears
      self.members = members
    }
  }

  /// The cells of a run: `panel` the full panel and `suppression` what is withheld
  /// (the publisher's view, with the truth), or `panel` the published panel with
  /// `suppression` nil (the attacker's view: an empty count with children is
  /// withheld). `regions`: per region level (its description), gemeente → region
  /// (a key `GMxxxx|YEAR` for the region of one year, where it changes by year).
  /// `sources`: how each level's counts came about (nil: every sum exact, the
  /// audit's reading of a folder without `tables/count-sources.csv`). Sums are
  /// never chosen by the true counts: the publisher and the attacker see the same.
  public init(
    panel: Panel, suppression: Suppression?, regions: [String: [String: String]] = [:],
    contrasts: [ContrastTable] = [], contrastValues: [String: [Key: Double?]] = [:],
    minimumCount: Double? = nil,
    sources: CountSources? = nil
  ) {
    let knowsTruth = suppression != nil
    func withheld(_ row: PanelRow, at index: Int, _ group: AgeGroup) -> Bool {
      if let suppression { return suppression.isSuppressed(row, at: index, group: group) }
      return row.reported[group] == nil && (row.children[group] ?? 0) > 0
    }
    func hasCell(_ row: PanelRow, _ group: AgeGroup) -> Bool {
      row.reported[group] != nil || (!knowsTruth && (row.children[group] ?? 0) > 0)
    }
    // Cells of every row, in panel order: row r's cell of group g is
    // `rowCells[4·r + g.index]` (−1 for none), one flat array.
    let groupCount = AgeGroup.allCases.count
    var rowCells = [Int](repeating: -1, count: groupCount * panel.rows.count)
    func rowCell(_ r: Int, _ group: AgeGroup) -> Int? {
      let cell = rowCells[groupCount * r + group.index]
      return cell < 0 ? nil : cell
    }
    let expected = panel.rows.count * groupCount
    keys.reserveCapacity(expected)
    values.reserveCapacity(expected)
    upper.reserveCapacity(expected)
    lower.reserveCapacity(expected)
    isSlack.reserveCapacity(expected)
    rows.reserveCapacity(expected)
    for (r, row) in panel.rows.enumerated() {
      let table = row.level.description
      for group in AgeGroup.allCases where hasCell(row, group) {
        let hidden = withheld(row, at: r, group)
        rowCells[groupCount * r + group.index] = add(
          Key(table: table, area: row.area, year: row.year, group: group),
          value: hidden ? nil : row.reported[group], upper: row.children[group] ?? .infinity,
          truth: knowsTruth ? row.reported[group] : nil, row: r)
      }
    }

    // Up the hierarchy: PC-4 → gemeente → regions (rows by level, area and
    // year: a key of its parts, not a string made for each row).
    struct RowKey: Hashable {
      var level: String
      var area: String
      var year: Int
    }
    // Only rows that can be a parent: PC-6 areas and buurten never are (at
    // national PC-6 scale this leaves the dictionary empty).
    var rowOf: [RowKey: Int] = [:]
    for i in panel.rows.indices where panel.rows[i].level != .pc6 && panel.rows[i].level != .buurt {
      let row = panel.rows[i]
      rowOf[RowKey(level: row.level.description, area: row.area, year: row.year)] = i
    }
    var children: [Int: [Int]] = [:]
    // CBS's code hierarchy: buurt → wijk → gemeente.
    var codeParent: [AreaLevel: [String: String]] = [:]
    for (from, to) in [(AreaLevel.buurt, AreaLevel.wijk), (.wijk, .gemeente)] {
      let codes = Array(Set(panel.rows.filter { $0.level == from }.map(\.area)))
      if !codes.isEmpty { codeParent[from] = AreaHierarchy.parents(of: codes, from: from, to: to) }
    }
    for (i, row) in panel.rows.enumerated() {
      var parent: Int? = nil
      if row.level == .pc4, let gemeente = row.gemeente {
        parent = rowOf[RowKey(level: "gemeente", area: gemeente, year: row.year)]
      }
      // PC-6 → PC-4 by the code (1011AB is in 1011), where both are published
      // (PC-6 keys in a PC-4 table are summed before the panel: then there are
      // no PC-6 rows).
      if row.level == .pc6, !rowOf.isEmpty, row.area.count >= 4 {
        parent = rowOf[RowKey(level: "pc4", area: String(row.area.prefix(4)), year: row.year)]
      }
      if row.level == .buurt, let wijk = codeParent[.buurt]?[row.area] {
        parent = rowOf[RowKey(level: "wijk", area: wijk, year: row.year)]
      }
      if row.level == .wijk, let gemeente = codeParent[.wijk]?[row.area] {
        parent = rowOf[RowKey(level: "gemeente", area: gemeente, year: row.year)]
      }
      if row.level == .gemeente {
        for (name, regionOf) in regions.sorted(by: { $0.key < $1.key }) {
          // `GMxxxx|YEAR` is the region of that year (a lookup with a `jaar`
          // column: a gemeente that moved counts in the region of each year).
          guard let region = regionOf["\(row.area)|\(row.year)"] ?? regionOf[row.area],
            let p = rowOf[RowKey(level: name, area: region, year: row.year)]
          else { continue }
          children[p, default: []].append(i)
        }
      }
      if let parent { children[parent, default: []].append(i) }
    }
    // The rounding radius of each row's figures (CountSources): a given level's
    // own, a summed level's the sum of its parts' (memoised, parts first).
    var radius = [Double?](repeating: nil, count: panel.rows.count)
    func rho(_ r: Int) -> Double {
      if let known = radius[r] { return known }
      let level = panel.rows[r].level.description
      var value = 0.0
      if let sources, let declared = sources.levels[level] {
        if let from = declared.summedFrom {
          radius[r] = 0
          for member in children[r] ?? [] where panel.rows[member].level.description == from {
            value += rho(member)
          }
        } else {
          value = declared.radius
        }
      }
      radius[r] = value
      return value
    }
    // Within rows: 0–17 = its age groups.
    for r in panel.rows.indices {
      guard let total = rowCell(r, .all) else { continue }
      let parts = AgeGroup.parts.compactMap { rowCell(r, $0) }
      guard parts.count == 3 else { continue }
      let level = panel.rows[r].level.description
      addSum(
        total: total, parts: parts,
        slack: sources?.slack(total: level, parts: nil, radius: 4 * rho(r)))
    }
    for parent in children.keys.sorted() {
      // Members of each level apart (a gemeente can have PC-4 and wijk parts:
      // two sums, each with its own relation).
      var byLevel: [AreaLevel: [Int]] = [:]
      for member in children[parent]! {
        byLevel[panel.rows[member].level, default: []].append(member)
      }
      for level in byLevel.keys.sorted() {
        let members = byLevel[level]!
        let radiusOf = rho(parent) + members.reduce(0) { $0 + rho($1) }
        let slack = sources?.slack(
          total: panel.rows[parent].level.description, parts: level.description, radius: radiusOf)
        for group in AgeGroup.allCases {
          guard let total = rowCell(parent, group) else { continue }
          var parts: [Int] = []
          var complete = true
          for member in members {
            if let cell = rowCell(member, group) {
              parts.append(cell)
            } else if panel.rows[member].children[group] ?? 0 > 0 {
              complete = false
            }
          }
          guard complete, !parts.isEmpty else { continue }
          addSum(total: total, parts: parts, slack: slack)
        }
      }
    }
    // Contrast tables.
    for table in contrasts {
      var members: [Int: [Bool: [AgeGroup: [Int]]]] = [:]
      for (i, row) in panel.rows.enumerated() where row.level == table.level {
        guard let flag = row.achterstandswijk else { continue }
        if let set = table.gemeenten, !set.contains(row.gemeente ?? "") { continue }
        for group in AgeGroup.allCases {
          guard let cell = rowCell(i, group), (row.children[group] ?? 0) > 0 else {
            continue
          }
          if table.members == .published, values[cell] == nil { continue }
          members[row.year, default: [:]][flag, default: [:]][group, default: []].append(cell)
        }
      }
      var withheldYears = table.withheldYears ?? []
      if table.withheldYears == nil, let truth, let minimumCount {
        for (year, byFlag) in members {
          for groups in byFlag.values {
            for parts in groups.values where parts.reduce(0, { $0 + truth[$1] }) < minimumCount {
              withheldYears.insert(year)
            }
          }
        }
      }
      for year in members.keys.sorted() {
        for flag in [true, false] {
          for group in AgeGroup.allCases {
            let parts = members[year]?[flag]?[group] ?? []
            guard !parts.isEmpty else { continue }
            let key = Key(table: table.name, area: flag ? "1" : "0", year: year, group: group)
            let hidden = withheldYears.contains(year)
            let value: Double
            if let truth {
              value = parts.reduce(0) { $0 + truth[$1] }
            } else if let published = contrastValues[table.name]?[key] {
              guard let published else {
                let total = add(key, value: nil, upper: parts.reduce(0) { $0 + upper[$1] })
                sums.append(Sum(total: total, parts: parts, wide: true))
                continue
              }
              value = published
            } else {
              continue
            }
            let total = add(
              key, value: hidden ? nil : value, upper: parts.reduce(0) { $0 + upper[$1] },
              truth: knowsTruth ? value : nil)
            sums.append(Sum(total: total, parts: parts, wide: true))
          }
        }
      }
    }
  }
}
