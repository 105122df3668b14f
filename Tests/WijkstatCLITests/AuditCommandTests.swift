import Foundation
import Testing
import WijkstatTestSupport

/// `wijkstat audit` on real run outputs, as the threat model's attacker: the
/// demo run and a run over the real PC-4 boundaries with a generated panel
/// (many small counts) must give nothing away with the defaults, and the same
/// runs made with a deliberately weakened protection (minimum_count 2, audited
/// against 5) must be caught, so the audit is shown to bite.
@Suite(.serialized) struct AuditCommandTests {
  static let realPC4 = Wijkstat.shared("pc4.geojson")

  /// A project over the demo inputs with `minimum_count`.
  static func demoProject(minimumCount: Int, in folder: URL) throws -> URL {
    let text = """
      title: Audit demo
      \(Wijkstat.demoInputs(achterstand: true))
      analyses:
        contrast: {within: speerpunt}
        spatial: {level: pc4, permutations: 19}
      suppression: {enabled: true, minimum_count: \(minimumCount), minimum_children: 50}
      """
    let url = folder.appendingPathComponent("p\(minimumCount).yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test func theDemoRunGivesNothingAway() throws {
    let out = try RunCommandTests.first.get()
    let audit = try Wijkstat.run(["audit", out.path])
    #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
    #expect(audit.stdout.contains("no disclosure"))
    // The log is internal, with its warning; nothing at the top names it.
    #expect(
      !FileManager.default.fileExists(
        atPath: out.appendingPathComponent("suppression-log.csv").path))
    let warning = try String(
      contentsOf: out.appendingPathComponent("internal/README.txt"), encoding: .utf8)
    #expect(warning.hasPrefix("NOT FOR PUBLICATION"))
    let log = try String(
      contentsOf: out.appendingPathComponent("internal/suppression-log.csv"), encoding: .utf8)
    // Codes (README, "Disclosure control"): c below the minimum, p… a protection interval.
    let codes = log.split(separator: "\n").dropFirst().flatMap {
      $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(3)
    }
    #expect(codes.contains("c") && codes.contains { $0.hasPrefix("p") })
    // No withheld count's EB inputs leak: rates.csv has no raw rate or p_exceeds
    // where the count is empty.
    let rates = try CSVRows.read(out.appendingPathComponent("tables/rates.csv"))
    let withheld = rates.filter { $0["reported"] == "" && $0["children"] != "" }
    #expect(withheld.count > 100)
    #expect(
      withheld.allSatisfy {
        $0["raw_rate"] == "" && $0["p_exceeds"] == "" && $0["raw_ci_low"] == ""
          && $0["eb_rate"] != ""
      })
    let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("Dreigingsmodel") && html.contains("wijkstat audit"))
  }

  @Test func aWeakenedDemoRunIsCaught() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-audit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = try Self.demoProject(minimumCount: 2, in: folder)
    let run = try Wijkstat.run(["run", project.path, "--out", "weak", "-q"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    // Audited against the default protection interval of 5: cells protected by
    // only 2 are narrowed.
    let audit = try Wijkstat.run(["audit", "weak", "--minimum-count", "5"], in: folder)
    #expect(audit.status == 1)
    #expect(audit.stdout.contains("interval programme: pc4 "), "\(audit.stdout)")
    #expect(audit.stdout.contains("do not publish this folder"))
    // Against its own 2 it passes.
    let own = try Wijkstat.run(["audit", "weak", "--minimum-count", "2"], in: folder)
    #expect(own.status == 0, "\(own.stdout)")
  }

  /// The audit reads the maps themselves: a withheld area's % reported
  /// planted into a copy of the demo run's GeoJSON map (with a class, status
  /// `data`; the tables untouched) is found, naming the map, the area and the
  /// value, while the run's own output audits clean with its map values read.
  /// (Smoothed rates on maps: DisclosureAuditMapTests.)
  @Test func aLeakPlantedInAMapIsFound() throws {
    let out = try RunCommandTests.first.get()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-audit-map-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.copyItem(at: out, to: folder)
    let maps = folder.appendingPathComponent("maps")
    func plant(_ variable: String, _ value: Double) throws -> (file: String, area: String) {
      for file in try FileManager.default.contentsOfDirectory(atPath: maps.path).sorted()
      where file.hasSuffix(".geojson") {
        let url = maps.appendingPathComponent(file)
        var json = try #require(
          try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var features = try #require(json["features"] as? [[String: Any]])
        guard
          let k = features.firstIndex(where: {
            ($0["properties"] as? [String: Any])?.keys.contains(variable) == true
              && ($0["properties"] as? [String: Any])?["status"] as? String == "suppressed"
          })
        else { continue }
        var properties = features[k]["properties"] as! [String: Any]
        properties[variable] = value
        properties["status"] = "data"
        properties["class"] = 3
        features[k]["properties"] = properties
        json["features"] = features
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        return (file, properties["code"] as! String)
      }
      Issue.record("no map of \(variable) with a withheld area")
      return ("", "")
    }
    let raw = try plant("pct_reported", 1.25)
    let clean = try Wijkstat.run(["audit", out.path])
    #expect(clean.status == 0)
    #expect(
      clean.stdout.contains("maps/kaart-1-pct-gemeld-pc4.geojson")
        || clean.stdout.contains(".geojson"), "\(clean.stdout)")
    #expect(!clean.stdout.contains(" 0 map values"), "\(clean.stdout)")
    let audit = try Wijkstat.run(["audit", folder.path])
    #expect(audit.status == 1, "\(audit.stdout)")
    #expect(
      audit.stdout.contains("value derived from a withheld count: map \(raw.file)"),
      "\(audit.stdout)")
    #expect(
      audit.stdout.contains("\(raw.area) pct_reported 1.25 is shown for a withheld count"),
      "\(audit.stdout)")
  }

  @Test func auditUsageErrors() throws {
    let missing = try Wijkstat.run(["audit", "/nonexistent-wijkstat-folder"])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("no panel.gpkg"))
    let bad = try Wijkstat.run(["audit", "x", "--minimum-count", "0"])
    #expect(bad.status == 64)
  }

  /// The real PC-4 boundaries (4,038 areas) with the benchmark's generated
  /// 7-year panel: a few hundred children per area and reports around 0.5 %,
  /// so most areas have small counts.
  @Test(.needsSharedData)
  func theRealPC4RunGivesNothingAwayAndAWeakenedOneIsCaught() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-audit-real-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let prepared = try Wijkstat.run(
      ["--child", "prepare:real", "--pc4", Self.realPC4, "--inputs", folder.path],
      through: Wijkstat.bench)
    try #require(prepared.status == 0, "\(prepared.stderr)")
    // The weakened run needs one year to show that the audit bites (its 2009
    // rows of the same tables); the default run has all seven.
    for name in ["reports", "population", "achterstand"] {
      let lines = try String(
        contentsOf: folder.appendingPathComponent("\(name).csv"), encoding: .utf8
      ).split(separator: "\n")
      let kept = [lines[0]] + lines.dropFirst().filter { $0.split(separator: ",")[1] == "2009" }
      #expect(kept.count > 1000)
      try (kept.joined(separator: "\n") + "\n").write(
        to: folder.appendingPathComponent("\(name)-2009.csv"), atomically: true, encoding: .utf8)
    }
    for minimum in [5, 2] {
      let suffix = minimum == 5 ? "" : "-2009"
      try """
      title: Audit real PC-4
      inputs:
        areas:
          pc4: \(Self.realPC4)
          gemeente: \(Wijkstat.shared("gemeenten-2023.geojson"))
        reports: [reports\(suffix).csv]
        population: [population\(suffix).csv]
        achterstand: [achterstand\(suffix).csv]
      regions:
        speerpunt: [GM0505, GM0518, GM0080]
      analyses:
        contrast: {within: speerpunt}
        spatial: {level: pc4, permutations: 19}
      suppression: {minimum_count: \(minimum)}
      """.write(
        to: folder.appendingPathComponent("p\(minimum).yaml"), atomically: true, encoding: .utf8)
      let run = try Wijkstat.run(
        ["run", "p\(minimum).yaml", "--out", "out\(minimum)", "-q"], in: folder)
      try #require(run.status == 0, "\(run.stderr)")
    }
    let good = try Wijkstat.run(["audit", "out5"], in: folder)
    #expect(good.status == 0, "\(good.stdout.prefix(2000))")
    #expect(good.stdout.contains("no disclosure"))
    let weak = try Wijkstat.run(["audit", "out2", "--minimum-count", "5"], in: folder)
    #expect(weak.status == 1)
    #expect(weak.stdout.contains("interval programme: pc4 2009"), "\(weak.stdout.prefix(2000))")
  }
}
