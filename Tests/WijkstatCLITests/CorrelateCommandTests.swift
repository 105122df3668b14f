import Foundation
import Testing

/// `wijkstat correlate` on the demo inputs (data/demo), PC-4 level, every area
/// (--no-suppress). Expected figures: scipy 1.17.1 on the demo files, % reported
/// = 100 × (2009 counts of meldingen.csv summed over age groups) / (children of
/// kinderen.csv summed likewise) per PC-4 and year, against the indicator of
/// indicatoren-pc4.csv (areas without a value left out): `stats.pearsonr` (r, p,
/// `confidence_interval()`), `stats.spearmanr` (rho, p), and
/// `stats.false_discovery_control(method="bh")` over the 35 Pearson p-values
/// (7 years × 5 indicators) for q.
@Suite struct CorrelateCommandTests {
  struct Expected {
    var year: String, indicator: String, n: String
    var r, p, low, high, rho, rhoP, q: Double
  }
  static let expected = [
    Expected(
      year: "2003", indicator: "kinderen_in_armoede", n: "351", r: 0.39275524990255106,
      p: 2.1512281779057804e-14,
      low: 0.3004266989512687, high: 0.47779167067025413, rho: 0.3822257438709064,
      rhoP: 1.1797080143261046e-13,
      q: 5.791768171284794e-14),
    Expected(
      year: "2009", indicator: "totaalscore", n: "348", r: 0.49370564611518264,
      p: 8.798584213659857e-23,
      low: 0.4098472604004609, high: 0.5692884338191453, rho: 0.4887940229919776,
      rhoP: 2.670279987452982e-22,
      q: 1.02650149159365e-21),
    Expected(
      year: "2009", indicator: "tienermoeders", n: "349", r: 0.3310875668709128,
      p: 2.2560910084317085e-10,
      low: 0.2342494246710819, high: 0.42142010491388515, rho: 0.2367013237771597,
      rhoP: 7.830771329422259e-06,
      q: 3.94815926475549e-10),
  ]

  @Test func pearsonSpearmanAndQMatchScipy() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-correlate-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try Wijkstat.run(
      [
        "correlate", "--areas", "pc4=pc4.geojson", "--reports", "meldingen.csv", "--population",
        "kinderen.csv",
        "--indicators", "pc4=indicatoren-pc4.csv", "--level", "pc4", "--out", out.path,
        "--no-suppress",
      ],
      in: Wijkstat.packageRoot.appendingPathComponent("data/demo"))
    try #require(result.status == 0, "\(result.stderr)")
    let text = try String(
      contentsOf: out.appendingPathComponent("correlations.csv"), encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let rows = lines.dropFirst().map {
      Dictionary(
        uniqueKeysWithValues: zip(
          header, $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
    }
    #expect(rows.count == 35)
    func value(_ row: [String: String], _ column: String) -> Double {
      Double(row[column] ?? "") ?? .nan
    }
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }
    func closeRelative(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * abs(b) }
    for e in Self.expected {
      let row = try #require(
        rows.first {
          $0["level"] == "pc4" && $0["year"] == e.year && $0["indicator"] == e.indicator
        })
      #expect(row["n"] == e.n)
      #expect(close(value(row, "pearson_r"), e.r), "\(e.indicator) \(e.year) r")
      #expect(closeRelative(value(row, "pearson_p"), e.p), "\(e.indicator) \(e.year) p")
      #expect(
        close(value(row, "pearson_ci_low"), e.low) && close(value(row, "pearson_ci_high"), e.high),
        "\(e.indicator) \(e.year) CI")
      #expect(close(value(row, "spearman_rho"), e.rho), "\(e.indicator) \(e.year) rho")
      #expect(closeRelative(value(row, "spearman_p"), e.rhoP), "\(e.indicator) \(e.year) rho p")
      #expect(closeRelative(value(row, "q_value"), e.q), "\(e.indicator) \(e.year) q")
    }
  }
}
