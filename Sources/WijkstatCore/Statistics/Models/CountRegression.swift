import Foundation

/// The two count models: Poisson, and the negative binomial with quadratic
/// variance (NB2, Cameron & Trivedi 1986).
public enum CountFamily: String, Sendable, CaseIterable, Equatable {
  case poisson
  case negativeBinomial = "nb2"

  public var label: String { self == .poisson ? "Poisson" : "NB2" }
}

/// Why a model cannot be fitted: one plain sentence (a constant or collinear
/// predictor, separation, no convergence, too few areas), as a key of the
/// message catalogue (`CountModelMessage`); `message` is its English text.
public struct CountModelProblem: Error, Sendable, Equatable, CustomStringConvertible {
  public var key: CountModelMessage
  public init(_ key: CountModelMessage) { self.key = key }
  /// The English text (stderr, model-fit.csv).
  public var message: String { key.description }
  public var description: String { message }
}

/// A generalised linear model of counts yᵢ with log link and offset oᵢ
/// (log of the exposure, here the children): log μᵢ = oᵢ + xᵢ′β, with variance
/// V(μ) = μ (Poisson) or μ + αμ² (NB2).
///
/// - β by iteratively reweighted least squares (McCullagh & Nelder 1989, §2.5):
///   wᵢ = μᵢ / (1 + αμᵢ), working response zᵢ = ηᵢ − oᵢ + (yᵢ − μᵢ)/μᵢ,
///   β = (X′WX)⁻¹X′Wz, with step halving when the deviance does not fall, until
///   |ΔD| / (|D| + 0.1) < 1e-12 (R's glm criterion, tighter).
/// - α (NB2) by maximum likelihood, alternating with β as MASS's `glm.nb`
///   (Venables & Ripley 2002, §7.4): Newton on θ = 1/α with the score
///   Σ ψ(y+θ) − ψ(θ) + log θ + 1 − log(θ+μ) − (y+θ)/(μ+θ) and its information
///   (`theta.ml`), then IRLS at the new α, until θ changes by less than 1e-10
///   relative. α's standard error is 1/√I(θ) / θ² (the delta method; glm.nb's
///   SE.theta).
/// - Model standard errors from the expected information (X′WX)⁻¹ at the
///   estimate (as R's glm.nb and statsmodels' GLM); robust ones HC0
///   (Huber–White sandwich) H⁻¹ (Σ sᵢsᵢ′) H⁻¹ with the scores
///   sᵢ = xᵢ (yᵢ − μᵢ)/(1 + αμᵢ) and the observed information
///   H = Σ xᵢxᵢ′ μᵢ(1 + αyᵢ)/(1 + αμᵢ)² (statsmodels' GLM `cov_type="HC0"`;
///   for Poisson H = X′WX), without a small-sample factor.
/// - Inside the fit every column but the intercept (column 0, all ones) is
///   standardised, (x − mean)/sd, and the estimates are transformed back:
///   βⱼ = γⱼ/sⱼ, β₀ = γ₀ − Σ γⱼ mⱼ/sⱼ, Cov(β) = A Cov(γ) A′.
/// - Deviance D = 2 Σ [y log(y/μ) − (y − μ)] (Poisson) or
///   2 Σ [y log(y/μ) − (y + θ) log((y + θ)/(μ + θ))] (NB2); Pearson
///   χ² = Σ (y − μ)²/V(μ); AIC = −2ℓ + 2k with k = p (+ 1 for α).
public struct CountRegression: Sendable {
  public var family: CountFamily
  /// Column names, in the design's order (column 0 the intercept).
  public var names: [String]
  public var coefficients: [Double]
  /// Model-based covariance (p × p, column-major), original units.
  public var covariance: [Double]
  /// HC0 sandwich covariance (p × p), original units.
  public var robustCovariance: [Double]
  /// 0 for Poisson.
  public var alpha: Double = 0
  public var alphaStandardError: Double = .nan
  public var logLikelihood: Double
  public var deviance: Double
  public var pearsonChiSquare: Double
  public var n: Int
  /// β's, plus α for NB2.
  public var parameters: Int
  public var iterations: Int
  public var fitted: [Double]
  /// (y − μ)/√V(μ).
  public var pearsonResiduals: [Double]
  /// Condition number of the standardised predictors (√(λmax/λmin) of their
  /// correlation matrix); 1 with one predictor or none.
  public var conditionNumber: Double
  /// What a reader should know (α at its bound, a large condition number).
  public var warnings: [CountModelMessage] = []

  public var aic: Double { -2 * logLikelihood + 2 * Double(parameters) }
  public var standardErrors: [Double] { diagonalRoots(covariance) }
  public var robustStandardErrors: [Double] { diagonalRoots(robustCovariance) }
  private func diagonalRoots(_ m: [Double]) -> [Double] {
    let p = coefficients.count
    return (0..<p).map { m[$0 + $0 * p].squareRoot() }
  }

  /// Fits `family` to counts `y` with offsets `offset` and the design's
  /// `columns` (column 0 all ones). Throws a `CountModelProblem` for a constant
  /// or collinear column, separation, or a fit that does not converge.
  ///
  /// `fixedEffects` adds one intercept per group (gemeente fixed effects): the
  /// result has a term per group but the first (the reference), after the
  /// columns, exactly as if their 0/1 columns had been given, but the groups
  /// are never made into n × G columns: the fit concentrates them out
  /// (`Design`), so the work is O(n·q² + G·q²) per step instead of O(n·(q+G)²).
  public static func fit(
    family: CountFamily, y: [Double], offset: [Double], columns: [[Double]], names: [String],
    fixedEffects: FixedEffects? = nil, algebra: LinearAlgebra, maxIterations: Int = 100
  ) throws -> CountRegression {
    let design = try Design(
      columns: columns, names: names, y: y, fixedEffects: fixedEffects, algebra: algebra)
    let n = y.count
    guard offset.count == n, y.allSatisfy({ $0.isFinite && $0 >= 0 }), offset.allSatisfy(\.isFinite)
    else {
      throw CountModelProblem(.invalidCounts)
    }
    guard y.contains(where: { $0 > 0 }) else {
      throw CountModelProblem(.allCountsZero)
    }
    var poisson = try irls(
      design: design, y: y, offset: offset, alpha: 0, start: nil, algebra: algebra,
      maxIterations: maxIterations)
    if family == .poisson {
      return try design.result(family: .poisson, fit: poisson, y: y, algebra: algebra)
    }
    // NB2: θ and β in turn (glm.nb), from the Poisson fit.
    var theta = momentTheta(y: y, mu: poisson.mu, p: design.p)
    var fit = poisson
    var iterations = poisson.iterations
    var boundary = false
    for _ in 0..<maxIterations {
      let next = thetaML(y: y, mu: fit.mu, start: theta)
      if next > 1e12 || !next.isFinite {
        // The likelihood keeps rising as α → 0: no overdispersion at all.
        boundary = true
        break
      }
      let previous = theta
      theta = next
      fit = try irls(
        design: design, y: y, offset: offset, alpha: 1 / theta, start: fit.gamma, algebra: algebra,
        maxIterations: maxIterations)
      iterations += fit.iterations
      if abs(theta - previous) <= 1e-10 * theta {
        // One more θ step at the final μ keeps θ and β consistent.
        theta = thetaML(y: y, mu: fit.mu, start: theta)
        fit = try irls(
          design: design, y: y, offset: offset, alpha: 1 / theta, start: fit.gamma,
          algebra: algebra, maxIterations: maxIterations)
        break
      }
    }
    if boundary {
      poisson.iterations = iterations
      var result = try design.result(
        family: .negativeBinomial, fit: poisson, y: y, algebra: algebra)
      result.alpha = 0
      result.alphaStandardError = .nan
      result.parameters += 1
      result.warnings.append(.alphaAtBound)
      return result
    }
    fit.iterations = iterations
    var result = try design.result(
      family: .negativeBinomial, fit: fit, y: y, algebra: algebra, theta: theta)
    let info = thetaInformation(y: y, mu: fit.mu, theta: theta)
    result.alphaStandardError = info > 0 ? 1 / info.squareRoot() / (theta * theta) : .nan
    return result
  }

  // MARK: - IRLS

  struct IRLSFit {
    /// Coefficients of the standardised design.
    var gamma: [Double]
    var mu: [Double]
    var alpha: Double
    var iterations: Int
  }

  static func irls(
    design: Design, y: [Double], offset: [Double], alpha: Double, start: [Double]?,
    algebra: LinearAlgebra,
    maxIterations: Int
  ) throws -> IRLSFit {
    let n = y.count
    let p = design.p
    let q = design.q
    let z = design.standardised
    let group = design.group
    var gamma: [Double]
    var mu: [Double]
    if let start {
      gamma = start
      mu = design.mean(gamma, offset: offset)
    } else {
      // Start between the counts and the pooled rate times the exposure, so no
      // μ is 0 (statsmodels starts at (y + ȳ)/2 without the exposure).
      let exposure = offset.map { exp($0) }
      let rate = y.reduce(0, +) / exposure.reduce(0, +)
      mu = (0..<n).map { (y[$0] + rate * exposure[$0]) / 2 }
      gamma = [Double](repeating: 0, count: p)
    }
    var deviance = Self.deviance(y: y, mu: mu, alpha: alpha)
    var iterations = 0
    var converged = false
    var weights = [Double](repeating: 0, count: n)
    while iterations < maxIterations {
      iterations += 1
      // X′WX (in blocks) and X′Wz of the standardised design.
      var rhs = [Double](repeating: 0, count: p)
      for i in 0..<n {
        let w = mu[i] / (1 + alpha * mu[i])
        let eta = log(mu[i]) - offset[i]
        let working = w * (eta + (y[i] - mu[i]) / mu[i])
        weights[i] = w
        for j in 0..<q { rhs[j] += working * z[i + j * n] }
        rhs[q + group[i]] += working
      }
      let information = design.blocks(weights, algebra: algebra)
      guard var proposal = information.solve(rhs, algebra: algebra) else {
        throw CountModelProblem(.singularAtIteration(iteration: iterations))
      }
      // Step halving while the deviance is not finite or rises (R's glm.fit).
      var newMu = design.mean(proposal, offset: offset)
      var newDeviance = Self.deviance(y: y, mu: newMu, alpha: alpha)
      var halvings = 0
      while !(newDeviance.isFinite) || newDeviance > deviance + 1e-9 * (abs(deviance) + 1),
        halvings < 30
      {
        halvings += 1
        for j in 0..<p { proposal[j] = (proposal[j] + gamma[j]) / 2 }
        newMu = design.mean(proposal, offset: offset)
        newDeviance = Self.deviance(y: y, mu: newMu, alpha: alpha)
      }
      guard newDeviance.isFinite else {
        throw CountModelProblem(.diverged)
      }
      let change = abs(newDeviance - deviance) / (abs(newDeviance) + 0.1)
      gamma = proposal
      mu = newMu
      deviance = newDeviance
      if change < 1e-12 {
        converged = true
        break
      }
    }
    guard converged else {
      throw CountModelProblem(.notConverged(iterations: maxIterations, deviance: deviance))
    }
    // Fitted values numerically 0 where the count is 0: coefficients running
    // off to infinity (quasi-complete separation).
    let floor = 1e-10 * max(1, y.reduce(0, +) / Double(n))
    if let i = (0..<n).first(where: { k in mu[k] < floor && y[k] == 0 }) {
      throw CountModelProblem(.fittedRatesZero(area: i + 1))
    }
    return IRLSFit(gamma: gamma, mu: mu, alpha: alpha, iterations: iterations)
  }

  // MARK: - Likelihood pieces

  /// Σ log(θ + k) for k < y when y is a small whole number (exact, no
  /// cancellation when θ ≫ y), else log Γ(y + θ) − log Γ(θ).
  static func logGammaRatio(_ y: Double, _ theta: Double) -> Double {
    if y == y.rounded(), y <= 200 {
      var s = 0.0
      var k = 0.0
      while k < y {
        s += log(theta + k)
        k += 1
      }
      return s
    }
    return lgamma(y + theta) - lgamma(theta)
  }
  /// ψ(y + θ) − ψ(θ), likewise.
  static func digammaRatio(_ y: Double, _ theta: Double) -> Double {
    if y == y.rounded(), y <= 200 {
      var s = 0.0
      var k = 0.0
      while k < y {
        s += 1 / (theta + k)
        k += 1
      }
      return s
    }
    return Digamma.psi(y + theta) - Digamma.psi(theta)
  }
  /// ψ′(θ) − ψ′(y + θ), likewise.
  static func trigammaRatio(_ y: Double, _ theta: Double) -> Double {
    if y == y.rounded(), y <= 200 {
      var s = 0.0
      var k = 0.0
      while k < y {
        s += 1 / ((theta + k) * (theta + k))
        k += 1
      }
      return s
    }
    return Digamma.trigamma(theta) - Digamma.trigamma(y + theta)
  }

  static func deviance(y: [Double], mu: [Double], alpha: Double) -> Double {
    var d = 0.0
    if alpha == 0 {
      for i in y.indices {
        d += (y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0) - (y[i] - mu[i])
      }
    } else {
      let theta = 1 / alpha
      for i in y.indices {
        d +=
          (y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0) - (y[i] + theta)
          * log((y[i] + theta) / (mu[i] + theta))
      }
    }
    return 2 * d
  }

  static func logLikelihood(y: [Double], mu: [Double], alpha: Double) -> Double {
    var l = 0.0
    if alpha == 0 {
      for i in y.indices { l += (y[i] > 0 ? y[i] * log(mu[i]) : 0) - mu[i] - lgamma(y[i] + 1) }
    } else {
      let theta = 1 / alpha
      for i in y.indices {
        l +=
          logGammaRatio(y[i], theta) - lgamma(y[i] + 1) + theta * log(theta / (theta + mu[i]))
          + (y[i] > 0 ? y[i] * log(mu[i] / (theta + mu[i])) : 0)
      }
    }
    return l
  }

  /// MASS's starting θ: n / Σ (y/μ − 1)².
  static func momentTheta(y: [Double], mu: [Double], p: Int) -> Double {
    var s = 0.0
    for i in y.indices { s += (y[i] / mu[i] - 1) * (y[i] / mu[i] - 1) }
    let theta = Double(y.count) / s
    return theta.isFinite && theta > 0 ? theta : 1
  }

  static func thetaScore(y: [Double], mu: [Double], theta: Double) -> Double {
    var u = 0.0
    for i in y.indices {
      u +=
        digammaRatio(y[i], theta) + log(theta) + 1 - log(theta + mu[i]) - (y[i] + theta)
        / (mu[i] + theta)
    }
    return u
  }

  /// −dU/dθ (MASS's `i` in theta.ml).
  static func thetaInformation(y: [Double], mu: [Double], theta: Double) -> Double {
    var info = 0.0
    for i in y.indices {
      let s = mu[i] + theta
      info += trigammaRatio(y[i], theta) - 1 / theta + 2 / s - (y[i] + theta) / (s * s)
    }
    return info
  }

  /// θ maximising the NB2 likelihood at fixed μ: Newton from `start`, halving
  /// θ's change (in log θ) when a step leaves the positive axis or the
  /// information is not positive; +∞ when θ runs past 1e12 (α → 0).
  static func thetaML(y: [Double], mu: [Double], start: Double) -> Double {
    var theta = start
    for _ in 0..<200 {
      let u = thetaScore(y: y, mu: mu, theta: theta)
      let info = thetaInformation(y: y, mu: mu, theta: theta)
      var next: Double
      if info > 0 {
        next = theta + u / info
        if !(next > 0) { next = theta / 4 }
      } else {
        next = u > 0 ? theta * 4 : theta / 4
      }
      // Not more than a factor 100 per step.
      next = min(max(next, theta / 100), theta * 100)
      if next > 1e12 { return .infinity }
      let done = abs(next - theta) <= 1e-13 * theta
      theta = next
      if done { break }
    }
    return theta
  }
}

/// Group intercepts (fixed effects, e.g. per gemeente) for `CountRegression.fit`:
/// each row's group and the groups' term names; group 0 is the reference and
/// gets no term.
public struct FixedEffects: Sendable, Equatable {
  /// Each row's group, 0..<names.count.
  public var group: [Int]
  /// One name per group (`gemeente GM0363`); names[0], the reference, is not a term.
  public var names: [String]
  /// What a group is, for messages (`gemeente`).
  public var kind: String
  public init(group: [Int], names: [String], kind: String = "gemeente") {
    self.group = group
    self.names = names
    self.kind = kind
  }
}

/// The design as the fit uses it: the predictors (every column but the
/// intercept) standardised, checked for constant and collinear columns and for
/// separation, and the intercept as one intercept per group (a single group
/// without fixed effects).
///
/// Inside the fit the parameters are θ = (γ, a): γ the q standardised
/// predictors' coefficients, a the G group intercepts, so
/// log μᵢ = oᵢ + zᵢ′γ + a_g(i). The information matrix (for weights vᵢ) is then
///
///     ⎡ A   B ⎤   A = Σ vᵢ zᵢzᵢ′ (q × q, BLAS dsyrk),
///     ⎣ B′  D ⎦   B[j, g] = Σ_{i∈g} vᵢ zᵢⱼ (q × G),  D = diag(Σ_{i∈g} vᵢ),
///
/// with a diagonal group block, so it is solved and inverted through the
/// Schur complement S = A − B D⁻¹ B′ (q × q, inverted by LAPACK dpotrf/dpotri):
/// γ = S⁻¹(r_γ − B D⁻¹ r_a), a = D⁻¹(r_a − B′γ), and
/// H⁻¹ = [[S⁻¹, −U], [−U′, D⁻¹ + D⁻¹B′U]] with U = S⁻¹ B D⁻¹ (the block
/// inverse, e.g. Golub & Van Loan 2013, §3.2.11). That is the fixed effects
/// concentrated out: O(n·q² + G·q²) per IRLS step instead of O(n·(q+G)²) for
/// dense dummy columns. These few block products are written here because no
/// LAPACK routine takes this structure; the q × q work is LAPACK's.
struct Design {
  let n: Int
  /// Parameters: the intercept, q predictors and G − 1 group effects (= q + G).
  let p: Int
  /// Standardised predictors (the intercept not among them).
  let q: Int
  /// Groups (1 without fixed effects).
  let groups: Int
  let group: [Int]
  let names: [String]
  let means: [Double]
  let sds: [Double]
  /// n × q column-major: predictor j (column j + 1 of the input) standardised.
  let standardised: [Double]
  let conditionNumber: Double

  init(
    columns: [[Double]], names: [String], y: [Double], fixedEffects: FixedEffects? = nil,
    algebra: LinearAlgebra
  ) throws {
    let n = y.count
    let columnCount = columns.count
    precondition(
      names.count == columnCount && columns.allSatisfy { $0.count == n },
      "one name and n values per column")
    guard columnCount >= 1, columns[0].allSatisfy({ $0 == 1 }) else {
      preconditionFailure("column 0 is the intercept")
    }
    let groups = fixedEffects?.names.count ?? 1
    let group = fixedEffects?.group ?? [Int](repeating: 0, count: n)
    precondition(
      group.count == n && group.allSatisfy { (0..<groups).contains($0) }, "a group per row")
    let q = columnCount - 1
    let p = q + groups
    self.n = n
    self.p = p
    self.q = q
    self.groups = groups
    self.group = group
    self.names = names + (fixedEffects?.names.dropFirst().map { $0 } ?? [])
    guard n > p else {
      throw CountModelProblem(.tooFewAreas(areas: n, parameters: p))
    }
    var means = [Double](repeating: 0, count: columnCount)
    var sds = [Double](repeating: 1, count: columnCount)
    var z = [Double](repeating: 0, count: n * q)
    for j in 1..<max(1, columnCount) {
      let x = columns[j]
      let mean = x.reduce(0, +) / Double(n)
      var ss = 0.0
      for v in x { ss += (v - mean) * (v - mean) }
      let sd = (ss / Double(n - 1)).squareRoot()
      guard sd > 1e-12 * max(1, abs(mean)) else {
        throw CountModelProblem(.constant(name: names[j], value: x[0], areas: n))
      }
      means[j] = mean
      sds[j] = sd
      for i in 0..<n { z[i + (j - 1) * n] = (x[i] - mean) / sd }
      // Separation by a 0/1 column: every count on one side is 0.
      if x.allSatisfy({ $0 == 0 || $0 == 1 }) {
        var ones = 0.0
        var zeros = 0.0
        var count = 0
        for i in 0..<n {
          if x[i] == 1 {
            ones += y[i]
            count += 1
          } else {
            zeros += y[i]
          }
        }
        if ones == 0 {
          throw CountModelProblem(.separationFlagOne(areas: count, name: names[j]))
        }
        if zeros == 0 {
          throw CountModelProblem(.separationFlagZero(areas: n - count, name: names[j]))
        }
      }
      // Separation by any column (Santos Silva & Tenreyro 2010): the same value
      // c in every area with reports, and on one side of c in those without,
      // so the likelihood rises without end as its coefficient runs off.
      let positive = (0..<n).filter { y[$0] > 0 }
      if let c = positive.first.map({ x[$0] }), positive.allSatisfy({ x[$0] == c }) {
        let others = (0..<n).filter { y[$0] == 0 }.map { x[$0] }
        if others.allSatisfy({ $0 >= c }) || others.allSatisfy({ $0 <= c }) {
          throw CountModelProblem(.separationOnlyWithReports(name: names[j], value: c))
        }
      }
    }
    // Separation by a group: a group without reports has an effect of −∞.
    if let fixedEffects, groups > 1 {
      var total = [Double](repeating: 0, count: groups)
      var size = [Int](repeating: 0, count: groups)
      for i in 0..<n {
        total[group[i]] += y[i]
        size[group[i]] += 1
      }
      if let g = (0..<groups).first(where: { size[$0] == 0 }) {
        preconditionFailure("group \(fixedEffects.names[g]) has no rows")
      }
      if let g = (0..<groups).first(where: { total[$0] == 0 }) {
        throw CountModelProblem(
          .separationGroup(areas: size[g], group: fixedEffects.names[g], kind: fixedEffects.kind))
      }
    }
    self.means = means
    self.sds = sds
    standardised = z
    // Collinearity: eigenvalues of the predictors' correlation matrix.
    if q >= 2 {
      var r = algebra.crossProduct(z, rows: n, columns: q)
      for k in r.indices { r[k] /= Double(n - 1) }
      guard let (values, vectors) = algebra.symmetricEigen(r, order: q) else {
        throw CountModelProblem(.eigenvaluesNotConverged)
      }
      let largest = values[q - 1]
      let smallest = values[0]
      if !(smallest > 1e-10 * largest) {
        throw CountModelProblem(
          .collinear(
            names: Self.involved(vectors, q: q, names: names), areas: n,
            smallestEigenvalue: max(0, smallest)))
      }
      conditionNumber = (largest / smallest).squareRoot()
    } else {
      conditionNumber = 1
    }
    // Collinearity with the group effects: a predictor (or a combination) that
    // is constant within every group. The predictors' variation within the
    // groups (deviations from their group means, in units of their total SD).
    if let fixedEffects, groups > 1, q >= 1 {
      var sum = [Double](repeating: 0, count: groups * q)
      var size = [Double](repeating: 0, count: groups)
      for i in 0..<n { size[group[i]] += 1 }
      for j in 0..<q {
        for i in 0..<n { sum[group[i] + j * groups] += z[i + j * n] }
      }
      var within = z
      for j in 0..<q {
        for i in 0..<n { within[i + j * n] -= sum[group[i] + j * groups] / size[group[i]] }
      }
      var r = algebra.crossProduct(within, rows: n, columns: q)
      for k in r.indices { r[k] /= Double(n - 1) }
      guard let (values, vectors) = algebra.symmetricEigen(r, order: q) else {
        throw CountModelProblem(.eigenvaluesNotConverged)
      }
      if !(values[0] > 1e-10) {
        throw CountModelProblem(
          .collinearWithEffects(
            names: Self.involved(vectors, q: q, names: names), kind: fixedEffects.kind))
      }
    }
  }

  /// The names with large loadings in the eigenvector of the smallest eigenvalue.
  static func involved(_ vectors: [Double], q: Int, names: [String]) -> String {
    var involved = (0..<q).filter { abs(vectors[$0]) > 0.1 }
    involved.sort { abs(vectors[$0]) > abs(vectors[$1]) }
    return involved.map { names[$0 + 1] }.joined(separator: ", ")
  }

  /// μ = exp(offset + Zγ + a_g).
  func mean(_ theta: [Double], offset: [Double]) -> [Double] {
    var eta = offset
    for i in 0..<n { eta[i] += theta[q + group[i]] }
    for j in 0..<q {
      let g = theta[j]
      if g == 0 { continue }
      for i in 0..<n { eta[i] += standardised[i + j * n] * g }
    }
    return eta.map { exp($0) }
  }

  /// The information matrix's blocks for weights `v` (all ≥ 0).
  func blocks(_ v: [Double], algebra: LinearAlgebra) -> InformationBlocks {
    var scaled = [Double](repeating: 0, count: n * q)
    var b = [Double](repeating: 0, count: q * groups)
    var d = [Double](repeating: 0, count: groups)
    for i in 0..<n { d[group[i]] += v[i] }
    for j in 0..<q {
      for i in 0..<n {
        let x = standardised[i + j * n]
        scaled[i + j * n] = v[i].squareRoot() * x
        b[j + group[i] * q] += v[i] * x
      }
    }
    return InformationBlocks(
      q: q, groups: groups, a: algebra.crossProduct(scaled, rows: n, columns: q), b: b, d: d)
  }

  /// The fit in original units, with both covariances and the fit statistics.
  func result(
    family: CountFamily, fit: CountRegression.IRLSFit, y: [Double], algebra: LinearAlgebra,
    theta: Double? = nil
  ) throws -> CountRegression {
    let alpha = fit.alpha
    let mu = fit.mu
    // Expected information X′WX, the observed one H and the scores' cross product, at μ.
    var expected = [Double](repeating: 0, count: n)
    var observed = [Double](repeating: 0, count: n)
    var scores = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let d = 1 + alpha * mu[i]
      expected[i] = mu[i] / d
      observed[i] = mu[i] * (1 + alpha * y[i]) / (d * d)
      let s = (y[i] - mu[i]) / d
      scores[i] = s * s
    }
    guard let modelCovariance = blocks(expected, algebra: algebra).inverse(algebra: algebra),
      let bread = blocks(observed, algebra: algebra).inverse(algebra: algebra)
    else {
      throw CountModelProblem(.singularAtEstimate)
    }
    let meat = blocks(scores, algebra: algebra).dense
    let robust = multiply(multiply(bread, meat), bread)
    // Back to original units, β = Tθ with θ = (γ, a): β₀ = a₀ − Σ γⱼ mⱼ/sⱼ,
    // βⱼ = γⱼ/sⱼ, group effect δ_g = a_g − a₀.
    var intercept: [(Int, Double)] = [(q, 1.0)]
    for j in 0..<q { intercept.append((j, -means[j + 1] / sds[j + 1])) }
    var rows: [[(Int, Double)]] = [intercept]
    for j in 0..<q { rows.append([(j, 1 / sds[j + 1])]) }
    for g in 1..<max(1, groups) { rows.append([(q + g, 1.0), (q, -1.0)]) }
    var beta = [Double](repeating: 0, count: p)
    for (r, row) in rows.enumerated() {
      for (k, t) in row { beta[r] += t * fit.gamma[k] }
    }
    func transform(_ c: [Double]) -> [Double] {
      // T C T′ with T's few entries per row.
      var tc = [Double](repeating: 0, count: p * p)
      for column in 0..<p {
        for (r, row) in rows.enumerated() {
          var s = 0.0
          for (k, t) in row { s += t * c[k + column * p] }
          tc[r + column * p] = s
        }
      }
      var out = [Double](repeating: 0, count: p * p)
      for (c2, row) in rows.enumerated() {
        for (k, t) in row {
          for r in 0..<p { out[r + c2 * p] += t * tc[r + k * p] }
        }
      }
      return out
    }
    var pearson = [Double](repeating: 0, count: n)
    var chi2 = 0.0
    for i in 0..<n {
      let v = mu[i] + alpha * mu[i] * mu[i]
      pearson[i] = (y[i] - mu[i]) / v.squareRoot()
      chi2 += pearson[i] * pearson[i]
    }
    var result = CountRegression(
      family: family, names: names, coefficients: beta, covariance: transform(modelCovariance),
      robustCovariance: transform(robust), alpha: alpha,
      logLikelihood: CountRegression.logLikelihood(y: y, mu: mu, alpha: alpha),
      deviance: CountRegression.deviance(y: y, mu: mu, alpha: alpha), pearsonChiSquare: chi2, n: n,
      parameters: p + (family == .negativeBinomial ? 1 : 0), iterations: fit.iterations, fitted: mu,
      pearsonResiduals: pearson, conditionNumber: conditionNumber)
    if conditionNumber > 30 {
      result.warnings.append(
        .conditionNumber(conditionNumber))
    }
    return result
  }

  /// x·y of two p × p matrices (only for the sandwich, once per fit).
  private func multiply(_ x: [Double], _ y: [Double]) -> [Double] {
    var r = [Double](repeating: 0, count: p * p)
    for j in 0..<p {
      for k in 0..<p {
        let b = y[k + j * p]
        if b == 0 { continue }
        for i in 0..<p { r[i + j * p] += x[i + k * p] * b }
      }
    }
    return r
  }
}

/// The information matrix [[A, B], [B′, D]] of `Design` (D diagonal), in θ's
/// order (γ, then the group intercepts).
struct InformationBlocks {
  let q: Int
  let groups: Int
  /// q × q.
  let a: [Double]
  /// q × G column-major.
  let b: [Double]
  /// G.
  let d: [Double]

  var p: Int { q + groups }

  /// S⁻¹ = (A − B D⁻¹ B′)⁻¹ and U = S⁻¹ B D⁻¹; nil when H is not positive definite.
  private func schur(algebra: LinearAlgebra) -> (sInverse: [Double], u: [Double])? {
    guard d.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
    var s = a
    for g in 0..<groups {
      let inv = 1 / d[g]
      for k in 0..<q {
        let bk = b[k + g * q] * inv
        if bk == 0 { continue }
        for j in 0..<q { s[j + k * q] -= b[j + g * q] * bk }
      }
    }
    guard let sInverse = q == 0 ? [] : algebra.inverseOfPositiveDefinite(s, order: q) else {
      return nil
    }
    var u = [Double](repeating: 0, count: q * groups)
    for g in 0..<groups {
      let inv = 1 / d[g]
      for k in 0..<q {
        let bk = b[k + g * q] * inv
        if bk == 0 { continue }
        for j in 0..<q { u[j + g * q] += sInverse[j + k * q] * bk }
      }
    }
    return (sInverse, u)
  }

  /// H⁻¹r: γ = S⁻¹(r_γ − B D⁻¹ r_a), a = D⁻¹(r_a − B′γ).
  func solve(_ r: [Double], algebra: LinearAlgebra) -> [Double]? {
    guard let (sInverse, _) = schur(algebra: algebra) else { return nil }
    var reduced = Array(r[0..<q])
    for g in 0..<groups {
      let ra = r[q + g] / d[g]
      for j in 0..<q { reduced[j] -= b[j + g * q] * ra }
    }
    var x = [Double](repeating: 0, count: p)
    for k in 0..<q {
      let v = reduced[k]
      for j in 0..<q { x[j] += sInverse[j + k * q] * v }
    }
    for g in 0..<groups {
      var s = r[q + g]
      for j in 0..<q { s -= b[j + g * q] * x[j] }
      x[q + g] = s / d[g]
    }
    return x.allSatisfy(\.isFinite) ? x : nil
  }

  /// H⁻¹ (p × p, dense): [[S⁻¹, −U], [−U′, D⁻¹ + D⁻¹B′U]].
  func inverse(algebra: LinearAlgebra) -> [Double]? {
    guard let (sInverse, u) = schur(algebra: algebra) else { return nil }
    var h = [Double](repeating: 0, count: p * p)
    for k in 0..<q {
      for j in 0..<q { h[j + k * p] = sInverse[j + k * q] }
    }
    for g in 0..<groups {
      for j in 0..<q {
        h[j + (q + g) * p] = -u[j + g * q]
        h[(q + g) + j * p] = -u[j + g * q]
      }
    }
    for hh in 0..<groups {
      for g in 0..<groups {
        var s = g == hh ? 1 / d[g] : 0
        for j in 0..<q { s += b[j + g * q] / d[g] * u[j + hh * q] }
        h[(q + g) + (q + hh) * p] = s
      }
    }
    return h.allSatisfy(\.isFinite) ? h : nil
  }

  /// H itself (p × p, dense), for the sandwich's meat.
  var dense: [Double] {
    var h = [Double](repeating: 0, count: p * p)
    for k in 0..<q {
      for j in 0..<q { h[j + k * p] = a[j + k * q] }
    }
    for g in 0..<groups {
      for j in 0..<q {
        h[j + (q + g) * p] = b[j + g * q]
        h[(q + g) + j * p] = b[j + g * q]
      }
      h[(q + g) + (q + g) * p] = d[g]
    }
    return h
  }
}
