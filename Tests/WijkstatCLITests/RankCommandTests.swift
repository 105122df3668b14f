import Foundation
import Testing
import WijkstatTestSupport

/// `wijkstat rank` on the demo inputs (data/demo), PC-4 level, 2009. Expected
/// figures are a hand computation (Python 3, csv module) from the demo files:
/// the 2009 `count`s of meldingen.csv and `children` of kinderen.csv summed over
/// the age groups per PC-4, pct = 100 × reported / children, sorted descending.
/// 352 areas; the highest is 3322 (26 / 701 = 3.708987161198288 %), the 50th
/// 3804 (3 / 286); 24 areas have no report in 2009, so they tie at 0 and share
/// rank 352 − 24 + 1 = 329.
@Suite struct RankCommandTests {
  static let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo")

  static func rank(_ extra: [String]) throws -> (CommandResult, [[String: String]], URL) {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-rank-\(UUID().uuidString)")
    let result = try Wijkstat.run(
      [
        "rank", "--areas", "pc4=pc4.geojson", "--reports", "meldingen.csv", "--population",
        "kinderen.csv",
        "--level", "pc4", "--year", "2009", "--out", out.path,
      ] + extra, in: demo)
    let text =
      (try? String(contentsOf: out.appendingPathComponent("rankings.csv"), encoding: .utf8)) ?? ""
    let lines = text.split(separator: "\n").map(String.init)
    let header =
      lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
    let rows = lines.dropFirst().map { line in
      Dictionary(
        uniqueKeysWithValues: zip(
          header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
    }
    return (result, rows, out)
  }

  /// rankings.md in the command's `--lang` (Dutch by default, as the run's
  /// report): 3322's 3.708987161198288 % of rankings.csv, rounded to three
  /// decimals as the Markdown copies are, with a decimal comma in Dutch; the CSV
  /// the same in both.
  @Test func theMarkdownCopyIsInTheCommandsLanguage() throws {
    var csv: [String] = []
    for (extra, pct) in [
      ([String](), "3,709"), (["--lang", "nl"], "3,709"), (["--lang", "en"], "3.709"),
    ] {
      let (result, _, out) = try Self.rank(["--no-suppress"] + extra)
      defer { try? FileManager.default.removeItem(at: out) }
      try #require(result.status == 0, "\(result.stderr)")
      let md = try String(contentsOf: out.appendingPathComponent("rankings.md"), encoding: .utf8)
      #expect(md.contains("| 1 | 3322 |  |  | \(pct) | 26 | 701 | top |"), "\(extra)")
      #expect(!md.contains(pct == "3.709" ? "3,709" : "3.709"))
      csv.append(
        try String(contentsOf: out.appendingPathComponent("rankings.csv"), encoding: .utf8))
    }
    #expect(csv[0] == csv[1] && csv[1] == csv[2])
  }

  @Test func theRankingOfEveryAreaMatchesTheHandComputation() throws {
    let (result, rows, out) = try Self.rank(["--no-suppress"])
    defer { try? FileManager.default.removeItem(at: out) }
    try #require(result.status == 0, "\(result.stderr)")
    // Top 50 and bottom 50 of the 352.
    #expect(rows.count == 100)
    #expect(rows.filter { $0["list"] == "top" }.count == 50)
    let first = try #require(rows.first)
    #expect(
      first["rank"] == "1" && first["code"] == "3322" && first["reported"] == "26"
        && first["children"] == "701")
    #expect(abs((Double(first["pct_reported"] ?? "") ?? .nan) - 3.708987161198288) < 1e-12)
    #expect(
      rows[49]["rank"] == "50" && rows[49]["code"] == "3804" && rows[49]["reported"] == "3"
        && rows[49]["children"] == "286")
    // Every row's figure is its own counts' ratio.
    for row in rows {
      let reported = try #require(Double(row["reported"] ?? ""))
      let children = try #require(Double(row["children"] ?? ""))
      let pct = try #require(Double(row["pct_reported"] ?? ""))
      #expect(abs(pct - 100 * reported / children) < 1e-12, "\(row)")
    }
    // The 24 areas without a report tie at 0 and share rank 329.
    let last24 = rows.suffix(24)
    #expect(
      last24.allSatisfy { $0["rank"] == "329" && $0["reported"] == "0" && $0["list"] == "bottom" })
    #expect(rows[rows.count - 25]["rank"] == "328")
  }

  /// With disclosure control on (the default, minimum count 5) no published row
  /// shows a count below 5 (176 of the 352 areas have 5 or more reports in 2009;
  /// complementary suppression may withhold more), and the withheld areas are
  /// listed only in internal/.
  @Test func withheldCountsAreNotRanked() throws {
    let (result, rows, out) = try Self.rank([])
    defer { try? FileManager.default.removeItem(at: out) }
    try #require(result.status == 0, "\(result.stderr)")
    #expect(!rows.isEmpty && rows.count <= 100)
    #expect(rows.allSatisfy { (Int($0["reported"] ?? "") ?? 0) >= 5 })
    #expect(rows.first?["code"] == "3322")
    #expect(!rows.contains { $0["code"] == "3512" })  // 1 report of 513 children
    #expect(
      FileManager.default.fileExists(
        atPath: out.appendingPathComponent("internal/suppression-log.csv").path))
  }
}
