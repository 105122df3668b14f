import GLPKBridge
import Testing
import WijkstatBenchData

@testable import WijkstatCore

/// The interval attack's bounds by maximum flows (NetworkBounds) against
/// ranges worked out by hand and against GLPK's exact bounds (simplex, and
/// branch and cut where a vertex is not whole) on the same systems.
@Suite struct NetworkBoundsTests {
  let solver = GLPKSolver()

  /// A 2 × 2 table with its margins published and all four cells withheld:
  /// a + b = 7, c + d = 3, a + c = 6, b + d = 4 (true a, b, c, d = 4, 3, 2, 1),
  /// each in 0...100. By hand: a = 6 − c, b = 1 + c, d = 3 − c, and d ≥ 0
  /// gives c ≤ 3: c in 0...3, a in 3...6, b in 1...4, d in 0...3.
  @Test func aTwoByTwoTableByHand() throws {
    let system = LinearSystem(
      lower: [0, 0, 0, 0], upper: [100, 100, 100, 100],
      equations: [
        .init(variables: [0, 1], coefficients: [1, 1], rhs: 7),
        .init(variables: [2, 3], coefficients: [1, 1], rhs: 3),
        .init(variables: [0, 2], coefficients: [1, 1], rhs: 6),
        .init(variables: [1, 3], coefficients: [1, 1], rhs: 4),
      ], integral: true)
    let bounds = try #require(NetworkBounds(system))
    let exact = try #require(bounds.ranges(at: [4, 3, 2, 1], minimumCount: nil))
    #expect(exact == [3...6, 1...4, 0...3, 0...3])
    // The same from GLPK.
    #expect(solver.ranges(of: [0, 1, 2, 3], in: system) == [3...6, 1...4, 0...3, 0...3])
    // For the rule with m = 5 all four fail (3...6 and 1...4 do not start at 0
    // or at 5; 0...3 is narrower than 5): their ranges are the exact ones.
    #expect(bounds.ranges(at: [4, 3, 2, 1], minimumCount: 5) == [3...6, 1...4, 0...3, 0...3])
    // From another solution (a, b, c, d = 6, 1, 0, 3) the same ranges.
    #expect(bounds.ranges(at: [6, 1, 0, 3], minimumCount: nil) == [3...6, 1...4, 0...3, 0...3])
    // Not a solution: refused.
    #expect(bounds.ranges(at: [4, 3, 2, 2], minimumCount: nil) == nil)
  }

  /// Wider bounds: the same table with row 2 = 13 and column 1 = 16
  /// (a, b, c, d = 4, 3, 12, 1, total 20). By hand, with
  /// a + b = 7, c + d = 13, a + c = 16, b + d = 4: a = 16 − c, b = c − 9,
  /// d = 13 − c, so 9 ≤ c ≤ 13: a in 3...7, b in 0...4, c in 9...13, d in 0...4.
  /// For the rule (m = 5) b and d start at 0 and reach 4 < 5: fail; a starts at
  /// 3: fails; c starts at 9 ≥ 5 with width 4 < 5: fails.
  @Test func aTableWhoseCellsAllFail() throws {
    let system = LinearSystem(
      lower: [0, 0, 0, 0], upper: [100, 100, 100, 100],
      equations: [
        .init(variables: [0, 1], coefficients: [1, 1], rhs: 7),
        .init(variables: [2, 3], coefficients: [1, 1], rhs: 13),
        .init(variables: [0, 2], coefficients: [1, 1], rhs: 16),
        .init(variables: [1, 3], coefficients: [1, 1], rhs: 4),
      ], integral: true)
    let bounds = try #require(NetworkBounds(system))
    let ranges = try #require(bounds.ranges(at: [4, 3, 12, 1], minimumCount: 5))
    #expect(ranges == [3...7, 0...4, 9...13, 0...4])
    #expect(ranges.allSatisfy { !IntervalAttack.isProtected($0, minimumCount: 5, integral: true) })
  }

  /// A row with its total published and a withheld total elsewhere: x + y = 12
  /// (x ≤ 6), and z alone in no equation. x in 0...6, y in 6...12, z in 0...40.
  /// With the rule, ranges are cut where they are decided: x from 0 needs to
  /// reach 5, so 0...5 is witnessed (a part of 0...6). y from 6 (≥ 5) needs
  /// width 5, up to 11: its own flow would stop there, but lowering x from 2 to
  /// 0 (x's first flow) took y to 12, so that solution decides it and 6...12
  /// is what is witnessed (here the whole range).
  @Test func witnessedRangesStopWhenTheRuleIsDecided() throws {
    let system = LinearSystem(
      lower: [0, 0, 0], upper: [6, 100, 40],
      equations: [.init(variables: [0, 1], coefficients: [1, 1], rhs: 12)],
      integral: true)
    let bounds = try #require(NetworkBounds(system))
    #expect(bounds.ranges(at: [2, 10, 7], minimumCount: nil) == [0...6, 6...12, 0...40])
    let decided = try #require(bounds.ranges(at: [2, 10, 7], minimumCount: 5))
    #expect(decided[0] == 0...5)
    #expect(decided[1] == 6...12)
    #expect(decided[2] == 0...40)
    #expect(decided.allSatisfy { IntervalAttack.isProtected($0, minimumCount: 5, integral: true) })
  }

  /// Systems that are not networks are left to GLPK.
  @Test func notANetwork() {
    // x in three equations.
    let three = LinearSystem(
      lower: [0, 0, 0, 0], upper: [9, 9, 9, 9],
      equations: [
        .init(variables: [0, 1], coefficients: [1, 1], rhs: 5),
        .init(variables: [0, 2], coefficients: [1, 1], rhs: 5),
        .init(variables: [0, 3], coefficients: [1, 1], rhs: 5),
      ], integral: true)
    #expect(NetworkBounds(three) == nil)
    // Signs that cannot be chosen: x + y = 5 and x − y = 1 (x says the second
    // equation's sign is −1, y says +1).
    let odd = LinearSystem(
      lower: [0, 0], upper: [9, 9],
      equations: [
        .init(variables: [0, 1], coefficients: [1, 1], rhs: 5),
        .init(variables: [0, 1], coefficients: [1, -1], rhs: 1),
      ],
      integral: true)
    #expect(NetworkBounds(odd) == nil)
    // A coefficient of 2.
    let scaled = LinearSystem(
      lower: [0, 0], upper: [9, 9],
      equations: [.init(variables: [0, 1], coefficients: [2, 1], rhs: 5)], integral: true)
    #expect(NetworkBounds(scaled) == nil)
  }

  /// 300 random gemeente-years (2 to 9 PC-4 areas × 3 age groups, their row
  /// totals, the gemeente's age groups and total, counts 0–14, each cell
  /// withheld with probability 0.6), as IntervalAttack builds their systems:
  /// every one is a network and its exact bounds equal GLPK's.
  @Test func randomGemeenteYearsAgreeWithGLPK() throws {
    var random = SeededRandom(seed: 14)
    var compared = 0
    for _ in 0..<300 {
      let areas = 2 + Int(random.below(8))
      // Cells: (area, group) for area in 0..<areas plus the gemeente row `areas`;
      // group 3 is the total.
      var value = [[Double]](repeating: [0, 0, 0, 0], count: areas + 1)
      var upper = [[Double]](repeating: [0, 0, 0, 0], count: areas + 1)
      for a in 0..<areas {
        for g in 0..<3 {
          value[a][g] = Double(random.below(15))
          upper[a][g] = value[a][g] + Double(random.below(30))
        }
      }
      for a in 0...areas {
        if a == areas {
          for g in 0..<3 {
            value[a][g] = (0..<areas).reduce(0) { $0 + value[$1][g] }
            upper[a][g] = (0..<areas).reduce(0) { $0 + upper[$1][g] }
          }
        }
        value[a][3] = value[a][0] + value[a][1] + value[a][2]
        upper[a][3] = upper[a][0] + upper[a][1] + upper[a][2]
      }
      var unknown = [[Int]](repeating: [-1, -1, -1, -1], count: areas + 1)
      var lower: [Double] = []
      var bounds: [Double] = []
      var truth: [Double] = []
      for a in 0...areas {
        for g in 0..<4 where random.nextUnit() < 0.6 {
          unknown[a][g] = lower.count
          lower.append(0)
          bounds.append(upper[a][g])
          truth.append(value[a][g])
        }
      }
      guard !lower.isEmpty else { continue }
      var equations: [LinearSystem.Equation] = []
      func sum(total: (Int, Int), parts: [(Int, Int)]) {
        var variables: [Int] = []
        var coefficients: [Double] = []
        var rhs = 0.0
        for (a, g) in parts {
          if unknown[a][g] >= 0 {
            variables.append(unknown[a][g])
            coefficients.append(1)
          } else {
            rhs -= value[a][g]
          }
        }
        if unknown[total.0][total.1] >= 0 {
          variables.append(unknown[total.0][total.1])
          coefficients.append(-1)
        } else {
          rhs += value[total.0][total.1]
        }
        if !variables.isEmpty {
          equations.append(.init(variables: variables, coefficients: coefficients, rhs: rhs))
        }
      }
      for a in 0...areas { sum(total: (a, 3), parts: [(a, 0), (a, 1), (a, 2)]) }
      for g in 0..<4 { sum(total: (areas, g), parts: (0..<areas).map { ($0, g) }) }
      let system = LinearSystem(lower: lower, upper: bounds, equations: equations, integral: true)
      let network = try #require(NetworkBounds(system), "a gemeente-year must be a network")
      let byFlow = try #require(network.ranges(at: truth, minimumCount: nil))
      let byGLPK = try #require(solver.ranges(of: Array(lower.indices), in: system))
      for j in lower.indices {
        #expect(
          byFlow[j] == IntervalAttack.rounded(byGLPK[j], integral: true),
          "unknown \(j): \(byFlow[j]) vs GLPK \(byGLPK[j])")
        compared += 1
      }
      // The rule's decisions from the witnessed ranges are the exact ones.
      let witnessed = try #require(network.ranges(at: truth, minimumCount: 5))
      for j in lower.indices {
        #expect(
          IntervalAttack.isProtected(
            witnessed[j], minimumCount: 5, integral: true, upper: bounds[j])
            == IntervalAttack.isProtected(
              byFlow[j], minimumCount: 5, integral: true, upper: bounds[j]))
        #expect(
          byFlow[j].contains(witnessed[j].lowerBound) && byFlow[j].contains(witnessed[j].upperBound)
        )
      }
    }
    #expect(compared > 3000, "\(compared)")
  }

  /// The whole attack on a 900-area panel in 60 gemeenten (after primary and
  /// the simple secondary suppression): by maximum flows and by GLPK alone the
  /// same exact ranges for every withheld cell, and every component a network.
  @Test func theAttackOnAPanelAgreesWithGLPK() throws {
    let codes = (0..<900).map { String(1000 + $0) }
    var rows = BenchmarkData.panel(codes: codes, level: .pc4, years: [2009, 2010], seed: 5).rows
    for i in rows.indices { rows[i].gemeente = "GM\(String(format: "%04d", (i / 2) / 15 + 1))" }
    var gemeenten: [PanelRow] = []
    for year in [2009, 2010] {
      for g in 0..<60 {
        let code = "GM\(String(format: "%04d", g + 1))"
        let members = rows.filter { $0.gemeente == code && $0.year == year }
        var row = PanelRow(level: .gemeente, area: code, gemeente: nil, year: year)
        for group in AgeGroup.allCases {
          row.reported[group] = members.reduce(0) { $0 + $1.reported[group]! }
          row.children[group] = members.reduce(0) { $0 + $1.children[group]! }
        }
        gemeenten.append(row)
      }
    }
    let panel = Panel(rows: gemeenten + rows, indicatorNames: [])
    let cells = PublishedCells(
      panel: panel, suppression: Suppression(panel: panel, rule: SuppressionRule()))
    let byFlow = IntervalAttack.run(cells, minimumCount: 5, solver: solver, exact: true)
    let byGLPK = IntervalAttack.run(
      cells, minimumCount: 5, solver: solver, exact: true, network: false)
    #expect(
      byFlow.networkComponents > 100 && byFlow.programmeComponents == 0,
      "\(byFlow.networkComponents) \(byFlow.programmeComponents)")
    #expect(byGLPK.networkComponents == 0)
    #expect(byFlow.ranges.count == cells.withheldCount)
    for (cell, range) in byGLPK.ranges {
      #expect(
        byFlow.ranges[cell] == IntervalAttack.rounded(range, integral: true),
        "\(cells.keys[cell].description)")
    }
    #expect(byFlow.failing == byGLPK.failing)
    #expect(byFlow.failing.count > 10)
    // The fast decisions (witnessed ranges) fail the same cells.
    #expect(IntervalAttack.run(cells, minimumCount: 5, solver: solver).failing == byFlow.failing)
    // The attacker's view (no true counts: a GLPK solution to start from) too.
    var attacker = cells
    attacker.truth = nil
    #expect(
      IntervalAttack.run(attacker, minimumCount: 5, solver: solver, exact: true).failing
        == byFlow.failing)
  }
}
