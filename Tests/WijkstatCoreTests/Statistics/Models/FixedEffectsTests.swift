import Foundation
import LAPACKBridge
import Testing

@testable import WijkstatCore

/// Gemeente fixed effects concentrated out of the fit (`Design`'s Schur
/// complement) against the same model with the effects as dense 0/1 columns
/// (how session 6 fitted them; its results matched statsmodels 0.15.0 to
/// 1e-6, CountModelAnalysisTests), and the two checks only groups need.
@Suite struct FixedEffectsTests {
  let algebra = LAPACK()

  /// The demo's 2009 PC-4 areas (338), five indicators, the flag and the
  /// 8 gemeenten: both ways give the same β, model and HC0 standard errors,
  /// deviance, ℓ and α to 1e-9 relative (only rounding differs).
  @Test func absorbedEffectsEqualDenseDummyColumns() throws {
    let data = DemoModelData()
    let codes = Array(Set(data.gemeenten)).sorted()
    #expect(codes.count == 8)
    let dummies = codes.dropFirst().map { code in data.gemeenten.map { $0 == code ? 1.0 : 0 } }
    let names = DemoModelData.names + codes.dropFirst().map { "gemeente \($0)" }
    let effects = FixedEffects(
      group: data.gemeenten.map { codes.firstIndex(of: $0)! }, names: codes.map { "gemeente \($0)" }
    )
    for family in CountFamily.allCases {
      let dense = try CountRegression.fit(
        family: family, y: data.y, offset: data.offset, columns: data.design + dummies,
        names: names, algebra: algebra)
      let absorbed = try CountRegression.fit(
        family: family, y: data.y, offset: data.offset, columns: data.design,
        names: DemoModelData.names,
        fixedEffects: effects, algebra: algebra)
      #expect(absorbed.names == names)
      #expect(absorbed.parameters == dense.parameters)
      expectClose(absorbed.coefficients, dense.coefficients, 1e-9, "\(family) β")
      expectClose(absorbed.standardErrors, dense.standardErrors, 1e-9, "\(family) SE")
      expectClose(
        absorbed.robustStandardErrors, dense.robustStandardErrors, 1e-9, "\(family) HC0 SE")
      // Every covariance entry, not only the diagonal (Tabel 5 needs none but
      // model.csv's z and intervals of each gemeente effect use the diagonal).
      let scale = dense.covariance.map(abs).max()!
      #expect(
        zip(absorbed.covariance, dense.covariance).allSatisfy { abs($0 - $1) <= 1e-9 * scale })
      expectClose(absorbed.deviance, dense.deviance, 1e-9, "\(family) deviance")
      expectClose(absorbed.logLikelihood, dense.logLikelihood, 1e-12, "\(family) ℓ")
      if family == .negativeBinomial { expectClose(absorbed.alpha, dense.alpha, 1e-9, "α") }
      expectClose(absorbed.fitted, dense.fitted, 1e-9, "\(family) μ")
    }
  }

  /// A gemeente whose areas have no reports: its effect is −∞, said in one
  /// sentence that names it (the dense columns only failed to converge).
  @Test func aGemeenteWithoutReportsIsSeparation() throws {
    let n = 30
    var y: [Double] = []
    var x: [Double] = []
    for i in 0..<n {
      // Gemeente 3 (every third area) has no reports.
      let count: Int = i % 3 == 2 ? 0 : 1 + i % 4
      y.append(Double(count))
      x.append(Double((i * 7) % 11))
    }
    let effects = FixedEffects(
      group: (0..<n).map { $0 % 3 },
      names: ["gemeente GM0001", "gemeente GM0002", "gemeente GM0003"])
    let expected = CountModelProblem(
      .separationGroup(areas: 10, group: "gemeente GM0003", kind: "gemeente"))
    #expect(
      expected.message
        == "separation: the 10 areas of gemeente GM0003 have no reports, so its gemeente effect is −∞ with no finite interval; leave out the gemeente effects or merge it with a neighbour"
    )
    #expect(throws: expected) {
      try CountRegression.fit(
        family: .poisson, y: y, offset: [Double](repeating: log(100), count: n),
        columns: [[Double](repeating: 1, count: n), x], names: ["intercept", "x"],
        fixedEffects: effects, algebra: algebra)
    }
  }

  /// An indicator that is one value per gemeente is absorbed by the effects.
  @Test func anIndicatorConstantWithinGemeentenIsNamed() throws {
    let n = 40
    let group = (0..<n).map { $0 % 4 }
    let levels: [Double] = [3.0, 5.5, 4.0, 9.0]
    var y: [Double] = []
    var x: [Double] = []
    var perGemeente: [Double] = []
    for i in 0..<n {
      let count: Int = 1 + (i * 5) % 7
      y.append(Double(count))
      x.append(Double((i * 7) % 11))
      perGemeente.append(levels[group[i]])
    }
    let effects = FixedEffects(group: group, names: (1...4).map { "gemeente GM000\($0)" })
    do {
      _ = try CountRegression.fit(
        family: .poisson, y: y, offset: [Double](repeating: log(100), count: n),
        columns: [[Double](repeating: 1, count: n), x, perGemeente],
        names: ["intercept", "x", "armoede_gemeente"],
        fixedEffects: effects, algebra: algebra)
      Issue.record("fitted an indicator the gemeente effects absorb")
    } catch let problem as CountModelProblem {
      #expect(
        problem.message.hasPrefix(
          "collinear with the gemeente effects: armoede_gemeente (almost) constant within every gemeente"
        ), "\(problem.message)")
    }
  }
}
