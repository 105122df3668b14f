import Foundation
import GDALBridge
import Testing
import WijkstatTestSupport

/// `wijkstat run` on the demo project, end to end. The demo's planted effects
/// (data/demo/README.md: r ≈ 0.4 with poverty, ≈ 0.5 with the overall score,
/// rate ratio ≈ 2.4) must come out of the real pipeline.
@Suite(.serialized) struct RunCommandTests {
  /// One run shared by the tests of this suite (the demo run takes a while in a
  /// debug build).
  static let first: Result<URL, Error> = Result {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-run-\(UUID().uuidString)")
    let result = try Wijkstat.run(["run", "--out", out.path, "-q"], in: Wijkstat.packageRoot)
    guard result.status == 0 else { throw RunFailure(message: result.stderr) }
    return out
  }
  struct RunFailure: Error { var message: String }

  /// The same run with disclosure control off: the analyses on every area.
  static let unprotected: Result<URL, Error> = Result {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-run-open-\(UUID().uuidString)")
    let result = try Wijkstat.run(
      ["run", "--out", out.path, "-q", "--no-suppress"], in: Wijkstat.packageRoot)
    guard result.status == 0 else { throw RunFailure(message: result.stderr) }
    return out
  }

  /// The planted effects, on every area (--no-suppress). With disclosure
  /// control on, correlations and the contrast use the areas with a published
  /// count only (most demo areas have small counts), which moves them; that run
  /// is checked below for the direction of the effects.
  @Test func plantedEffectsComeOut() throws {
    let out = try Self.unprotected.get()
    let correlations = try CSVRows.read(out.appendingPathComponent("tables/correlations.csv"))
    func r(_ indicator: String) throws -> Double {
      let row = try #require(
        correlations.first {
          $0["level"] == "pc4" && $0["year"] == "2009" && $0["indicator"] == indicator
        })
      return try #require(Double(row["pearson_r"] ?? ""))
    }
    #expect(abs(try r("kinderen_in_armoede") - 0.4) < 0.1)
    #expect(abs(try r("totaalscore") - 0.5) < 0.1)
    let tests = try CSVRows.read(out.appendingPathComponent("tables/contrast-tests.csv"))
    let all2009 = try #require(tests.first { $0["year"] == "2009" && $0["age_group"] == "0-17" })
    let ratio = try #require(Double(all2009["rate_ratio"] ?? ""))
    #expect(abs(ratio - 2.4) < 0.3)
    // Within gemeenten the ratio is smaller: part of the crude contrast is Dordwijk's.
    let stratified = try #require(Double(all2009["mh_rate_ratio"] ?? ""))
    #expect(stratified < ratio && stratified > 1)
    let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("Afscherming staat UIT"))
    // Protected: the same directions, from the published areas.
    let protected = try Self.first.get()
    let published = try CSVRows.read(protected.appendingPathComponent("tables/contrast-tests.csv"))
    let publishedRatio = try #require(
      Double(
        published.first { $0["year"] == "2009" && $0["age_group"] == "0-17" }?["rate_ratio"] ?? ""))
    #expect(publishedRatio > 1.5)
  }

  @Test func everyOutputExistsAndParses() throws {
    let out = try Self.first.get()
    for table in [
      "correlations.csv", "correlations-pc4.md", "correlations-gemeente.md", "contrast.csv",
      "contrast-tests.csv", "contrast-speerpunt.csv", "rankings.csv", "rankings.md", "trends.csv",
      "rates.csv", "moran.csv", "lisa.csv",
    ] {
      let text = try String(
        contentsOf: out.appendingPathComponent("tables/\(table)"), encoding: .utf8)
      #expect(text.split(separator: "\n").count > 2, "\(table)")
    }
    for name in [
      "kaart-1-pct-gemeld-pc4", "kaart-2-achterstandswijken", "gemeenten-pct-gemeld", "pc4-eb-rate",
      "pc4-lisa",
    ] {
      let base = out.appendingPathComponent("maps/\(name)")
      let geojson =
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: base.appendingPathExtension("geojson"))) as? [String: Any]
      let features = try #require(geojson?["features"] as? [[String: Any]])
      #expect(!features.isEmpty, "\(name)")
      let legend =
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: base.appendingPathExtension("legend.json"))) as? [String: Any]
      #expect(legend?["k"] as? Int ?? 0 >= 2, "\(name)")
      let gpkg = try Dataset.openVector(base.appendingPathExtension("gpkg").path)
      #expect(gpkg.layer(named: name)?.featureCount == features.count, "\(name)")
      let svg = try String(contentsOf: base.appendingPathExtension("svg"), encoding: .utf8)
      #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
    }
    // Kaart 1 holds only the PC-4 areas of the speerpunt gemeenten (GM9001, GM9003).
    let kaart1 =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: out.appendingPathComponent("maps/kaart-1-pct-gemeld-pc4.geojson")))
      as? [String: Any]
    let codes = (kaart1?["features"] as? [[String: Any]] ?? []).compactMap {
      ($0["properties"] as? [String: Any])?["code"] as? String
    }
    #expect(codes.allSatisfy { $0.hasPrefix("33") || $0.hasPrefix("35") })
    let panel = try Dataset.openVector(out.appendingPathComponent("panel.gpkg").path)
    #expect(panel.layer(named: "panel_pc4")?.featureCount == 352 * 7)
    #expect(panel.layer(named: "panel_gemeente")?.featureCount == 8 * 7)
    let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("Tabel 1") && html.contains("Tabel 3") && html.contains("Mantel"))
    // Self-contained: no external resource (http, https or protocol-relative). The only
    // URI allowed is the SVG namespace of the inline maps and plots, which names the
    // XML vocabulary and is never fetched.
    #expect(html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
    let withoutNamespace = html.replacingOccurrences(
      of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
    for external in ["http://", "https://", "=\"//", "url(//", "@import"] {
      #expect(!withoutNamespace.contains(external), "report.html refers to \(external)")
    }
    #expect(!html.contains("<script"))
    let join = try String(
      contentsOf: out.appendingPathComponent("join-report.csv"), encoding: .utf8)
    #expect(join.hasPrefix("level,side,key,reason,suggestion"))
    let log = try String(
      contentsOf: out.appendingPathComponent("internal/suppression-log.csv"), encoding: .utf8)
    #expect(log.hasPrefix("level,area,year,0-3,4-7,8-17,0-17\n") && log.contains(",c,"))
  }

  /// The report names the inputs with a SHA-256 prefix, except, with
  /// disclosure control on, the file of report counts: its digest would let an
  /// attacker confirm guessed withheld counts by hashing candidate files. The
  /// expected prefix is `sha256sum data/demo/meldingen.csv` (coreutils), cut to
  /// 16 hex digits; the population file's digest stays.
  @Test func theReportShowsNoDigestOfTheCountsFileWhenProtected() throws {
    func prefix(_ name: String) throws -> String {
      let r = try Wijkstat.run(
        ["-c", "sha256sum data/demo/\(name)"], in: Wijkstat.packageRoot, through: "/bin/sh")
      return String(r.stdout.prefix(16))
    }
    let counts = try prefix("meldingen.csv"), population = try prefix("kinderen.csv")
    #expect(counts.count == 16 && population.count == 16)
    let protected = try String(
      contentsOf: try Self.first.get().appendingPathComponent("report.html"), encoding: .utf8)
    #expect(!protected.contains(counts))
    #expect(protected.contains("afgeschermd (bevat meldingen)"))
    #expect(protected.contains(population))
    let open = try String(
      contentsOf: try Self.unprotected.get().appendingPathComponent("report.html"), encoding: .utf8)
    #expect(open.contains(counts))
  }

  @Test func aSecondRunIsByteIdentical() throws {
    let out = try Self.first.get()
    let second = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-run2-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: second) }
    let result = try Wijkstat.run(["run", "--out", second.path, "-q"], in: Wijkstat.packageRoot)
    #expect(result.status == 0)
    let files = try FileManager.default.subpathsOfDirectory(atPath: out.path).sorted()
    #expect(try FileManager.default.subpathsOfDirectory(atPath: second.path).sorted() == files)
    for file in files {
      var isDirectory: ObjCBool = false
      FileManager.default.fileExists(
        atPath: out.appendingPathComponent(file).path, isDirectory: &isDirectory)
      if isDirectory.boolValue { continue }
      let a = try Data(contentsOf: out.appendingPathComponent(file))
      let b = try Data(contentsOf: second.appendingPathComponent(file))
      #expect(a == b, "\(file) differs between two runs")
    }
  }

  @Test func reportRendersInChromiumWithTheMapsDrawn() throws {
    let out = try Self.first.get()
    let png = out.deletingLastPathComponent().appendingPathComponent(
      "wijkstat-report-\(UUID().uuidString).png")
    defer { try? FileManager.default.removeItem(at: png) }
    let chromium = Process()
    chromium.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    chromium.arguments = [
      "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
      "--screenshot=\(png.path)", "--window-size=1100,2400",
      out.appendingPathComponent("report.html").absoluteString,
    ]
    chromium.standardError = FileHandle.nullDevice
    chromium.standardOutput = FileHandle.nullDevice
    try chromium.run()
    chromium.waitUntilExit()
    #expect(chromium.terminationStatus == 0)
    let image = try RasterImage.read(png.path)
    #expect(image.width == 1100 && image.height == 2400)
    var ink = 0
    var mapRed = 0
    for y in stride(from: 0, to: image.height, by: 2) {
      for x in stride(from: 0, to: image.width, by: 2) {
        let (r, g, b) = image.rgb(x: x, y: y)
        if Int(r) + Int(g) + Int(b) < 720 { ink += 1 }
        // The darkest YlOrRd class (#bd0026) and the LISA HH red (#d7191c).
        if r > 170, g < 40, b < 60 { mapRed += 1 }
      }
    }
    let sampled = (image.width / 2) * (image.height / 2)
    #expect(Double(ink) / Double(sampled) > 0.1, "the page looks blank")
    #expect(mapRed > 2000, "no map colours on the page")
  }

  @Test func aFailedRunLeavesThePreviousOutputAlone() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-fail-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "keep".write(
      to: folder.appendingPathComponent("out/previous.txt"), atomically: true, encoding: .utf8)
    try "title: x\ninputs:\n  reports: [missing.csv]\ncolour: red\n".write(
      to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(["run", "p.yaml", "--out", "out"], in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("p.yaml: line"))
    #expect(
      try String(contentsOf: folder.appendingPathComponent("out/previous.txt"), encoding: .utf8)
        == "keep")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "out", "p.yaml",
      ])
  }

  /// A LISA map is made even when the run's own spatial statistics are for a
  /// level without boundaries (here the speerpunt region): the map computes its
  /// own, as any map would, and the run does not skip it.
  @Test func aLisaMapWithoutTheRunsSpatialStatistics() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-lisa-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let maps = Wijkstat.packageRoot.appendingPathComponent("maps").path
    try """
    title: LISA elders
    \(Wijkstat.demoInputs())
    analyses:
      spatial:
        level: speerpunt
        permutations: 99
    maps:
      - \(maps)/pc4-lisa.yaml
    """.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(["run", "p.yaml", "--out", "out", "-q"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let lisa = try String(
      contentsOf: folder.appendingPathComponent("out/maps/pc4-lisa.geojson"), encoding: .utf8)
    // 99 permutations: two-sided p ≥ 0.02, so under the FDR over 352 areas no
    // cluster is expected; the map is made, every area with its label.
    #expect(lisa.contains("\"ns\"") && lisa.components(separatedBy: "\"Feature\"").count - 1 == 352)
    #expect(
      !FileManager.default.fileExists(
        atPath: folder.appendingPathComponent("out/tables/lisa.csv").path))
  }

  /// The report's methods name the neighbours the run used, in words that fit
  /// them (knn weights are no "contiguity"), and a weights file by its own name:
  /// the published files never carry the path of the machine that made them.
  /// The weights file is the one `spatial` writes for the demo's 2009 queen
  /// weights (SpatialCommandTests); the expected sentences are the catalogue's
  /// (Message.methodSmallAreas, .methodSpatial) with these neighbours.
  @Test func theMethodsNameTheNeighboursTheRunUsed() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-neighbours-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo").path
    let written = try Wijkstat.run(
      [
        "spatial", "--areas", "pc4=\(demo)/pc4.geojson", "--reports", "\(demo)/meldingen.csv",
        "--population", "\(demo)/kinderen.csv", "--years", "2009", "--permutations", "9", "--out",
        "w", "-q",
      ], in: folder)
    #expect(written.status == 0, "\(written.stderr)")
    func report(weights: String, language: String) throws -> String {
      let name = "\(language)-\(weights.split(separator: "/").last!)"
      try """
      title: Buren
      language: \(language)
      \(Wijkstat.demoInputs())
      analyses:
        spatial: {weights: \(weights), neighbours: 4, permutations: 9}
      """.write(
        to: folder.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8)
      let result = try Wijkstat.run(["run", "\(name).yaml", "--out", name, "-q"], in: folder)
      #expect(result.status == 0, "\(result.stderr)")
      return try String(
        contentsOf: folder.appendingPathComponent("\(name)/report.html"), encoding: .utf8)
    }
    let knn = try report(weights: "knn", language: "en")
    #expect(knn.contains("global and spatial (4 nearest neighbours)"))
    #expect(knn.contains("Spatial: 4 nearest neighbours, row-standardised"))
    #expect(!knn.contains("knn contiguity"))
    let file = try report(weights: "w/weights-pc4-2009.gal", language: "nl")
    #expect(file.contains("globaal en ruimtelijk (buren uit weights-pc4-2009.gal)"))
    #expect(file.contains("Ruimtelijk: buren uit weights-pc4-2009.gal, rijgestandaardiseerd"))
    #expect(!file.contains(folder.path) && !file.contains("/w/weights-pc4-2009.gal"))
  }
}
