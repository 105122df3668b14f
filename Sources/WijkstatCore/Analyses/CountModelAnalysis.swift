import Foundation

/// Count models of the report counts (issue 21): per level and year (or the
/// years pooled, with year effects), reports (0–17) regressed on indicators
/// with log(children) as offset, Poisson and NB2 (`CountRegression`), the
/// likelihood-ratio test of overdispersion choosing between them, adjusted
/// rate ratios exp(β) per unit and per standard deviation with 95 % Wald
/// intervals, optionally the achterstandswijk flag and gemeente fixed effects,
/// and Moran's I of the chosen model's Pearson residuals.
///
/// LR test: LR = 2 (ℓ_NB2 − ℓ_Poisson); α = 0 lies on the boundary of its
/// space, so p = ½ P(χ²₁ > LR) (Cameron & Trivedi 2013, §3.4; Self & Liang
/// 1987). NB2 is chosen when p < 0.05, unless a family is asked for.
///
/// Disclosure control: the analysis is given the published panel (withheld
/// counts removed, `Protection.published`), as every published analysis is:
/// a model fitted to a withheld count would publish equations in it (the
/// score equations Σᵢ xᵢ(yᵢ − μᵢ) = 0 give Σ over withheld areas of xᵢyᵢ from
/// the published coefficients), so those areas take no part and are counted
/// among the dropped rows (`withheld`).
public struct CountModelAnalysis: Sendable {
  public enum FamilyChoice: String, Sendable, CaseIterable, Equatable {
    /// NB2 when the LR test finds overdispersion (p < 0.05), else Poisson.
    case auto
    case poisson
    case nb2
  }

  public struct Options: Sendable, Equatable {
    /// The indicators, in order (nil: every indicator of the panel).
    public var indicators: [String]?
    public var family: FamilyChoice
    /// Intervals, z and p from the HC0 sandwich instead of the model.
    public var robust: Bool
    public var achterstandswijk: Bool
    public var gemeenteEffects: Bool
    /// One model over the years with year effects, instead of one per year.
    public var pooled: Bool
    public var permutations: Int
    public var seed: UInt64
    /// Also the crude rate ratio of each indicator and the flag (one predictor,
    /// the chosen family, year effects when pooled), for Tabel 5.
    public var crude = true
    public init(
      indicators: [String]? = nil, family: FamilyChoice = .auto, robust: Bool = false,
      achterstandswijk: Bool = false,
      gemeenteEffects: Bool = false, pooled: Bool = false, permutations: Int = 999,
      seed: UInt64 = 12345
    ) {
      self.indicators = indicators
      self.family = family
      self.robust = robust
      self.achterstandswijk = achterstandswijk
      self.gemeenteEffects = gemeenteEffects
      self.pooled = pooled
      self.permutations = permutations
      self.seed = seed
    }
  }

  public enum TermKind: String, Sendable, Equatable {
    case intercept, indicator, achterstandswijk, year, gemeente
  }

  public struct Term: Sendable, Equatable {
    public var name: String
    public var kind: TermKind
    /// The standard deviation of an indicator over the fit's areas (NaN for the others).
    public var sd: Double
  }

  /// Why a row takes no part in a fit (a closed set; English for stderr and
  /// model-fit.csv, Dutch for a Dutch report).
  public enum DropReason: Hashable, Sendable, CustomStringConvertible {
    case noChildren
    case noCount
    /// Withheld by disclosure control (`withheld` of the analysis).
    case withheld
    case missingIndicator(String)
    case noFlag
    case noGemeente

    /// English with the indicator's column name (stderr, model-fit.csv).
    public var description: String { message(name: nil).description }
    /// For a reader: in `language`, an indicator by its label (`labels`; the
    /// standard Kinderen in Tel labels by default), never its column name; the
    /// words are the catalogue's (`CountModelMessage`).
    public func text(_ language: ReportLanguage, labels: IndicatorLabels? = IndicatorLabels())
      -> String
    {
      let name: String? = {
        guard case .missingIndicator(let column) = self else { return nil }
        return labels?.label(column, language) ?? column
      }()
      return language.text(.countModel(message(name: name)))
    }
    /// The catalogue's key; `name`: the indicator as the reader knows it (nil: its column).
    func message(name: String?) -> CountModelMessage {
      switch self {
      case .noChildren: .droppedNoChildren
      case .noCount: .droppedNoCount
      case .withheld: .droppedWithheld
      case .missingIndicator(let column): .droppedMissingIndicator(name: name ?? column)
      case .noFlag: .droppedNoFlag
      case .noGemeente: .droppedNoGemeente
      }
    }
  }

  public struct Fit: Sendable {
    public var level: AreaLevel
    public var years: [Int]
    public var terms: [Term] = []
    /// Rows used.
    public var n = 0
    /// Rows left out, by reason, in the order first met.
    public var dropped: [(reason: DropReason, count: Int)] = []
    public var poisson: CountRegression?
    public var negativeBinomial: CountRegression?
    public var chosen: CountFamily?
    public var lrStatistic = Double.nan
    public var lrP = Double.nan
    /// Why there is no model (a constant or collinear predictor, separation, ...),
    /// as the catalogue's key.
    public var failure: CountModelMessage?
    /// `failure` in English with column names (stderr, model-fit.csv).
    public var problem: String? { failure?.description }
    /// The fitted rows: area and year, in fit order.
    public var areas: [String] = []
    public var rowYears: [Int] = []
    public var observed: [Double] = []
    /// Moran's I of the chosen model's Pearson residuals, per year.
    public var residualMoran: [(year: Int, moran: MoranGlobal)] = []
    public var warnings: [CountModelMessage] = []
    /// Crude rate ratio (per SD for an indicator) with its 95 % interval, by term name.
    public var crude: [String: (rr: Double, low: Double, high: Double)] = [:]

    /// `2009`, or `2005-2009` when pooled.
    public var label: String {
      years.count == 1 ? String(years[0]) : "\(years.first!)-\(years.last!)"
    }
    public var chosenModel: CountRegression? {
      chosen == .poisson ? poisson : chosen == .negativeBinomial ? negativeBinomial : nil
    }
    /// English with column names, for stderr and model-fit.csv.
    public var droppedText: String {
      dropped.map { "\($0.reason): \($0.count)" }.joined(separator: "; ")
    }
    /// For a reader in `language`: indicators by their labels (the standard
    /// ones unless the project's `labels` are given).
    public func droppedText(_ language: ReportLanguage, labels: IndicatorLabels = IndicatorLabels())
      -> String
    {
      dropped.map { "\($0.reason.text(language, labels: labels)): \($0.count)" }.joined(
        separator: "; ")
    }
    /// `problem` for a reader in `language`: the indicators it names by their
    /// labels (the standard ones unless the project's `labels` are given), not
    /// their column names (`problem` itself keeps them, for stderr and the CSV).
    public func problem(_ language: ReportLanguage, labels: IndicatorLabels = IndicatorLabels())
      -> String?
    {
      guard let failure else { return nil }
      var text = language.text(.countModel(failure))
      for term in terms where term.kind == .indicator {
        let pattern =
          "(?<![\\p{L}\\p{N}_])" + NSRegularExpression.escapedPattern(for: term.name)
          + "(?![\\p{L}\\p{N}_])"
        text = text.replacingOccurrences(
          of: pattern,
          with: NSRegularExpression.escapedTemplate(for: labels.label(term.name, language)),
          options: .regularExpression)
      }
      return text
    }
  }

  public var fits: [Fit] = []
  public var options: Options
  public var level: AreaLevel

  /// Fits per year of `years` (nil: all), or pooled over them. `withheld`
  /// tells a withheld count from a missing one, for the dropped rows' reasons.
  public init(
    panel: Panel, level: AreaLevel, years: [Int]? = nil, options: Options = Options(),
    weights: AreaWeights? = nil,
    withheld: ((String, Int) -> Bool)? = nil, algebra: LinearAlgebra
  ) {
    self.options = options
    self.level = level
    let index = PanelIndex(panel)
    let chosenYears = index.years.filter { years?.contains($0) ?? true }
    let groups =
      options.pooled ? (chosenYears.isEmpty ? [] : [chosenYears]) : chosenYears.map { [$0] }
    let indicators = options.indicators ?? panel.indicatorNames
    for group in groups {
      let positions = group.flatMap { index.rows(level: level, year: $0) }
      var fit = Self.fit(
        panel: panel, positions: positions, level: level, years: group, indicators: indicators,
        options: options,
        withheld: withheld, algebra: algebra)
      if let weights, fit.chosenModel != nil {
        fit.residualMoran = Self.residualMoran(fit, weights: weights, options: options)
      }
      fits.append(fit)
    }
  }

  static func fit(
    panel: Panel, positions: [Int], level: AreaLevel, years: [Int], indicators: [String],
    options: Options,
    withheld: ((String, Int) -> Bool)?, algebra: LinearAlgebra
  ) -> Fit {
    var fit = Fit(level: level, years: years)
    var dropped: [DropReason: Int] = [:]
    var order: [DropReason] = []
    func drop(_ reason: DropReason) {
      if dropped[reason] == nil { order.append(reason) }
      dropped[reason, default: 0] += 1
    }
    var y: [Double] = []
    var offset: [Double] = []
    var values: [[Double]] = Array(repeating: [], count: indicators.count)
    var flags: [Double] = []
    var gemeenten: [String] = []
    for position in positions {
      let row = panel.rows[position]
      guard let children = row.children[.all], children > 0 else {
        drop(.noChildren)
        continue
      }
      guard let count = row.reported[.all] else {
        drop(withheld?(row.area, row.year) == true ? .withheld : .noCount)
        continue
      }
      let stored = row.indicators.values(orderedAs: indicators)
      if let missing = indicators.indices.first(where: { !stored[$0].isFinite }) {
        drop(.missingIndicator(indicators[missing]))
        continue
      }
      if options.achterstandswijk && row.achterstandswijk == nil {
        drop(.noFlag)
        continue
      }
      if options.gemeenteEffects && row.gemeente == nil {
        drop(.noGemeente)
        continue
      }
      y.append(count)
      offset.append(log(children))
      for j in indicators.indices { values[j].append(stored[j]) }
      flags.append(row.achterstandswijk == true ? 1 : 0)
      gemeenten.append(row.gemeente ?? "")
      fit.areas.append(row.area)
      fit.rowYears.append(row.year)
    }
    fit.dropped = order.map { ($0, dropped[$0]!) }
    fit.n = y.count
    fit.observed = y
    let n = y.count
    // The design: intercept, indicators, flag, year effects (first year the
    // reference), gemeente effects (the first gemeente in code order the reference).
    var columns: [[Double]] = [[Double](repeating: 1, count: n)]
    var terms = [Term(name: "intercept", kind: .intercept, sd: .nan)]
    for (j, name) in indicators.enumerated() {
      columns.append(values[j])
      terms.append(Term(name: name, kind: .indicator, sd: Self.sd(values[j])))
    }
    if options.achterstandswijk {
      columns.append(flags)
      terms.append(Term(name: "achterstandswijk", kind: .achterstandswijk, sd: .nan))
    }
    if years.count > 1 {
      for year in years.dropFirst() where fit.rowYears.contains(year) {
        columns.append(fit.rowYears.map { $0 == year ? 1 : 0 })
        terms.append(Term(name: "year \(year)", kind: .year, sd: .nan))
      }
    }
    // Gemeente effects are not made into columns: the fit concentrates them out.
    var fixedEffects: FixedEffects?
    if options.gemeenteEffects {
      let codes = Array(Set(gemeenten)).sorted()
      if codes.count > 1 {
        let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        fixedEffects = FixedEffects(
          group: gemeenten.map { index[$0]! }, names: codes.map { "gemeente \($0)" })
        for code in codes.dropFirst() {
          terms.append(Term(name: "gemeente \(code)", kind: .gemeente, sd: .nan))
        }
      }
    }
    fit.terms = terms
    let names = Array(terms.map(\.name).prefix(columns.count))
    guard n > 0 else {
      fit.failure = .noCompleteArea
      return fit
    }
    do {
      let families: [CountFamily] =
        options.family == .poisson ? [.poisson] : [.poisson, .negativeBinomial]
      for family in families {
        let model = try CountRegression.fit(
          family: family, y: y, offset: offset, columns: columns, names: names,
          fixedEffects: fixedEffects,
          algebra: algebra)
        if family == .poisson { fit.poisson = model } else { fit.negativeBinomial = model }
      }
    } catch let problem as CountModelProblem {
      fit.failure = problem.key
      fit.poisson = nil
      fit.negativeBinomial = nil
      return fit
    } catch {
      fit.failure = .other("\(error)")
      return fit
    }
    if let p = fit.poisson, let nb = fit.negativeBinomial {
      fit.lrStatistic = max(0, 2 * (nb.logLikelihood - p.logLikelihood))
      // ½ P(χ²₁ > LR) = P(Z > √LR).
      fit.lrP = Normal.survival(fit.lrStatistic.squareRoot())
    }
    switch options.family {
    case .poisson: fit.chosen = .poisson
    case .nb2: fit.chosen = .negativeBinomial
    case .auto: fit.chosen = fit.lrP < 0.05 ? .negativeBinomial : .poisson
    }
    fit.warnings = fit.chosenModel?.warnings ?? []
    let withheldRows = dropped[.withheld] ?? 0
    if withheldRows > 0, Double(withheldRows) >= 0.1 * Double(withheldRows + n) {
      let share = Int((100 * Double(withheldRows) / Double(withheldRows + n)).rounded())
      fit.warnings.append(
        .withheldShare(withheld: withheldRows, total: withheldRows + n, percent: share))
    }
    if options.crude, let family = fit.chosen {
      let yearColumns = terms.indices.filter { terms[$0].kind == .year }
      for (j, term) in terms.enumerated()
      where term.kind == .indicator || term.kind == .achterstandswijk {
        let single = [columns[0], columns[j]] + yearColumns.map { columns[$0] }
        guard
          let model = try? CountRegression.fit(
            family: family, y: y, offset: offset, columns: single,
            names: ["intercept", term.name] + yearColumns.map { terms[$0].name }, algebra: algebra)
        else { continue }
        let scale = term.kind == .indicator ? term.sd : 1
        let b = model.coefficients[1]
        let se = options.robust ? model.robustStandardErrors[1] : model.standardErrors[1]
        fit.crude[term.name] = (
          exp(b * scale), exp((b - Self.z975 * se) * scale), exp((b + Self.z975 * se) * scale)
        )
      }
    }
    if options.family == .poisson || fit.chosen == .poisson, let p = fit.poisson {
      let dispersion = p.pearsonChiSquare / Double(max(1, p.n - p.coefficients.count))
      if dispersion > 1.5 {
        fit.warnings.append(.overdispersed(dispersion: dispersion))
      }
    }
    return fit
  }

  static func sd(_ x: [Double]) -> Double {
    guard x.count > 1 else { return .nan }
    let mean = x.reduce(0, +) / Double(x.count)
    return (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)).squareRoot()
  }

  /// Moran's I of the chosen model's Pearson residuals per year, with the run's
  /// weights restricted to the fitted areas of that year.
  static func residualMoran(_ fit: Fit, weights: AreaWeights, options: Options) -> [(
    year: Int, moran: MoranGlobal
  )] {
    guard let model = fit.chosenModel else { return [] }
    var result: [(year: Int, moran: MoranGlobal)] = []
    for year in fit.years {
      let rows = fit.rowYears.indices.filter { fit.rowYears[$0] == year }
      guard !rows.isEmpty else { continue }
      let codes = rows.map { fit.areas[$0] }
      let values = rows.map { model.pearsonResiduals[$0] }
      let w = weights.restricted(to: codes)
      let moran = MoranGlobal.compute(
        values: values, weights: w, permutations: options.permutations,
        seed: options.seed &+ UInt64(year))
      result.append((year, moran))
    }
    return result
  }

  /// A plain-language warning per fit whose residuals cluster (p_sim < 0.05, I > E[I]).
  public var residualWarnings: [String] {
    fits.flatMap { fit in
      fit.residualMoran.compactMap { year, moran -> String? in
        guard moran.reason == nil, moran.pSimulated < 0.05, moran.i > moran.expected else {
          return nil
        }
        return
          "\(level) \(fit.label): the model's residuals cluster in space in \(year) (Moran's I \(String(format: "%.3f", moran.i)), permutation p \(CSVText.p(moran.pSimulated))): neighbouring areas are more alike than the indicators explain, so the intervals are too narrow; add indicators or gemeente effects, or read the rate ratios with care"
      }
    }
  }

  // MARK: - Tables

  static let z975 = 1.959963984540054

  /// `model.csv`: one row per fit, family and term, full precision.
  public var table: TextTable {
    var rows: [[String]] = []
    for fit in fits {
      guard fit.problem == nil else {
        rows.append([
          fit.level.description, fit.label, "", "", "", "", "", "", "", "", "", "", "", "", "", "",
          "", "", "", String(fit.n), fit.problem!,
        ])
        continue
      }
      for model in [fit.poisson, fit.negativeBinomial].compactMap({ $0 }) {
        let se = model.standardErrors
        let robust = model.robustStandardErrors
        for (j, term) in fit.terms.enumerated() {
          let b = model.coefficients[j]
          let s = options.robust ? robust[j] : se[j]
          let z = b / s
          let p = 2 * Normal.survival(abs(z))
          let isRatio = term.kind != .intercept
          let perSD = term.kind == .indicator
          rows.append([
            fit.level.description, fit.label, model.family.rawValue,
            model.family == fit.chosen ? "yes" : "no",
            term.name, term.kind.rawValue, CSVText.full(b), CSVText.full(se[j]),
            CSVText.full(robust[j]),
            options.robust ? "hc0" : "model", CSVText.full(z), CSVText.p(p),
            isRatio ? CSVText.full(exp(b)) : "",
            isRatio ? CSVText.full(exp(b - Self.z975 * s)) : "",
            isRatio ? CSVText.full(exp(b + Self.z975 * s)) : "",
            perSD ? CSVText.full(term.sd) : "", perSD ? CSVText.full(exp(b * term.sd)) : "",
            perSD ? CSVText.full(exp((b - Self.z975 * s) * term.sd)) : "",
            perSD ? CSVText.full(exp((b + Self.z975 * s) * term.sd)) : "", String(fit.n), "",
          ])
        }
      }
    }
    return TextTable(
      header: [
        "level", "years", "family", "chosen", "term", "kind", "coefficient", "se_model", "se_hc0",
        "interval_se", "z",
        "p_value", "rate_ratio", "rr_ci_low", "rr_ci_high", "sd", "rr_per_sd", "rr_per_sd_ci_low",
        "rr_per_sd_ci_high",
        "n", "note",
      ], rows: rows, numeric: Set([6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]),
      rounding: [
        6: .decimals(6), 7: .decimals(6), 8: .decimals(6), 10: .decimals(3), 11: .pValue,
        12: .decimals(3), 13: .decimals(3), 14: .decimals(3), 15: .decimals(3), 16: .decimals(3),
        17: .decimals(3), 18: .decimals(3),
      ])
  }

  /// `model-fit.csv`: per fit and family the fit statistics, the LR test and
  /// Moran's I of the chosen model's residuals (per year; pooled fits list
  /// each year's I, separated by `;`, in `residual_moran_*`).
  public var fitTable: TextTable {
    var rows: [[String]] = []
    for fit in fits {
      let models = [fit.poisson, fit.negativeBinomial].compactMap { $0 }
      if models.isEmpty {
        rows.append(
          [fit.level.description, fit.label, "", "", String(fit.n), fit.droppedText]
            + Array(repeating: "", count: 14) + [fit.problem ?? ""])
      }
      for model in models {
        let chosen = model.family == fit.chosen
        let moran = chosen ? fit.residualMoran : []
        rows.append([
          fit.level.description, fit.label, model.family.rawValue, chosen ? "yes" : "no",
          String(model.n),
          fit.droppedText, String(model.parameters),
          model.family == .negativeBinomial ? CSVText.full(model.alpha) : "",
          model.family == .negativeBinomial ? CSVText.full(model.alphaStandardError) : "",
          CSVText.full(model.logLikelihood), CSVText.full(model.deviance),
          CSVText.full(model.pearsonChiSquare),
          CSVText.full(model.aic), String(model.iterations), CSVText.full(model.conditionNumber),
          CSVText.full(fit.lrStatistic), CSVText.p(fit.lrP),
          moran.map { CSVText.full($0.moran.i) }.joined(separator: ";"),
          moran.map { CSVText.p($0.moran.pSimulated) }.joined(separator: ";"),
          chosen && !moran.isEmpty ? String(options.permutations) : "",
          (chosen ? fit.warnings : model.warnings).map(\.description).joined(separator: "; "),
        ])
      }
    }
    return TextTable(
      header: [
        "level", "years", "family", "chosen", "n", "dropped", "parameters", "alpha", "alpha_se",
        "log_likelihood",
        "deviance", "pearson_chi2", "aic", "iterations", "condition_number", "lr_overdispersion",
        "lr_p",
        "residual_moran_i", "residual_moran_p_sim", "permutations", "note",
      ], rows: rows, numeric: Set([4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19]),
      rounding: [
        7: .decimals(4), 8: .decimals(4), 9: .decimals(3), 10: .decimals(3), 11: .decimals(3),
        12: .decimals(3), 14: .decimals(2), 15: .decimals(3), 16: .pValue,
      ])
  }

  /// `model-residuals.csv`: per fitted area and year the count, the chosen
  /// model's fitted count and Pearson residual (fitted areas have published
  /// counts only).
  public var residualTable: TextTable {
    var rows: [[String]] = []
    for fit in fits {
      guard let model = fit.chosenModel else { continue }
      for i in fit.areas.indices {
        rows.append([
          fit.level.description, fit.label, fit.areas[i], String(fit.rowYears[i]),
          CSVText.full(fit.observed[i]),
          CSVText.full(model.fitted[i]), CSVText.full(model.pearsonResiduals[i]),
        ])
      }
    }
    return TextTable(
      header: ["level", "years", "area", "year", "reported", "fitted", "pearson_residual"],
      rows: rows,
      numeric: Set(3...6), rounding: [5: .decimals(3), 6: .decimals(3)])
  }

  /// Tabel 5 for one fit: per indicator (and the flag) the crude correlation
  /// of Tabel 1/2 (`crudeR`, by indicator; shown as there, only at p < 0.01),
  /// the crude rate ratio per SD and the adjusted one per SD and per unit with
  /// their 95 % intervals, in the report's language (decimal comma in Dutch).
  public func reportLayout(
    _ fit: Fit, crudeR: [String: String] = [:], language: ReportLanguage = .nl
  )
    -> TextTable
  {
    // As before: fixed decimals, no grouping, the language's decimal separator.
    func number(_ x: Double, _ decimals: Int = 2) -> String {
      guard x.isFinite else { return "" }
      return String(format: "%.\(decimals)f", x).replacingOccurrences(
        of: ".", with: String(language.decimalSeparator))
    }
    func interval(_ rr: Double, _ low: Double, _ high: Double) -> String {
      guard rr.isFinite else { return "" }
      return "\(number(rr)) (\(number(low))–\(number(high)))"
    }
    var rows: [[String]] = []
    if let model = fit.chosenModel {
      let se = options.robust ? model.robustStandardErrors : model.standardErrors
      for (j, term) in fit.terms.enumerated()
      where term.kind == .indicator || term.kind == .achterstandswijk {
        let b = model.coefficients[j]
        let perSD = term.kind == .indicator ? term.sd : .nan
        let p = 2 * Normal.survival(abs(b / se[j]))
        let crude = fit.crude[term.name]
        // An indicator by its column name (the report shows its label); the
        // flag by what it is, in the report's language.
        let name =
          term.kind == .indicator ? term.name : language.text(.word(.deprivedAreaTerm))
        rows.append([
          name, crudeR[term.name] ?? "",
          crude.map { interval($0.rr, $0.low, $0.high) } ?? "",
          perSD.isFinite
            ? interval(
              exp(b * perSD), exp((b - Self.z975 * se[j]) * perSD),
              exp((b + Self.z975 * se[j]) * perSD)) : "",
          interval(exp(b), exp(b - Self.z975 * se[j]), exp(b + Self.z975 * se[j])),
          p < 0.001 ? "< " + number(0.001, 3) : number(p, 3),
        ])
      }
    }
    let family = fit.chosenModel.map { language.text(.countFamily($0.family)) } ?? ""
    // Tabel 1 (gemeenten) or 2 (PC-4) holds the crude correlations.
    let correlations = level == .gemeente ? 1 : 2
    return TextTable(
      title: language.text(.table5Title(level: level, years: fit.label)),
      header: [
        "indicator", language.text(.table5CorrelationHeader(table: correlations)),
        language.text(.word(.crudeRRPerSD)), language.text(.word(.rrPerSDInterval)),
        language.text(.word(.rrPerUnitInterval)), "p",
      ],
      rows: rows, numeric: Set(1...5),
      note: language.text(
        .table5Note(
          family: family, areas: fit.n, flag: options.achterstandswijk,
          gemeenteEffects: options.gemeenteEffects, yearEffects: fit.years.count > 1,
          correlationTable: correlations, robust: options.robust)))
  }

  /// The residual map's year: the latest year of the last fit with a model.
  public var residualMapYear: Int? { fits.last { $0.chosenModel != nil }?.years.last }

  /// The residual map's diverging classes for `year`: breaks at −1 and 1
  /// (ColorBrewer RdBu, white around 0), and −2 and 2 only where a residual
  /// lies beyond them, so no class is empty.
  public func residualClasses(year: Int) -> (breaks: [Double], colors: [String]) {
    let values = residuals(year: year).values
    var breaks: [Double] = [-1, 1]
    var colors = ["#92c5de", "#f7f7f7", "#f4a582"]
    if (values.min() ?? 0) < -2 {
      breaks.insert(-2, at: 0)
      colors.insert("#2166ac", at: 0)
    }
    if (values.max() ?? 0) > 2 {
      breaks.append(2)
      colors.append("#b2182b")
    }
    return (breaks, colors)
  }

  /// The chosen model's Pearson residual per area in `year` (for the map).
  public func residuals(year: Int) -> [String: Double] {
    var result: [String: Double] = [:]
    for fit in fits where fit.years.contains(year) {
      guard let model = fit.chosenModel else { continue }
      for i in fit.areas.indices where fit.rowYears[i] == year {
        result[fit.areas[i]] = model.pearsonResiduals[i]
      }
    }
    return result
  }
}
