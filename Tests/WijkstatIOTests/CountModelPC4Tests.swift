import Foundation
import LAPACKBridge
import Testing
import WijkstatBenchData
import WijkstatCore
import WijkstatIO
import WijkstatTestSupport

/// Count models on a panel generated on the real PC-4 boundaries
/// (../shared/data/nl/pc4.geojson, 4,038 areas): `BenchmarkData.panel` for
/// the codes in file order, 2009, seed 11.
@Suite struct CountModelPC4Tests {
  @Test func generatedPanelOnRealPC4MatchesStatsmodels() throws {
    guard FileManager.default.fileExists(atPath: SharedData.path("pc4.geojson")) else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("shared data missing in CI")
      }
      print("skipped: ../shared/data/nl/pc4.geojson is absent")
      return
    }
    let boundaries = try BoundaryReader.read(SharedData.path("pc4.geojson"))
    let codes = boundaries.layer.areas.map(\.code)
    #expect(codes.count == 4038)
    let panel = BenchmarkData.panel(codes: codes, level: .pc4, years: [2009], seed: 11)
    let weights = try AreaWeights(layer: boundaries.layer, kind: "queen")
    let options = CountModelAnalysis.Options(
      indicators: ["indicator_1", "indicator_2", "indicator_3"], achterstandswijk: true,
      permutations: 99, seed: 7)
    let analysis = CountModelAnalysis(
      panel: panel, level: .pc4, options: options, weights: weights, algebra: LAPACK())
    let fit = try #require(analysis.fits.first)
    #expect(fit.problem == nil, "\(fit.problem ?? "")")
    #expect(fit.n == 4038)
    // statsmodels 0.15.0 on the same rows (written out once from this panel):
    // GLM Poisson with offset log(children), tol=1e-13, and cov_type="HC0";
    // NegativeBinomial(loglike_method="nb2").fit(method="newton", tol=1e-14) for α,
    // then GLM(family=NegativeBinomial(alpha=α̂)) for β, SEs and the deviance.
    let p = try #require(fit.poisson)
    expectClose(
      p.coefficients,
      [
        -5.985388814789328, 0.035235698131360745, 0.03463427718492053, -0.0021361441133402824,
        0.12600848208790646,
      ], 1e-6, "Poisson β")
    expectClose(
      p.standardErrors,
      [
        0.04626652184958621, 0.002998793880873921, 0.003029455483302508, 0.00356911494954401,
        0.023189367971514614,
      ], 1e-6, "Poisson SE")
    expectClose(
      p.robustStandardErrors,
      [
        0.04888854963919436, 0.0031227897138364365, 0.0032397589973873365, 0.0038101833754993594,
        0.025447776299530767,
      ], 1e-6, "Poisson HC0")
    expectClose(p.deviance, 4807.310160262674, 1e-6, "Poisson deviance")
    expectClose(p.pearsonChiSquare, 4475.639460790546, 1e-6, "Poisson χ²")
    expectClose(p.aic, 17102.47633389489, 1e-9, "Poisson AIC")
    let nb = try #require(fit.negativeBinomial)
    expectClose(nb.alpha, 0.024798072581659007, 1e-6, "α")
    expectClose(
      nb.coefficients,
      [
        -5.987007594221103, 0.03547134039537968, 0.034698753912110705, -0.002281887806244446,
        0.1238128695543654,
      ], 1e-6, "NB2 β")
    expectClose(
      nb.standardErrors,
      [
        0.04943414187758391, 0.0032117645898855404, 0.003244168066528272, 0.003832634999636647,
        0.025184880977976606,
      ], 1e-6, "NB2 SE")
    expectClose(
      nb.robustStandardErrors,
      [
        0.04886573310482069, 0.003119461482142854, 0.003237492049467575, 0.0038040600654453255,
        0.02545924061094908,
      ], 1e-6, "NB2 HC0")
    expectClose(nb.deviance, 4335.654837242648, 1e-6, "NB2 deviance")
    expectClose(nb.aic, 17071.35880984964, 1e-9, "NB2 AIC")
    expectClose(fit.lrStatistic, 33.11752404525032, 1e-6, "LR")
    #expect(fit.chosen == .negativeBinomial)
    // Moran's I of the NB2 Pearson residuals with the queen weights, computed
    // here by its formula with row-standardised weights (islands: zero lag).
    let moran = try #require(fit.residualMoran.first?.moran)
    let r = nb.pearsonResiduals
    let w = weights.restricted(to: fit.areas)
    let mean = r.reduce(0, +) / Double(r.count)
    let z = r.map { $0 - mean }
    var cross = 0.0
    for i in z.indices where !w.neighbours[i].isEmpty {
      cross += z[i] * w.neighbours[i].reduce(0) { $0 + z[$1] } / Double(w.neighbours[i].count)
    }
    let s0 = Double(w.neighbours.filter { !$0.isEmpty }.count)
    let expected = Double(z.count) / s0 * cross / z.reduce(0) { $0 + $1 * $1 }
    #expect(abs(moran.i - expected) < 1e-12, "I \(moran.i) vs \(expected)")
    #expect(moran.permutations == 99 && moran.n == 4038)
    #expect(moran.pSimulated > 0 && moran.pSimulated <= 1)
  }
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
