import Foundation
import Testing
import WijkstatTestSupport

/// `wijkstat contrast` on the demo inputs (data/demo), PC-4 level, every area
/// (--no-suppress), 2009. Expected figures: a hand computation (Python 3 with
/// scipy 1.17.1) from the demo files: per age group, the 2009 counts of
/// meldingen.csv and children of kinderen.csv summed over the PC-4s flagged 1
/// and 0 in achterstandswijken.csv (49 and 303 areas); rate ratio
/// RR = (r1 / c1) / (r0 / c0), 95 % interval exp(ln RR ± 1.959964 √(1/r1 + 1/r0)),
/// exact p = `stats.binomtest(r1, r1 + r0, c1 / (c1 + c0)).pvalue`. Without a
/// gemeente lookup there is one stratum, so the Mantel–Haenszel ratio is RR.
@Suite struct ContrastCommandTests {
  struct Expected {
    var ageGroup: String
    var r1: String, c1: String, r0: String, c0: String
    var rr, low, high, p: Double
  }
  static let expected = [
    Expected(
      ageGroup: "0-3", r1: "151", c1: "11789", r0: "436", c0: "69432",
      rr: 2.039732264799794, low: 1.695111995792356, high: 2.454414647759322,
      p: 1.1336369259790483e-12),
    Expected(
      ageGroup: "8-17", r1: "341", c1: "31998", r0: "817", c0: "188451",
      rr: 2.4581474760165163, low: 2.1663564217679863, high: 2.789240474526823,
      p: 1.1528696465027816e-38),
    Expected(
      ageGroup: "0-17", r1: "690", c1: "56136", r0: "1690", c0: "330626",
      rr: 2.4046835116407914, low: 2.200913177686534, high: 2.6273198096961297,
      p: 3.4412890243436516e-73),
  ]

  @Test func rateRatiosIntervalsAndExactPMatchTheHandComputation() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-contrast-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try Wijkstat.run(
      [
        "contrast", "--areas", "pc4=pc4.geojson", "--reports", "meldingen.csv", "--population",
        "kinderen.csv",
        "--achterstand", "achterstandswijken.csv", "--out", out.path, "--no-suppress",
      ],
      in: Wijkstat.packageRoot.appendingPathComponent("data/demo"))
    try #require(result.status == 0, "\(result.stderr)")
    let table = try CSVRows.read(out.appendingPathComponent("contrast.csv"))
    let tests = try CSVRows.read(out.appendingPathComponent("contrast-tests.csv"))
    // 7 years × 4 age groups (0-3, 4-7, 8-17, 0-17) × 2 flags; 7 × 4 tests.
    #expect(table.count == 56 && tests.count == 28)
    func value(_ row: [String: String], _ column: String) -> Double {
      Double(row[column] ?? "") ?? .nan
    }
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }
    for e in Self.expected {
      let flagged = try #require(
        table.first {
          $0["year"] == "2009" && $0["age_group"] == e.ageGroup && $0["achterstandswijk"] == "1"
        })
      let other = try #require(
        table.first {
          $0["year"] == "2009" && $0["age_group"] == e.ageGroup && $0["achterstandswijk"] == "0"
        })
      #expect(flagged["areas"] == "49" && other["areas"] == "303")
      #expect(flagged["reported"] == e.r1 && flagged["children"] == e.c1, "\(e.ageGroup)")
      #expect(other["reported"] == e.r0 && other["children"] == e.c0, "\(e.ageGroup)")
      #expect(close(value(flagged, "pct_reported"), 100 * Double(e.r1)! / Double(e.c1)!))
      let test = try #require(tests.first { $0["year"] == "2009" && $0["age_group"] == e.ageGroup })
      #expect(close(value(test, "rate_ratio"), e.rr), "\(e.ageGroup) RR")
      #expect(
        close(value(test, "rr_ci_low"), e.low) && close(value(test, "rr_ci_high"), e.high),
        "\(e.ageGroup) CI")
      #expect(abs(value(test, "p_value") - e.p) <= 1e-9 * e.p, "\(e.ageGroup) p")
      #expect(
        close(value(test, "mh_rate_ratio"), e.rr) && test["mh_strata"] == "1", "\(e.ageGroup) MH")
    }
  }
}
