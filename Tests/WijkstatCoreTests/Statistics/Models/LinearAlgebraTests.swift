import Foundation
import LAPACKBridge
import Testing

@testable import WijkstatCore

@Suite struct LinearAlgebraTests {
  /// scipy 1.17.1: scipy.special.digamma(x), scipy.special.polygamma(1, x).
  @Test func digammaAndTrigammaMatchScipy() {
    let cases: [(Double, Double, Double)] = [
      (0.3, -3.502524222200133, 12.245364546107734), (1.0, -0.5772156649015329, 1.6449340668482266),
      (2.5, 0.7031566406452432, 0.4903577561002349), (9.99, 2.250700372831201, 0.10527695014824176),
      (10.0, 2.251752589066721, 0.10516633568168576),
      (47.2, 3.843763268492118, 0.021412458146254962),
      (1e6, 13.81551005796419, 1.0000005000001667e-06),
    ]
    for (x, psi, tri) in cases {
      #expect(abs(Digamma.psi(x) - psi) <= 1e-14 * max(1, abs(psi)), "ψ(\(x)) = \(Digamma.psi(x))")
      #expect(abs(Digamma.trigamma(x) - tri) <= 1e-13 * tri, "ψ′(\(x)) = \(Digamma.trigamma(x))")
    }
    #expect(Digamma.psi(0).isNaN && Digamma.psi(-1).isNaN)
  }

  /// By hand: B = [[1, 2], [3, 4], [5, 6]] gives B′B = [[35, 44], [44, 56]],
  /// whose inverse is [[56, −44], [−44, 35]] / 24; eigenvalues of
  /// [[2, 1], [1, 2]] are 1 and 3.
  @Test func lapackRoutines() throws {
    let lapack = LAPACK()
    let product = lapack.crossProduct([1, 3, 5, 2, 4, 6], rows: 3, columns: 2)
    #expect(product == [35, 44, 44, 56])
    let inverse = try #require(lapack.inverseOfPositiveDefinite(product, order: 2))
    for (a, b) in zip(inverse, [56.0 / 24, -44.0 / 24, -44.0 / 24, 35.0 / 24]) {
      #expect(abs(a - b) < 1e-13)
    }
    #expect(lapack.inverseOfPositiveDefinite([1, 2, 2, 4], order: 2) == nil)  // singular
    #expect(lapack.inverseOfPositiveDefinite([1, 0, 0, -1], order: 2) == nil)  // indefinite
    let (values, vectors) = try #require(lapack.symmetricEigen([2, 1, 1, 2], order: 2))
    #expect(abs(values[0] - 1) < 1e-14 && abs(values[1] - 3) < 1e-14)
    #expect(abs(abs(vectors[0]) - 0.5.squareRoot()) < 1e-14 && abs(vectors[0] + vectors[1]) < 1e-14)
  }
}
