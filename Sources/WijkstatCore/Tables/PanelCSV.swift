/// The panel as CSV: one row per level, area and year, with the columns
/// `level,area,name,gemeente,year,reported,children,pct_reported,per_1000`, the
/// same per age group (`reported_0_3`, `children_0_3`, `pct_reported_0_3`, ...),
/// `achterstandswijk` (1/0, empty when unknown) and one column per indicator.
/// Missing values are empty cells, never 0. A panel with provisional figures
/// (StatLine `2023*`) has a column `provisional` after `year`: `*` beside the
/// figures of those rows.
public enum PanelCSV {
  public static func header(indicators: [String], provisional: Bool = false) -> [String] {
    var columns = header(indicators: indicators)
    if provisional { columns.insert("provisional", at: 5) }
    return columns
  }

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

  /// A panel value before it becomes text: what the CSV writes as a cell and the
  /// GeoPackage as a typed attribute.
  public enum Value: Sendable, Equatable {
    case text(String)
    case integer(Int?)
    /// Written with at most `decimals` decimals; nil is an empty cell.
    case number(Double?)
  }

  /// One row's values in `header` order.
  public static func values(_ row: PanelRow, indicators: [String]) -> [Value] {
    var values: [Value] = [
      .text(row.level.description), .text(row.area), .text(row.name ?? ""),
      .text(row.gemeente ?? ""),
      .integer(row.year), .number(row.reported[.all]), .number(row.children[.all]),
      .number(row.pctReported(.all)), .number(row.perThousand(.all)),
    ]
    values.reserveCapacity(19 + indicators.count)
    for group in AgeGroup.parts {
      values += [
        .number(row.reported[group]), .number(row.children[group]), .number(row.pctReported(group)),
      ]
    }
    values.append(.integer(row.achterstandswijk.map { $0 ? 1 : 0 }))
    for indicator in indicators { values.append(.number(row.indicators[indicator])) }
    return values
  }

  /// The number a CSV cell holds once read back. The panel's CSV is a machine
  /// table: every number is written in full precision (`CSVText.full`, the
  /// shortest decimal that reads back to the same double), so the value read
  /// back is the value itself and the GeoPackage stores the same.
  public static func published(_ value: Double) -> Double { value }

  /// One row's values in `header(indicators:provisional:)` order.
  public static func values(_ row: PanelRow, indicators: [String], provisional: Bool) -> [Value] {
    var values = values(row, indicators: indicators)
    if provisional { values.insert(.text(row.provisional ? "*" : ""), at: 5) }
    return values
  }

  /// One row's cells in `header` order.
  public static func cells(_ row: PanelRow, indicators: [String], provisional: Bool = false)
    -> [String]
  {
    values(row, indicators: indicators, provisional: provisional).map { value in
      switch value {
      case .text(let text): return text
      case .integer(let number): return number.map(String.init) ?? ""
      case .number(let number): return CSVText.full(number)
      }
    }
  }

  public static func text(_ panel: Panel) -> String {
    let provisional = panel.rows.contains(where: \.provisional)
    var out = CSVText.line(header(indicators: panel.indicatorNames, provisional: provisional))
    for row in panel.rows {
      out += CSVText.line(cells(row, indicators: panel.indicatorNames, provisional: provisional))
    }
    return out
  }
}
