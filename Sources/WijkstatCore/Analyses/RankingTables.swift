/// The published ranking and trend tables, with disclosure control applied.
public struct RankingTables: Sendable {
  public var ranking: Ranking
  public var rankings: TextTable
  /// % reported per area and year, long: `area,name,year,pct_reported`.
  public var trends: TextTable
  /// Per area the first and last year with a rate, the change (percentage
  /// points) and the ratio last/first: `area,name,first_year,last_year,change,ratio`.
  public var trendChanges: TextTable

  /// `published`: the panel as published (Suppression.applied, or the
  /// run's `AnalysisContext.publishedPanel`): a withheld count ranks nowhere.
  public init(
    published: Panel, level: AreaLevel, year: Int, top: Int, bottom: Int,
    provinces: [String: String] = [:]
  ) {
    ranking = Ranking(panel: published, level: level, year: year, regionOf: provinces)
    let (head, tail) = ranking.extremes(top: top, bottom: bottom)
    func cells(_ list: String, _ e: Ranking.Entry) -> [String] {
      [
        String(e.rank), e.area, e.name ?? "", e.region ?? "",
        CSVText.full(e.pctReported), CSVText.full(e.reported),
        CSVText.full(e.children), list,
      ]
    }
    // Provisional figures (StatLine `2023*`): `*` beside the year, explained in
    // the Markdown copy's note in its language (`MarkdownCopy`).
    let provisional = published.provisionalYears(level: level)
    rankings = TextTable(
      title: "\(level) \(year)\(provisional.contains(year) ? "*" : "")",
      header: ["rank", "code", "name", "province", "pct_reported", "reported", "children", "list"],
      rows: head.map { cells("top", $0) } + tail.map { cells("bottom", $0) },
      numeric: [0, 4, 5, 6],
      rounding: [4: .decimals(3)])
    let series = Trend.compute(panel: published, level: level)
    // Long (tidy), as the other tables: one row per area and year.
    trends = TextTable(
      // `provisional`: `*` for StatLine's provisional figures (`2023*`).
      header: ["area", "name", "year", "pct_reported", "provisional"],
      rows: series.flatMap { trend in
        trend.series.map {
          [
            trend.area, trend.name ?? "", String($0.year), CSVText.full($0.pctReported),
            provisional.contains($0.year) ? "*" : "",
          ]
        }
      },
      numeric: [2, 3], rounding: [3: .decimals(3)])
    trendChanges = TextTable(
      header: ["area", "name", "first_year", "last_year", "change", "ratio"],
      rows: series.map { trend in
        [
          trend.area, trend.name ?? "", trend.firstYear.map(String.init) ?? "",
          trend.lastYear.map(String.init) ?? "",
          CSVText.full(trend.change), CSVText.full(trend.ratio),
        ]
      },
      numeric: [2, 3, 4, 5], rounding: [4: .decimals(3), 5: .decimals(3)])
  }
}
