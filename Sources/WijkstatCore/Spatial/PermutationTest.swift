/// The alternative hypothesis of a permutation test, named as esda names them
/// (`esda.significance.calculate_significance`, esda 2.9.0). With P random
/// permutations, G of them with a statistic ≥ the observed and L ≤ the
/// observed (ties count in both, so tied values never fall on one side):
///
/// - `two-sided` (default): p = min(1, 2 · (min(G, L) + 1) / (P + 1)), the
///   smaller tail doubled. esda's own `two-sided` finds the tails through
///   percentiles of the reference distribution; without ties both agree up to
///   the interpolation, with ties this one counts every tie in both tails.
/// - `greater`: p = (G + 1) / (P + 1), for positive autocorrelation.
/// - `lesser`: p = (L + 1) / (P + 1), for negative autocorrelation.
/// - `directed`: esda's old default (`Moran.p_sim`, `Moran_Local.p_sim`):
///   G folded to min(G, P − G), p = (G + 1) / (P + 1), the tail chosen after
///   seeing the data. Uniformly too small (esda's own words); only for
///   reproducing older results.
///
/// When every distinct arrangement can be listed (N ≤ P: n! arrangements for
/// the global test, C(n − 1, kᵢ) neighbour sets for area i), the test
/// enumerates them all instead and is exact: G and L count the N arrangements
/// (the observed one included): `greater` G/N, `lesser` L/N, `two-sided`
/// min(1, 2·min(G, L)/N), `directed` min(G, L)/N.
public enum PermutationAlternative: String, Sendable, CaseIterable, Equatable {
  case twoSided = "two-sided"
  case greater
  case lesser
  case directed

  /// The p-value from the counts; `exact` when the permutations were all
  /// `count` arrangements (the observed one among them).
  public func p(atLeast: Int, atMost: Int, count: Int, exact: Bool) -> Double {
    if exact {
      let n = Double(count)
      switch self {
      case .twoSided: return min(1, 2 * Double(min(atLeast, atMost)) / n)
      case .greater: return Double(atLeast) / n
      case .lesser: return Double(atMost) / n
      case .directed: return Double(min(atLeast, atMost)) / n
      }
    }
    let p1 = Double(count + 1)
    switch self {
    case .twoSided: return min(1, 2 * Double(min(atLeast, atMost) + 1) / p1)
    case .greater: return Double(atLeast + 1) / p1
    case .lesser: return Double(atMost + 1) / p1
    case .directed:
      let larger = count - atLeast < atLeast ? count - atLeast : atLeast
      return Double(larger + 1) / p1
    }
  }

  /// A sentence for tables and reports.
  public var description: String {
    switch self {
    case .twoSided:
      return "two-sided permutation p (smaller tail doubled, ties counted in both tails)"
    case .greater: return "one-sided permutation p (greater: positive autocorrelation)"
    case .lesser: return "one-sided permutation p (lesser: negative autocorrelation)"
    case .directed:
      return "directed permutation p (esda's old p_sim: the tail of the observed value; too small)"
    }
  }
}

/// Which LISA areas a cluster map shows as clusters: by Benjamini–Hochberg
/// q < α (default, the false discovery rate over all tested areas), by the
/// plain pseudo p < α (GeoDa's default; with thousands of areas many false
/// clusters) or by Bonferroni, p < α / m with m the tested areas.
public enum ClusterRule: String, Sendable, CaseIterable, Equatable {
  case fdr
  case p
  case bonferroni

  public func description(alpha: Double) -> String {
    let a = CSVText.number(alpha)
    switch self {
    case .fdr: return "cluster where the Benjamini–Hochberg q < \(a) (false discovery rate)"
    case .p: return "cluster where the pseudo p < \(a) (no correction for multiple tests)"
    case .bonferroni: return "cluster where the pseudo p < \(a) / m (Bonferroni, m tested areas)"
    }
  }
}

enum Combinatorics {
  /// n! when it is at most `limit`, else nil.
  static func factorial(_ n: Int, atMost limit: Int) -> Int? {
    var f = 1
    for i in stride(from: 2, through: max(n, 1), by: 1) {
      let (product, overflow) = f.multipliedReportingOverflow(by: i)
      if overflow || product > limit { return nil }
      f = product
    }
    return f
  }

  /// C(n, k) when it is at most `limit`, else nil.
  static func binomial(_ n: Int, _ k: Int, atMost limit: Int) -> Int? {
    guard k >= 0, k <= n else { return 0 }
    let k = min(k, n - k)
    var c = 1
    for i in 0..<k {
      // c · (n − i) / (i + 1) stays whole at every step.
      let (product, overflow) = c.multipliedReportingOverflow(by: n - i)
      if overflow { return nil }
      c = product / (i + 1)
      if c > limit { return nil }
    }
    return c
  }
}
