import Foundation
import Testing
import WijkstatTestSupport

/// CBS special values (`-99997` geheim of niet aanwezig, `-99995` komt in latere
/// versie, `-99991` niet meer gepubliceerd) on the command line, on the fixture in
/// Tests/Fixtures/cbs (written by make_special_values.py there: invented numbers,
/// the 342 real 2023 gemeente codes and names, Kerncijfers field names; -99997 in
/// 24 gemeenten, 7%). Reference values from scipy 1.17.1 `stats.pearsonr` on the
/// 318 gemeenten with a figure: r = 0.7993474741962072; with the 24 codes read as
/// numbers (as before this change) r = 0.0112 over n = 342.
@Suite struct SpecialValuesCommandTests {
  static let fixtures = Wijkstat.packageRoot.appendingPathComponent("Tests/Fixtures/cbs")

  static func temporary() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-special-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static let inputs = [
    "--reports", "meldingen-2022.csv", "--population", "kinderen-2022.csv", "--indicators",
    "kwb-2022-gemeenten.csv",
  ]

  @Test func specialValuesAreMissingInTheCorrelationNotNumbers() throws {
    let out = try Self.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try Wijkstat.run(
      ["correlate"] + Self.inputs + ["--out", out.path], in: Self.fixtures)
    #expect(result.status == 0, "\(result.stderr)")
    let csv = try String(
      contentsOf: out.appendingPathComponent("correlations.csv"), encoding: .utf8)
    let row = try #require(
      csv.split(separator: "\n").first {
        $0.contains(",percentage_huishoudens_onder_of_rond_sociaal_minimum,")
      })
    let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    // level,year,indicator,n,pearson_r,...
    #expect(fields[0] == "gemeente" && fields[1] == "2022")
    #expect(fields[3] == "318")
    let r = try #require(Double(fields[4]))
    #expect(abs(r - 0.7993474741962072) < 1e-4, "r = \(r)")
    // The other column: 5 × -99995 and 3 × -99991 are missing: 334 gemeenten.
    let other = try #require(
      csv.split(separator: "\n").first {
        $0.contains(",percentage_jongeren_met_jeugdzorg_in_natura,")
      })
    #expect(other.split(separator: ",")[3] == "334")
    // Told apart and counted per column on stderr.
    #expect(
      result.stderr.contains(
        "no figure: indicators (gemeente) kwb-2022-gemeenten.csv: percentage_huishoudens_onder_of_rond_sociaal_minimum: 24 geheim of niet aanwezig (-99997)"
      ))
    #expect(
      result.stderr.contains(
        "percentage_jongeren_met_jeugdzorg_in_natura: 5 komt in latere versie (-99995), 3 niet meer gepubliceerd (-99991)"
      ))
  }

  @Test func theJoinReportCountsThemPerColumnAndReason() throws {
    let out = try Self.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try Wijkstat.run(
      ["join"] + Self.inputs + [
        "--out", out.path + "/panel.csv", "--report", out.path + "/join.csv", "--strict",
      ],
      in: Self.fixtures)
    // Special values are not key mismatches: --strict passes.
    #expect(result.status == 0, "\(result.stderr)")
    let report = try String(contentsOf: out.appendingPathComponent("join.csv"), encoding: .utf8)
    let lines = report.split(separator: "\n").map(String.init)
    #expect(
      lines.contains(
        "gemeente,values,percentage_huishoudens_onder_of_rond_sociaal_minimum,geheim of niet aanwezig,24 × -99997,kwb-2022-gemeenten.csv"
      ))
    #expect(
      lines.contains(
        "gemeente,values,percentage_jongeren_met_jeugdzorg_in_natura,komt in latere versie,5 × -99995,kwb-2022-gemeenten.csv"
      ))
    #expect(
      lines.contains(
        "gemeente,values,percentage_jongeren_met_jeugdzorg_in_natura,niet meer gepubliceerd,3 × -99991,kwb-2022-gemeenten.csv"
      ))
    // The panel holds no code as a value.
    let panel = try String(contentsOf: out.appendingPathComponent("panel.csv"), encoding: .utf8)
    #expect(!panel.contains("9999"))
  }

  @Test func noneReadsTheCodesAsNumbersAgainWhenAsked() throws {
    let out = try Self.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try Wijkstat.run(
      ["correlate"] + Self.inputs + ["--special-values", "none", "--out", out.path],
      in: Self.fixtures)
    #expect(result.status == 0, "\(result.stderr)")
    let csv = try String(
      contentsOf: out.appendingPathComponent("correlations.csv"), encoding: .utf8)
    let row = try #require(
      csv.split(separator: "\n").first {
        $0.contains(",percentage_huishoudens_onder_of_rond_sociaal_minimum,")
      })
    #expect(row.split(separator: ",")[3] == "342")
  }

  @Test func anUnknownSpecialValueProductIsAUsageError() throws {
    let result = try Wijkstat.run(
      ["correlate"] + Self.inputs + ["--special-values", "kwb,abc", "--out", "x"], in: Self.fixtures
    )
    #expect(result.status == 64)
    #expect(result.stderr.contains("special value \"abc\" is neither a CBS product"))
  }

  /// The map legend of the indicator: no class starts at −99997; the 24 are no data.
  @Test(.needsSharedData) func theMapLegendStartsAtTheSmallestFigure() throws {
    let boundaries = Wijkstat.shared("gemeenten-2023.geojson")
    let out = try Self.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try Wijkstat.run(
      ["map", "--areas", "gemeente=" + boundaries] + Self.inputs + [
        "--level", "gemeente", "--variable", "percentage_huishoudens_onder_of_rond_sociaal_minimum",
        "--method",
        "equal-interval", "--classes", "5", "--format", "geojson", "--out", out.path, "-q",
      ], in: Self.fixtures)
    #expect(result.status == 0, "\(result.stderr)")
    let url = out.appendingPathComponent(
      "percentage_huishoudens_onder_of_rond_sociaal_minimum.legend.json")
    let legend = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let labels = try #require(legend["labels"] as? [String])
    // The smallest figure in the fixture is 3,1 (make_special_values.py).
    #expect(labels.first?.hasPrefix("3,1") == true, "\(labels)")
    #expect(!labels.joined().contains("99997"))
    #expect((legend["no_data"] as? [String: Any])?["count"] as? Int == 24)
    #expect((legend["counts"] as? [Int])?.reduce(0, +) == 318)
  }

  /// A boundary attribute with -99997 (the Kerncijfers in the boundary file).
  @Test func aBoundaryAttributeWithTheCodeIsNoData() throws {
    let folder = try Self.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    let values = ["120", "-99997", "300", "250"]
    let features = values.enumerated().map { index, value -> String in
      let x = 5.0 + Double(index) * 0.01
      return
        "{\"type\":\"Feature\",\"properties\":{\"gemeentecode\":\"GM000\(index + 1)\",\"aantal_inwoners\":\(value)},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[\(x),52.0],[\(x + 0.01),52.0],[\(x + 0.01),52.01],[\(x),52.01],[\(x),52.0]]]}}"
    }
    try "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}".write(
      to: folder.appendingPathComponent("g.geojson"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(
      [
        "map", "--areas", "gemeente=g.geojson", "--level", "gemeente", "--variable",
        "aantal_inwoners", "--method", "equal-interval",
        "--classes", "2", "--format", "geojson", "--out", "out", "-q",
      ], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let legend = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: folder.appendingPathComponent("out/aantal_inwoners.legend.json")))
        as? [String: Any])
    #expect((legend["breaks"] as? [Double]) == [210, 300])
    #expect((legend["no_data"] as? [String: Any])?["count"] as? Int == 1)
  }
}
