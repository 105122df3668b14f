/// The dense linear algebra the count models need, on small p × p matrices
/// and on n × p designs. The implementation is LAPACK and BLAS (LAPACKBridge,
/// Debian liblapack-dev): wijkstat has no solver of its own. Matrices are
/// column-major arrays (element (i, j) of an r-row matrix at i + j·r).
public protocol LinearAlgebra: Sendable {
  /// B′B (p × p, both triangles filled) of an n × p matrix B.
  func crossProduct(_ b: [Double], rows n: Int, columns p: Int) -> [Double]
  /// The inverse of a symmetric positive definite p × p matrix (Cholesky);
  /// nil when it is not positive definite (numerically).
  func inverseOfPositiveDefinite(_ a: [Double], order p: Int) -> [Double]?
  /// Eigenvalues in ascending order and the eigenvectors (column k belongs to
  /// value k) of a symmetric p × p matrix; nil when LAPACK does not converge.
  func symmetricEigen(_ a: [Double], order p: Int) -> (values: [Double], vectors: [Double])?
}
