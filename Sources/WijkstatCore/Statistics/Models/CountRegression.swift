import Foundation

/// The two count models: Poisson, and the negative binomial with quadratic
/// variance (NB2, Cameron & Trivedi 1986).
public enum CountFamily: String, Sendable, CaseIterable, Equatable {
  case poisson
  case negativeBinomial = "nb2"

  public var label: String { self == .poisson ? "Poisson" : "NB2" }
}

/// Why a model cannot be fitted: one plain sentence (a constant or collinear
/// predictor, separation, no convergence, too few areas).
public struct CountModelProblem: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
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
  public var warnings: [String] = []

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
  public static func fit(
    family: CountFamily, y: [Double], offset: [Double], columns: [[Double]], names: [String],
    algebra: LinearAlgebra, maxIterations: Int = 100
  ) throws -> CountRegression {
    let design = try Design(columns: columns, names: names, y: y, algebra: algebra)
    let n = y.count
    guard offset.count == n, y.allSatisfy({ $0.isFinite && $0 >= 0 }), offset.allSatisfy(\.isFinite) else {
      throw CountModelProblem("counts must be finite and not negative, offsets finite")
    }
    guard y.contains(where: { $0 > 0 }) else {
      throw CountModelProblem("every count is 0: there is no rate to model")
    }
    var poisson = try irls(design: design, y: y, offset: offset, alpha: 0, start: nil, algebra: algebra, maxIterations: maxIterations)
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
      fit = try irls(design: design, y: y, offset: offset, alpha: 1 / theta, start: fit.gamma, algebra: algebra, maxIterations: maxIterations)
      iterations += fit.iterations
      if abs(theta - previous) <= 1e-10 * theta {
        // One more θ step at the final μ keeps θ and β consistent.
        theta = thetaML(y: y, mu: fit.mu, start: theta)
        fit = try irls(design: design, y: y, offset: offset, alpha: 1 / theta, start: fit.gamma, algebra: algebra, maxIterations: maxIterations)
        break
      }
    }
    if boundary {
      poisson.iterations = iterations
      var result = try design.result(family: .negativeBinomial, fit: poisson, y: y, algebra: algebra)
      result.alpha = 0
      result.alphaStandardError = .nan
      result.parameters += 1
      result.warnings.append("α is at its bound 0 (no overdispersion): NB2 is the Poisson model")
      return result
    }
    fit.iterations = iterations
    var result = try design.result(family: .negativeBinomial, fit: fit, y: y, algebra: algebra, theta: theta)
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
    design: Design, y: [Double], offset: [Double], alpha: Double, start: [Double]?, algebra: LinearAlgebra,
    maxIterations: Int
  ) throws -> IRLSFit {
    let n = y.count
    let p = design.p
    let z = design.standardised
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
    var weighted = [Double](repeating: 0, count: n * p)
    while iterations < maxIterations {
      iterations += 1
      // X′WX and X′Wz of the standardised design.
      var rhs = [Double](repeating: 0, count: p)
      for i in 0..<n {
        let w = mu[i] / (1 + alpha * mu[i])
        let eta = log(mu[i]) - offset[i]
        let working = eta + (y[i] - mu[i]) / mu[i]
        let root = w.squareRoot()
        for j in 0..<p {
          let x = z[i + j * n]
          weighted[i + j * n] = root * x
          rhs[j] += w * working * x
        }
      }
      let information = algebra.crossProduct(weighted, rows: n, columns: p)
      guard let inverse = algebra.inverseOfPositiveDefinite(information, order: p) else {
        throw CountModelProblem(
          "the information matrix is singular at iteration \(iterations): the predictors are collinear among the areas with counts, or the fit is separated")
      }
      var proposal = [Double](repeating: 0, count: p)
      for j in 0..<p {
        var s = 0.0
        for k in 0..<p { s += inverse[j + k * p] * rhs[k] }
        proposal[j] = s
      }
      // Step halving while the deviance is not finite or rises (R's glm.fit).
      var newMu = design.mean(proposal, offset: offset)
      var newDeviance = Self.deviance(y: y, mu: newMu, alpha: alpha)
      var halvings = 0
      while !(newDeviance.isFinite) || newDeviance > deviance + 1e-9 * (abs(deviance) + 1), halvings < 30 {
        halvings += 1
        for j in 0..<p { proposal[j] = (proposal[j] + gamma[j]) / 2 }
        newMu = design.mean(proposal, offset: offset)
        newDeviance = Self.deviance(y: y, mu: newMu, alpha: alpha)
      }
      guard newDeviance.isFinite else {
        throw CountModelProblem("the fit diverged (fitted values overflow): check the predictors for extreme values")
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
      throw CountModelProblem(
        "the fit did not converge in \(maxIterations) iterations (deviance \(CSVText.full(deviance))): a predictor may separate areas without reports from the others")
    }
    // Fitted values numerically 0 where the count is 0: coefficients running
    // off to infinity (quasi-complete separation).
    let floor = 1e-10 * max(1, y.reduce(0, +) / Double(n))
    if let i = (0..<n).first(where: { k in mu[k] < floor && y[k] == 0 }) {
      throw CountModelProblem(
        "fitted rates numerically 0 (area \(i + 1) of the fit): the predictors separate areas without reports from the others, so some rate ratio is 0 or infinite")
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
        d += (y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0) - (y[i] + theta) * log((y[i] + theta) / (mu[i] + theta))
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
        l += logGammaRatio(y[i], theta) - lgamma(y[i] + 1) + theta * log(theta / (theta + mu[i]))
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
      u += digammaRatio(y[i], theta) + log(theta) + 1 - log(theta + mu[i]) - (y[i] + theta) / (mu[i] + theta)
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

/// The design as the fit uses it: the columns standardised (all but the
/// intercept), checked for constant and collinear columns and for separation
/// by an indicator (0/1) column.
struct Design {
  let n: Int
  let p: Int
  let names: [String]
  let means: [Double]
  let sds: [Double]
  /// n × p column-major, column 0 all ones.
  let standardised: [Double]
  let conditionNumber: Double

  init(columns: [[Double]], names: [String], y: [Double], algebra: LinearAlgebra) throws {
    let n = y.count
    let p = columns.count
    self.n = n
    self.p = p
    self.names = names
    precondition(names.count == p && columns.allSatisfy { $0.count == n }, "one name and n values per column")
    guard p >= 1, columns[0].allSatisfy({ $0 == 1 }) else { preconditionFailure("column 0 is the intercept") }
    guard n > p else {
      throw CountModelProblem("\(n) areas for \(p) parameters: too few areas to fit")
    }
    var means = [Double](repeating: 0, count: p)
    var sds = [Double](repeating: 1, count: p)
    var z = [Double](repeating: 1, count: n * p)
    for j in 1..<max(1, p) {
      let x = columns[j]
      let mean = x.reduce(0, +) / Double(n)
      var ss = 0.0
      for v in x { ss += (v - mean) * (v - mean) }
      let sd = (ss / Double(n - 1)).squareRoot()
      guard sd > 1e-12 * max(1, abs(mean)) else {
        throw CountModelProblem("\(names[j]) is constant (\(CSVText.full(x[0])) in all \(n) areas): its effect cannot be estimated; leave it out")
      }
      means[j] = mean
      sds[j] = sd
      for i in 0..<n { z[i + j * n] = (x[i] - mean) / sd }
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
          throw CountModelProblem(
            "separation: the \(count) areas with \(names[j]) = 1 have no reports, so its rate ratio is 0 with no finite interval; leave it out or merge it")
        }
        if zeros == 0 {
          throw CountModelProblem(
            "separation: the \(n - count) areas with \(names[j]) = 0 have no reports, so its rate ratio is infinite; leave it out or merge it")
        }
      }
      // Separation by any column (Santos Silva & Tenreyro 2010): the same value
      // c in every area with reports, and on one side of c in those without,
      // so the likelihood rises without end as its coefficient runs off.
      let positive = (0..<n).filter { y[$0] > 0 }
      if let c = positive.first.map({ x[$0] }), positive.allSatisfy({ x[$0] == c }) {
        let others = (0..<n).filter { y[$0] == 0 }.map { x[$0] }
        if others.allSatisfy({ $0 >= c }) || others.allSatisfy({ $0 <= c }) {
          throw CountModelProblem(
            "separation: \(names[j]) is \(CSVText.full(c)) in every area with reports and differs only in areas without, so its rate ratio is 0 or infinite with no finite interval; leave it out")
        }
      }
    }
    self.means = means
    self.sds = sds
    standardised = z
    // Collinearity: eigenvalues of the predictors' correlation matrix.
    let q = p - 1
    if q >= 2 {
      let predictors = Array(z[n...])
      var r = algebra.crossProduct(predictors, rows: n, columns: q)
      for k in r.indices { r[k] /= Double(n - 1) }
      guard let (values, vectors) = algebra.symmetricEigen(r, order: q) else {
        throw CountModelProblem("the eigenvalues of the predictors' correlation matrix did not converge")
      }
      let largest = values[q - 1]
      let smallest = values[0]
      if !(smallest > 1e-10 * largest) {
        // The smallest eigenvector's large loadings name the columns involved.
        var involved = (0..<q).filter { abs(vectors[$0]) > 0.1 }
        involved.sort { abs(vectors[$0]) > abs(vectors[$1]) }
        let list = involved.map { names[$0 + 1] }
        throw CountModelProblem(
          "collinear predictors: \(list.joined(separator: ", ")) are (almost) a linear combination of each other among these \(n) areas (smallest eigenvalue of their correlation matrix \(CSVText.full(max(0, smallest)))); leave one out")
      }
      conditionNumber = (largest / smallest).squareRoot()
    } else {
      conditionNumber = 1
    }
  }

  /// μ = exp(offset + Zγ).
  func mean(_ gamma: [Double], offset: [Double]) -> [Double] {
    var mu = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var eta = offset[i]
      for j in 0..<p { eta += standardised[i + j * n] * gamma[j] }
      mu[i] = exp(eta)
    }
    return mu
  }

  /// The fit in original units, with both covariances and the fit statistics.
  func result(
    family: CountFamily, fit: CountRegression.IRLSFit, y: [Double], algebra: LinearAlgebra, theta: Double? = nil
  ) throws -> CountRegression {
    let alpha = fit.alpha
    let mu = fit.mu
    // Expected information X′WX, the observed one H and the scores' cross product, at μ.
    var expected = [Double](repeating: 0, count: n * p)
    var observed = [Double](repeating: 0, count: n * p)
    var scores = [Double](repeating: 0, count: n * p)
    for i in 0..<n {
      let d = 1 + alpha * mu[i]
      let w = (mu[i] / d).squareRoot()
      let h = (mu[i] * (1 + alpha * y[i]) / (d * d)).squareRoot()
      let s = (y[i] - mu[i]) / d
      for j in 0..<p {
        let x = standardised[i + j * n]
        expected[i + j * n] = w * x
        observed[i + j * n] = h * x
        scores[i + j * n] = s * x
      }
    }
    guard let modelCovariance = algebra.inverseOfPositiveDefinite(algebra.crossProduct(expected, rows: n, columns: p), order: p),
      let bread = algebra.inverseOfPositiveDefinite(algebra.crossProduct(observed, rows: n, columns: p), order: p)
    else {
      throw CountModelProblem("the information matrix is singular at the estimate: the predictors are collinear")
    }
    let meat = algebra.crossProduct(scores, rows: n, columns: p)
    let robust = multiply(multiply(bread, meat), bread)
    // Back to original units: β = Aγ.
    var a = [Double](repeating: 0, count: p * p)
    a[0] = 1
    for j in 1..<max(1, p) {
      a[j + j * p] = 1 / sds[j]
      a[0 + j * p] = -means[j] / sds[j]
    }
    let beta = (0..<p).map { r in (0..<p).reduce(0.0) { $0 + a[r + $1 * p] * fit.gamma[$1] } }
    func transform(_ c: [Double]) -> [Double] { multiply(multiply(a, c), transpose(a)) }
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
        "condition number \(String(format: "%.1f", conditionNumber)) of the standardised predictors (> 30): they are strongly collinear, so their separate rate ratios are uncertain")
    }
    return result
  }

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
  private func transpose(_ x: [Double]) -> [Double] {
    var r = x
    for i in 0..<p { for j in 0..<p { r[i + j * p] = x[j + i * p] } }
    return r
  }
}
