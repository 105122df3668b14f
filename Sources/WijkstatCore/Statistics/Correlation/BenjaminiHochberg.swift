/// Benjamini–Hochberg (1995) false discovery rate q-values: with the m finite
/// p-values sorted, q₍ᵢ₎ = min over j ≥ i of m p₍ⱼ₎ / j, capped at 1. NaN p-values
/// stay NaN and do not count in m (as statsmodels' `multipletests(method="fdr_bh")`
/// on the finite values).
public enum BenjaminiHochberg {
  public static func qValues(_ p: [Double]) -> [Double] {
    let finite = p.indices.filter { p[$0].isFinite }.sorted { p[$0] > p[$1] }
    let m = Double(finite.count)
    var q = [Double](repeating: .nan, count: p.count)
    var running = 1.0
    for (offset, index) in finite.enumerated() {
      let rank = m - Double(offset)
      running = min(running, m * p[index] / rank)
      q[index] = min(1, running)
    }
    return q
  }
}
