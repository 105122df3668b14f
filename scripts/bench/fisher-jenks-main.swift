import Foundation
// BENCHMARKS.md, "Fisher–Jenks, exact": swiftc -O scripts/bench/fisher-jenks-main.swift
//   Sources/WijkstatCore/Classification/FisherJenks.swift -o /tmp/fjbench && /tmp/fjbench
// Fisher–Jenks timing: Sources/WijkstatCore/Classification/FisherJenks.swift compiled
// alone with `swiftc -O` (the release optimisation), on skewed rates like the PC-4
// % reported: 17 % exact zeros, the rest lognormal, rounded to 3 decimals (ties).
struct LCG { var s: UInt64; mutating func next() -> Double { s = s &* 6364136223846793005 &+ 1442695040888963407; return Double(s >> 11) * 0x1p-53 } }
var g = LCG(s: 2009)
var rounding = true
func sample(_ n: Int) -> [Double] {
  (0..<n).map { _ in
    if g.next() < 0.17 { return 0 }
    let u = max(g.next(), 1e-300), v = g.next()
    let z = (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    return rounding ? (exp(0.6 * z) * 1.2 * 1000).rounded() / 1000 : exp(0.6 * z) * 1.2
  }
}
for (n, r) in [(4038, true), (460_000, true), (4038, false), (460_000, false)] {
  rounding = r
  let values = sample(n)
  for k in [5, 7, 9] {
    var best = Double.infinity
    var wall = Double.infinity
    var breaks: [Double] = []
    for _ in 0..<5 {
      var a = timespec(), b = timespec()
      let t0 = Date()
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a)
      let sorted = values.sorted()
      breaks = FisherJenks.breaks(sorted, k: k)
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b)
      wall = min(wall, Date().timeIntervalSince(t0))
      best = min(best, Double(b.tv_sec - a.tv_sec) + Double(b.tv_nsec - a.tv_nsec) * 1e-9)
    }
    print("n \(n) (\(Set(values).count) distinct) k \(k): CPU \(String(format: "%.4f", best)) s, wall \(String(format: "%.4f", wall)) s (best of 5, sort included), breaks \(breaks)")
  }
}
