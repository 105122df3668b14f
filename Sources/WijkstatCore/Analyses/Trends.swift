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
    // Positions of each area's rows (panel order), areas numbered as first met.
    var order: [String] = []
    var number: [String: Int] = [:]
    var positions: [[Int]] = []
    for position in panel.rows.indices where panel.rows[position].level == level {
      let area = panel.rows[position].area
      if let k = number[area] {
        positions[k].append(position)
      } else {
        number[area] = order.count
        order.append(area)
        positions.append([position])
      }
    }
    return ParallelFor.map(order.count) { k in
      // The same stable sort as on the rows themselves, so equal years keep panel order.
      let rows = positions[k].sorted { panel.rows[$0].year < panel.rows[$1].year }
      let series: [(year: Int, pctReported: Double)] = rows.compactMap { position in
        panel.rows[position].pctReported().map {
          (year: panel.rows[position].year, pctReported: $0)
        }
      }
      var trend = Trend(
        area: order[k], name: rows.first.flatMap { panel.rows[$0].name }, series: series,
        firstYear: series.first?.year, lastYear: series.last?.year, change: nil, ratio: nil)
      if let first = series.first, let last = series.last, series.count >= 2 {
        trend.change = last.pctReported - first.pctReported
        trend.ratio = first.pctReported > 0 ? last.pctReported / first.pctReported : nil
      }
      return trend
    }
  }
}
