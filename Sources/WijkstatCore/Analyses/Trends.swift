/// % reported per area per year, with the change over the period: from the
/// first to the last year in which the area has a rate (the report's figures
/// 13–14 and 15–19 show these series per gemeente).
public struct Trend: Sendable, Equatable {
  public var area: String
  public var name: String?
  /// (year, pct_reported) for every year with a rate, in year order.
  public var series: [(year: Int, pctReported: Double)]
  public var firstYear: Int?
  public var lastYear: Int?
  /// Last minus first, in percentage points.
  public var change: Double?
  /// Last over first (nil when the first is 0).
  public var ratio: Double?

  public static func == (a: Trend, b: Trend) -> Bool {
    a.area == b.area && a.series.map(\.year) == b.series.map(\.year)
      && a.series.map(\.pctReported) == b.series.map(\.pctReported)
  }

  /// One trend per area of `level`, in panel order.
  public static func compute(panel: Panel, level: AreaLevel) -> [Trend] {
    var order: [String] = []
    var byArea: [String: [PanelRow]] = [:]
    for row in panel.rows where row.level == level {
      if byArea[row.area] == nil { order.append(row.area) }
      byArea[row.area, default: []].append(row)
    }
    return order.map { area in
      let rows = byArea[area]!.sorted { $0.year < $1.year }
      let series: [(year: Int, pctReported: Double)] = rows.compactMap { row in
        row.pctReported().map { (year: row.year, pctReported: $0) }
      }
      var trend = Trend(
        area: area, name: rows.first?.name, series: series, firstYear: series.first?.year,
        lastYear: series.last?.year, change: nil, ratio: nil)
      if let first = series.first, let last = series.last, series.count >= 2 {
        trend.change = last.pctReported - first.pctReported
        trend.ratio = first.pctReported > 0 ? last.pctReported / first.pctReported : nil
      }
      return trend
    }
  }
}
