/// A system of linear equations over bounded unknowns: what an attacker knows
/// about the withheld counts of a published table set. Unknown j lies in
/// `lower[j]...upper[j]`; each equation is Σ coefficient·x = rhs.
public struct LinearSystem: Sendable, Hashable {
  public struct Equation: Sendable, Hashable {
    public var variables: [Int]
    public var coefficients: [Double]
    public var rhs: Double
    public init(variables: [Int], coefficients: [Double], rhs: Double) {
      self.variables = variables
      self.coefficients = coefficients
      self.rhs = rhs
    }
  }
  public var lower: [Double]
  public var upper: [Double]
  public var equations: [Equation]
  /// The unknowns are whole numbers (counts): an integer programme's bounds.
  public var integral: Bool

  public init(lower: [Double], upper: [Double], equations: [Equation], integral: Bool) {
    self.lower = lower
    self.upper = upper
    self.equations = equations
    self.integral = integral
  }
  public var count: Int { lower.count }
}

/// Solves the bound problems of a `LinearSystem`: for each asked unknown its
/// smallest and largest value over the system (the interval attack). The
/// implementation is GLPK's (GLPKBridge): wijkstat has no solver of its own.
public protocol IntervalSolver: Sendable {
  /// Minimum and maximum of each of `targets`; nil when the system has no solution.
  func ranges(of targets: [Int], in system: LinearSystem) -> [ClosedRange<Double>]?
  /// Any solution of the system, or nil when there is none.
  func solution(of system: LinearSystem) -> [Double]?
  /// Ranges enough to decide IntervalAttack's rule, with fewer programmes:
  /// for each target a part of its feasible range, witnessed by whole
  /// solutions, that passes the rule whenever the whole range does (L = 0 and
  /// U ≥ m witnessed); for a target that does not pass, its exact range.
  func protectionRanges(of targets: [Int], in system: LinearSystem, minimumCount: Double)
    -> [ClosedRange<Double>]?
}
