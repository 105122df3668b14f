import Foundation

/// The interval attack on a set of published cells, and the protection rule it
/// checks (README.md, "Disclosure control").
///
/// The attacker's knowledge is the `LinearSystem` of every published sum
/// (`PublishedCells`) with the withheld cells unknown in 0...children. For each
/// withheld cell the attack computes its feasible range [L, U] (the integer
/// programme's minimum and maximum: GLPK's simplex, then branch and cut where
/// the optimal vertex is not whole).
///
/// **The rule** (τ-ARGUS-style protection levels, at least as strong as the
/// issue asks): with m = minimum_count and L, U rounded inwards to whole
/// numbers, every withheld cell must have
///
///     U − L ≥ m            (the range holds at least m + 1 whole numbers), and
///     L = 0  or  L ≥ m     (a withheld count can be zero, or is not small at all).
///
/// For a count below m (L ≤ count < m) this means L = 0 and U ≥ m: the attacker
/// can tell neither whether it is zero nor that it is small. The rule is the
/// same for every withheld cell, since the published files do not say which
/// ones are primary.
///
/// **Speed** (exact, by decomposition): withheld cells linked by the row and
/// hierarchy sums form small components (a gemeente-year at most), solved
/// apart. A contrast sum runs over a whole year and would join them all: it is
/// split into one piece per component, each piece equal to that component's
/// part of the sum at a solution `point` of the whole system (the true counts
/// where the publisher checks, else a solution GLPK finds). Pieces are more
/// than the attacker knows, so a range from them lies inside the true range:
/// a cell that passes, passes. A cell that fails in a component that was split
/// is solved again on its year's whole system, so every finding is exact.
public enum IntervalAttack {
  public struct Result: Sendable {
    /// Per withheld cell (index into the cells), its feasible range (`exact`),
    /// or a part of it witnessed by solutions that is enough to decide the
    /// rule; for a failing cell always the exact range.
    public var ranges: [Int: ClosedRange<Double>]
    /// Withheld cells whose range breaks the rule, in cell order.
    public var failing: [Int]
    /// Years whose equations have no solution (inconsistent published sums):
    /// not checked.
    public var inconsistentYears: [Int]
    /// Components solved by maximum flows (NetworkBounds), and by GLPK.
    public var networkComponents = 0
    public var programmeComponents = 0
  }

  /// Wide sums with at most this many withheld cells join their components.
  static let joinLimit = 48
  /// The publisher's exact checks per year (see `run`).
  static let recheckLimit = 64

  /// The rule on one range.
  /// A cell that cannot exceed `upper` < m (an age group of fewer than m
  /// children) is protected by its whole possible range 0...upper.
  public static func isProtected(
    _ range: ClosedRange<Double>, minimumCount m: Double, integral: Bool, upper: Double = .infinity
  ) -> Bool {
    let low = integral ? (range.lowerBound - 1e-6).rounded(.up) : range.lowerBound
    let high = integral ? (range.upperBound + 1e-6).rounded(.down) : range.upperBound
    let top = integral ? (upper + 1e-6).rounded(.down) : upper
    let width = min(m, top)
    return high - low >= width - 1e-9 && (low <= 1e-9 || low >= m - 1e-9)
  }

  /// The whole-number bounds the rule looks at.
  public static func rounded(_ range: ClosedRange<Double>, integral: Bool) -> ClosedRange<Double> {
    guard integral else { return range }
    let low = (range.lowerBound - 1e-6).rounded(.up)
    return low...max(low, (range.upperBound + 1e-6).rounded(.down))
  }

  /// One linked component: its unknowns (cell indices) and equations.
  struct Component {
    var cells: [Int]
    var split: Bool
  }

  /// `network`: components whose equations are a network (NetworkBounds) get
  /// their exact bounds by maximum flows instead of linear programmes (false:
  /// GLPK for every component, as the tests compare).
  public static func run(
    _ published: PublishedCells, minimumCount: Double, solver: any IntervalSolver,
    cache: ComponentCache? = nil, exact: Bool = false, network: Bool = true
  ) -> Result {
    func solve(_ targets: [Int], _ system: LinearSystem) -> [ClosedRange<Double>]? {
      exact
        ? solver.ranges(of: targets, in: system)
        : solver.protectionRanges(of: targets, in: system, minimumCount: minimumCount)
    }
    let withheld = published.values.indices.filter { published.values[$0] == nil }
    var unknownOf = [Int](repeating: -1, count: published.values.count)
    for (u, cell) in withheld.enumerated() { unknownOf[cell] = u }
    let integral =
      published.values.allSatisfy { $0.map { $0 == $0.rounded() } ?? true }
      && (published.truth ?? []).allSatisfy { $0 == $0.rounded() }

    // Equations over unknowns: Σ parts − total = 0 with published cells moved right.
    struct Term { var unknown: Int; var coefficient: Double }
    var equations: [(terms: [Term], rhs: Double, wide: Bool, year: Int)] = []
    // Unknowns appearing in a sum other than the one they total (see below).
    var appearances = [Int](repeating: 0, count: withheld.count)
    for sum in published.sums {
      var terms: [Term] = []
      var rhs = 0.0
      for part in sum.parts {
        if let value = published.values[part] {
          rhs -= value
        } else {
          terms.append(Term(unknown: unknownOf[part], coefficient: 1))
        }
      }
      if let value = published.values[sum.total] {
        rhs += value
      } else {
        terms.append(Term(unknown: unknownOf[sum.total], coefficient: -1))
      }
      guard !terms.isEmpty else { continue }
      // A sum the published figures contradict (no values of its unknowns
      // within their bounds satisfy it) is known not to hold: left out, by the
      // publisher's check and the audit alike (CountSources).
      var least = 0.0
      var most = 0.0
      for term in terms {
        let (l, u) = (
          published.lower[withheld[term.unknown]], published.upper[withheld[term.unknown]]
        )
        least += term.coefficient > 0 ? term.coefficient * l : term.coefficient * u
        most += term.coefficient > 0 ? term.coefficient * u : term.coefficient * l
      }
      guard rhs >= least - 1e-9, rhs <= most + 1e-9 else { continue }
      for term in terms { appearances[term.unknown] += 1 }
      equations.append((terms, rhs, sum.wide, published.keys[sum.total].year))
    }
    // A withheld contrast cell appears in its own sum alone: that sum only
    // defines it (its bounds hold every sum of its parts), so it says nothing
    // about the parts and is left out of the components; the cell's own range
    // is found on its year's whole system.
    var definitions: Set<Int> = []
    for (e, equation) in equations.enumerated() where equation.wide {
      if let total = equation.terms.first(where: { $0.coefficient < 0 }),
        appearances[total.unknown] == 1
      {
        definitions.insert(e)
      }
    }

    // Components by the narrow sums.
    var parent = Array(withheld.indices)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    // A wide sum with few withheld cells (Tabel 4 over a small region set) joins
    // its components: solved together, exactly.
    var joining: Set<Int> = []
    for (e, equation) in equations.enumerated()
    where !equation.wide || (!definitions.contains(e) && equation.terms.count <= Self.joinLimit) {
      if equation.wide { joining.insert(e) }
      let first = find(equation.terms[0].unknown)
      for term in equation.terms.dropFirst() {
        let root = find(term.unknown)
        if root != first { parent[root] = first }
      }
    }

    // The point that splits the wide sums, per year.
    let years = Array(Set(withheld.map { published.keys[$0].year })).sorted()
    func yearSystem(_ year: Int) -> (system: LinearSystem, unknowns: [Int]) {
      let unknowns = withheld.indices.filter { published.keys[withheld[$0]].year == year }
      var local = [Int: Int]()
      for (k, u) in unknowns.enumerated() { local[u] = k }
      let eqs = equations.filter { $0.year == year }.map { eq in
        LinearSystem.Equation(
          variables: eq.terms.map { local[$0.unknown]! }, coefficients: eq.terms.map(\.coefficient),
          rhs: eq.rhs)
      }
      return (
        LinearSystem(
          lower: unknowns.map { published.lower[withheld[$0]] },
          upper: unknowns.map { published.upper[withheld[$0]] }, equations: eqs,
          integral: integral), unknowns
      )
    }
    var point = [Double](repeating: .nan, count: withheld.count)
    var inconsistent: [Int] = []
    if let truth = published.truth {
      for (u, cell) in withheld.enumerated() { point[u] = truth[cell] }
    } else {
      let yearsWithWide = Set(equations.filter { $0.wide }.map(\.year))
      for year in years where yearsWithWide.contains(year) {
        let (system, unknowns) = yearSystem(year)
        guard let solution = solver.solution(of: system) else {
          inconsistent.append(year)
          continue
        }
        for (k, u) in unknowns.enumerated() { point[u] = solution[k] }
      }
    }

    // Per component: its own equations (narrow, and wide ones it holds whole)
    // and its pieces of the wide ones it shares, in unknowns' numbers.
    var componentOf = [Int](repeating: -1, count: withheld.count)
    var rootComponent: [Int: Int] = [:]
    var components: [Component] = []
    for u in withheld.indices {
      let root = find(u)
      if rootComponent[root] == nil {
        rootComponent[root] = components.count
        components.append(Component(cells: [], split: false))
      }
      componentOf[u] = rootComponent[root]!
      components[componentOf[u]].cells.append(u)
    }
    typealias Row = (terms: [Term], rhs: Double)
    var own = [[Row]](repeating: [], count: components.count)
    // Per shared wide sum: its terms by component.
    var shared: [(e: Int, byComponent: [Int: [Term]], reserves: [Int])] = []
    var sharedOf = [[Int]](repeating: [], count: components.count)
    for (e, equation) in equations.enumerated() where !definitions.contains(e) {
      var byComponent: [Int: [Term]] = [:]
      for term in equation.terms {
        byComponent[componentOf[term.unknown], default: []].append(term)
      }
      if byComponent.count == 1 || !equation.wide || joining.contains(e) {
        own[componentOf[equation.terms[0].unknown]].append((equation.terms, equation.rhs))
        continue
      }
      guard equation.terms.allSatisfy({ point[$0.unknown].isFinite }) else { continue }
      // The components with the most cells in the sum are its reserves.
      let reserves = byComponent.keys.sorted {
        (byComponent[$0]!.count, -$0) > (byComponent[$1]!.count, -$1)
      }.prefix(2)
      for c in byComponent.keys {
        components[c].split = true
        sharedOf[c].append(shared.count)
      }
      shared.append((e, byComponent, Array(reserves)))
    }
    /// The system of `set` (components): their own equations, and their part
    /// of each shared wide sum equal to its value at `point`.
    func system(of set: [Int]) -> (system: LinearSystem, unknowns: [Int]) {
      let unknowns = set.flatMap { components[$0].cells }
      var local: [Int: Int] = [:]
      for (k, u) in unknowns.enumerated() { local[u] = k }
      var rows: [LinearSystem.Equation] = []
      for c in set {
        for row in own[c] {
          rows.append(
            .init(
              variables: row.terms.map { local[$0.unknown]! },
              coefficients: row.terms.map(\.coefficient), rhs: row.rhs))
        }
      }
      let inSet = Set(set)
      for w in Set(set.flatMap { sharedOf[$0] }).sorted() {
        let terms = shared[w].byComponent.filter { inSet.contains($0.key) }.sorted {
          $0.key < $1.key
        }.flatMap(\.value)
        rows.append(
          .init(
            variables: terms.map { local[$0.unknown]! }, coefficients: terms.map(\.coefficient),
            rhs: terms.reduce(0) { $0 + $1.coefficient * point[$1.unknown] }))
      }
      return (
        LinearSystem(
          lower: unknowns.map { published.lower[withheld[$0]] },
          upper: unknowns.map { published.upper[withheld[$0]] }, equations: rows, integral: integral
        ),
        unknowns
      )
    }
    let skipYears = Set(inconsistent)
    // Solve the components (on both cores; each its own GLPK problem).
    let order = components.indices.filter {
      !skipYears.contains(published.keys[withheld[components[$0].cells[0]]].year)
    }
    let solved = ParallelFor.map(order.count, minimumChunk: 64) {
      n -> (ranges: [ClosedRange<Double>]?, network: Bool) in
      // A component's system is fixed by its withheld cells where the true
      // counts are known (its sums, their published cells and the pieces at the
      // truth): the loop's later rounds look its ranges up by them.
      let key = published.truth == nil ? nil : components[order[n]].cells.map { withheld[$0] }
      if let cache, let key, let known = cache.ranges(for: key) { return known }
      let (system, unknowns) = system(of: [order[n]])
      var ranges: [ClosedRange<Double>]? = nil
      if network, integral, let bounds = NetworkBounds(system) {
        // A whole solution to start from: the true counts where the publisher
        // checks, else one GLPK finds (a vertex of a network system is whole).
        var start = unknowns.map { point[$0] }
        if !start.allSatisfy(\.isFinite) || !bounds.isSolution(start) {
          start = (solver.solution(of: system) ?? []).map {
            abs($0 - $0.rounded()) < 1e-7 ? $0.rounded() : $0
          }
        }
        ranges = bounds.ranges(at: start, minimumCount: exact ? nil : minimumCount)
      }
      let byNetwork = ranges != nil
      if ranges == nil { ranges = solve(Array(system.lower.indices), system) }
      if let cache, let key, let ranges { cache.store((ranges, byNetwork), for: key) }
      return (ranges, byNetwork)
    }
    let networkComponents = solved.filter(\.network).count
    var ranges: [Int: ClosedRange<Double>] = [:]
    var again: [Int] = []
    var recheck: [Int: [Int]] = [:]
    for (n, c) in order.enumerated() {
      let component = components[c]
      guard let found = solved[n].ranges else {
        // No solution with the pieces: only possible when split.
        again.append(c)
        continue
      }
      var fails = false
      for (k, u) in component.cells.enumerated() {
        ranges[withheld[u]] = found[k]
        if component.split && !published.isExempt(withheld[u])
          && !isProtected(
            found[k], minimumCount: minimumCount, integral: integral,
            upper: published.upper[withheld[u]])
        {
          fails = true
        }
      }
      if fails { again.append(c) }
    }
    // A split component with a failing cell: again with the reserves of its
    // shared sums (the other components stay at the point, the reserves take
    // up the difference).
    let retried = ParallelFor.map(again.count, minimumChunk: 16) { n -> [ClosedRange<Double>]? in
      let c = again[n]
      var set = [c]
      for w in sharedOf[c] {
        if let reserve = shared[w].reserves.first(where: { $0 != c }), !set.contains(reserve) {
          set.append(reserve)
        }
      }
      let (system, _) = system(of: set)
      return solve(Array(components[c].cells.indices), system)
    }
    for (n, c) in again.enumerated() {
      for (k, u) in components[c].cells.enumerated() {
        if let found = retried[n] { ranges[withheld[u]] = found[k] }
        if published.isExempt(withheld[u]) { continue }
        if retried[n] == nil
          || !isProtected(
            ranges[withheld[u]]!, minimumCount: minimumCount, integral: integral,
            upper: published.upper[withheld[u]])
        {
          recheck[published.keys[withheld[u]].year, default: []].append(u)
        }
      }
    }
    for e in definitions {
      let total = equations[e].terms.first { $0.coefficient < 0 }!.unknown
      if !published.isExempt(withheld[total]), !skipYears.contains(equations[e].year) {
        recheck[equations[e].year, default: []].append(total)
      }
    }
    // Exact ranges on the whole year for the cells the split could not clear.
    for year in recheck.keys.sorted() {
      // The publisher (who knows the truth) leaves many such cells to more
      // suppression instead: their ranges from the pieces stand (narrower than
      // the true ones, so this errs on the safe side).
      if published.truth != nil, recheck[year]!.count > Self.recheckLimit { continue }
      var (system, unknowns) = yearSystem(year)
      var local = [Int: Int]()
      for (k, u) in unknowns.enumerated() { local[u] = k }
      let targets = recheck[year]!.compactMap { local[$0] }
      system.integral = integral
      guard let found = solve(targets, system) else {
        inconsistent.append(year)
        continue
      }
      for (t, k) in targets.enumerated() { ranges[withheld[unknowns[k]]] = found[t] }
    }
    let skipped = Set(inconsistent)
    let failing = withheld.filter { cell in
      guard !published.isExempt(cell) else { return false }
      guard let range = ranges[cell] else { return !skipped.contains(published.keys[cell].year) }
      return !isProtected(
        range, minimumCount: minimumCount, integral: integral, upper: published.upper[cell])
    }
    return Result(
      ranges: ranges, failing: failing, inconsistentYears: inconsistent.sorted(),
      networkComponents: networkComponents,
      programmeComponents: order.count - networkComponents)
  }
}

/// Ranges of components already solved, by their withheld cells (the
/// protection loop attacks again after each round; most components are
/// unchanged), and whether maximum flows solved them.
///
/// `@unchecked Sendable`, safe: its only stored state, `known`, is private and read
/// and written only inside `lock.withLock` (the two methods below); the values are
/// arrays of ranges (values, copied out).
public final class ComponentCache: @unchecked Sendable {
  private var known: [[Int]: (ranges: [ClosedRange<Double>], network: Bool)] = [:]
  private let lock = NSLock()
  public init() {}
  func ranges(for cells: [Int]) -> (ranges: [ClosedRange<Double>]?, network: Bool)? {
    lock.withLock { known[cells].map { ($0.ranges, $0.network) } }
  }
  func store(_ value: (ranges: [ClosedRange<Double>], network: Bool), for cells: [Int]) {
    lock.withLock { known[cells] = value }
  }
}
