import Foundation
import LAPACKBridge
import Testing

@testable import WijkstatCore

@Suite struct CountModelAnalysisTests {
  let algebra = LAPACK()

  /// The demo's PC-4 areas 2005–2009 pooled, with the achterstandswijk flag,
  /// year effects (2005 the reference) and gemeente fixed effects (GM9001 the
  /// reference): 1,692 area-years. Reference: statsmodels 0.15.0 as in
  /// CountRegressionTests (NegativeBinomial nb2 for α and ℓ, GLM at α̂ for β and
  /// the standard errors), on the same rows read from data/demo with pandas.
  @Test func pooledWithYearAndGemeenteEffectsMatchesStatsmodels() throws {
    let panel = DemoModelData.panel(years: Array(2003...2009))
    let options = CountModelAnalysis.Options(
      achterstandswijk: true, gemeenteEffects: true, pooled: true)
    let analysis = CountModelAnalysis(
      panel: panel, level: .pc4, years: Array(2005...2009), options: options, algebra: algebra)
    #expect(analysis.fits.count == 1)
    let fit = try #require(analysis.fits.first)
    #expect(fit.problem == nil)
    #expect(fit.n == 1692)
    #expect(fit.label == "2005-2009")
    // 5 × 352 area-years, 68 with a missing indicator (`x` in the table).
    let droppedRows: Int = fit.dropped.map(\.count).reduce(0, +)
    #expect(droppedRows == 68)
    #expect(fit.dropped.allSatisfy { $0.reason.description.hasPrefix("no value of ") })
    let effects: [String] =
      ["year 2006", "year 2007", "year 2008", "year 2009"] + (2...8).map { "gemeente GM900\($0)" }
    #expect(Array(fit.terms.map(\.name).suffix(11)) == effects)
    expectClose(fit.lrStatistic, 79.94721343529, 1e-6, "LR")
    #expect(fit.lrP < 1e-15)
    #expect(fit.chosen == .negativeBinomial)
    let p = try #require(fit.poisson)
    expectClose(
      p.coefficients,
      [
        -6.107572335989805, 0.0010795752663908253, 0.02314545254419836, 0.018416032025365216,
        0.01557157968250282, 0.0030140840694464245, -0.014545399968664226, 0.05904314410031253,
        0.10957850063948832, 0.20288761534452016, 0.3042600906152436, -0.8015407722719509,
        -0.7831402902903382, -0.9020656745187837, -0.9673173727005036, -1.12881254639984,
        -0.8355887452903115, -0.9954288922586563,
      ], 1e-6, "Poisson β")
    expectClose(
      p.standardErrors,
      [
        0.08533743246621106, 0.0025891601141180844, 0.0021882974517960074, 0.006671113682617804,
        0.008480485433722306, 0.01347866937570236, 0.03605564570966315, 0.034912488206119884,
        0.03455588648646254, 0.03337154362790721, 0.03286201283170744, 0.030719380302668707,
        0.031827013024969666, 0.03944404957066585, 0.04161650341544221, 0.0593261124442515,
        0.047013097463015394, 0.05988845946790775,
      ], 1e-6, "Poisson SE")
    expectClose(
      p.robustStandardErrors,
      [
        0.09938185640310525, 0.0030095504739476916, 0.0026867524766286607, 0.00746712904794843,
        0.010353992456060506, 0.015729273594008556, 0.04377376629714449, 0.03913878380489964,
        0.038784245350743006, 0.035927643381981324, 0.03644363432849411, 0.0369353492771221,
        0.03629052028993753, 0.044267663053395245, 0.05211023557350617, 0.06392119813381023,
        0.06108071401156449, 0.06074514113546392,
      ], 1e-6, "Poisson HC0 SE")
    expectClose(p.deviance, 2369.66298511614, 1e-6, "Poisson deviance")
    expectClose(p.pearsonChiSquare, 2234.5508067148394, 1e-6, "Poisson χ²")
    expectClose(p.aic, 7493.756775714225, 1e-9, "Poisson AIC")
    let nb = try #require(fit.negativeBinomial)
    expectClose(nb.alpha, 0.055684907930822376, 1e-6, "α")
    expectClose(
      nb.coefficients,
      [
        -6.13530584087414, 0.0009970096493972826, 0.024081643076512414, 0.01804639412851955,
        0.012097367873009995, 0.0010344913492109295, -0.037946919908342994, 0.052751878446567035,
        0.10953846947545914, 0.20250536706848762, 0.3044544740947478, -0.802780648695413,
        -0.7780730576592243, -0.9094237746796652, -0.9752665162867631, -1.1377564826123947,
        -0.822168210208535, -1.0227581160477388,
      ], 1e-6, "NB2 β")
    expectClose(
      nb.standardErrors,
      [
        0.1028867530618501, 0.0031877571751467554, 0.0026524123818189656, 0.008162329578580542,
        0.010393992975123894, 0.016597133664217802, 0.04541650143245385, 0.04192953902231245,
        0.0414093470681859, 0.04047726028439886, 0.04000476349988365, 0.03849650404543437,
        0.039654657720190695, 0.04680852333168242, 0.04959974353134752, 0.06735510547411712,
        0.05669930470554173, 0.07094129341045352,
      ], 1e-6, "NB2 SE")
    expectClose(
      nb.robustStandardErrors,
      [
        0.1007051960960789, 0.003105549716550154, 0.0027332153591605244, 0.007916995701991551,
        0.010579667222641408, 0.01607918593083119, 0.04444256886858223, 0.039757958475367165,
        0.03961164477611495, 0.037774379713798566, 0.03831085807924743, 0.038118593394768446,
        0.037732747757264665, 0.044925043833371286, 0.05152915645991068, 0.06458547536337082,
        0.06276457731971323, 0.06216854718251513,
      ], 1e-6, "NB2 HC0 SE")
    expectClose(nb.deviance, 1872.406496716328, 1e-6, "NB2 deviance")
    expectClose(nb.pearsonChiSquare, 1733.034453515805, 1e-6, "NB2 χ²")
    expectClose(nb.aic, 7415.809562278935, 1e-9, "NB2 AIC")
    // model.csv: the rate ratios and their intervals from these numbers.
    let csv = analysis.table
    let row = try #require(csv.rows.first { $0[2] == "nb2" && $0[4] == "totaalscore" })
    #expect(row[3] == "yes" && row[9] == "model")
    let b = nb.coefficients[2]
    let se = nb.standardErrors[2]
    expectClose(Double(row[12])!, exp(b), 1e-15, "RR")
    expectClose(Double(row[13])!, exp(b - 1.959963984540054 * se), 1e-15, "RR low")
    let sd = fit.terms[2].sd
    expectClose(Double(row[16])!, exp(b * sd), 1e-15, "RR per SD")
    expectClose(Double(row[18])!, exp((b + 1.959963984540054 * se) * sd), 1e-15, "RR per SD high")
  }

  /// A planted effect: 3,000 areas, y ~ Poisson(children · exp(−5 + 0.3 x + 0.5 flag)),
  /// x standard normal, flag 1 for a fifth of the areas (seeded); the Poisson
  /// fit recovers 0.3 and 0.5 within 3 standard errors, the LR test finds no
  /// overdispersion (α near 0), and the auto choice is Poisson.
  @Test func plantedEffectIsRecovered() throws {
    var random = SeededRandom(seed: 21)
    var rows: [PanelRow] = []
    let names = IndicatorNames(["x"])
    for i in 0..<3000 {
      let x = random.nextNormal()
      let flag = random.nextUnit() < 0.2
      let children = 200 + (random.nextUnit() * 800).rounded()
      let mu = children * exp(-5 + 0.3 * x + (flag ? 0.5 : 0))
      var row = PanelRow(level: .pc4, area: String(1000 + i), year: 2009)
      row.children[.all] = children
      row.reported[.all] = Double(DemoDataset.poisson(mu, &random))
      row.achterstandswijk = flag
      row.indicators = IndicatorValues(names: names, values: [x])
      rows.append(row)
    }
    let analysis = CountModelAnalysis(
      panel: Panel(rows: rows, indicatorNames: ["x"]), level: .pc4,
      options: .init(achterstandswijk: true), algebra: algebra)
    let fit = try #require(analysis.fits.first)
    let p = try #require(fit.poisson)
    #expect(
      abs(p.coefficients[1] - 0.3) < 3 * p.standardErrors[1],
      "β_x \(p.coefficients[1]) ± \(p.standardErrors[1])")
    #expect(
      abs(p.coefficients[2] - 0.5) < 3 * p.standardErrors[2],
      "β_flag \(p.coefficients[2]) ± \(p.standardErrors[2])")
    #expect(abs(p.coefficients[0] + 5) < 3 * p.standardErrors[0])
    #expect(p.standardErrors[1] < 0.02)
    #expect(fit.lrP > 0.05, "LR p \(fit.lrP), α \(fit.negativeBinomial?.alpha ?? .nan)")
    #expect(fit.chosen == .poisson)
  }

  struct Case {
    var y: Double
    var x: [Double]
    var flag: Bool? = nil
  }

  func panel(_ n: Int, names: [String] = ["a", "b"], _ make: (Int) -> Case) -> Panel {
    let shared = IndicatorNames(names)
    var rows: [PanelRow] = []
    for i in 0..<n {
      let v = make(i)
      var row = PanelRow(
        level: .pc4, area: String(2000 + i), gemeente: i % 2 == 0 ? "GM0001" : "GM0002", year: 2009)
      row.children[.all] = 100 + Double(i % 7) * 10
      row.reported[.all] = v.y
      row.achterstandswijk = v.flag
      row.indicators = IndicatorValues(names: shared, values: v.x)
      rows.append(row)
    }
    return Panel(rows: rows, indicatorNames: names)
  }

  @Test func constantIndicatorIsNamed() throws {
    let p = panel(30) { i in Case(y: Double(i % 5), x: [Double(i), 4.5]) }
    let fit = try #require(CountModelAnalysis(panel: p, level: .pc4, algebra: algebra).fits.first)
    #expect(
      fit.problem
        == "b is constant (4.5 in all 30 areas): its effect cannot be estimated; leave it out")
    #expect(fit.poisson == nil && fit.chosenModel == nil)
    let note = CountModelAnalysis(panel: p, level: .pc4, algebra: algebra).table.rows.first?.last
    #expect(note == fit.problem)
    // For a reader (the report) the indicator by its label, not its column name;
    // model.csv keeps the column name.
    #expect(
      fit.problem(.nl)
        == "B is constant (4.5 in alle 30 gebieden): het effect is niet te schatten; laat de indicator weg"
    )
    let own = IndicatorLabels(custom: ["b": ["*": "Mijn index (%)"]])
    #expect(
      fit.problem(.en, labels: own)?.hasPrefix("Mijn index (%) is constant (4.5 in all") == true)
  }

  @Test func collinearIndicatorsAreNamed() throws {
    // b = 2a + 1 exactly; c unrelated.
    let p = panel(40, names: ["a", "b", "c"]) { i in
      let a = Double(i)
      return Case(y: Double(i % 6), x: [a, 2 * a + 1, Double((i * 7) % 11)])
    }
    let fit = try #require(CountModelAnalysis(panel: p, level: .pc4, algebra: algebra).fits.first)
    let problem = try #require(fit.problem)
    #expect(
      problem.hasPrefix("collinear predictors: a, b are")
        || problem.hasPrefix("collinear predictors: b, a are"), "\(problem)")
    #expect(problem.contains("leave one out"))
  }

  @Test func separationByTheFlagIsNamed() throws {
    // Every achterstandswijk (8 of 30) has 0 reports.
    let p = panel(30) { i in
      Case(y: i < 8 ? 0 : Double(1 + i % 4), x: [Double(i % 9), Double((i * 5) % 7)], flag: i < 8)
    }
    let analysis = CountModelAnalysis(
      panel: p, level: .pc4, options: .init(achterstandswijk: true), algebra: algebra)
    let fit = try #require(analysis.fits.first)
    let expected =
      "separation: the 8 areas with achterstandswijk = 1 have no reports, so its rate ratio is 0 with no finite interval; leave it out or merge it"
    #expect(fit.problem == expected)
  }

  @Test func separationByAContinuousIndicatorIsReported() throws {
    // a is 0 in every area with reports and 1–3 in some without: the rate
    // ratio of a runs off to 0 (Santos Silva & Tenreyro 2010).
    let p = panel(30) { i in
      Case(
        y: i > 10 ? 0 : Double(2 + i % 3), x: [i > 20 ? Double(1 + i % 3) : 0, Double((i * 5) % 7)])
    }
    let fit = try #require(CountModelAnalysis(panel: p, level: .pc4, algebra: algebra).fits.first)
    let expected =
      "separation: a is 0 in every area with reports and differs only in areas without, so its rate ratio is 0 or infinite with no finite interval; leave it out"
    #expect(fit.problem == expected)
    // Without the check the fit would not converge, or end with fitted rates
    // numerically 0: a combination of columns separates too.
    let q = panel(30, names: ["a", "b", "c"]) { i in
      let a: Double = i > 20 ? Double(1 + i % 3) : 0
      return Case(
        y: i > 10 ? 0 : Double(2 + i % 3),
        x: [a + Double(i % 4), Double(i % 4), Double((i * 5) % 7)])
    }
    let combined = try #require(
      CountModelAnalysis(panel: q, level: .pc4, algebra: algebra).fits.first)
    let problem = try #require(combined.problem)
    #expect(problem.contains("separate"), "\(problem)")
  }

  @Test func zeroCountAreasAreFittedAndAllZeroIsRefused() throws {
    // Zero counts are data: 10 of 40 areas with 0 reports are in the fit.
    let some = panel(40) { i in
      Case(y: i % 4 == 0 ? 0 : Double(i % 5 + 1), x: [Double(i % 9), Double((i * 5) % 7)])
    }
    let fit = try #require(
      CountModelAnalysis(panel: some, level: .pc4, algebra: algebra).fits.first)
    #expect(fit.problem == nil && fit.n == 40)
    let none = panel(40) { i in Case(y: 0, x: [Double(i % 9), Double((i * 5) % 7)]) }
    let empty = try #require(
      CountModelAnalysis(panel: none, level: .pc4, algebra: algebra).fits.first)
    #expect(empty.problem == "every count is 0: there is no rate to model")
  }

  @Test func droppedRowsHaveTheirReasons() throws {
    var p = panel(30) { i in
      Case(y: Double(i % 5), x: [Double(i), Double((i * 7) % 11)], flag: true)
    }
    p.rows[0].children[AgeGroup.all] = 0
    p.rows[1].reported[AgeGroup.all] = nil
    p.rows[2].reported[AgeGroup.all] = nil
    p.rows[3].indicators["b"] = nil
    p.rows[4].achterstandswijk = nil
    let analysis = CountModelAnalysis(
      panel: p, level: .pc4, withheld: { area, _ in area == "2002" }, algebra: algebra)
    let fit = try #require(analysis.fits.first)
    #expect(fit.n == 26)
    #expect(
      fit.droppedText
        == "no children: 1; no count: 1; count withheld (disclosure control): 1; no value of b: 1")
    // A Dutch report says the same in Dutch (and no English word of it), an
    // indicator by its label, never its column name: the fallback label of a
    // column without one (`b` → `B`), the standard label, or the project's.
    #expect(
      fit.droppedText(.nl)
        == "geen kinderen: 1; geen aantal: 1; aantal afgeschermd (afscherming): 1; geen waarde voor B: 1"
    )
    let own = IndicatorLabels(custom: ["b": ["nl": "Mijn index", "en": "My index"]])
    #expect(fit.droppedText(.en, labels: own).hasSuffix("; no value of My index: 1"))
    #expect(fit.droppedText(.nl, labels: own).hasSuffix("; geen waarde voor Mijn index: 1"))
    #expect(
      CountModelAnalysis.DropReason.missingIndicator("werkloze_jongeren").text(.nl)
        == "geen waarde voor Werkloze jongeren 16–24 (%)")
    let flagged = try #require(
      CountModelAnalysis(
        panel: p, level: .pc4, options: .init(achterstandswijk: true), algebra: algebra
      ).fits.first)
    #expect(flagged.n == 25 && flagged.droppedText.hasSuffix("no deprived-area flag: 1"))
  }

  /// Too few areas for the parameters.
  @Test func tooFewAreas() throws {
    let p = panel(3) { i in Case(y: Double(i + 1), x: [Double(i), Double(i * i)]) }
    let fit = try #require(CountModelAnalysis(panel: p, level: .pc4, algebra: algebra).fits.first)
    #expect(fit.problem == "3 areas for 3 parameters: too few areas to fit")
    #expect(fit.problem(.nl) == "3 gebieden voor 3 parameters: te weinig gebieden om te schatten")
  }
}
