import Foundation
import Testing
import WijkstatTestSupport

@Suite struct DemoAndJoinCommandTests {
  @Test func demoRegeneratesTheCommittedFilesByteForByte() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-demo-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Wijkstat.run(["demo", "--seed", "2009", "--out", folder.path, "-q"])
    #expect(result.status == 0, "\(result.stderr)")
    let committed = Wijkstat.packageRoot.appendingPathComponent("data/demo")
    let names = try FileManager.default.contentsOfDirectory(atPath: committed.path).sorted()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == names)
    #expect(names.contains("pc4.geojson") && names.contains("meldingen.csv"))
    for name in names {
      let a = try Data(contentsOf: committed.appendingPathComponent(name))
      let b = try Data(contentsOf: folder.appendingPathComponent(name))
      #expect(a == b, "\(name) differs from `wijkstat demo --seed 2009`")
    }
  }

  @Test func joinOfTheDemoMatchesEveryKeyAndWritesThePanel() throws {
    let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo")
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-join-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try Wijkstat.run(
      [
        "join", "--areas", "pc4=pc4.geojson", "--areas", "gemeente=gemeenten.geojson",
        "--reports", "meldingen.csv", "--population", "kinderen.csv", "--indicators",
        "pc4=indicatoren-pc4.csv", "--indicators", "gemeente=indicatoren-gemeente.csv",
        "--achterstand", "achterstandswijken.csv", "--out", out.path + "/panel.csv", "--report",
        out.path + "/join-report.csv", "--strict",
      ], in: demo)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "reports (pc4) meldingen.csv: 352/352 areas matched (100.0%), 0 table keys unused"))
    #expect(
      result.stderr.contains(
        "indicators (gemeente) indicatoren-gemeente.csv: 8/8 areas matched (100.0%), 0 table keys unused"
      ))
    let panel = try String(contentsOf: out.appendingPathComponent("panel.csv"), encoding: .utf8)
    let lines = panel.split(separator: "\n")
    // (352 PC-4 + 8 gemeenten) × 7 years, plus the header.
    #expect(lines.count == 360 * 7 + 1)
    #expect(
      lines[0].hasPrefix(
        "level,area,name,gemeente,year,reported,children,pct_reported,per_1000,reported_0_3,children_0_3,pct_reported_0_3"
      ))
    let report = try String(
      contentsOf: out.appendingPathComponent("join-report.csv"), encoding: .utf8)
    // Every key fits; the only rows are the demo's secret cells (`x`), counted per column.
    #expect(
      report == """
        level,side,key,reason,suggestion,source
        pc4,values,kinderen_in_armoede,geheim,24 × x,indicatoren-pc4.csv
        pc4,values,totaalscore,geheim,23 × x,indicatoren-pc4.csv
        pc4,values,tienermoeders,geheim,24 × x,indicatoren-pc4.csv
        pc4,values,werkloze_jongeren,geheim,21 × x,indicatoren-pc4.csv
        pc4,values,jeugdzorg,geheim,18 × x,indicatoren-pc4.csv

        """)
    let xs = try String(
      contentsOf: demo.appendingPathComponent("indicatoren-pc4.csv"), encoding: .utf8
    )
    .split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).filter { $0 == "x" }.count
    }
    .reduce(0, +)
    #expect(xs == 24 + 23 + 24 + 21 + 18)
  }

  @Test(.needsSharedData) func strictJoinFailsOnAnUnknownKeyAndWritesNothing() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-strict-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "area,year,count\n1011,2009,3\n0999,2009,1\n".write(
      to: folder.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(
      [
        "join", "--areas", Wijkstat.shared("pc4.geojson"), "--reports", "r.csv", "--out",
        "panel.csv", "--strict",
      ], in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("wijkstat: error: --strict:"))
    #expect(result.stderr.contains("pc4 0999 (invalid key)"))
    #expect(
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("panel.csv").path))
  }
}
