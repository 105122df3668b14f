import Foundation
import Testing

/// `wijkstat rates` on the demo inputs (data/demo), PC-4 level, every area
/// (--no-suppress), 2003. Expected figures: a hand computation (Python 3 with
/// scipy 1.17.1) from the demo files, per PC-4 r = 2003 counts of meldingen.csv
/// and c = children of kinderen.csv summed over the age groups (352 areas):
/// raw = 100 r / c; Garwood interval 100 × (chi2.ppf(0.025, 2r) / 2, chi2.ppf(0.975,
/// 2r + 2) / 2) / c (lower 0 for r = 0); the reference b = Σr / Σc; Marshall's
/// global empirical Bayes rate b + w (r / c − b) with w = A / (A + b / c),
/// A = Σc (r/c − b)² / Σc − b / mean(c).
@Suite struct RatesCommandTests {
  struct Expected {
    var area: String, reported: String, children: String
    var raw, low, high, eb: Double
  }
  static let reference = 0.37191226488265716
  static let expected = [
    Expected(
      area: "3300", reported: "18", children: "1491", raw: 1.2072434607645874,
      low: 0.7154889859422889,
      high: 1.907965142020656, eb: 0.9413025373428134),
    Expected(
      area: "3301", reported: "3", children: "695", raw: 0.4316546762589928,
      low: 0.08901757163965487,
      high: 1.2614781395312695, eb: 0.4017536207320811),
    // No report: the lower bound is 0, the EB rate is pulled up towards b.
    Expected(
      area: "3314", reported: "0", children: "213", raw: 0, low: 0, high: 1.7318682883164016,
      eb: 0.2848019183865768),
  ]

  @Test func rawIntervalsAndEmpiricalBayesMatchTheHandComputation() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-rates-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try Wijkstat.run(
      [
        "rates", "--areas", "pc4=pc4.geojson", "--reports", "meldingen.csv", "--population",
        "kinderen.csv",
        "--out", out.path, "--no-suppress",
      ],
      in: Wijkstat.packageRoot.appendingPathComponent("data/demo"))
    try #require(result.status == 0, "\(result.stderr)")
    let lines = try String(contentsOf: out.appendingPathComponent("rates.csv"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let rows = lines.dropFirst().map {
      Dictionary(
        uniqueKeysWithValues: zip(
          header, $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
    }
    #expect(rows.count == 352 * 7)
    func value(_ row: [String: String], _ column: String) -> Double {
      Double(row[column] ?? "") ?? .nan
    }
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }
    for e in Self.expected {
      let row = try #require(rows.first { $0["area"] == e.area && $0["year"] == "2003" })
      #expect(row["reported"] == e.reported && row["children"] == e.children, "\(e.area)")
      #expect(close(value(row, "raw_rate"), e.raw), "\(e.area) raw")
      #expect(
        close(value(row, "raw_ci_low"), e.low) && close(value(row, "raw_ci_high"), e.high),
        "\(e.area) Garwood")
      #expect(close(value(row, "eb_rate"), e.eb), "\(e.area) EB")
      #expect(close(value(row, "reference_rate"), Self.reference), "\(e.area) reference")
      let p = value(row, "p_exceeds")
      #expect(p >= 0 && p <= 1, "\(e.area) p_exceeds")
    }
  }
}
