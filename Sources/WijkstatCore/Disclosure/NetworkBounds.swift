/// Exact interval-attack bounds, without a linear programme, for the systems
/// that are networks: the ones the published tables of a run almost always
/// give (a gemeente-year: its PC-4 areas × age groups, with the row totals, the
/// gemeente's cells and its total).
///
/// **When a system is a network.** Every coefficient is ±1 and every unknown
/// is in at most two equations. If the equations can be given signs sᵢ = ±1
/// such that an unknown in two equations p, q has opposite signed coefficients
/// (s_p·a_pj = −s_q·a_qj), the signed matrix has in every column one +1 and one
/// −1 (an unknown in one equation gets its other end at a ground node): it is
/// the node–arc incidence matrix of a directed graph whose nodes are the
/// equations (and the ground) and whose arcs are the unknowns. The ground's
/// row is minus the sum of the others, so it adds nothing. A gemeente-year is
/// one: with the row sums of PC-4 areas signed +1, the gemeente's PC-4 sums of
/// the age groups −1, its PC-4 sum of the totals +1 and its own row sum −1,
/// each withheld cell is an arc (x[a,g]: row a → group g; total of a: gemeente
/// PC-4 sum → row a; gemeente cell g: gemeente row → group g; gemeente total:
/// PC-4 sum → gemeente row, in the orientation of the signs). A system with a
/// region level above the gemeenten (a gemeente cell in three equations), or a
/// split contrast sum, is not, and goes to GLPK as before.
///
/// **Why the bounds are exact.** (1) A node–arc incidence matrix is totally
/// unimodular, so with whole right-hand sides and bounds every vertex of
/// {x : Ax = b, l ≤ x ≤ u} is whole: the linear programme's minimum and
/// maximum of an unknown are the integer programme's (the attacker gains
/// nothing from integrality), and every whole value k between them is taken by
/// a whole solution (fixing x_e = k keeps the matrix and the data whole, and
/// the programme is feasible by convexity, so it has a whole vertex).
/// (2) Let f be a feasible solution (the
/// true counts where the publisher checks). Any other feasible x differs from
/// f by a circulation in the residual graph of f (forward capacity u − f,
/// backward f − l on each arc), and it decomposes into simple cycles of that
/// graph. The cycles through arc e = (i → j) forward are e plus a path j → i
/// that does not use e; so the largest increase of x_e is the smaller of
/// u_e − f_e and the maximum flow from j to i in the residual graph without e,
/// and, with the cycles through e backward, the largest decrease is the
/// smaller of f_e − l_e and the maximum flow from i to j without e. Conversely
/// such a flow plus the change on e is a feasible circulation. Both maximum
/// flows are found with augmenting paths (Edmonds–Karp), whole at every step.
/// (Ahuja, Magnanti & Orlin, *Network Flows*, 1993, §3.5 flow decomposition and
/// §11.11 total unimodularity; the same modelling of two-dimensional tables as
/// networks is Cox 1995, "Network models for complementary cell suppression",
/// JASA 90, and Castro 2002 for one-hierarchical tables.)
///
/// **Decisions with less work.** For the rule only, a maximum flow may stop at
/// the amount that decides it: the decrease at f − l (then L = l, exact), the
/// increase at what makes U − L reach the needed width. A flow that stops
/// short is the exact maximum, so a failing cell's range is always exact, and
/// a passing cell's is a part of its range witnessed by whole solutions, as
/// GLPKSolver.protectionRanges gives. Every flow ends at a whole solution,
/// and the values each cell took in those solutions are kept: a cell an
/// earlier solution took to its lower bound needs no decrease flow (L is
/// exact), one taken to the value the rule needs no increase flow (its own
/// flow would reach its limit too), so the decisions are those of its own
/// flows.
///
/// Written by hand: GLPK's own maximum-flow routine (glp_maxflow_ffalg) needs
/// a glp_graph per bound, thousands of times per run for graphs of a few
/// dozen arcs; the augmenting-path loop below is the textbook one.
public struct NetworkBounds: Sendable {
  /// Per unknown its arc's tail and head node (the ground is node `nodes − 1`);
  /// −1 for an unknown in no equation (its range is its bounds).
  let tail: [Int32]
  let head: [Int32]
  let nodes: Int
  let lower: [Double]
  let upper: [Double]
  let equations: [LinearSystem.Equation]
  /// Residual arcs leaving each node (CSR): arc 2j is j forward, 2j + 1 backward.
  let start: [Int32]
  let adjacent: [Int32]

  /// nil when `system` is not a network (see above).
  public init?(_ system: LinearSystem) {
    let n = system.count
    // Each unknown's (at most two) equations and coefficients, in flat arrays
    // (this runs for every component of every round: no array per unknown).
    var first = [Int32](repeating: -1, count: n)
    var second = [Int32](repeating: -1, count: n)
    var firstCoefficient = [Double](repeating: 0, count: n)
    var secondCoefficient = [Double](repeating: 0, count: n)
    for (e, equation) in system.equations.enumerated() {
      for (variable, coefficient) in zip(equation.variables, equation.coefficients) {
        guard coefficient == 1 || coefficient == -1, second[variable] < 0 else { return nil }
        if first[variable] < 0 {
          first[variable] = Int32(e)
          firstCoefficient[variable] = coefficient
        } else {
          if first[variable] == Int32(e) { return nil }
          second[variable] = Int32(e)
          secondCoefficient[variable] = coefficient
        }
      }
    }
    // Signs of the equations, by a search over the unknowns that link two
    // (the links of each equation as compressed rows).
    let m = system.equations.count
    var linkStart = [Int32](repeating: 0, count: m + 1)
    for j in 0..<n where second[j] >= 0 {
      linkStart[Int(first[j]) + 1] += 1
      linkStart[Int(second[j]) + 1] += 1
    }
    for e in 0..<m { linkStart[e + 1] += linkStart[e] }
    var linkOther = [Int32](repeating: 0, count: Int(linkStart[m]))
    var linkProduct = [Double](repeating: 0, count: Int(linkStart[m]))
    do {
      var fill = linkStart
      for j in 0..<n where second[j] >= 0 {
        let (p, q) = (Int(first[j]), Int(second[j]))
        let product = firstCoefficient[j] * secondCoefficient[j]
        linkOther[Int(fill[p])] = Int32(q)
        linkProduct[Int(fill[p])] = product
        fill[p] += 1
        linkOther[Int(fill[q])] = Int32(p)
        linkProduct[Int(fill[q])] = product
        fill[q] += 1
      }
    }
    var sign = [Double](repeating: 0, count: m)
    var stack: [Int] = []
    for root in 0..<m where sign[root] == 0 {
      sign[root] = 1
      stack.append(root)
      while let p = stack.popLast() {
        for k in Int(linkStart[p])..<Int(linkStart[p + 1]) {
          let q = Int(linkOther[k])
          // s_q·a_q = −s_p·a_p, so s_q = −s_p·a_p·a_q.
          let wanted = -sign[p] * linkProduct[k]
          if sign[q] == 0 {
            sign[q] = wanted
            stack.append(q)
          } else if sign[q] != wanted {
            return nil
          }
        }
      }
    }
    let ground = Int32(m)
    var tail = [Int32](repeating: -1, count: n)
    var head = [Int32](repeating: -1, count: n)
    for j in 0..<n where first[j] >= 0 {
      let outward = sign[Int(first[j])] * firstCoefficient[j] > 0
      let other = second[j] >= 0 ? second[j] : ground
      (tail[j], head[j]) = outward ? (first[j], other) : (other, first[j])
    }
    nodes = m + 1
    var degree = [Int32](repeating: 0, count: nodes + 1)
    for j in 0..<n where tail[j] >= 0 {
      degree[Int(tail[j]) + 1] += 1
      degree[Int(head[j]) + 1] += 1
    }
    for v in 0..<nodes { degree[v + 1] += degree[v] }
    var fill = degree
    var adjacent = [Int32](repeating: 0, count: Int(degree[nodes]))
    for j in 0..<n where tail[j] >= 0 {
      adjacent[Int(fill[Int(tail[j])])] = Int32(2 * j)
      fill[Int(tail[j])] += 1
      adjacent[Int(fill[Int(head[j])])] = Int32(2 * j + 1)
      fill[Int(head[j])] += 1
    }
    self.tail = tail
    self.head = head
    self.start = degree
    self.adjacent = adjacent
    self.lower = system.lower
    self.upper = system.upper
    self.equations = system.equations
  }

  /// Whether `point` is a whole solution of the system (within its bounds).
  public func isSolution(_ point: [Double]) -> Bool {
    guard point.count == upper.count else { return false }
    for j in point.indices {
      let x = point[j]
      guard x.isFinite, x == x.rounded(), x >= lower[j] - 1e-9, x <= upper[j] + 1e-9 else {
        return false
      }
    }
    for equation in equations {
      var sum = 0.0
      for (variable, coefficient) in zip(equation.variables, equation.coefficients) {
        sum += coefficient * point[variable]
      }
      if abs(sum - equation.rhs) > 1e-6 { return false }
    }
    return true
  }

  /// The range over the system of each of `targets` (every unknown when
  /// nil), in that order, from the whole solution `point` (nil when it is not
  /// one): exact with `minimumCount` nil; with it, as much of each range as
  /// IntervalAttack's rule needs (exact for a failing one).
  public func ranges(at point: [Double], minimumCount m: Double?, of targets: [Int]? = nil)
    -> [ClosedRange<Double>]?
  {
    guard isSolution(point) else { return nil }
    var flows = Flows(self, point, witnesses: m != nil)
    var result: [ClosedRange<Double>] = []
    result.reserveCapacity(targets?.count ?? upper.count)
    for j in targets ?? Array(upper.indices) {
      guard tail[j] >= 0 else {
        result.append(lower[j]...upper[j])
        continue
      }
      let x = point[j]
      // For the rule, an earlier flow's solution that reached the cell's
      // lower bound makes L exact without a flow of its own (Flows.least).
      let low: Double
      if m != nil, flows.least[j] <= lower[j] + 1e-9 {
        low = lower[j]
      } else {
        low = x - flows.maximum(from: tail[j], to: head[j], without: j, limit: x - lower[j])
        flows.saw(j, low)
      }
      var limit = upper[j] - x
      if let m {
        // The rule's needed width from L (IntervalAttack.isProtected); a low
        // bound strictly between 0 and m fails whatever U is: exact U then.
        let top = (upper[j] + 1e-6).rounded(.down)
        let failsAnyway = low > 1e-9 && low < m - 1e-9
        if !failsAnyway { limit = min(limit, max(0, low + (low <= 1e-9 ? min(m, top) : m) - x)) }
        // An earlier flow's solution that reached the needed value decides
        // the rule as this cell's own flow would (a flow that reaches its
        // limit and a solution at or beyond it both show U − x ≥ limit).
        if flows.most[j] >= x + limit - 1e-9 {
          result.append(low...max(low, flows.most[j]))
          continue
        }
      }
      let high = x + flows.maximum(from: head[j], to: tail[j], without: j, limit: limit)
      flows.saw(j, high)
      result.append(low...max(low, high))
    }
    return result
  }

  /// The residual graph at a solution and the work arrays of the maximum
  /// flows (a struct with mutating methods: no copies, no dynamic
  /// exclusivity checks). Each flow changes the residual capacities only on
  /// its augmenting paths and undoes them from a log when it is done.
  struct Flows {
    let tail: [Int32]
    let head: [Int32]
    let start: [Int32]
    let adjacent: [Int32]
    var residual: [Double]
    var mark: [Int32]
    var parent: [Int32]
    var queue: [Int32]
    var log: [(arc: Int32, value: Double)] = []
    var epoch: Int32 = 0
    /// With `witnesses`: per unknown, the smallest and largest value it has
    /// in the whole solutions the flows so far have reached (the start, and
    /// each flow's augmented solution). Each is a feasible solution: the
    /// augmenting paths from tail to head (or back) with the excluded arc
    /// changed by the flow's amount form a circulation within the residual
    /// capacities (see the type's comment). Empty without.
    var least: [Double] = []
    var most: [Double] = []
    let lower: [Double]

    init(_ network: NetworkBounds, _ point: [Double], witnesses: Bool = false) {
      tail = network.tail
      head = network.head
      start = network.start
      adjacent = network.adjacent
      lower = network.lower
      residual = [Double](repeating: 0, count: 2 * point.count)
      for j in point.indices {
        residual[2 * j] = network.upper[j] - point[j]
        residual[2 * j + 1] = point[j] - network.lower[j]
      }
      mark = [Int32](repeating: 0, count: network.nodes)
      parent = [Int32](repeating: -1, count: network.nodes)
      queue = [Int32](repeating: 0, count: network.nodes)
      log.reserveCapacity(64)
      if witnesses {
        least = point
        most = point
      }
    }

    /// Unknown `j` took `value` in a flow's solution (the excluded arc's own
    /// change, which the log does not hold).
    mutating func saw(_ j: Int, _ value: Double) {
      guard !least.isEmpty else { return }
      least[j] = min(least[j], value)
      most[j] = max(most[j], value)
    }

    mutating func set(_ arc: Int, _ value: Double) {
      log.append((Int32(arc), residual[arc]))
      residual[arc] = value
    }

    func other(_ arc: Int) -> Int { Int(arc & 1 == 0 ? head[arc >> 1] : tail[arc >> 1]) }
    func from(_ arc: Int) -> Int { Int(arc & 1 == 0 ? tail[arc >> 1] : head[arc >> 1]) }

    /// The maximum flow from `source` to `sink` in the residual graph without
    /// arc `excluded` (both directions), stopped at `limit` (augmenting paths
    /// by breadth-first search: Edmonds–Karp).
    mutating func maximum(from source: Int32, to sink: Int32, without excluded: Int, limit: Double)
      -> Double
    {
      guard limit > 0 else { return 0 }
      log.removeAll(keepingCapacity: true)
      set(2 * excluded, 0)
      set(2 * excluded + 1, 0)
      var total = 0.0
      let (s, t) = (Int(source), Int(sink))
      while total < limit {
        epoch &+= 1
        mark[s] = epoch
        var front = 0
        var back = 1
        queue[0] = source
        var reached = false
        search: while front < back {
          let v = Int(queue[front])
          front += 1
          var k = Int(start[v])
          let end = Int(start[v + 1])
          while k < end {
            let a = Int(adjacent[k])
            k += 1
            guard residual[a] > 0 else { continue }
            let w = other(a)
            guard mark[w] != epoch else { continue }
            mark[w] = epoch
            parent[w] = Int32(a)
            if w == t {
              reached = true
              break search
            }
            queue[back] = Int32(w)
            back += 1
          }
        }
        guard reached else { break }
        var bottleneck = limit - total
        var v = t
        while v != s {
          let a = Int(parent[v])
          bottleneck = min(bottleneck, residual[a])
          v = from(a)
        }
        if bottleneck.isInfinite {
          total = .infinity
          break
        }
        v = t
        while v != s {
          let a = Int(parent[v])
          set(a, residual[a] - bottleneck)
          set(a ^ 1, residual[a ^ 1] + bottleneck)
          v = from(a)
        }
        total += bottleneck
      }
      // The solution reached: every arc whose residual changed is in the log
      // (forward and backward together); its value is lower + the backward
      // residual (finite where the upper bound is not).
      if !least.isEmpty && total > 0 {
        for (arc, _) in log where arc & 1 == 1 && Int(arc >> 1) != excluded {
          let e = Int(arc >> 1)
          let value = lower[e] + residual[Int(arc)]
          least[e] = min(least[e], value)
          most[e] = max(most[e], value)
        }
      }
      // Undo, last change first.
      while let (arc, value) = log.popLast() { residual[Int(arc)] = value }
      return min(total, limit)
    }
  }
}
