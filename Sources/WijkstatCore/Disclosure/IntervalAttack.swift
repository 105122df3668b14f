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
///
/// **Storage.** The attack runs once per round of `Suppression.secureIntervals`
/// over every withheld cell of the run (at 100,000 PC-6 areas about 2 million):
/// its equations, components and the pieces of the split sums are flat arrays
/// with offsets (compressed rows), indexed by numbers, not arrays of arrays or
/// dictionaries (a small heap object per equation, and hashing per lookup, were
/// most of its time before).
public enum IntervalAttack {
  public struct Result: Sendable {
    /// Per withheld cell (index into the cells), its feasible range (`exact`),
    /// or a part of it witnessed by solutions that is enough to decide the
    /// rule; for a failing cell always the exact range. None for a cell that
    /// passed in an earlier round (`memory`), or that is exempt and was not
    /// solved there.
    public var ranges: CellRanges
    /// Withheld cells whose range breaks the rule, in cell order.
    public var failing: [Int]
    /// Years whose equations have no solution (inconsistent published sums):
    /// not checked.
    public var inconsistentYears: [Int]
    /// Components solved by maximum flows (NetworkBounds), and by GLPK.
    public var networkComponents = 0
    public var programmeComponents = 0
    /// Components of one equation, solved in closed form (SingleSumBounds).
    public var singleSumComponents = 0
    /// Components with nothing to solve: every cell passed in an earlier
    /// round (PassedRanges).
    public var rememberedComponents = 0
    /// Withheld cells whose ranges maximum flows or GLPK computed (not the
    /// closed form, not remembered).
    public var solvedCells = 0
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

  /// The equations over the unknowns (withheld cells), Σ parts − total = rhs
  /// with the published cells moved right, as compressed rows: equation e has
  /// terms `start[e] ..< start[e + 1]` of `unknown` and `coefficient`.
  struct Equations {
    var start: [Int] = [0]
    var unknown: [Int32] = []
    var coefficient: [Double] = []
    var rhs: [Double] = []
    var wide: [Bool] = []
    var year: [Int] = []
    var count: Int { rhs.count }
    func terms(_ e: Int) -> Range<Int> { start[e]..<start[e + 1] }
  }

  /// `network`: components whose equations are a network (NetworkBounds) get
  /// their exact bounds by maximum flows instead of linear programmes (false:
  /// GLPK for every component, as the tests compare).
  /// `memory`: the publisher's ranges that passed in earlier rounds of the
  /// protection loop (PassedRanges): those cells are not solved again, and
  /// this round's passing cells are added. Used only where the true counts
  /// are known, and not with `exact`.
  public static func run(
    _ published: PublishedCells, minimumCount: Double, solver: any IntervalSolver,
    memory: PassedRanges? = nil, exact: Bool = false, network: Bool = true
  ) -> Result {
    func solve(_ targets: [Int], _ system: LinearSystem) -> [ClosedRange<Double>]? {
      exact
        ? solver.ranges(of: targets, in: system)
        : solver.protectionRanges(of: targets, in: system, minimumCount: minimumCount)
    }
    let cellCount = published.values.count
    var withheld: [Int] = []
    var unknownOf = [Int32](repeating: -1, count: cellCount)
    for cell in 0..<cellCount where published.values[cell] == nil {
      unknownOf[cell] = Int32(withheld.count)
      withheld.append(cell)
    }
    let unknowns = withheld.count
    let integral =
      published.values.allSatisfy { $0.map { $0 == $0.rounded() } ?? true }
      && (published.truth ?? []).allSatisfy { $0 == $0.rounded() }
    // Bounds and year of each unknown.
    let lowerOf = withheld.map { published.lower[$0] }
    let upperOf = withheld.map { published.upper[$0] }
    let yearOf = withheld.map { published.keys[$0].year }

    // Equations over unknowns: Σ parts − total = 0 with published cells moved right.
    var equations = Equations()
    // Unknowns appearing in a sum other than the one they total (see below).
    var appearances = [Int32](repeating: 0, count: unknowns)
    for sum in published.sums {
      let first = equations.unknown.count
      var rhs = 0.0
      for part in sum.parts {
        if let value = published.values[part] {
          rhs -= value
        } else {
          equations.unknown.append(unknownOf[part])
          equations.coefficient.append(1)
        }
      }
      if let value = published.values[sum.total] {
        rhs += value
      } else {
        equations.unknown.append(unknownOf[sum.total])
        equations.coefficient.append(-1)
      }
      let end = equations.unknown.count
      guard end > first else { continue }
      // A sum the published figures contradict (no values of its unknowns
      // within their bounds satisfy it) is known not to hold: left out, by the
      // publisher's check and the audit alike (CountSources).
      var least = 0.0
      var most = 0.0
      for t in first..<end {
        let u = Int(equations.unknown[t])
        let c = equations.coefficient[t]
        let (l, h) = (lowerOf[u], upperOf[u])
        least += c > 0 ? c * l : c * h
        most += c > 0 ? c * h : c * l
      }
      guard rhs >= least - 1e-9, rhs <= most + 1e-9 else {
        equations.unknown.removeSubrange(first..<end)
        equations.coefficient.removeSubrange(first..<end)
        continue
      }
      for t in first..<end { appearances[Int(equations.unknown[t])] += 1 }
      equations.start.append(end)
      equations.rhs.append(rhs)
      equations.wide.append(sum.wide)
      equations.year.append(published.keys[sum.total].year)
    }
    let equationCount = equations.count
    // A withheld contrast cell appears in its own sum alone: that sum only
    // defines it (its bounds hold every sum of its parts), so it says nothing
    // about the parts and is left out of the components; the cell's own range
    // is found on its year's whole system.
    var isDefinition = [Bool](repeating: false, count: equationCount)
    var definitions: [Int] = []
    for e in 0..<equationCount where equations.wide[e] {
      if let t = equations.terms(e).first(where: { equations.coefficient[$0] < 0 }),
        appearances[Int(equations.unknown[t])] == 1
      {
        isDefinition[e] = true
        definitions.append(e)
      }
    }

    // Components by the narrow sums.
    var parent = (0..<unknowns).map { Int32($0) }
    func find(_ x: Int32) -> Int32 {
      var x = x
      while parent[Int(x)] != x {
        parent[Int(x)] = parent[Int(parent[Int(x)])]
        x = parent[Int(x)]
      }
      return x
    }
    // A wide sum with few withheld cells (Tabel 4 over a small region set) joins
    // its components: solved together, exactly.
    var joining = [Bool](repeating: false, count: equationCount)
    for e in 0..<equationCount {
      let terms = equations.terms(e)
      guard !equations.wide[e] || (!isDefinition[e] && terms.count <= Self.joinLimit) else {
        continue
      }
      if equations.wide[e] { joining[e] = true }
      let first = find(equations.unknown[terms.lowerBound])
      for t in terms.dropFirst() {
        let root = find(equations.unknown[t])
        if root != first { parent[Int(root)] = first }
      }
    }

    // The years, and per year its unknowns and equations (in their order).
    let years = Array(Set(yearOf)).sorted()
    /// The whole system of `year`, with its unknowns; `local` is scratch of
    /// one entry per unknown (left as it was found).
    func yearSystem(_ year: Int, _ local: inout [Int32]) -> (system: LinearSystem, unknowns: [Int])
    {
      let members = (0..<unknowns).filter { yearOf[$0] == year }
      for (k, u) in members.enumerated() { local[u] = Int32(k) }
      var rows: [LinearSystem.Equation] = []
      for e in 0..<equationCount where equations.year[e] == year {
        let terms = equations.terms(e)
        rows.append(
          LinearSystem.Equation(
            variables: terms.map { Int(local[Int(equations.unknown[$0])]) },
            coefficients: Array(equations.coefficient[terms]), rhs: equations.rhs[e]))
      }
      for u in members { local[u] = -1 }
      return (
        LinearSystem(
          lower: members.map { lowerOf[$0] }, upper: members.map { upperOf[$0] }, equations: rows,
          integral: integral), members
      )
    }
    var scratch = [Int32](repeating: -1, count: unknowns)
    // The point that splits the wide sums, per year.
    var point = [Double](repeating: .nan, count: unknowns)
    var inconsistent: [Int] = []
    if let truth = published.truth {
      for (u, cell) in withheld.enumerated() { point[u] = truth[cell] }
    } else {
      var yearsWithWide: Set<Int> = []
      for e in 0..<equationCount where equations.wide[e] { yearsWithWide.insert(equations.year[e]) }
      for year in years where yearsWithWide.contains(year) {
        let (system, members) = yearSystem(year, &scratch)
        guard let solution = solver.solution(of: system) else {
          inconsistent.append(year)
          continue
        }
        for (k, u) in members.enumerated() { point[u] = solution[k] }
      }
    }

    // Components, numbered by their first unknown; their cells (unknowns, in
    // order) as compressed rows, and each unknown's place in its component.
    var componentOf = [Int32](repeating: -1, count: unknowns)
    var numberOfRoot = [Int32](repeating: -1, count: unknowns)
    var componentCount = 0
    for u in 0..<unknowns {
      let root = Int(find(Int32(u)))
      if numberOfRoot[root] < 0 {
        numberOfRoot[root] = Int32(componentCount)
        componentCount += 1
      }
      componentOf[u] = numberOfRoot[root]
    }
    numberOfRoot = []
    parent = []
    var cellStart = [Int](repeating: 0, count: componentCount + 1)
    for u in 0..<unknowns { cellStart[Int(componentOf[u]) + 1] += 1 }
    for c in 0..<componentCount { cellStart[c + 1] += cellStart[c] }
    var cellList = [Int32](repeating: 0, count: unknowns)
    var position = [Int32](repeating: 0, count: unknowns)
    do {
      var fill = cellStart
      for u in 0..<unknowns {
        let c = Int(componentOf[u])
        position[u] = Int32(fill[c] - cellStart[c])
        cellList[fill[c]] = Int32(u)
        fill[c] += 1
      }
    }
    func cells(_ c: Int) -> ArraySlice<Int32> { cellList[cellStart[c]..<cellStart[c + 1]] }

    // Per component: its own equations (narrow, and wide ones it holds whole)
    // and its pieces of the wide ones it shares.
    var ownOf = [Int32](repeating: -1, count: equationCount)
    var split = [Bool](repeating: false, count: componentCount)
    /// The shared wide sums: sum w's pieces are `pieceStart[w] ..<
    /// pieceStart[w + 1]`, by component in increasing order; piece p holds
    /// the terms `termStart[p] ..< termStart[p + 1]` of `pieceTerms` (in the
    /// equation's order) of component `pieceComponent[p]`.
    var pieceStart = [0]
    var pieceComponent: [Int32] = []
    var termStart = [0]
    var pieceTerms: [Int32] = []
    var reserves: [(Int32, Int32)] = []
    var sharedCount = [Int32](repeating: 0, count: componentCount)
    var byComponent: [(component: Int32, term: Int32)] = []
    for e in 0..<equationCount where !isDefinition[e] {
      let terms = equations.terms(e)
      let home = componentOf[Int(equations.unknown[terms.lowerBound])]
      let single = terms.allSatisfy { componentOf[Int(equations.unknown[$0])] == home }
      if single || !equations.wide[e] || joining[e] {
        ownOf[e] = home
        continue
      }
      guard terms.allSatisfy({ point[Int(equations.unknown[$0])].isFinite }) else { continue }
      // The terms by component (stable: each component's in the equation's order).
      byComponent.removeAll(keepingCapacity: true)
      for t in terms { byComponent.append((componentOf[Int(equations.unknown[t])], Int32(t))) }
      byComponent.sort { ($0.component, $0.term) < ($1.component, $1.term) }
      var counts: [(component: Int32, count: Int)] = []
      for (component, term) in byComponent {
        if counts.last?.component != component {
          counts.append((component, 0))
          pieceComponent.append(component)
          termStart.append(termStart.last!)
          split[Int(component)] = true
          sharedCount[Int(component)] += 1
        }
        counts[counts.count - 1].count += 1
        pieceTerms.append(term)
        termStart[termStart.count - 1] += 1
      }
      pieceStart.append(pieceComponent.count)
      // The components with the most cells in the sum are its reserves.
      counts.sort { ($0.count, -$0.component) > ($1.count, -$1.component) }
      reserves.append((counts[0].component, counts.count > 1 ? counts[1].component : -1))
    }
    byComponent = []
    // Per component, the shared sums it has a piece of (increasing).
    var sharedStart = [Int](repeating: 0, count: componentCount + 1)
    for c in 0..<componentCount { sharedStart[c + 1] = sharedStart[c] + Int(sharedCount[c]) }
    sharedCount = []
    var sharedList = [Int32](repeating: 0, count: sharedStart[componentCount])
    do {
      var fill = Array(sharedStart.dropLast())
      for w in 0..<reserves.count {
        for p in pieceStart[w]..<pieceStart[w + 1] {
          let c = Int(pieceComponent[p])
          sharedList[fill[c]] = Int32(w)
          fill[c] += 1
        }
      }
    }
    // Own equations per component (compressed rows, in equation order).
    var ownStart = [Int](repeating: 0, count: componentCount + 1)
    for e in 0..<equationCount where ownOf[e] >= 0 { ownStart[Int(ownOf[e]) + 1] += 1 }
    for c in 0..<componentCount { ownStart[c + 1] += ownStart[c] }
    var ownList = [Int32](repeating: 0, count: ownStart[componentCount])
    do {
      var fill = Array(ownStart.dropLast())
      for e in 0..<equationCount where ownOf[e] >= 0 {
        let c = Int(ownOf[e])
        ownList[fill[c]] = Int32(e)
        fill[c] += 1
      }
    }
    ownOf = []
    // What the solving below reads, fixed (constants: no boxes, no exclusivity checks).
    let (equationRows, pointAt, componentOfUnknown, placeOf) = (
      equations, point, componentOf, position
    )
    let (pieces, pieceOwner, pieceTermStart, pieceTermList) = (
      pieceStart, pieceComponent, termStart, pieceTerms
    )
    let (sharedFirst, sharedOfComponent, ownFirst, ownOfComponent) = (
      sharedStart, sharedList, ownStart, ownList
    )
    let (cellFirst, cellsOfComponent, isSplit, reserveOf) = (cellStart, cellList, split, reserves)
    func cellsOf(_ c: Int) -> ArraySlice<Int32> {
      cellsOfComponent[cellFirst[c]..<cellFirst[c + 1]]
    }

    /// The system of `set` (components): their own equations, and their part
    /// of each shared wide sum equal to its value at `point`. An unknown's
    /// local number is its component's offset in `set` plus its place there.
    func system(of set: [Int]) -> (system: LinearSystem, unknowns: [Int]) {
      var offsets: [Int] = []
      var members: [Int] = []
      for c in set {
        offsets.append(members.count)
        for u in cellsOf(c) { members.append(Int(u)) }
      }
      func local(_ u: Int) -> Int {
        let c = Int(componentOfUnknown[u])
        return offsets[set.firstIndex(of: c)!] + Int(placeOf[u])
      }
      var rows: [LinearSystem.Equation] = []
      for (k, c) in set.enumerated() {
        let offset = offsets[k]
        for e in ownOfComponent[ownFirst[c]..<ownFirst[c + 1]] {
          let terms = equationRows.terms(Int(e))
          rows.append(
            .init(
              variables: terms.map { offset + Int(placeOf[Int(equationRows.unknown[$0])]) },
              coefficients: Array(equationRows.coefficient[terms]), rhs: equationRows.rhs[Int(e)]))
        }
      }
      var shared: [Int32] = []
      for c in set {
        shared.append(contentsOf: sharedOfComponent[sharedFirst[c]..<sharedFirst[c + 1]])
      }
      for w in Set(shared).sorted() {
        var variables: [Int] = []
        var coefficients: [Double] = []
        var rhs = 0.0
        for p in pieces[Int(w)]..<pieces[Int(w) + 1]
        where set.contains(Int(pieceOwner[p])) {
          for t in pieceTermList[pieceTermStart[p]..<pieceTermStart[p + 1]] {
            let u = Int(equationRows.unknown[Int(t)])
            let coefficient = equationRows.coefficient[Int(t)]
            variables.append(local(u))
            coefficients.append(coefficient)
            rhs = rhs + coefficient * pointAt[u]
          }
        }
        rows.append(.init(variables: variables, coefficients: coefficients, rhs: rhs))
      }
      return (
        LinearSystem(
          lower: members.map { lowerOf[$0] }, upper: members.map { upperOf[$0] }, equations: rows,
          integral: integral),
        members
      )
    }
    let skipYears = Set(inconsistent)
    // Solve the components (on both cores; each its own GLPK problem).
    let order = (0..<componentCount).filter {
      !skipYears.contains(yearOf[Int(cellsOfComponent[cellFirst[$0]])])
    }
    // Which unknowns to solve: every one, or with the publisher's memory the
    // ones that are not exempt and have not passed (read on this thread only).
    let memory = published.truth != nil && !exact ? memory : nil
    memory?.prepare(cellCount: cellCount)
    var toSolve = [Bool](repeating: true, count: unknowns)
    if let memory {
      for u in 0..<unknowns {
        let cell = withheld[u]
        toSolve[u] = !published.isExempt(cell) && !memory.passed[cell]
      }
    }
    let solving = toSolve
    toSolve = []
    /// The places in component `c` (in `cellsOf(c)`) of the unknowns to solve.
    func targets(_ c: Int) -> [Int] {
      var list: [Int] = []
      for (k, u) in cellsOf(c).enumerated() where solving[Int(u)] { list.append(k) }
      return list
    }
    struct Solved {
      /// The places solved (in `cellsOf(c)`; nil: all), and their ranges in
      /// that order (nil: the system has no solution).
      var targets: [Int]?
      var ranges: [ClosedRange<Double>]?
      var network = false
      var closedForm = false
      var remembered = false
    }
    /// The ranges of a component of one equation (or of one unknown in none)
    /// that holds no piece of a shared sum, in closed form (SingleSumBounds):
    /// cheap, so solved whole every round; nil for any other.
    func singleSum(_ c: Int) -> [ClosedRange<Double>]? {
      let own = ownFirst[c + 1] - ownFirst[c]
      guard network, integral, own <= 1, sharedFirst[c] == sharedFirst[c + 1] else { return nil }
      let members = cellsOf(c)
      guard own == 1 else {
        return members.map { lowerOf[Int($0)]...upperOf[Int($0)] }
      }
      let e = Int(ownOfComponent[ownFirst[c]])
      let terms = equationRows.terms(e)
      // The equation holds every unknown of its component (they are linked by it alone).
      guard terms.count == members.count else { return nil }
      let unknownsInOrder = terms.map { Int(equationRows.unknown[$0]) }
      guard
        let inTermOrder = SingleSumBounds.ranges(
          coefficients: Array(equationRows.coefficient[terms]),
          lower: unknownsInOrder.map { lowerOf[$0] }, upper: unknownsInOrder.map { upperOf[$0] },
          rhs: equationRows.rhs[e])
      else { return nil }
      var ranges = inTermOrder
      for (k, u) in unknownsInOrder.enumerated() { ranges[Int(placeOf[u])] = inTermOrder[k] }
      return ranges
    }
    let solved = ParallelFor.map(order.count, minimumChunk: 64) { n -> Solved in
      let c = order[n]
      if let ranges = singleSum(c) {
        return Solved(targets: nil, ranges: ranges, closedForm: true)
      }
      let wanted = targets(c)
      if wanted.isEmpty { return Solved(targets: [], ranges: [], remembered: true) }
      let (system, members) = system(of: [c])
      var ranges: [ClosedRange<Double>]? = nil
      if network, integral, let bounds = NetworkBounds(system) {
        // A whole solution to start from: the true counts where the publisher
        // checks, else one GLPK finds (a vertex of a network system is whole).
        var start = members.map { pointAt[$0] }
        if !start.allSatisfy(\.isFinite) || !bounds.isSolution(start) {
          start = (solver.solution(of: system) ?? []).map {
            abs($0 - $0.rounded()) < 1e-7 ? $0.rounded() : $0
          }
        }
        ranges = bounds.ranges(
          at: start, minimumCount: exact ? nil : minimumCount,
          of: wanted.count == members.count ? nil : wanted)
      }
      let byNetwork = ranges != nil
      if ranges == nil { ranges = solve(wanted, system) }
      return Solved(targets: wanted, ranges: ranges, network: byNetwork)
    }
    var networkComponents = 0
    var singleSumComponents = 0
    var rememberedComponents = 0
    var solvedCells = 0
    for result in solved {
      if !result.closedForm { solvedCells += result.targets?.count ?? 0 }
      if result.network { networkComponents += 1 }
      if result.closedForm { singleSumComponents += 1 }
      if result.remembered { rememberedComponents += 1 }
    }
    var ranges = CellRanges(cellCount: cellCount, unknownOf: unknownOf, withheld: withheld)
    var again: [Int] = []
    var recheck: [Int: [Int]] = [:]
    for (n, c) in order.enumerated() {
      let members = cellsOf(c)
      guard let found = solved[n].ranges else {
        // No solution with the pieces: only possible when split.
        again.append(c)
        continue
      }
      var fails = false
      for t in found.indices {
        let u = Int(members[members.startIndex + (solved[n].targets?[t] ?? t)])
        ranges.set(unknown: u, found[t])
        if isSplit[c] && !published.isExempt(withheld[u])
          && !isProtected(
            found[t], minimumCount: minimumCount, integral: integral, upper: upperOf[u])
        {
          fails = true
        }
      }
      if fails { again.append(c) }
    }
    // A split component with a failing cell: again with the reserves of its
    // shared sums (the other components stay at the point, the reserves take
    // up the difference).
    // (Component c comes first in the set: its places are its unknowns' numbers.)
    let retried = ParallelFor.map(again.count, minimumChunk: 16) {
      n -> (targets: [Int], ranges: [ClosedRange<Double>]?) in
      let c = again[n]
      var set = [c]
      for w in sharedOfComponent[sharedFirst[c]..<sharedFirst[c + 1]] {
        let (first, second) = reserveOf[Int(w)]
        let reserve = Int(first) != c ? first : second
        if reserve >= 0, !set.contains(Int(reserve)) { set.append(Int(reserve)) }
      }
      let (system, _) = system(of: set)
      let wanted = targets(c)
      return (wanted, solve(wanted, system))
    }
    for (n, c) in again.enumerated() {
      let members = cellsOf(c)
      for (t, k) in retried[n].targets.enumerated() {
        let u = Int(members[members.startIndex + k])
        if let found = retried[n].ranges { ranges.set(unknown: u, found[t]) }
        if published.isExempt(withheld[u]) { continue }
        if retried[n].ranges == nil
          || !isProtected(
            ranges.range(unknown: u)!, minimumCount: minimumCount, integral: integral,
            upper: upperOf[u])
        {
          recheck[yearOf[u], default: []].append(u)
        }
      }
    }
    for e in definitions {
      let t = equationRows.terms(e).first { equationRows.coefficient[$0] < 0 }!
      let total = Int(equationRows.unknown[t])
      if !published.isExempt(withheld[total]), !skipYears.contains(equationRows.year[e]) {
        recheck[equationRows.year[e], default: []].append(total)
      }
    }
    // Exact ranges on the whole year for the cells the split could not clear.
    for year in recheck.keys.sorted() {
      // The publisher (who knows the truth) leaves many such cells to more
      // suppression instead: their ranges from the pieces stand (narrower than
      // the true ones, so this errs on the safe side).
      if published.truth != nil, recheck[year]!.count > Self.recheckLimit { continue }
      var (system, members) = yearSystem(year, &scratch)
      for (k, u) in members.enumerated() { scratch[u] = Int32(k) }
      let targets = recheck[year]!.compactMap { scratch[$0] >= 0 ? Int(scratch[$0]) : nil }
      for u in members { scratch[u] = -1 }
      system.integral = integral
      guard let found = solve(targets, system) else {
        inconsistent.append(year)
        continue
      }
      for (t, k) in targets.enumerated() { ranges.set(unknown: members[k], found[t]) }
    }
    let skipped = Set(inconsistent)
    var failing: [Int] = []
    for u in 0..<unknowns {
      let cell = withheld[u]
      guard !published.isExempt(cell), !(memory?.passed[cell] ?? false) else { continue }
      guard let range = ranges.range(unknown: u) else {
        if !skipped.contains(yearOf[u]) { failing.append(cell) }
        continue
      }
      if !isProtected(range, minimumCount: minimumCount, integral: integral, upper: upperOf[u]) {
        failing.append(cell)
      } else if let memory {
        memory.passed[cell] = true
      }
    }
    return Result(
      ranges: ranges, failing: failing, inconsistentYears: inconsistent.sorted(),
      networkComponents: networkComponents,
      programmeComponents: order.count - networkComponents - singleSumComponents
        - rememberedComponents,
      singleSumComponents: singleSumComponents, rememberedComponents: rememberedComponents,
      solvedCells: solvedCells)
  }
}

/// The ranges of an attack's withheld cells, by cell index: a range per
/// withheld cell in one flat array (NaN bounds where none was found), read as
/// a dictionary of the cells that have one.
public struct CellRanges: Sendable, Sequence {
  /// Per cell its withheld number, or −1.
  let unknownOf: [Int32]
  /// Per withheld number, its cell.
  let withheld: [Int]
  var low: [Double]
  var high: [Double]

  /// No ranges (protection off).
  public init() {
    unknownOf = []
    withheld = []
    low = []
    high = []
  }

  init(cellCount: Int, unknownOf: [Int32], withheld: [Int]) {
    self.unknownOf = unknownOf
    self.withheld = withheld
    low = [Double](repeating: .nan, count: withheld.count)
    high = low
  }

  mutating func set(unknown u: Int, _ range: ClosedRange<Double>) {
    low[u] = range.lowerBound
    high[u] = range.upperBound
  }

  func range(unknown u: Int) -> ClosedRange<Double>? {
    low[u].isNaN ? nil : low[u]...high[u]
  }

  /// The range of cell `cell`, or nil (published, or no range found).
  public subscript(cell: Int) -> ClosedRange<Double>? {
    guard cell >= 0, cell < unknownOf.count, unknownOf[cell] >= 0 else { return nil }
    return range(unknown: Int(unknownOf[cell]))
  }

  /// How many cells have a range.
  public var count: Int { low.lazy.filter { !$0.isNaN }.count }

  /// The ranges, in cell order.
  public var values: [ClosedRange<Double>] { map { $0.value } }

  /// The cells with a range and their ranges, in cell order.
  public func makeIterator() -> AnyIterator<(key: Int, value: ClosedRange<Double>)> {
    var u = 0
    return AnyIterator {
      while u < low.count {
        defer { u += 1 }
        if !low[u].isNaN { return (withheld[u], low[u]...high[u]) }
      }
      return nil
    }
  }
}

/// What one round of the publisher's protection loop tells the next
/// (Suppression.secureIntervals attacks again after each round of
/// withholding): per cell (its index in the published cells, the same in
/// every round) whether its range passed the rule, witnessed by whole
/// solutions.
///
/// **Why a cell that passed is not solved again.** Where the true counts are
/// known, a component's witnesses, with every other unknown at its true count,
/// solve the attacker's whole system of the year (the pieces of the split sums
/// are taken at the truth, and every other sum holds at it). A later round only
/// withholds more cells: each old witness, with the newly withheld cells at
/// their true counts, solves the new system too. So the witnessed part of the
/// range stays in the attacker's range, and the cell still passes. Only the
/// cells that failed and the newly withheld ones are solved. (A range that the
/// decomposition into pieces would narrow below the rule, where the whole
/// year's system would not, is kept too: such a cell passes.)
///
/// One byte per cell, not its range: the ranges of passing cells are read
/// by no one (the audit reads the failing ones), and at 460,000 PC-6 areas
/// there are 13 million cells.
///
/// Not shared between threads and not `Sendable`: `IntervalAttack.run` reads
/// it and writes it on the calling thread only, before and after its
/// parallel loops.
public final class PassedRanges {
  var passed: [Bool] = []
  public init() {}

  /// Cells whose range passed.
  public var count: Int { passed.lazy.filter { $0 }.count }

  /// Empty, for `cellCount` cells, unless it already is for that many.
  func prepare(cellCount: Int) {
    guard passed.count != cellCount else { return }
    passed = [Bool](repeating: false, count: cellCount)
  }
}
