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
      result.analysis.global.first { $0.year == 2009 && $0.variable == .pctReported }
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

  /// The demo's PC-4 boundaries (data/demo/pc4.geojson) as `ogrinfo -so -al`
  /// (GDAL 3.6.2) and ogrinfo's SQLite dialect (`count(*)`, `st_isvalid`,
  /// `count(distinct pc4)`) describe them: layer demo_pc4, 352 multipolygons in
  /// EPSG:28992, extent 97838, 417878 – 120136, 434088 (m), fields pc4,
  /// gemeentecode, bron (strings), 352 distinct keys, none invalid. The WGS84
  /// extent is the RD extent's edges converted: its corners by `gdaltransform
  /// -s_srs EPSG:28992 -t_srs EPSG:4326 -output_xy` are (4.559471, 51.746685),
  /// (4.882340, 51.748520), (4.556791, 51.892374), (4.880706, 51.894217); along
  /// the straight RD edges lon and lat change monotonically, so the extent is
  /// the corners' box, here within 1e-4° (about 10 m) for any PROJ operation
  /// between the two CRSs.
  @Test func inspectJob() throws {
    let result = try InspectJob.compute(Self.path("pc4.geojson"))
    let layer = try #require(result.layers.first)
    #expect(result.layers.count == 1)
    #expect(layer.name == "demo_pc4")
    #expect(layer.featureCount == 352)
    #expect(layer.geometryType == "Multi Polygon")
    #expect(layer.crs == "EPSG:28992")
    #expect(layer.fields.map(\.name) == ["pc4", "gemeentecode", "bron"])
    #expect(layer.keyField == "pc4" && layer.keyKind == .pc4)
    #expect(layer.duplicateKeys.isEmpty && layer.emptyKeys == 0 && layer.invalidKeys.isEmpty)
    #expect(layer.invalidGeometries == 0 && layer.emptyGeometries == 0)
    #expect(layer.extentRD == [97838, 417878, 120136, 434088])
    let wgs84 = try #require(layer.extentWGS84)
    let corners = [4.556791, 51.746685, 4.882340, 51.894217]
    for (value, expected) in zip(wgs84, corners) {
      #expect(abs(value - expected) <= 1e-4, "\(wgs84) against \(corners)")
    }
    #expect(result.text.contains("  layer \"demo_pc4\": 352 features, Multi Polygon"))
    #expect(result.text.contains("    key       pc4 → pc4; 0 duplicate, 0 empty, 0 invalid"))
    #expect(result.text.contains("              97838, 417878 – 120136, 434088 (RD New, m)"))
    let json = try #require(
      try JSONSerialization.jsonObject(with: result.json()) as? [String: Any])
    let layers = try #require(json["layers"] as? [[String: Any]])
    #expect(layers.first?["feature_count"] as? Int == 352)
    #expect(json["source"] as? String == Self.path("pc4.geojson"))
  }

  /// % reported per PC-4 in 2009 (the latest year), 5 quantile classes,
  /// protection off: numpy 2.4.6 `percentile(v, [20, 40, 60, 80, 100])` of
  /// v = 100 · Σ reports / Σ children per PC-4 over the age groups (meldingen.csv,
  /// kinderen.csv; numpy's default linear interpolation, as Quantiles) gives the
  /// upper bounds 0.225161060021418, 0.37914896525427083, 0.549453311549579,
  /// 0.9020802270788317, 3.708987161198288, and counting each value into the
  /// first class whose bound it does not exceed gives 71, 70, 70, 70, 71 areas.
  @Test func mapJob() async throws {
    let joined = try await Self.joined()
    let spec = MapSpec(
      name: "a", title: "given", level: .gemeente, variable: .pctReported,
      formats: [.geojson])
    let job = MapJob(
      spec, joined: joined, rule: Self.open, chooseLevel: true, titleOf: .pctReported)
    // The finest level given (only PC-4 boundaries); the title is the rate's label
    // for what the demo counts (children: it has no unit column), whatever the
    // message catalogue calls it.
    #expect(job.spec.level == .pc4)
    #expect(joined.panel.countUnit == CountUnit(unit: "kinderen"))
    #expect(job.spec.title == CountUnit(unit: "kinderen").rateLabel(true))
    #expect(job.spec.title != "given")
    let out = try Self.folder()
    defer { try? FileManager.default.removeItem(at: out) }
    let made = try job.write(into: out)
    #expect(made.legend.k == 5)
    #expect(made.legend.counts == [71, 70, 70, 70, 71])
    let breaks = [
      0.225161060021418, 0.37914896525427083, 0.549453311549579, 0.9020802270788317,
      3.708987161198288,
    ]
    #expect(made.legend.breaks.count == breaks.count)
    for (value, expected) in zip(made.legend.breaks, breaks) {
      #expect(Self.close(value, expected), "\(made.legend.breaks)")
    }
    #expect(made.legend.noData.count == 0 && made.legend.suppressed.count == 0)
    let geojson = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: out.appendingPathComponent("a.geojson"))) as? [String: Any])
    #expect((geojson["features"] as? [Any])?.count == 352)
    #expect(
      FileManager.default.fileExists(atPath: out.appendingPathComponent("a.legend.json").path))
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("a.gpkg").path))
  }
}
