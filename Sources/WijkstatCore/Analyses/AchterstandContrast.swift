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
    public var meanReportedPerArea: Double { areas > 0 ? reported / Double(areas) : .nan }
    public var pctReported: Double { children > 0 ? 100 * reported / children : .nan }
  }
  /// Per year × age group (0-3, 4-7, 8-17, 0-17) × flag (1 then 0).
  public var cells: [Cell]

  /// `include` picks the areas (e.g. those in the speerpunt gemeenten).
  public init(panel: Panel, level: AreaLevel = .pc4, include: (PanelRow) -> Bool = { _ in true }) {
    var cells: [Cell] = []
    for year in panel.years {
      let rows = panel.rows(level: level, year: year).filter { $0.achterstandswijk != nil && include($0) }
      for group in AgeGroup.allCases.sorted() where group != .all {
        cells += Self.pair(rows, year: year, group: group)
      }
      cells += Self.pair(rows, year: year, group: .all)
    }
    self.cells = cells
  }

  static func pair(_ rows: [PanelRow], year: Int, group: AgeGroup) -> [Cell] {
    [true, false].map { flag in
      var cell = Cell(year: year, ageGroup: group, achterstandswijk: flag, areas: 0, reported: 0, children: 0)
      for row in rows where row.achterstandswijk == flag {
        guard let r = row.reported[group], let c = row.children[group], c > 0 else { continue }
        cell.areas += 1
        cell.reported += r
        cell.children += c
      }
      return cell
    }
  }

  /// The cells of one year and age group: (achterstandswijk, other).
  public func pair(year: Int, group: AgeGroup) -> (inside: Cell, outside: Cell)? {
    guard let inside = cells.first(where: { $0.year == year && $0.ageGroup == group && $0.achterstandswijk }),
      let outside = cells.first(where: { $0.year == year && $0.ageGroup == group && !$0.achterstandswijk })
    else { return nil }
    return (inside, outside)
  }
}
