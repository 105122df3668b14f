/// The report's Tabel 3 (and Tabel 4 when restricted to a set of gemeenten):
/// per year and age group, for achterstandswijken and the other areas, the number
/// of areas, reported children, children, the mean number reported per area and
/// % reported = 100 × Σ reported / Σ children (pooled, not a mean of rates).
/// Only areas with a known flag, a count and children > 0 take part.
public struct AchterstandContrast: Sendable, Equatable {
  public struct Cell: Sendable, Equatable {
    public var year: Int
    public var ageGroup: AgeGroup
    public var achterstandswijk: Bool
    public var areas: Int
    public var reported: Double
    public var children: Double
    /// Areas with children but no report count (left out of the cell).
    public var areasWithoutCount: Int = 0
    public var meanReportedPerArea: Double { areas > 0 ? reported / Double(areas) : .nan }
    public var pctReported: Double { children > 0 ? 100 * reported / children : .nan }
  }
  /// Per year × age group (0-3, 4-7, 8-17, 0-17) × flag (1 then 0).
  public var cells: [Cell]

  /// `include` picks the areas (e.g. those in the speerpunt gemeenten).
  public init(panel: Panel, level: AreaLevel = .pc4, include: (PanelRow) -> Bool = { _ in true }) {
    self.init(panel: panel, members: Self.members(panel: panel, level: level, include: include))
  }

  /// From the positions of the taking-part rows per year (see `members`).
  init(panel: Panel, members: [(year: Int, rows: [Int])]) {
    var cells: [Cell] = []
    for (year, rows) in members {
      for group in AgeGroup.allCases.sorted() where group != .all {
        cells += Self.pair(panel, rows, year: year, group: group)
      }
      cells += Self.pair(panel, rows, year: year, group: .all)
    }
    self.cells = cells
  }

  /// Per panel year, the positions of the rows of `level` with a known flag that
  /// `include` picks, in panel order.
  static func members(panel: Panel, level: AreaLevel, include: (PanelRow) -> Bool)
    -> [(year: Int, rows: [Int])]
  {
    let index = PanelIndex(panel)
    return index.years.map { year in
      (
        year,
        index.rows(level: level, year: year).filter {
          panel.rows[$0].achterstandswijk != nil && include(panel.rows[$0])
        }
      )
    }
  }

  /// The achterstandswijk cell, then the other, summing rows in panel order.
  static func pair(_ panel: Panel, _ rows: [Int], year: Int, group: AgeGroup) -> [Cell] {
    var inside = Cell(
      year: year, ageGroup: group, achterstandswijk: true, areas: 0, reported: 0, children: 0)
    var outside = Cell(
      year: year, ageGroup: group, achterstandswijk: false, areas: 0, reported: 0, children: 0)
    for position in rows {
      guard let flag = panel.rows[position].achterstandswijk,
        let c = panel.rows[position].children[group], c > 0
      else { continue }
      guard let r = panel.rows[position].reported[group] else {
        if flag { inside.areasWithoutCount += 1 } else { outside.areasWithoutCount += 1 }
        continue
      }
      if flag {
        inside.areas += 1
        inside.reported += r
        inside.children += c
      } else {
        outside.areas += 1
        outside.reported += r
        outside.children += c
      }
    }
    return [inside, outside]
  }

  /// The cells of one year and age group: (achterstandswijk, other).
  public func pair(year: Int, group: AgeGroup) -> (inside: Cell, outside: Cell)? {
    guard
      let inside = cells.first(where: {
        $0.year == year && $0.ageGroup == group && $0.achterstandswijk
      }),
      let outside = cells.first(where: {
        $0.year == year && $0.ageGroup == group && !$0.achterstandswijk
      })
    else { return nil }
    return (inside, outside)
  }
}
