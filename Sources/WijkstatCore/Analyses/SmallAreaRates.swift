/// Small-area rates for every area and year of a level (the uncertainty the
/// report lacked): the raw % reported with its exact Poisson (Garwood) interval,
/// the global and spatial empirical Bayes rates (Marshall 1991), and the
/// probability that the area's true rate exceeds the reference rate (the whole
/// level's pooled rate that year, or the area's gemeente's).
public struct SmallAreaRates: Sendable {
  public enum Reference: String, Sendable { case national, gemeente }
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
  }
  public var rows: [Row]

  public init(
    panel: Panel, level: AreaLevel, weights: AreaWeights?, reference: Reference = .national
  ) {
    var rows: [Row] = []
    for year in panel.years {
      let areaRows = panel.rows(level: level, year: year)
      let counts = areaRows.map { $0.reported[.all] ?? .nan }
      let children = areaRows.map { $0.children[.all] ?? 0 }
      let global = EmpiricalBayesRates.global(counts: counts, populations: children)
      let neighbours = weights?.restricted(to: areaRows.map(\.area)).neighbours
      let spatial = neighbours.map {
        EmpiricalBayesRates.spatial(counts: counts, populations: children, neighbours: $0)
      }
      let globalPercent = global.percent
      let spatialPercent = spatial?.percent
      // Gemeente reference rates from the same PC-4 rows (pooled).
      var byGemeente: [String: (Double, Double)] = [:]
      for (i, row) in areaRows.enumerated() where counts[i].isFinite && children[i] > 0 {
        let key = row.gemeente ?? ""
        byGemeente[key, default: (0, 0)].0 += counts[i]
        byGemeente[key, default: (0, 0)].1 += children[i]
      }
      for (i, row) in areaRows.enumerated() {
        let interval = PoissonInterval.ratePercent(
          count: counts[i].isFinite ? counts[i] : .nan, population: children[i])
        var referenceRate = global.priorMean
        if reference == .gemeente, let sums = byGemeente[row.gemeente ?? ""], sums.1 > 0 {
          referenceRate = sums.0 / sums.1
        }
        let exceed = ExceedanceProbability.compute(
          count: counts[i], population: children[i], reference: referenceRate,
          priorMean: global.priorMean, priorVariance: global.priorVariance)
        let valid = counts[i].isFinite && children[i] > 0
        rows.append(
          Row(
            area: row.area, gemeente: row.gemeente, year: year, reported: row.reported[.all],
            children: row.children[.all], rawRate: valid ? interval.rate : .nan,
            rawLow: valid ? interval.low : .nan, rawHigh: valid ? interval.high : .nan,
            ebRate: globalPercent[i], spatialEBRate: spatialPercent?[i] ?? .nan,
            pExceeds: exceed.p, reference: referenceRate * 100,
            note: valid ? (spatial?.reasons[i] ?? exceed.reason) : (row.children[.all] == nil ? "no children" : row.reported[.all] == nil ? "no count" : "no children")))
      }
    }
    self.rows = rows
  }

  /// `rates.csv` (rates in percent), with disclosure control: withheld counts
  /// and their raw rates are empty; EB rates of areas below the children
  /// minimum are empty.
  public func table(level: AreaLevel, suppression: Suppression?) -> TextTable {
    TextTable(
      header: [
        "area", "year", "reported", "children", "raw_rate", "raw_ci_low", "raw_ci_high", "eb_rate",
        "spatial_eb_rate", "p_exceeds", "reference_rate", "note",
      ],
      rows: rows.map { row in
        let withheld =
          suppression?.isSuppressed(level: level, area: row.area, year: row.year) ?? false
        let tiny = (suppression?.rule.enabled ?? false) && (row.children ?? 0) < (suppression?.rule.minimumChildren ?? 0)
        return [
          row.area, String(row.year), withheld ? "" : CSVText.number(row.reported),
          CSVText.number(row.children), withheld ? "" : CSVText.number(row.rawRate, decimals: 4),
          withheld ? "" : CSVText.number(row.rawLow, decimals: 4),
          withheld ? "" : CSVText.number(row.rawHigh, decimals: 4),
          tiny ? "" : CSVText.number(row.ebRate, decimals: 4),
          tiny ? "" : CSVText.number(row.spatialEBRate, decimals: 4),
          tiny ? "" : CSVText.number(row.pExceeds, decimals: 4),
          CSVText.number(row.reference, decimals: 4),
          [withheld ? "count withheld" : nil, tiny ? "fewer children than the minimum" : nil, row.note]
            .compactMap { $0 }.joined(separator: "; "),
        ]
      }, numeric: Set(2...10))
  }
}
