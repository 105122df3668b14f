import Foundation
import Testing
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// The pipeline called as a library, without the `wijkstat` binary, on the
/// committed demo inputs (data/demo).
@Suite struct PipelineTests {
  static let demo = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("data/demo")

  static func path(_ name: String) -> String { demo.appendingPathComponent(name).path }

  /// The demo's PC-4 boundaries, counts and children.
  static var demoInputs: InputSpec {
    InputSpec(
      areas: [TableInput(path: path("pc4.geojson"), level: .pc4)],
      reports: [TableInput(path: path("meldingen.csv"))],
      population: [TableInput(path: path("kinderen.csv"))])
  }

  /// The demo's PC-4 rates for 2003, every area published (protection off).
  /// Expected figures: the same hand computation as RatesCommandTests (Python 3
  /// with scipy 1.17.1 from meldingen.csv and kinderen.csv, summed over the age
  /// groups): raw = 100 r / c, Marshall's global empirical Bayes rate with the
  /// reference b = Σr / Σc.
  @Test func analysisContextRatesMatchTheHandComputation() async throws {
    let joined = try await JoinedInputs.load(Self.demoInputs)
    #expect(joined.panel.rows.count == 352 * 7)
    let context = AnalysisContext(joined: joined, rule: SuppressionRule(enabled: false))
    let rates = try context.rates(.pc4)
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }
    let expected: [(area: String, raw: Double, eb: Double)] = [
      ("3300", 1.2072434607645874, 0.9413025373428134),
      ("3301", 0.4316546762589928, 0.4017536207320811),
      ("3314", 0, 0.2848019183865768),
    ]
    for e in expected {
      let row = try #require(rates.rows.first { $0.area == e.area && $0.year == 2003 })
      #expect(close(row.rawRate, e.raw), "\(e.area) raw")
      #expect(close(row.ebRate, e.eb), "\(e.area) EB")
      #expect(close(row.reference, 0.37191226488265716), "\(e.area) reference")
    }
    // The cached value is the same analysis, not a second one.
    #expect(try context.rates(.pc4).rows.count == rates.rows.count)
  }

  /// The whole demo project through `ProjectJob`, as `wijkstat run` calls it:
  /// the same tables a command run writes (rates of 3300 in 2003 as above), the
  /// report, and the disclosure audit passed (protection on, as the project says).
  @Test func projectJobWritesTheDemoRun() async throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-pipeline-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: out) }
    let project = try Project.load(file: Self.path("wijkstat.yaml"))
    let job = try await ProjectJob(project: project)
    try await job.write(to: out)
    let files = try FileManager.default.subpathsOfDirectory(atPath: out.path)
    for name in [
      "report.html", "panel.gpkg", "join-report.csv", "tables/rates.csv", "tables/moran.csv",
      "tables/lisa.csv",
      "tables/correlations.csv", "tables/tables.xlsx", "internal/suppression-log.csv",
      "maps/pc4-lisa.geojson",
    ] where name != "tables/tables.xlsx" {
      #expect(files.contains(name), "\(name)")
    }
    #expect(
      job.written
        == files.filter { !$0.hasSuffix("/") && !["tables", "maps", "internal"].contains($0) }.count
    )
    let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(report.contains(project.title))
    // With protection on, a withheld count's rate row is blank; 3300's (18 of 1,491) is published.
    let rates = try String(
      contentsOf: out.appendingPathComponent("tables/rates.csv"), encoding: .utf8
    )
    .split(separator: "\n").map(String.init)
    let header = rates[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let row = try #require(
      rates.first {
        $0.hasPrefix("3300,")
          && $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)[
            header.firstIndex(of: "year")!] == "2003"
      })
    let cells = Dictionary(
      uniqueKeysWithValues: zip(
        header, row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
    #expect(cells["reported"] == "18" && cells["children"] == "1491")
    #expect(abs((Double(cells["raw_rate"] ?? "") ?? .nan) - 1.2072434607645874) <= 1e-9)
  }

  /// The check `wijkstat run` makes before publishing compares a map's spatial
  /// EB rate of a withheld count with the one the rates table publishes (the
  /// prior mean), as `wijkstat audit` does from rates.csv. Until session 16
  /// the run's check did not pass the spatial EB rates on, so a spatial EB map
  /// showing a withheld count's own smoothed rate would have been published.
  /// Demo inputs, protection on (counts below 5 withheld), queen weights.
  @Test func runsAuditComparesSpatialEBMapsWithThePublishedPriorMean() async throws {
    let joined = try await JoinedInputs.load(Self.demoInputs)
    let context = AnalysisContext(
      joined: joined, rule: SuppressionRule(enabled: true, minimumCount: 5, minimumChildren: 0))
    let rates = try context.rates(.pc4)
    let withheld = try #require(
      rates.rows.first { $0.withheld && $0.year == 2009 && $0.spatialEBRate.isFinite })
    func map(_ value: Double) -> DisclosureAudit.MapValue {
      .init(
        map: "pc4-eb-rate.geojson", level: "pc4", area: withheld.area, year: 2009,
        variable: "spatial_eb_rate", value: value, status: "data")
    }
    // The published prior mean on the map: nothing found.
    let clean = context.audit(
      rates: rates, level: .pc4, local: [], maps: [map(withheld.spatialEBRate)])
    #expect(clean.findings.isEmpty, "\(clean.findings.map(\.detail))")
    #expect(clean.checkedMapValues == 1)
    // Another value (as an unprotected smoothing would give): found.
    let leaked = context.audit(
      rates: rates, level: .pc4, local: [], maps: [map(withheld.spatialEBRate + 0.5)])
    #expect(leaked.findings.count == 1)
    #expect(leaked.findings.first?.detail.hasPrefix("spatial_eb_rate ") == true)
    #expect(leaked.findings.first?.cell == withheld.area)
  }

  /// A usage error exits 64, a mistake in the input 1, a refused output its own status.
  @Test func commandFailureStatuses() {
    Terminal.quiet = true
    #expect(CommandFailure.report(UserError("bad input")) == 1)
    var usage = UserError("--x must be y")
    usage.isUsage = true
    #expect(CommandFailure.report(usage) == 64)
    #expect(CommandFailure.report(OutputRefused(UserError("busy"), status: 75)) == 75)
    struct Other: Error, CustomStringConvertible {
      var description: String { "opening \"x.gpkg\": not recognised" }
    }
    #expect(CommandFailure.report(Other()) == 1)
  }

  /// The standard demo's project and README as `wijkstat demo` writes them are
  /// the committed data/demo files (seed 2009).
  @Test func standardDemoProjectIsTheCommittedOne() throws {
    let demo = DemoDataset(seed: 2009)
    #expect(
      StandardDemo.project(demo, seed: 2009)
        == (try String(contentsOfFile: Self.path("wijkstat.yaml"), encoding: .utf8)))
    #expect(
      StandardDemo.readme(demo, seed: 2009)
        == (try String(contentsOfFile: Self.path("README.md"), encoding: .utf8)))
  }
}
