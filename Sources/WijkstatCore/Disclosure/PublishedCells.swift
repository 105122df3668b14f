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
  /// The true counts (only where the publisher checks its own output): a
  /// solution of the system, used to split the wide sums.
  public var truth: [Double]? = nil
  public var sums: [Sum] = []
  /// Per cell, its panel row (−1 for a contrast cell).
  public var rows: [Int] = []
  var index: [Key: Int] = [:]

  public init() {}

  public func cell(_ key: Key) -> Int? { index[key] }

  @discardableResult
  public mutating func add(_ key: Key, value: Double?, upper: Double, truth: Double? = nil, row: Int = -1) -> Int {
    if let existing = index[key] { return existing }
    index[key] = keys.count
    keys.append(key)
    rows.append(row)
    values.append(value)
    self.upper.append(upper)
    if let truth {
      if self.truth == nil { self.truth = [] }
      self.truth!.append(truth)
    }
    return keys.count - 1
  }

  public var withheldCount: Int { values.lazy.filter { $0 == nil }.count }

  /// A contrast table: which areas of `level` take part, for Tabel 3 all PC-4
  /// areas with a flag, for Tabel 4 those inside the region set.
  public struct ContrastTable: Sendable {
    public var name: String
    public var gemeenten: Set<String>?
    /// Years withheld as a whole (ContrastAnalysis.minimumCount); nil: found
    /// from the true counts and `minimumCount`.
    public var withheldYears: Set<Int>?
    /// Which areas a contrast cell sums: wijkstat publishes contrast tables of
    /// the areas with a published count (`published`), so that they are
    /// functions of published counts; `all` (every area with a count, as
    /// before) is the weakened configuration the tests attack.
    public enum Members: Sendable { case published, all }
    public var members: Members
    public init(name: String, gemeenten: Set<String>?, withheldYears: Set<Int>? = nil, members: Members = .published) {
      self.name = name
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
  /// Sums that do not hold on the true counts (the publisher's check) are left
  /// out: two sums into one cell (PC-4 and wijk into a gemeente) cannot both hold.
  public init(
    panel: Panel, suppression: Suppression?, regions: [String: [String: String]] = [:],
    contrasts: [ContrastTable] = [], contrastValues: [String: [Key: Double?]] = [:], minimumCount: Double? = nil
  ) {
    let knowsTruth = suppression != nil
    func withheld(_ row: PanelRow, _ group: AgeGroup) -> Bool {
      if let suppression { return suppression.isSuppressed(level: row.level, area: row.area, year: row.year, group: group) }
      return row.reported[group] == nil && (row.children[group] ?? 0) > 0
    }
    func hasCell(_ row: PanelRow, _ group: AgeGroup) -> Bool {
      row.reported[group] != nil || (!knowsTruth && (row.children[group] ?? 0) > 0)
    }
    // Cells of every row, in panel order.
    var rowCells: [[Int?]] = []
    rowCells.reserveCapacity(panel.rows.count)
    for (r, row) in panel.rows.enumerated() {
      var cells: [Int?] = [nil, nil, nil, nil]
      for group in AgeGroup.allCases where hasCell(row, group) {
        let hidden = withheld(row, group)
        cells[group.index] = add(
          Key(table: row.level.description, area: row.area, year: row.year, group: group),
          value: hidden ? nil : row.reported[group], upper: row.children[group] ?? .infinity,
          truth: knowsTruth ? row.reported[group] : nil, row: r)
      }
      rowCells.append(cells)
    }
    func holds(_ total: Int, _ parts: [Int]) -> Bool {
      // The publisher checks each sum on the true counts; the attacker assumes
      // the documented structure and checks what is published.
      if let truth { return abs(truth[total] - parts.reduce(0) { $0 + truth[$1] }) < 1e-6 }
      guard values[total] != nil, parts.allSatisfy({ values[$0] != nil }) else { return true }
      return abs(values[total]! - parts.reduce(0) { $0 + values[$1]! }) < 1e-6
    }
    // Within rows.
    for cells in rowCells {
      guard let total = cells[AgeGroup.all.index] else { continue }
      let parts = AgeGroup.parts.compactMap { cells[$0.index] }
      guard parts.count == 3, holds(total, parts) else { continue }
      sums.append(Sum(total: total, parts: parts, wide: false))
    }
    // Up the hierarchy: PC-4 → gemeente → regions.
    var rowOf: [String: Int] = [:]
    for (i, row) in panel.rows.enumerated() { rowOf["\(row.level)|\(row.area)|\(row.year)"] = i }
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
        parent = rowOf["gemeente|\(gemeente)|\(row.year)"]
      }
      // PC-6 → PC-4 by the code (1011AB is in 1011), where both are published
      // (PC-6 keys in a PC-4 table are summed before the panel: then there are
      // no PC-6 rows).
      if row.level == .pc6, row.area.count >= 4 { parent = rowOf["pc4|\(row.area.prefix(4))|\(row.year)"] }
      if row.level == .buurt, let wijk = codeParent[.buurt]?[row.area] { parent = rowOf["wijk|\(wijk)|\(row.year)"] }
      if row.level == .wijk, let gemeente = codeParent[.wijk]?[row.area] {
        parent = rowOf["gemeente|\(gemeente)|\(row.year)"]
      }
      if row.level == .gemeente {
        for (name, regionOf) in regions.sorted(by: { $0.key < $1.key }) {
          // `GMxxxx|YEAR` is the region of that year (a lookup with a `jaar`
          // column: a gemeente that moved counts in the region of each year).
          guard let region = regionOf["\(row.area)|\(row.year)"] ?? regionOf[row.area],
            let p = rowOf["\(name)|\(region)|\(row.year)"]
          else { continue }
          children[p, default: []].append(i)
        }
      }
      if let parent { children[parent, default: []].append(i) }
    }
    for parent in children.keys.sorted() {
      let members = children[parent]!
      for group in AgeGroup.allCases {
        guard let total = rowCells[parent][group.index] else { continue }
        var parts: [Int] = []
        var complete = true
        for member in members {
          if let cell = rowCells[member][group.index] { parts.append(cell) } else if panel.rows[member].children[group] ?? 0 > 0 {
            complete = false
          }
        }
        guard complete, !parts.isEmpty, holds(total, parts) else { continue }
        sums.append(Sum(total: total, parts: parts, wide: false))
      }
    }
    // Contrast tables.
    for table in contrasts {
      var members: [Int: [Bool: [AgeGroup: [Int]]]] = [:]
      for (i, row) in panel.rows.enumerated() where row.level == .pc4 {
        guard let flag = row.achterstandswijk else { continue }
        if let set = table.gemeenten, !set.contains(row.gemeente ?? "") { continue }
        for group in AgeGroup.allCases {
          guard let cell = rowCells[i][group.index], (row.children[group] ?? 0) > 0 else { continue }
          if table.members == .published, values[cell] == nil { continue }
          members[row.year, default: [:]][flag, default: [:]][group, default: []].append(cell)
        }
      }
      var withheldYears = table.withheldYears ?? []
      if table.withheldYears == nil, let truth, let minimumCount {
        for (year, byFlag) in members {
          for groups in byFlag.values {
            for parts in groups.values where parts.reduce(0, { $0 + truth[$1] }) < minimumCount { withheldYears.insert(year) }
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
