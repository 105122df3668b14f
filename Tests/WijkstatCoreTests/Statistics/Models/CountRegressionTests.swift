import Foundation
import LAPACKBridge
import Testing

@testable import WijkstatCore

/// The demo data's PC-4 areas in 2009 (`DemoDataset(seed: 2009)`, the files in
/// data/demo), as statsmodels reads them: 0–17 counts and children summed over
/// the age groups, the five indicators, areas with a missing indicator (`x`) or
/// no children left out: 338 areas.
struct DemoModelData {
  var areas: [String] = []
  var gemeenten: [String] = []
  var y: [Double] = []
  var children: [Double] = []
  var columns: [[Double]] = []  // indicators, then the achterstandswijk flag
  var rows: [PanelRow] = []

  static let indicators = [
    "kinderen_in_armoede", "totaalscore", "werkloze_jongeren", "jeugdzorg", "tienermoeders",
  ]

  /// The demo panel of PC-4 rows for `years` (every area, missing values as they are).
  static func panel(years: [Int]) -> Panel {
    Panel(rows: years.flatMap { DemoModelData(year: $0).rows }, indicatorNames: indicators)
  }

  init(year: Int = 2009) {
    let demo = DemoDataset(seed: 2009)
    let tables = demo.tables()
    func lines(_ name: String) -> [[String]] {
      tables[name]!.split(separator: "\n").dropFirst().map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      }
    }
    var counts: [String: Double] = [:]
    var kids: [String: Double] = [:]
    for f in lines("meldingen.csv") where Int(f[1]) == year {
      counts[f[0], default: 0] += Double(f[3])!
    }
    for f in lines("kinderen.csv") where Int(f[1]) == year {
      kids[f[0], default: 0] += Double(f[3])!
    }
    var flag: [String: Double] = [:]
    for f in lines("achterstandswijken.csv") where Int(f[1]) == year { flag[f[0]] = Double(f[2])! }
    let gemeente = Dictionary(uniqueKeysWithValues: demo.areas.map { ($0.code, $0.gemeente) })
    columns = Array(repeating: [], count: 6)
    let names = IndicatorNames(Self.indicators)
    for f in lines("indicatoren-pc4.csv") where Int(f[1]) == year {
      let values = f[2...].map { Double($0) ?? .nan }
      var row = PanelRow(level: .pc4, area: f[0], gemeente: gemeente[f[0]], year: year)
      row.reported[.all] = counts[f[0]]
      row.children[.all] = kids[f[0]]
      row.achterstandswijk = flag[f[0]].map { $0 == 1 }
      row.indicators = IndicatorValues(names: names, values: values)
      rows.append(row)
      guard values.allSatisfy(\.isFinite), let c = kids[f[0]], c > 0 else { continue }
      areas.append(f[0])
      gemeenten.append(gemeente[f[0]]!)
      y.append(counts[f[0]]!)
      children.append(c)
      for j in 0..<5 { columns[j].append(values[j]) }
      columns[5].append(flag[f[0]]!)
    }
  }

  var panel: Panel { Panel(rows: rows, indicatorNames: Self.indicators) }
  var design: [[Double]] { [[Double](repeating: 1, count: y.count)] + columns }
  var offset: [Double] { children.map { log($0) } }
  static let names = ["intercept"] + indicators + ["achterstandswijk"]
}

func expectClose(
  _ a: [Double], _ b: [Double], _ tolerance: Double, _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    a.count == b.count, "\(what): \(a.count) values, expected \(b.count)",
    sourceLocation: sourceLocation)
  for (x, e) in zip(a, b) {
    #expect(
      abs(x - e) <= tolerance * abs(e), "\(what): \(x) vs \(e) (relative \(abs(x - e) / abs(e)))",
      sourceLocation: sourceLocation)
  }
}
func expectClose(
  _ a: Double, _ e: Double, _ tolerance: Double, _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    abs(a - e) <= tolerance * abs(e), "\(what): \(a) vs \(e) (relative \(abs(a - e) / abs(e)))",
    sourceLocation: sourceLocation)
}

@Suite struct CountRegressionTests {
  let algebra = LAPACK()

  /// Reference: statsmodels 0.15.0 (Python 3.11), on the same 338 areas read
  /// from data/demo with pandas:
  ///   GLM(y, add_constant(X), family=Poisson(), offset=log(children)).fit(tol=1e-13)
  ///   and .fit(tol=1e-13, cov_type="HC0") for the robust standard errors.
  @Test func poissonMatchesStatsmodelsOnTheDemo() throws {
    let data = DemoModelData()
    #expect(data.y.count == 338)
    let fit = try CountRegression.fit(
      family: .poisson, y: data.y, offset: data.offset, columns: data.design,
      names: DemoModelData.names, algebra: algebra)
    expectClose(
      fit.coefficients,
      [
        -6.562414933586824, -0.002266487681356226, 0.021310204415996088, 0.043286847992832854,
        0.009347915759542164, 0.02409628921846252, 0.32278675363696757,
      ], 1e-6, "β")
    expectClose(
      fit.standardErrors,
      [
        0.17638439214993332, 0.00590486881979975, 0.005001345853932573, 0.01462950398204608,
        0.017266797127570926, 0.0269611717755179, 0.07011446484721712,
      ], 1e-6, "SE")
    expectClose(
      fit.robustStandardErrors,
      [
        0.2831393870050127, 0.009771190452402646, 0.00867862955523024, 0.02485674489059727,
        0.030992094094107803, 0.05734439333382337, 0.14976949243792387,
      ], 1e-6, "HC0 SE")
    expectClose(fit.deviance, 767.1733806592837, 1e-6, "deviance")
    expectClose(fit.pearsonChiSquare, 793.6697759781514, 1e-6, "Pearson χ²")
    expectClose(fit.logLikelihood, -929.4164506086598, 1e-9, "log-likelihood")
    expectClose(fit.aic, 1872.8329012173197, 1e-9, "AIC")
    #expect(fit.n == 338 && fit.parameters == 7)
  }

  /// Reference: statsmodels 0.15.0:
  ///   NegativeBinomial(y, X, offset=log(children), loglike_method="nb2")
  ///     .fit(method="newton", maxiter=200, tol=1e-14) for α (ML), ℓ and AIC;
  ///   GLM(y, X, family=NegativeBinomial(alpha=α̂), offset=…).fit(tol=1e-13)
  ///   (and cov_type="HC0") for β, the standard errors and the deviance.
  @Test func negativeBinomialMatchesStatsmodelsOnTheDemo() throws {
    let data = DemoModelData()
    let fit = try CountRegression.fit(
      family: .negativeBinomial, y: data.y, offset: data.offset, columns: data.design,
      names: DemoModelData.names,
      algebra: algebra)
    expectClose(fit.alpha, 0.1834279452344547, 1e-6, "α")
    expectClose(
      fit.coefficients,
      [
        -6.758822987022608, -0.004448496794293062, 0.025795066243163016, 0.04611758848918701,
        -0.004768863295050621, 0.04494695920565521, 0.22702324408676686,
      ], 1e-6, "β")
    expectClose(
      fit.standardErrors,
      [
        0.25833378593411127, 0.009198158219573097, 0.007462765962536389, 0.02254555506901157,
        0.02813258770999932, 0.044545700890807956, 0.11995441091759305,
      ], 1e-6, "SE")
    expectClose(
      fit.robustStandardErrors,
      [
        0.24828241340133717, 0.009259949739820037, 0.007631838934247509, 0.021751739949082947,
        0.029317691171668325, 0.05249857460418416, 0.12678187800169233,
      ], 1e-6, "HC0 SE")
    expectClose(fit.deviance, 351.687204538662, 1e-6, "deviance")
    expectClose(fit.pearsonChiSquare, 348.66171101172563, 1e-6, "Pearson χ²")
    expectClose(fit.logLikelihood, -839.4075349464812, 1e-9, "log-likelihood")
    expectClose(fit.aic, 1694.8150698929624, 1e-9, "AIC (k = 7 β + α)")
  }
}
