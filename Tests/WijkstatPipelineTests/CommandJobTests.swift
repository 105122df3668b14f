import Foundation
import Testing
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// Each command's pipeline function called as a library, on the committed demo
/// inputs (data/demo), with the figures its command test checks in the files
/// the command writes (the same hand computations, cited there), so a command
/// and its function cannot drift apart.
@Suite struct CommandJobTests {
  static func path(_ name: String) -> String { PipelineTests.path(name) }

  /// The demo's PC-4 boundaries, meldingen, kinderen, PC-4 indicators and
  /// achterstandswijk flags, joined once for the suite (a task the tests await).
  static let joining = Task {
    try await JoinedInputs.load(
      InputSpec(
        areas: [TableInput(path: path("pc4.geojson"), level: .pc4)],
        reports: [TableInput(path: path("meldingen.csv"))],
        population: [TableInput(path: path("kinderen.csv"))],
        indicators: [TableInput(path: path("indicatoren-pc4.csv"), level: .pc4)],
        achterstand: [TableInput(path: path("achterstandswijken.csv"))]))
  }
  static func joined() async throws -> JoinedInputs { try await joining.value }
  static let open = SuppressionRule(enabled: false)
  static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-job-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// RatesCommandTests' scipy 1.17.1 figures for 3300 in 2003 (18 of 1,491):
  /// raw 1.2072434607645874 %, Garwood interval 0.7154889859422889 to
  /// 1.907965142020656, Marshall EB 0.9413025373428134, reference
  /// 0.37191226488265716. The level is the finest one given (pc4).
  @Test func ratesJob() async throws {
    let result = try RatesJob.compute(try await Self.joined(), rule: Self.open)
    #expect(result.level == .pc4)
    #expect(result.rates.rows.count == 352 * 7)
    let row = try #require(result.rates.rows.first { $0.area == "3300" && $0.year == 2003 })
    #expect(row.reported == 18 && row.children == 1491)
    #expect(Self.close(row.rawRate, 1.2072434607645874))
    #expect(Self.close(row.rawLow, 0.7154889859422889))
    #expect(Self.close(row.rawHigh, 1.907965142020656))
    #expect(Self.close(row.ebRate, 0.9413025373428134))
    #expect(Self.close(row.reference, 0.37191226488265716))
    #expect(result.suppression.entries.isEmpty)
    let out = try Self.folder()
    defer { try? FileManager.default.removeItem(at: out) }
    try result.write(into: out)
    let csv = try String(contentsOf: out.appendingPathComponent("rates.csv"), encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 1 + 352 * 7)
    #expect(
      FileManager.default.fileExists(
        atPath: out.appendingPathComponent("internal/suppression-log.csv").path))
  }

  /// Global Moran's I of % reported in 2009 with queen weights: esda 2.9.0
  /// (libpysal 4.14.1) `esda.Moran(y, w)` with `Queen.from_dataframe` on
  /// pc4.geojson (352 areas, no islands), row-standardised, y = 100 × the 2009
  /// meldingen over the kinderen summed over the age groups:
  /// I = 0.39888772317970894, E[I] = −1/351.
  @Test func spatialJob() async throws {
    let result = try SpatialJob.compute(
      try await Self.joined(), permutations: 99, years: [2009], rule: Self.open)
    #expect(result.level == .pc4)
    let moran = try #require(
      result.analysis.global.first { $0.year == 2009 && $0.variable == "pct_reported" }
    ).moran
    #expect(moran.n == 352)
    #expect(Self.close(moran.i, 0.39888772317970894), "\(moran.i)")
    #expect(Self.close(moran.expected, -1.0 / 351))
    #expect(moran.permutations == 99)
    #expect(result.analysis.global.allSatisfy { $0.year == 2009 })
  }

  /// RankCommandTests' hand computation (Python 3, csv module): in 2009 the
  /// highest PC-4 is 3322, 26 reports of 701 children = 3.708987161198288 %;
  /// the year is the panel's latest when none is given.
  @Test func rankJob() async throws {
    let result = try RankJob.compute(
      try await Self.joined(), level: .pc4, top: 3, bottom: 2, rule: Self.open)
    #expect(result.year == 2009)
    let first = try #require(result.tables.ranking.entries.first)
    #expect(first.area == "3322" && first.rank == 1)
    #expect(first.reported == 26 && first.children == 701)
    #expect(abs(first.pctReported - 3.708987161198288) < 1e-12)
    // With protection on, no ranked area shows fewer than 5 reports.
    let protected = try RankJob.compute(
      try await Self.joined(), level: .pc4, rule: SuppressionRule())
    #expect(!protected.suppression.entries.isEmpty)
    #expect(protected.tables.ranking.entries.allSatisfy { $0.reported >= 5 })
  }

  /// CorrelateCommandTests' scipy 1.17.1 figures: 2009, totaalscore, n = 348,
  /// Pearson r = 0.49370564611518264 with 95 % interval 0.4098472604004609 to
  /// 0.5692884338191453, BH q = 1.02650149159365e-21 over the 35 p-values.
  @Test func correlateJob() async throws {
    let result = try CorrelateJob.compute(
      try await Self.joined(), levels: [.pc4], rule: Self.open)
    #expect(result.levels == [.pc4] && result.warnings.isEmpty)
    #expect(result.analysis.rows.count == 35)
    let row = try #require(
      result.analysis.rows.first { $0.year == 2009 && $0.indicator == "totaalscore" })
    #expect(row.pearson.n == 348)
    #expect(Self.close(row.pearson.r, 0.49370564611518264))
    #expect(Self.close(row.pearson.ciLow, 0.4098472604004609))
    #expect(Self.close(row.pearson.ciHigh, 0.5692884338191453))
    #expect(abs(row.qValue - 1.02650149159365e-21) <= 1e-9 * 1.02650149159365e-21)
    // A level the panel lacks is an error naming the levels it has.
    let joined = try await Self.joined()
    #expect(throws: UserError.self) {
      try CorrelateJob.compute(joined, levels: [.gemeente], rule: Self.open)
    }
  }

  /// ContrastCommandTests' hand computation (Python 3, scipy 1.17.1): in 2009,
  /// 0–17, the 49 flagged PC-4s have 690 reports of 56,136 children and the 303
  /// others 1,690 of 330,626: RR = 2.4046835116407914, 95 % interval
  /// 2.200913177686534 to 2.6273198096961297.
  @Test func contrastJob() async throws {
    let result = try ContrastJob.compute(try await Self.joined(), rule: Self.open)
    #expect(result.level == .pc4 && result.within == nil)
    let cells = result.analysis.contrast.cells.filter { $0.year == 2009 && $0.ageGroup == .all }
    let flagged = try #require(cells.first { $0.achterstandswijk })
    let other = try #require(cells.first { !$0.achterstandswijk })
    #expect(flagged.areas == 49 && flagged.reported == 690 && flagged.children == 56136)
    #expect(other.areas == 303 && other.reported == 1690 && other.children == 330626)
    let test = try #require(result.analysis.tests.first { $0.year == 2009 && $0.ageGroup == .all })
    #expect(Self.close(test.crude.rateRatio, 2.4046835116407914))
    #expect(Self.close(test.crude.ciLow, 2.200913177686534))
    #expect(Self.close(test.crude.ciHigh, 2.6273198096961297))
    // --within names gemeenten of the boundaries only (the demo's PC-4 panel has none).
    let joined = try await Self.joined()
    #expect(throws: UserError.self) {
      try ContrastJob.compute(joined, within: "GM9999", rule: Self.open)
    }
  }

  /// The published panel: with the default rule (minimum count 5) PC-4 3512's
  /// 2009 count (1 report of 513 children, RankCommandTests) is withheld and
  /// logged; with protection off it is 1.
  @Test func joinJob() async throws {
    let joined = try await Self.joined()
    let open = JoinJob.compute(joined, rule: Self.open)
    #expect(open.suppression.entries.isEmpty)
    let row = try #require(
      open.published.rows.first { $0.level == .pc4 && $0.area == "3512" && $0.year == 2009 })
    #expect(row.reported[.all] == 1 && row.children[.all] == 513)
    let protected = JoinJob.compute(joined, rule: SuppressionRule())
    let withheld = try #require(
      protected.published.rows.first { $0.level == .pc4 && $0.area == "3512" && $0.year == 2009 })
    #expect(withheld.reported[.all] == nil)
    #expect(withheld.children[.all] == 513)
    #expect(protected.suppression.isSuppressed(level: .pc4, area: "3512", year: 2009))
    let out = try Self.folder()
    defer { try? FileManager.default.removeItem(at: out) }
    let log = out.appendingPathComponent("log.csv").path
    try protected.writeLog(to: log)
    #expect(try String(contentsOfFile: log, encoding: .utf8).contains("3512"))
    // Nothing withheld: no log file at all.
    try open.writeLog(to: out.appendingPathComponent("none.csv").path)
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("none.csv").path))
  }
}
