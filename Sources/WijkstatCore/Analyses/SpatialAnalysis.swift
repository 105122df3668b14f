/// Global Moran's I and LISA per year, on % reported and on the global EB rate
/// of the areas of one level (areas without a value are left out, with their
/// links). The seed makes every permutation reproducible.
public struct SpatialAnalysis: Sendable {
  public struct Global: Sendable {
    public var year: Int
    public var variable: String
    public var moran: MoranGlobal
  }
  public struct Local: Sendable {
    public var area: String
    public var year: Int
    public var variable: String
    public var localI: Double
    public var quadrant: String?
    public var cluster: String?
    public var pSimulated: Double
    public var qValue: Double
  }
  public var global: [Global] = []
  public var local: [Local] = []
  public var islands: [String]

  public static let variables = ["pct_reported", "eb_rate"]

  /// Moran's I for `years` (nil: all); LISA only for `localYears` (nil: the same
  /// years), since local permutations cost n times more than global ones. Either
  /// may be empty: `years: []` gives LISA alone, `localYears: []` Moran alone.
  public init(
    panel: Panel, level: AreaLevel, weights: AreaWeights, permutations: Int, seed: UInt64,
    years: [Int]? = nil, localYears: [Int]? = nil
  ) {
    islands = weights.islands
    let index = PanelIndex(panel)
    for year in index.years {
      let global = years?.contains(year) ?? true
      let local = localYears?.contains(year) ?? global
      guard global || local else { continue }
      let rows = index.rows(level: level, year: year)
      let eb = EmpiricalBayesRates.global(
        counts: rows.map { panel.rows[$0].reported[.all] ?? .nan },
        populations: rows.map { panel.rows[$0].children[.all] ?? 0 })
      for variable in Self.variables {
        let values = variable == "pct_reported" ? rows.map { panel.rows[$0].pctReported() ?? .nan } : eb.percent
        let keep = values.indices.filter { values[$0].isFinite }
        let codes = keep.map { panel.rows[rows[$0]].area }
        let w = weights.restricted(to: codes)
        let x = keep.map { values[$0] }
        if global {
          let moran = MoranGlobal.compute(values: x, weights: w, permutations: permutations, seed: seed &+ UInt64(year))
          self.global.append(Global(year: year, variable: variable, moran: moran))
        }
        guard local else { continue }
        let lisa = LocalMoran.compute(values: x, weights: w, permutations: permutations, seed: seed &+ UInt64(year) &* 31)
        for (k, code) in codes.enumerated() {
          self.local.append(
            Local(
              area: code, year: year, variable: variable, localI: lisa.localI[k],
              quadrant: lisa.quadrants[k]?.rawValue, cluster: lisa.cluster(k),
              pSimulated: lisa.pSimulated[k], qValue: lisa.qValues[k]))
        }
      }
    }
  }

  public var moranTable: TextTable {
    TextTable(
      header: ["year", "variable", "moran_i", "expected_i", "z_norm", "p_norm", "p_sim", "n", "permutations", "note"],
      rows: global.map { g in
        [
          String(g.year), g.variable, CSVText.number(g.moran.i, decimals: 6),
          CSVText.number(g.moran.expected, decimals: 6), CSVText.number(g.moran.zNorm, decimals: 4),
          CorrelationAnalysis.p(g.moran.pNorm), CorrelationAnalysis.p(g.moran.pSimulated),
          String(g.moran.n), String(g.moran.permutations), g.moran.reason ?? "",
        ]
      }, numeric: Set(2...8))
  }

  public var lisaTable: TextTable {
    TextTable(
      header: ["area", "year", "variable", "local_i", "quadrant", "p_sim", "q_value", "cluster"],
      rows: local.map { l in
        [
          l.area, String(l.year), l.variable, CSVText.number(l.localI, decimals: 6), l.quadrant ?? "",
          CorrelationAnalysis.p(l.pSimulated), CorrelationAnalysis.p(l.qValue), l.cluster ?? "",
        ]
      })
  }
}
