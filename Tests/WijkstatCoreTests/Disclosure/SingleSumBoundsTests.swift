import Foundation
import GLPKBridge
import Testing
import WijkstatBenchData

@testable import WijkstatCore

/// The closed-form bounds of a one-equation component (SingleSumBounds)
/// against ranges worked out by hand and against GLPK's exact bounds
/// (GLPKSolver.ranges: simplex, then branch and cut) on the same systems.
@Suite struct SingleSumBoundsTests {
  let solver = GLPKSolver()

  /// PC-4 9713 of the issue: total 15 and age 4–7 = 7 published, 0–3 (x, of
  /// 3 children) and 8–17 (y, of 60) withheld: x + y = 8. By hand x ≤ 3 gives
  /// y ≥ 5: x in 0...3, y in 5...8.
  @Test func twoWithheldAgeGroupsByHand() throws {
    let ranges = try #require(
      SingleSumBounds.ranges(coefficients: [1, 1], lower: [0, 0], upper: [3, 60], rhs: 8))
    #expect(ranges == [0...3, 5...8])
  }

  /// A withheld total t with two withheld groups a, b and a published one
  /// of 7: a + b − t = −7, a ≤ 10, b ≤ 20, t ≤ 25. By hand t = a + b + 7 is
  /// in 7...37, cut to 7...25; a = t − b − 7 in max(0, 7 − 20 − 7)...min(10,
  /// 25 − 7) = 0...10; b in 0...min(20, 25 − 7) = 0...18.
  @Test func aWithheldTotalByHand() throws {
    let ranges = try #require(
      SingleSumBounds.ranges(
        coefficients: [1, 1, -1], lower: [0, 0, 0], upper: [10, 20, 25], rhs: -7))
    #expect(ranges == [0...10, 0...18, 7...25])
  }

  /// Children not known (upper bound infinite): no ∞ − ∞. With t unbounded,
  /// t = a + b + 7 in 7...37 and a, b keep their own bounds; with a also
  /// unbounded, t and a have no upper end and b stays 0...20.
  @Test func infiniteBoundsAreCountedApart() throws {
    let one = try #require(
      SingleSumBounds.ranges(
        coefficients: [1, 1, -1], lower: [0, 0, 0], upper: [10, 20, .infinity], rhs: -7))
    #expect(one == [0...10, 0...20, 7...37])
    let two = try #require(
      SingleSumBounds.ranges(
        coefficients: [1, 1, -1], lower: [0, 0, 0], upper: [.infinity, 20, .infinity], rhs: -7))
    #expect(two == [0...Double.infinity, 0...20, 7...Double.infinity])
  }

  /// No solution in the box: x + y = 30 with x ≤ 10, y ≤ 15.
  @Test func noSolutionIsNil() {
    #expect(
      SingleSumBounds.ranges(coefficients: [1, 1], lower: [0, 0], upper: [10, 15], rhs: 30) == nil)
  }

  /// 400 random equations of 1 to 5 unknowns (coefficients ±1, whole bounds
  /// in 0...20, the right-hand side from a random whole point in the box):
  /// the closed form gives GLPK's exact integer bounds for every unknown.
  @Test func randomEquationsAgreeWithGLPK() throws {
    var random = SeededRandom(seed: 19)
    for _ in 0..<400 {
      let n = Int(random.next() % 5) + 1
      var coefficients: [Double] = []
      var lower: [Double] = []
      var upper: [Double] = []
      var point: [Double] = []
      for _ in 0..<n {
        coefficients.append(random.next() % 2 == 0 ? 1 : -1)
        let low = Double(random.next() % 4)
        let width = random.next() % 17
        lower.append(low)
        upper.append(low + Double(width))
        point.append(low + Double(random.next() % (width + 1)))
      }
      var rhs = 0.0
      for k in 0..<n { rhs += coefficients[k] * point[k] }
      let closed = try #require(
        SingleSumBounds.ranges(coefficients: coefficients, lower: lower, upper: upper, rhs: rhs))
      let system = LinearSystem(
        lower: lower, upper: upper,
        equations: [.init(variables: Array(0..<n), coefficients: coefficients, rhs: rhs)],
        integral: true)
      let glpk = try #require(solver.ranges(of: Array(0..<n), in: system))
      #expect(closed == glpk.map { IntervalAttack.rounded($0, integral: true) }, "\(system)")
    }
  }

  /// The attack on a PC-6 panel with no level above it (every component one
  /// area-year: its total and age groups): every component in closed form,
  /// none remembered (exact ranges), and the same exact ranges and failing cells as GLPK alone.
  @Test func theAttackOnAPC6PanelUsesTheClosedForm() throws {
    let codes = (0..<600).map { String(format: "%04dAB", 1000 + $0) }
    let panel = BenchmarkData.panel(codes: codes, level: .pc6, years: [2009, 2010], seed: 3)
    let cells = PublishedCells(
      panel: panel, suppression: Suppression(panel: panel, rule: SuppressionRule()))
    let memory = PassedRanges()
    let closed = IntervalAttack.run(
      cells, minimumCount: 5, solver: solver, memory: memory, exact: true)
    let byGLPK = IntervalAttack.run(
      cells, minimumCount: 5, solver: solver, exact: true, network: false)
    #expect(closed.singleSumComponents > 100, "\(closed.singleSumComponents)")
    #expect(closed.networkComponents == 0 && closed.programmeComponents == 0)
    #expect(byGLPK.singleSumComponents == 0)
    #expect(memory.count == 0)
    #expect(closed.ranges.count == cells.withheldCount)
    for (cell, range) in byGLPK.ranges {
      #expect(closed.ranges[cell] == IntervalAttack.rounded(range, integral: true))
    }
    #expect(closed.failing == byGLPK.failing)
    #expect(closed.failing.count > 10, "\(closed.failing.count)")
    // The rule's decisions (not exact) fail the same cells.
    #expect(IntervalAttack.run(cells, minimumCount: 5, solver: solver).failing == closed.failing)
  }
}
