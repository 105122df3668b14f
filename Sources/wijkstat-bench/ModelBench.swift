import Foundation
import LAPACKBridge
import WijkstatCore
import WijkstatBenchData
import WijkstatIO
import WijkstatPipeline

/// `wijkstat bench --models`: the count models' fit times (issue 21) on a
/// generated one-year panel (`BenchmarkData.panel`, seed 11, 10 indicators) for
/// the real PC-4 codes and for generated areas, Poisson and NB2, without and
/// with gemeente fixed effects. The gemeenten are 342 blocks of consecutive
/// areas in file order (as many as the Netherlands had in 2023; the real
/// PC-4 → gemeente lookup is not in the shared data). Also the session-6 way of
/// fitting the effects, as 341 dense 0/1 columns, where it fits in memory.
enum ModelBench {
  static let gemeenten = 342

  static func run(pc4: String, sizes: [Int], repeats: Int) throws -> String {
    var cases: [(name: String, codes: [String])] = []
    if FileManager.default.fileExists(atPath: pc4) {
      cases.append(("real PC-4", try BoundaryReader.read(pc4).layer.areas.map(\.code)))
    } else {
      Terminal.warning("bench --models: \(pc4) is absent; the real PC-4 case is left out")
    }
    for size in sizes {
      cases.append(("generated", (0..<size).map { String(format: "A%07d", $0) }))
    }
    var out =
      "| fit (10 indicators, 1 year) | "
      + cases.map { "\($0.name) (\(grouped($0.codes.count)) areas)" }.joined(separator: " | ")
      + " |\n"
    out += "|---|" + cases.map { _ in "---:" }.joined(separator: "|") + "|\n"
    var rows: [(String, [String])] = []
    let kinds: [(label: String, family: CountModelAnalysis.FamilyChoice, effects: Bool)] = [
      ("Poisson", .poisson, false), ("NB2 (with the Poisson fit and the LR test)", .nb2, false),
      ("Poisson + 342 gemeente effects", .poisson, true),
      ("NB2 + 342 gemeente effects", .nb2, true),
    ]
    var cells = Array(repeating: [String](), count: kinds.count + 2)
    for c in cases {
      var panel = BenchmarkData.panel(codes: c.codes, level: .pc4, years: [2009], seed: 11)
      let block = max(1, (c.codes.count + gemeenten - 1) / gemeenten)
      for i in panel.rows.indices { panel.rows[i].gemeente = String(format: "GM%04d", i / block) }
      for (k, kind) in kinds.enumerated() {
        var options = CountModelAnalysis.Options(
          family: kind.family, gemeenteEffects: kind.effects, permutations: 0)
        options.crude = false
        var samples: [Double] = []
        var note = ""
        for r in 1...repeats {
          Terminal.progress(
            "bench --models: \(c.name) \(c.codes.count) \(kind.label) \(r)/\(repeats)")
          let (analysis, seconds) = measure {
            CountModelAnalysis(
              panel: panel, level: .pc4, years: [2009], options: options, algebra: LAPACK())
          }
          samples.append(seconds)
          if let problem = analysis.fits.first?.problem { note = " (\(problem))" }
          if let nb = analysis.fits.first?.negativeBinomial {
            note = ", \(nb.iterations) IRLS steps"
          } else if let p = analysis.fits.first?.poisson {
            note = ", \(p.iterations) IRLS steps"
          }
        }
        cells[k].append(spread(samples) + note)
      }
      // Session 6's way: the effects as dense 0/1 columns (n × 352 per buffer).
      let n = panel.rows.count
      let (label, dense) = (
        "Poisson, effects as 341 dense columns (session 6)", n * (gemeenten + 11) * 8 * 4 < 1 << 30
      )
      if dense {
        let rowsUsed = panel.rows
        let y = rowsUsed.map { $0.reported[.all]! }
        let offset = rowsUsed.map { log($0.children[.all]!) }
        var columns: [[Double]] = [[Double](repeating: 1, count: n)]
        for name in BenchmarkData.indicators {
          columns.append(rowsUsed.map { $0.indicators[name]! })
        }
        let codes = Array(Set(rowsUsed.map { $0.gemeente! })).sorted()
        for code in codes.dropFirst() {
          columns.append(rowsUsed.map { $0.gemeente == code ? 1 : 0 })
        }
        let names =
          ["intercept"] + BenchmarkData.indicators + codes.dropFirst().map { "gemeente \($0)" }
        var samples: [Double] = []
        for r in 1...repeats {
          Terminal.progress("bench --models: \(c.name) \(n) \(label) \(r)/\(repeats)")
          let (_, seconds) = try measure {
            try CountRegression.fit(
              family: .poisson, y: y, offset: offset, columns: columns, names: names,
              algebra: LAPACK())
          }
          samples.append(seconds)
        }
        cells[kinds.count].append(spread(samples))
      } else {
        cells[kinds.count].append("– (\(n) × 352 dense columns: > 1 GiB)")
      }
      cells[kinds.count + 1].append(
        String(format: "%.0f MiB", Double(peakResidentBytes()) / 1_048_576))
    }
    rows =
      kinds.enumerated().map { ($1.label, cells[$0]) }
      + [
        ("Poisson, effects as 341 dense 0/1 columns (session 6)", cells[kinds.count]),
        ("peak memory of the process so far", cells[kinds.count + 1]),
      ]
    for (label, values) in rows {
      out += "| \(label) | " + values.joined(separator: " | ") + " |\n"
    }
    return out
  }

  static func spread(_ samples: [Double]) -> String {
    let t = TimingSummary(samples: samples)
    return samples.count == 1
      ? String(format: "%.3f s", t.median)
      : String(format: "%.3f s (%.3f–%.3f)", t.median, t.minimum, t.maximum)
  }

  static func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(d)
    }
    return out
  }
}
