/// Small-area rates for every area and year of a level (the uncertainty the
/// report lacked): the raw % reported with its exact Poisson (Garwood) interval,
/// the global and spatial empirical Bayes rates (Marshall 1991), and the
/// probability that the area's true rate exceeds the reference rate (the whole
/// level's pooled rate that year, or the area's gemeente's).
public struct SmallAreaRates: Sendable {
  public enum Reference: String, Sendable, CaseIterable { case national, gemeente }
  public struct Row: Sendable {
    public var area: String
    public var gemeente: String?
    public var year: Int
    public var reported: Double?
    public var children: Double?
    public var rawRate: Double
    public var rawLow: Double
    public var rawHigh: Double
    public var ebRate: Double
    public var spatialEBRate: Double
    public var pExceeds: Double
    public var reference: Double
    public var note: String?
    /// The count is withheld (Protection.rates): reported, the raw rate, its
    /// interval and p_exceeds are empty, the EB rates come from the imputed count.
    public var withheld = false
  }
  public var rows: [Row]

  public init(
    panel: Panel, level: AreaLevel, weights: AreaWeights?, reference: Reference = .national
  ) {
    let index = PanelIndex(panel)
    var rows: [Row] = []
    for year in index.years {
      let areaRows = index.rows(level: level, year: year)
      let counts = areaRows.map { panel.rows[$0].reported[.all] ?? .nan }
      let children = areaRows.map { panel.rows[$0].children[.all] ?? 0 }
      let valid = counts.indices.map { counts[$0].isFinite && children[$0] > 0 }
      let global = EmpiricalBayesRates.global(counts: counts, populations: children)
      let neighbours = weights?.restricted(to: areaRows.map { panel.rows[$0].area }).neighbours
      let spatial = neighbours.map {
        EmpiricalBayesRates.spatial(counts: counts, populations: children, neighbours: $0)
      }
      let globalPercent = global.percent
      let spatialPercent = spatial?.percent
      // Reference rate per area: the level's prior mean, or its gemeente's pooled
      // rate from the same rows.
      var referenceRates = [Double](repeating: global.priorMean, count: areaRows.count)
      if reference == .gemeente {
        let keys = areaRows.map { panel.rows[$0].gemeente ?? "" }
        var byGemeente: [String: (Double, Double)] = [:]
        for i in keys.indices where valid[i] {
          byGemeente[keys[i], default: (0, 0)].0 += counts[i]
          byGemeente[keys[i], default: (0, 0)].1 += children[i]
        }
        for i in keys.indices {
          if let sums = byGemeente[keys[i]], sums.1 > 0 { referenceRates[i] = sums.0 / sums.1 }
        }
      }
      // The exact interval depends on the count only: computed once per distinct count.
      var distinctCounts: [Double] = []
      var countNumber: [UInt64: Int] = [:]
      let intervalOf = counts.indices.map { i -> Int in
        guard valid[i] else { return -1 }
        if let k = countNumber[counts[i].bitPattern] { return k }
        countNumber[counts[i].bitPattern] = distinctCounts.count
        distinctCounts.append(counts[i])
        return distinctCounts.count - 1
      }
      let intervals = ParallelFor.map(distinctCounts.count, minimumChunk: 16) {
        PoissonInterval(count: distinctCounts[$0])
      }
      rows += ParallelFor.map(areaRows.count) { i -> Row in
        let position = areaRows[i]
        let raw =
          valid[i]
          ? intervals[intervalOf[i]].ratePercent(population: children[i]) : (.nan, .nan, .nan)
        let exceed = ExceedanceProbability.compute(
          count: counts[i], population: children[i], reference: referenceRates[i],
          priorMean: global.priorMean, priorVariance: global.priorVariance)
        let reported = panel.rows[position].reported[.all]
        let childCount = panel.rows[position].children[.all]
        return Row(
          area: panel.rows[position].area, gemeente: panel.rows[position].gemeente, year: year,
          reported: reported,
          children: childCount, rawRate: raw.rate, rawLow: raw.low, rawHigh: raw.high,
          ebRate: globalPercent[i], spatialEBRate: spatialPercent?[i] ?? .nan,
          pExceeds: exceed.p, reference: referenceRates[i] * 100,
          note: valid[i]
            ? (spatial?.reasons[i] ?? exceed.reason)
            : (childCount == nil ? "no children" : reported == nil ? "no count" : "no children"))
      }
    }
    self.rows = rows
  }

  /// `rates.csv` (rates in percent). Disclosure control is in the rows
  /// (Protection.rates): a withheld count, its raw rate, interval and p_exceeds
  /// are empty; the EB rates of every area are published, computed with the
  /// withheld counts imputed from published numbers only.
  /// The rows are formatted on both cores (3.2 million of them at 460,000 PC-6
  /// areas × 7 years).
  public func table(level: AreaLevel) -> TextTable {
    let rows = self.rows
    return TextTable(
      header: [
        "area", "year", "reported", "children", "raw_rate", "raw_ci_low", "raw_ci_high", "eb_rate",
        "spatial_eb_rate", "p_exceeds", "reference_rate", "note",
      ],
      rows: ParallelFor.map(rows.count) { n in
        let row = rows[n]
        return [
          row.area, String(row.year), CSVText.full(row.reported),
          CSVText.full(row.children), CSVText.full(row.rawRate),
          CSVText.full(row.rawLow), CSVText.full(row.rawHigh),
          CSVText.full(row.ebRate), CSVText.full(row.spatialEBRate),
          CSVText.full(row.pExceeds), CSVText.full(row.reference),
          row.withheld
            ? "count withheld: its smoothed rates are the prior mean (published areas only)"
            : row.note ?? "",
        ]
      }, numeric: Set(2...10),
      rounding: Dictionary(uniqueKeysWithValues: (4...10).map { ($0, .decimals(4)) }))
  }
}
