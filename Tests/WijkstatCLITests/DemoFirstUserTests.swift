import Foundation
import Testing
import WijkstatCore
import WijkstatIO

/// A first user's path: `wijkstat demo --out d && wijkstat run d/wijkstat.yaml`
/// from a folder that is not the repository. The demo folder must hold
/// everything its project needs (a project that pointed at the repository's
/// maps/ by a relative path failed there: "maps[0]: no such file").
@Suite struct DemoFirstUserTests {
  @Test func demoThenRunWorksFromAnyFolder() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-first-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let demo = try Wijkstat.run(["demo", "--out", "d", "-q"], in: folder)
    #expect(demo.status == 0, "\(demo.stderr)")
    let run = try Wijkstat.run(["run", "d/wijkstat.yaml", "--out", "o", "-q"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    let out = folder.appendingPathComponent("o")
    // The five maps of the project and the count model's residual map.
    for name in [
      "kaart-1-pct-gemeld-pc4", "kaart-2-achterstandswijken", "gemeenten-pct-gemeld", "pc4-eb-rate",
      "pc4-lisa", "model-residual-map",
    ] {
      #expect(
        FileManager.default.fileExists(atPath: out.appendingPathComponent("maps/\(name).svg").path),
        "\(name)")
    }
    // analyses.model of the demo project: Tabel 5 and its tables.
    for file in ["tables/model.csv", "tables/model-fit.csv", "tables/model-residuals.csv"] {
      #expect(
        FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
    }
    let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(report.contains("Kaart 1. Percentage gemelde kinderen per wijk (PC-4), 2009"))
    #expect(report.contains("Tabel 5 Gecorrigeerde rate ratio"))
    // The published folder passes the disclosure audit.
    let audit = try Wijkstat.run(["audit", "o"], in: folder)
    #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
    // The folder the demo wrote is untouched by the run (no file added there).
    let written = try FileManager.default.contentsOfDirectory(
      atPath: folder.appendingPathComponent("d").path
    ).sorted()
    #expect(
      written == [
        "README.md", "achterstandswijken.csv", "gemeenten.geojson", "indicatoren-gemeente.csv",
        "indicatoren-pc4.csv", "kinderen.csv", "meldingen.csv", "pc4.geojson",
        "wijkstat-manifest.json", "wijkstat.yaml",
      ])
  }

  /// The demo project's inline maps are the repository's map files, key for key.
  @Test func inlineMapsAreTheRepositorysMapFiles() throws {
    let root = Wijkstat.packageRoot
    let project = try Project.load(
      file: root.appendingPathComponent("data/demo/wijkstat.yaml").path)
    #expect(project.mapFiles.isEmpty)
    let files = [
      "kaart-1-pct-gemeld-pc4", "kaart-2-achterstandswijken", "gemeenten-pct-gemeld", "pc4-eb-rate",
      "pc4-lisa",
    ]
    let fromFiles = try files.map {
      try MapSpec.load(file: root.appendingPathComponent("maps/\($0).yaml").path)
    }
    #expect(project.maps == fromFiles)
    // The demo asks for the count model (Tabel 5): PC-4, 2009, with the flag.
    let model = try #require(project.analyses.model)
    #expect(model.level == .pc4 && model.years == [2009] && model.options.achterstandswijk)
    #expect(model.options.indicators == nil && model.options.family == .auto)
  }
}
