/// The panel as CSV: one row per level, area and year, with the columns
/// `level,area,name,gemeente,year,reported,children,pct_reported,per_1000`, the
/// same per age group (`reported_0_3`, `children_0_3`, `pct_reported_0_3`, ...),
/// `achterstandswijk` (1/0, empty when unknown) and one column per indicator.
/// Missing values are empty cells, never 0.
public enum PanelCSV {
  public static func header(indicators: [String]) -> [String] {
    var columns = [
      "level", "area", "name", "gemeente", "year", "reported", "children", "pct_reported",
      "per_1000",
    ]
    for group in AgeGroup.parts {
      columns += [
        "reported_\(group.columnSuffix)", "children_\(group.columnSuffix)",
        "pct_reported_\(group.columnSuffix)",
      ]
    }
    columns.append("achterstandswijk")
    let reserved = Set(columns)
    return columns + indicators.map { reserved.contains($0.lowercased()) ? "indicator_\($0)" : $0 }
  }

  /// One row's cells in `header` order.
  public static func cells(_ row: PanelRow, indicators: [String]) -> [String] {
    var cells = [
      row.level.description, row.area, row.name ?? "", row.gemeente ?? "", String(row.year),
      CSVText.number(row.reported[.all]), CSVText.number(row.children[.all]),
      CSVText.number(row.pctReported(.all)), CSVText.number(row.perThousand(.all)),
    ]
    for group in AgeGroup.parts {
      cells += [
        CSVText.number(row.reported[group]), CSVText.number(row.children[group]),
        CSVText.number(row.pctReported(group)),
      ]
    }
    cells.append(row.achterstandswijk.map { $0 ? "1" : "0" } ?? "")
    cells += indicators.map { CSVText.number(row.indicators[$0]) }
    return cells
  }

  public static func text(_ panel: Panel) -> String {
    var out = CSVText.line(header(indicators: panel.indicatorNames))
    for row in panel.rows { out += CSVText.line(cells(row, indicators: panel.indicatorNames)) }
    return out
  }
}
