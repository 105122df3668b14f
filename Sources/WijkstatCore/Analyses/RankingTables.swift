/// The published ranking and trend tables, with disclosure control applied.
public struct RankingTables: Sendable {
  public var ranking: Ranking
  public var rankings: TextTable
  public var trends: TextTable

  public init(
    panel: Panel, level: AreaLevel, year: Int, top: Int, bottom: Int,
    provinces: [String: String] = [:], suppression: Suppression
  ) {
    let published = suppression.applied(to: panel)
    ranking = Ranking(panel: published, level: level, year: year, regionOf: provinces)
    let (head, tail) = ranking.extremes(top: top, bottom: bottom)
    func cells(_ list: String, _ e: Ranking.Entry) -> [String] {
      [
        String(e.rank), e.area, e.name ?? "", e.region ?? "",
        CSVText.full(e.pctReported), CSVText.full(e.reported),
        CSVText.full(e.children), list,
      ]
    }
    // Provisional figures (StatLine `2023*`): `*` beside the year, explained in a note.
    let provisional = panel.provisionalYears(level: level)
    rankings = TextTable(
      title: "\(level) \(year)\(provisional.contains(year) ? "* (voorlopige cijfers)" : "")",
      header: ["rank", "code", "name", "province", "pct_reported", "reported", "children", "list"],
      rows: head.map { cells("top", $0) } + tail.map { cells("bottom", $0) }, numeric: [0, 4, 5, 6],
      rounding: [4: .decimals(3)])
    let series = Trend.compute(panel: published, level: level)
    let years = panel.years
    trends = TextTable(
      header: ["area", "name"] + years.map { "pct_reported_\($0)\(provisional.contains($0) ? "*" : "")" } + [
        "first_year", "last_year", "change", "ratio",
      ],
      rows: series.map { trend in
        // A short series: its first value for the year, without building a dictionary per area.
        return [trend.area, trend.name ?? ""]
          + years.map { year in
            CSVText.full(trend.series.first { $0.year == year }?.pctReported)
          } + [
            trend.firstYear.map(String.init) ?? "", trend.lastYear.map(String.init) ?? "",
            CSVText.full(trend.change), CSVText.full(trend.ratio),
          ]
      },
      rounding: Dictionary(uniqueKeysWithValues: ((2..<(2 + years.count)).map { ($0, TextTable.Rounding.decimals(3)) }) + [(4 + years.count, .decimals(3)), (5 + years.count, .decimals(3))]))
  }
}
