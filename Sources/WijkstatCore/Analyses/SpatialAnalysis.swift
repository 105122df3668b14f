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
      // Per variable the areas with a value; variables with the same areas are
      // tested together (same seed, so the same permutations: see
      // MoranGlobal.compute(columns:)), each other one alone.
      let prepared = Self.variables.map { variable -> (variable: String, keep: [Int], x: [Double]) in
        let values = variable == "pct_reported" ? rows.map { panel.rows[$0].pctReported() ?? .nan } : eb.percent
        let keep = values.indices.filter { values[$0].isFinite }
        return (variable, keep, keep.map { values[$0] })
      }
      var groups: [[Int]] = []
      for v in prepared.indices {
        if let g = groups.firstIndex(where: { prepared[$0[0]].keep == prepared[v].keep }) {
          groups[g].append(v)
        } else {
          groups.append([v])
        }
      }
      var globals: [Int: MoranGlobal] = [:]
      var locals: [Int: LocalMoran] = [:]
      for group in groups {
        let keep = prepared[group[0]].keep
        let w = weights.restricted(to: keep.map { panel.rows[rows[$0]].area })
        let columns = group.map { prepared[$0].x }
        if global {
          let tested = MoranGlobal.compute(
            columns: columns, weights: w, permutations: permutations, seed: seed &+ UInt64(year))
          for (v, moran) in zip(group, tested) { globals[v] = moran }
        }
        if local {
          let tested = LocalMoran.compute(
            columns: columns, weights: w, permutations: permutations, seed: seed &+ UInt64(year) &* 31)
          for (v, lisa) in zip(group, tested) { locals[v] = lisa }
        }
      }
      for (v, variable) in prepared.map(\.variable).enumerated() {
        if let moran = globals[v] { self.global.append(Global(year: year, variable: variable, moran: moran)) }
        guard let lisa = locals[v] else { continue }
        for (k, row) in prepared[v].keep.enumerated() {
          self.local.append(
            Local(
              area: panel.rows[rows[row]].area, year: year, variable: variable, localI: lisa.localI[k],
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
