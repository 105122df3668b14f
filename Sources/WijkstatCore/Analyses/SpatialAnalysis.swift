/// Global Moran's I and LISA per year, on % reported and on the global EB rate
/// of the areas of one level (areas without a value are left out, with their
/// links). The seed makes every permutation reproducible. Permutation p-values
/// by `alternative` (two-sided by default); LISA clusters by `clusterRule` at
/// `alpha` (Benjamini–Hochberg q < 0.05 by default).
public struct SpatialAnalysis: Sendable {
  /// How the permutation tests and the cluster labels were decided.
  public struct Options: Sendable, Equatable {
    public var alternative: PermutationAlternative
    public var clusterRule: ClusterRule
    public var alpha: Double
    public init(
      alternative: PermutationAlternative = .twoSided, clusterRule: ClusterRule = .fdr,
      alpha: Double = 0.05
    ) {
      self.alternative = alternative
      self.clusterRule = clusterRule
      self.alpha = alpha
    }
    /// `fdr q<0.05`, `p<0.05`, `bonferroni p<0.05/m`: the cluster column's rule.
    public var ruleLabel: String {
      let a = CSVText.full(alpha)
      switch clusterRule {
      case .fdr: return "fdr q<\(a)"
      case .p: return "p<\(a)"
      case .bonferroni: return "bonferroni p<\(a)/m"
      }
    }
  }
  /// What is tested: the raw rate (% reported) and the global EB rate, by the
  /// names of the output files' `variable` column.
  public enum Variable: String, Sendable, CaseIterable, CustomStringConvertible {
    case pctReported = "pct_reported"
    case ebRate = "eb_rate"
    /// The output files' name, also in the warnings (`LISA 2009 pct_reported: …`).
    public var description: String { rawValue }
  }
  public struct Global: Sendable {
    public var year: Int
    public var variable: Variable
    public var moran: MoranGlobal
  }
  public struct Local: Sendable {
    public var area: String
    public var year: Int
    public var variable: Variable
    public var localI: Double
    public var quadrant: String?
    public var cluster: String?
    public var pSimulated: Double
    public var qValue: Double
  }
  public var global: [Global] = []
  public var local: [Local] = []
  public var islands: [String]
  public var options = Options()
  /// What a user should know: permutations fewer than asked (small n).
  public var warnings: [String] = []
  /// The weights each test used: per year, the analysed areas (codes) and
  /// their neighbours, shared by the variables with the same areas.
  public struct UsedWeights: Sendable {
    public var year: Int
    public var variables: [Variable]
    public var codes: [String]
    public var weights: SpatialWeights
  }
  public var usedWeights: [UsedWeights] = []

  /// Moran's I for `years` (nil: all); LISA only for `localYears` (nil: the same
  /// years), since local permutations cost n times more than global ones. Either
  /// may be empty: `years: []` gives LISA alone, `localYears: []` Moran alone.
  public init(
    panel: Panel, level: AreaLevel, weights: AreaWeights, permutations: Int, seed: UInt64,
    years: [Int]? = nil, localYears: [Int]? = nil, options: Options = Options()
  ) {
    islands = weights.islands
    self.options = options
    let smallest = options.alternative.p(atLeast: 0, atMost: 0, count: permutations, exact: false)
    if permutations > 0, smallest >= options.alpha, localYears?.isEmpty != true {
      warnings.append(
        "with \(permutations) permutations the smallest \(options.alternative.rawValue) p is \(CSVText.full(smallest)), not below alpha \(CSVText.full(options.alpha)): no LISA cluster is possible; ask for more permutations"
      )
    }
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
      let prepared = Variable.allCases.map {
        variable -> (variable: Variable, keep: [Int], x: [Double]) in
        let values =
          variable == .pctReported
          ? rows.map { panel.rows[$0].pctReported() ?? .nan } : eb.percent
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
        let codes = keep.map { panel.rows[rows[$0]].area }
        let w = weights.restricted(to: codes)
        usedWeights.append(
          UsedWeights(
            year: year, variables: group.map { prepared[$0].variable }, codes: codes, weights: w))
        let columns = group.map { prepared[$0].x }
        if global {
          let tested = MoranGlobal.compute(
            columns: columns, weights: w, permutations: permutations, seed: seed &+ UInt64(year),
            alternative: options.alternative)
          for (v, moran) in zip(group, tested) { globals[v] = moran }
        }
        if local {
          let tested = LocalMoran.compute(
            columns: columns, weights: w, permutations: permutations,
            seed: seed &+ UInt64(year) &* 31,
            alternative: options.alternative)
          for (v, lisa) in zip(group, tested) { locals[v] = lisa }
        }
      }
      for (v, variable) in prepared.map(\.variable).enumerated() {
        if let moran = globals[v] {
          self.global.append(Global(year: year, variable: variable, moran: moran))
          if moran.enumerated {
            warnings.append(
              "Moran's I \(year) \(variable): only \(moran.n)! = \(moran.permutations) distinct permutations (fewer than the \(permutations) asked): all enumerated, p exact"
            )
          }
        }
        guard let lisa = locals[v] else { continue }
        if lisa.enumerated > 0 {
          warnings.append(
            "LISA \(year) \(variable): \(lisa.enumerated) areas have fewer distinct neighbour sets than the \(permutations) permutations asked: all enumerated, p exact"
          )
        }
        let clusters = lisa.clusters(alpha: options.alpha, rule: options.clusterRule)
        for (k, row) in prepared[v].keep.enumerated() {
          self.local.append(
            Local(
              area: panel.rows[rows[row]].area, year: year, variable: variable,
              localI: lisa.localI[k],
              quadrant: lisa.quadrants[k]?.rawValue, cluster: clusters[k],
              pSimulated: lisa.pSimulated[k], qValue: lisa.qValues[k]))
        }
      }
    }
  }

  /// The weights files of the tests, as GeoDa and libpysal read them:
  /// (file name, text), `weights-LEVEL-YEAR.gal` (or `-VARIABLE` when the
  /// variables were tested on different areas; `.gwt` for kNN).
  public func weightsFiles(level: AreaLevel) -> [(name: String, text: String)] {
    usedWeights.map { used in
      let format = WeightsFile.format(forKind: used.weights.kind)
      let split = usedWeights.filter { $0.year == used.year }.count > 1
      let name =
        "weights-\(level)-\(used.year)\(split ? "-" + used.variables.map(\.rawValue).joined(separator: "+") : "").\(format.rawValue)"
      return (
        name,
        WeightsFile.write(
          used.weights, codes: used.codes, format: format, name: "\(level)-\(used.year)")
      )
    }
  }

  /// Moran's I per year and variable, at full precision (Markdown rounds):
  /// `variance_i` is Var(I) under normality, `p_sim_alternative` the
  /// convention of `p_sim` (PermutationAlternative), `permutations` the
  /// number used (n! when all were enumerated).
  public var moranTable: TextTable {
    TextTable(
      header: [
        "year", "variable", "moran_i", "expected_i", "variance_i", "z_norm", "p_norm", "p_sim",
        "p_sim_alternative",
        "n", "permutations", "note",
      ],
      rows: global.map { g in
        [
          String(g.year), g.variable.rawValue, CSVText.full(g.moran.i),
          CSVText.full(g.moran.expected),
          CSVText.full(g.moran.variance), CSVText.full(g.moran.zNorm), CSVText.p(g.moran.pNorm),
          CSVText.p(g.moran.pSimulated),
          g.moran.pSimulated.isFinite ? g.moran.alternative.rawValue : "",
          String(g.moran.n), String(g.moran.permutations),
          g.moran.reason
            ?? (g.moran.enumerated
              ? "all \(g.moran.permutations) permutations enumerated: p exact" : ""),
        ]
      }, numeric: Set([2, 3, 4, 5, 6, 7, 9, 10]),
      note: "p_sim: \(options.alternative.description).",
      rounding: [
        2: .decimals(6), 3: .decimals(6), 4: .decimals(6), 5: .decimals(4), 6: .pValue, 7: .pValue,
      ])
  }

  /// LISA per area: `p_sim` by `p_sim_alternative`, `q_value` Benjamini–Hochberg
  /// over the tested areas of the year and variable, `cluster` by `cluster_rule`.
  public var lisaTable: TextTable {
    let alternative = options.alternative.rawValue
    let rule = options.ruleLabel
    return TextTable(
      header: [
        "area", "year", "variable", "local_i", "quadrant", "p_sim", "q_value", "cluster",
        "p_sim_alternative",
        "cluster_rule",
      ],
      rows: local.map { l in
        [
          l.area, String(l.year), l.variable.rawValue, CSVText.full(l.localI), l.quadrant ?? "",
          CSVText.p(l.pSimulated), CSVText.p(l.qValue), l.cluster ?? "",
          l.pSimulated.isFinite ? alternative : "",
          l.cluster == nil ? "" : rule,
        ]
      }, numeric: [3, 5, 6],
      note:
        "p_sim: \(options.alternative.description); \(options.clusterRule.description(alpha: options.alpha)).",
      rounding: [3: .decimals(6), 5: .pValue, 6: .pValue])
  }
}
