import CGLPK
import WijkstatCore

/// The interval attack's bound problems solved by GLPK 5 (simplex, and branch
/// and cut where the simplex optimum is not whole): one GLPK problem per
/// system, each bound a change of objective and a warm-started re-solve.
/// Every GLPK handle lives and dies inside one call.
public struct GLPKSolver: IntervalSolver {
  public init() {}

  public func ranges(of targets: [Int], in system: LinearSystem) -> [ClosedRange<Double>]? {
    guard let problem = Problem(system) else { return nil }
    var result: [ClosedRange<Double>] = []
    result.reserveCapacity(targets.count)
    for target in targets {
      guard let low = problem.optimum(target, maximise: false),
        let high = problem.optimum(target, maximise: true)
      else { return nil }
      result.append(low...max(low, high))
    }
    return result
  }

  /// Witnesses first: the solutions minimising and maximising the sum of the
  /// targets, when whole, show for many targets at once that 0 and a value of
  /// m or more are possible (L = 0, U ≥ m). Every further bound programme's
  /// whole solution is a witness for all targets too; only targets that stay
  /// undecided get their own minimum and maximum.
  public func protectionRanges(of targets: [Int], in system: LinearSystem, minimumCount m: Double)
    -> [ClosedRange<Double>]?
  {
    guard let problem = Problem(system) else { return nil }
    // Plain loops over Int32 columns: this runs for every component, and
    // ranges and enumerations cost more than the solver in debug builds.
    let columns = targets.map { Int32($0 + 1) }
    let count = columns.count
    func setObjective(_ coefficient: (Int) -> Double) {
      var k = 0
      while k < count {
        glp_set_obj_coef(problem.lp, columns[k], coefficient(k))
        k += 1
      }
    }
    var low = [Double](repeating: .infinity, count: targets.count)
    var high = [Double](repeating: -.infinity, count: targets.count)
    var exactLow = [Bool](repeating: false, count: targets.count)
    var exactHigh = [Bool](repeating: false, count: targets.count)
    func witness() {
      guard !system.integral || problem.isWholeVertex() else { return }
      var k = 0
      while k < count {
        let x = glp_get_col_prim(problem.lp, columns[k])
        if x < low[k] { low[k] = x }
        if x > high[k] { high[k] = x }
        k += 1
      }
    }
    for maximise in [false, true] {
      setObjective { _ in 1 }
      glp_set_obj_dir(problem.lp, maximise ? GLP_MAX : GLP_MIN)
      guard problem.solve() else { return nil }
      witness()
      setObjective { _ in 0 }
    }
    problem.current = 0
    // The width a target needs: m, or all it can hold when its bound is lower.
    let needed = targets.map { min(m, system.upper[$0].rounded(.down)) }
    func decided(_ k: Int) -> Bool { low[k] <= 1e-9 && high[k] >= needed[k] - 1e-9 }
    // A few more mixed directions (each target +1, −1 or 0, both ways): each
    // whole vertex decides many targets at once.
    var round = 0
    while round < 3, targets.indices.contains(where: { !decided($0) }) {
      setObjective { k in Double((k &* 7 &+ round &* 5) % 3 - 1) }
      for maximise in [false, true] {
        glp_set_obj_dir(problem.lp, maximise ? GLP_MAX : GLP_MIN)
        guard problem.solve() else { return nil }
        witness()
      }
      setObjective { _ in 0 }
      round += 1
    }
    for k in targets.indices where !decided(k) {
      if !(low[k] <= 1e-9) {
        guard let value = problem.optimum(targets[k], maximise: false) else { return nil }
        witness()
        low[k] = value
        exactLow[k] = true
      }
      if decided(k) { continue }
      guard let value = problem.optimum(targets[k], maximise: true) else { return nil }
      witness()
      high[k] = value
      exactHigh[k] = true
      if !exactLow[k], !(low[k] <= 1e-9) {
        guard let value = problem.optimum(targets[k], maximise: false) else { return nil }
        low[k] = value
      }
    }
    return targets.indices.map { k in low[k]...max(low[k], high[k]) }
  }

  public func solution(of system: LinearSystem) -> [Double]? {
    guard let problem = Problem(system), problem.solve() else { return nil }
    return (0..<system.count).map { glp_get_col_prim(problem.lp, Int32($0 + 1)) }
  }

  /// One glp_prob with the system loaded (columns are unknowns 1...n, rows the
  /// equations, fixed at their right-hand sides).
  final class Problem {
    let lp: OpaquePointer
    let integral: Bool
    var simplex = glp_smcp()
    var branch = glp_iocp()

    init?(_ system: LinearSystem) {
      guard let lp = glp_create_prob() else { return nil }
      self.lp = lp
      integral = system.integral
      glp_term_out(GLP_OFF)
      let n = Int32(system.count)
      if n > 0 { glp_add_cols(lp, n) }
      for j in 0..<system.count {
        let (l, u) = (system.lower[j], system.upper[j])
        let kind: Int32 = u.isInfinite ? GLP_LO : l == u ? GLP_FX : GLP_DB
        glp_set_col_bnds(lp, Int32(j + 1), kind, l, u.isInfinite ? 0 : u)
      }
      let m = Int32(system.equations.count)
      if m > 0 { glp_add_rows(lp, m) }
      var ia: [Int32] = [0]
      var ja: [Int32] = [0]
      var ar: [Double] = [0]
      for (i, equation) in system.equations.enumerated() {
        glp_set_row_bnds(lp, Int32(i + 1), GLP_FX, equation.rhs, equation.rhs)
        for (variable, coefficient) in zip(equation.variables, equation.coefficients) {
          ia.append(Int32(i + 1))
          ja.append(Int32(variable + 1))
          ar.append(coefficient)
        }
      }
      if ia.count > 1 { glp_load_matrix(lp, Int32(ia.count - 1), &ia, &ja, &ar) }
      glp_init_smcp(&simplex)
      simplex.msg_lev = GLP_MSG_OFF
      simplex.presolve = GLP_OFF
      glp_init_iocp(&branch)
      branch.msg_lev = GLP_MSG_OFF
      branch.presolve = GLP_OFF
    }

    deinit { glp_delete_prob(lp) }

    /// Solves the LP with the current objective; true when optimal.
    func solve() -> Bool {
      if glp_simplex(lp, &simplex) != 0 {
        // A basis gone singular: start from the standard one.
        glp_std_basis(lp)
        guard glp_simplex(lp, &simplex) == 0 else { return false }
      }
      return glp_get_status(lp) == GLP_OPT
    }

    var current: Int32 = 0

    /// min or max of unknown `target` (0-based).
    func optimum(_ target: Int, maximise: Bool) -> Double? {
      let column = Int32(target + 1)
      if current != column {
        if current > 0 { glp_set_obj_coef(lp, current, 0) }
        glp_set_obj_coef(lp, column, 1)
        current = column
      }
      glp_set_obj_dir(lp, maximise ? GLP_MAX : GLP_MIN)
      guard solve() else { return nil }
      let value = glp_get_obj_val(lp)
      guard integral, !isWholeVertex() else { return value }
      // The simplex optimum is not whole: the integer programme's bound may be
      // tighter. Branch and cut from the optimal basis.
      let n = glp_get_num_cols(lp)
      var j: Int32 = 1
      while j <= n {
        glp_set_col_kind(lp, j, GLP_IV)
        j += 1
      }
      defer {
        var j: Int32 = 1
        while j <= n {
          glp_set_col_kind(lp, j, GLP_CV)
          j += 1
        }
      }
      guard glp_intopt(lp, &branch) == 0, glp_mip_status(lp) == GLP_OPT else { return value }
      return glp_mip_obj_val(lp)
    }

    func isWholeVertex() -> Bool {
      let n = glp_get_num_cols(lp)
      var j: Int32 = 1
      while j <= n {
        let x = glp_get_col_prim(lp, j)
        if abs(x - x.rounded()) > 1e-7 { return false }
        j += 1
      }
      return true
    }
  }
}
