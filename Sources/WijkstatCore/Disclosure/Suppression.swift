/// Disclosure control for everything meant for publication (maps, GeoJSON,
/// GeoPackage, SVG, HTML, published CSVs). Counts of reported children below
/// `minimumCount` and the cells of areas with fewer than `minimumChildren`
/// children are withheld (primary suppression); where a total and the other
/// published parts would reveal a withheld cell, one more cell is withheld
/// (secondary suppression): among the age groups of an area-year, and among the
/// PC-4 areas of a gemeente-year. Analyses still use the full data.
///
/// Rule as in CBS's *Statistische beveiliging* practice for small counts
/// (threshold rule plus complementary suppression); hand-written because it
/// follows the panel's own hierarchy.
public struct SuppressionRule: Sendable, Equatable {
  public var enabled: Bool
  public var minimumCount: Double
  public var minimumChildren: Double
  public init(enabled: Bool = true, minimumCount: Double = 5, minimumChildren: Double = 50) {
    self.enabled = enabled
    self.minimumCount = minimumCount
    self.minimumChildren = minimumChildren
  }

  /// "counts below 5 and areas with fewer than 50 children withheld" or "off".
  public var summary: String {
    enabled
      ? "counts below \(CSVText.number(minimumCount)) and areas with fewer than \(CSVText.number(minimumChildren)) children withheld, with secondary suppression"
      : "off (--no-suppress): all counts published"
  }
}

/// What was withheld, per cell, and why.
public struct Suppression: Sendable {
  public struct Cell: Hashable, Sendable {
    public var level: AreaLevel
    public var area: String
    public var year: Int
    public var ageGroup: AgeGroup
  }
  public struct Entry: Sendable, Equatable {
    public var cell: Cell
    public var reason: String
  }
  public var rule: SuppressionRule
  public private(set) var entries: [Entry] = []
  private var withheld: Set<Cell> = []

  public func isSuppressed(level: AreaLevel, area: String, year: Int, group: AgeGroup = .all) -> Bool {
    withheld.contains(Cell(level: level, area: area, year: year, ageGroup: group))
  }

  mutating func withhold(_ cell: Cell, _ reason: String) {
    guard withheld.insert(cell).inserted else { return }
    entries.append(Entry(cell: cell, reason: reason))
  }

  public init(panel: Panel, rule: SuppressionRule) {
    self.rule = rule
    guard rule.enabled else { return }
    // Primary.
    for row in panel.rows {
      for group in AgeGroup.allCases.sorted() {
        let cell = Cell(level: row.level, area: row.area, year: row.year, ageGroup: group)
        if let children = row.children[group], children < rule.minimumChildren,
          row.reported[group] != nil
        {
          withhold(
            cell,
            "fewer than \(CSVText.number(rule.minimumChildren)) children (\(CSVText.number(children)))")
        } else if let count = row.reported[group], count < rule.minimumCount {
          withhold(cell, "count below \(CSVText.number(rule.minimumCount))")
        }
      }
    }
    // Secondary suppression until nothing changes (one pass can expose another).
    var before = -1
    while before != entries.count {
      before = entries.count
      secondaryWithinRows(panel)
      secondaryWithinGemeenten(panel)
    }
  }

  mutating func secondaryWithinRows(_ panel: Panel) {
    // Secondary, within an area-year: the total and two published age groups
    // would give away a single withheld age group.
    for row in panel.rows {
      let parts = AgeGroup.parts.map { Cell(level: row.level, area: row.area, year: row.year, ageGroup: $0) }
      let total = Cell(level: row.level, area: row.area, year: row.year, ageGroup: .all)
      let hidden = parts.filter { withheld.contains($0) }
      guard hidden.count == 1, !withheld.contains(total) else { continue }
      // Withhold the smallest other age group.
      let other = parts.filter { !withheld.contains($0) }.min {
        (row.reported[$0.ageGroup] ?? .infinity, $0.ageGroup) < (row.reported[$1.ageGroup] ?? .infinity, $1.ageGroup)
      }
      if let other {
        withhold(other, "secondary: with the total it would reveal age group \(hidden[0].ageGroup.rawValue)")
      }
    }
  }

  mutating func secondaryWithinGemeenten(_ panel: Panel) {
    // Secondary, within a gemeente-year: a published gemeente total and all but one
    // published PC-4 would give away the withheld one.
    let gemeenteTotals = Set(
      panel.rows.filter { $0.level == .gemeente }.map { "\($0.area)|\($0.year)" })
    var groups: [String: [PanelRow]] = [:]
    for row in panel.rows where row.level == .pc4 {
      guard let gemeente = row.gemeente, gemeenteTotals.contains("\(gemeente)|\(row.year)") else { continue }
      groups["\(gemeente)|\(row.year)", default: []].append(row)
    }
    for key in groups.keys.sorted() {
      let rows = groups[key]!
      for group in AgeGroup.allCases.sorted() {
        let withValue = rows.filter { $0.reported[group] != nil }
        let hidden = withValue.filter { isSuppressed(level: .pc4, area: $0.area, year: $0.year, group: group) }
        guard hidden.count == 1 else { continue }
        let parts = key.split(separator: "|")
        if isSuppressed(level: .gemeente, area: String(parts[0]), year: Int(parts[1])!, group: group) {
          continue
        }
        let candidates = withValue.filter {
          !isSuppressed(level: .pc4, area: $0.area, year: $0.year, group: group)
        }
        if let other = candidates.min(by: {
          ($0.reported[group] ?? 0, $0.area) < ($1.reported[group] ?? 0, $1.area)
        }) {
          withhold(
            Cell(level: .pc4, area: other.area, year: other.year, ageGroup: group),
            "secondary: with the gemeente total it would reveal PC-4 \(hidden[0].area)")
        }
      }
    }
  }

  /// The suppression log: `level,area,year,age_group,reason`.
  public var csv: String {
    var out = CSVText.line(["level", "area", "year", "age_group", "reason"])
    for entry in entries {
      out += CSVText.line([
        entry.cell.level.description, entry.cell.area, String(entry.cell.year),
        entry.cell.ageGroup.rawValue, entry.reason,
      ])
    }
    return out
  }
}

extension Suppression {
  /// The panel as it may be published: withheld counts removed (so the rates
  /// derived from them are empty too). Populations and indicators stay.
  public func applied(to panel: Panel) -> Panel {
    guard !entries.isEmpty else { return panel }
    var published = panel
    for index in published.rows.indices {
      let row = published.rows[index]
      for group in AgeGroup.allCases
      where isSuppressed(level: row.level, area: row.area, year: row.year, group: group) {
        published.rows[index].reported[group] = nil
      }
    }
    return published
  }
}
