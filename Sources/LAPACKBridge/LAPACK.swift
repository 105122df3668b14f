import CLAPACK
import WijkstatCore

/// `LinearAlgebra` by LAPACK and BLAS (Debian liblapack-dev): dsyrk for the
/// cross products of the IRLS steps, dpotrf/dpotri for the inverse of the
/// information matrix, dsyev for the condition number and collinearity.
/// Every LAPACK `info` is checked: 0 is success, < 0 an illegal argument (a
/// bug here: fails loudly), > 0 the numerical failure each routine documents.
public struct LAPACK: LinearAlgebra {
  public init() {}

  public func crossProduct(_ b: [Double], rows n: Int, columns p: Int) -> [Double] {
    precondition(b.count == n * p, "an n × p matrix")
    var c = [Double](repeating: 0, count: p * p)
    guard n > 0, p > 0 else { return c }
    var nn = Int32(p)
    var k = Int32(n)
    var lda = Int32(n)
    var ldc = Int32(p)
    var alpha = 1.0
    var beta = 0.0
    // C = B′B: with trans = 'T' dsyrk's A is k × n (here n rows of B by p).
    b.withUnsafeBufferPointer { a in
      dsyrk_("U", "T", &nn, &k, &alpha, a.baseAddress, &lda, &beta, &c, &ldc, 1, 1)
    }
    fillLower(&c, p)
    return c
  }

  public func inverseOfPositiveDefinite(_ a: [Double], order p: Int) -> [Double]? {
    precondition(a.count == p * p, "a p × p matrix")
    guard p > 0 else { return [] }
    var m = a
    var n = Int32(p)
    var lda = Int32(p)
    var info: Int32 = 0
    dpotrf_("U", &n, &m, &lda, &info, 1)
    precondition(info >= 0, "dpotrf: illegal argument \(-info)")
    // info > 0: the leading minor of order info is not positive definite.
    guard info == 0 else { return nil }
    dpotri_("U", &n, &m, &lda, &info, 1)
    precondition(info >= 0, "dpotri: illegal argument \(-info)")
    // info > 0: a zero on the factor's diagonal (singular).
    guard info == 0 else { return nil }
    fillLower(&m, p)
    return m
  }

  public func symmetricEigen(_ a: [Double], order p: Int) -> (values: [Double], vectors: [Double])?
  {
    precondition(a.count == p * p, "a p × p matrix")
    guard p > 0 else { return ([], []) }
    var m = a
    var n = Int32(p)
    var lda = Int32(p)
    var w = [Double](repeating: 0, count: p)
    var info: Int32 = 0
    // Workspace query (lwork = -1), then the decomposition.
    var size = 0.0
    var query: Int32 = -1
    dsyev_("V", "U", &n, &m, &lda, &w, &size, &query, &info, 1, 1)
    precondition(info >= 0, "dsyev: illegal argument \(-info)")
    var lwork = Int32(max(1, Int(size)))
    var work = [Double](repeating: 0, count: Int(lwork))
    dsyev_("V", "U", &n, &m, &lda, &w, &work, &lwork, &info, 1, 1)
    precondition(info >= 0, "dsyev: illegal argument \(-info)")
    // info > 0: that many off-diagonal elements did not converge to zero.
    guard info == 0 else { return nil }
    return (w, m)
  }

  /// Copies the upper triangle (which LAPACK wrote) into the lower one.
  private func fillLower(_ m: inout [Double], _ p: Int) {
    for j in 0..<p {
      for i in (j + 1)..<max(j + 1, p) { m[i + j * p] = m[j + i * p] }
    }
  }
}
