import Foundation
import GDALBridge
import Testing

/// Veilig Thuis regions end to end: gemeenten assigned to the regions of a
/// PDOK `veiligthuisregio` layer by overlay, the published VT figures of a
/// StatLine table, and a gemeente → VT lookup per year.
@Suite struct VeiligThuisCommandTests {
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-vt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// A square polygon in lon/lat from x0 to x1 (52.00–52.01 N).
  static func feature(_ properties: String, _ x0: Double, _ x1: Double) -> String {
    "{\"type\":\"Feature\",\"properties\":{\(properties)},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[\(x0),52.0],[\(x1),52.0],[\(x1),52.01],[\(x0),52.01],[\(x0),52.0]]]}}"
  }
  static func collection(_ features: [String]) -> String {
    "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}"
  }

  static func panel(_ url: URL) throws -> [String: [String: String]] {
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var rows: [String: [String: String]] = [:]
    for line in lines.dropFirst() {
      let row = Dictionary(
        uniqueKeysWithValues: zip(
          header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
      rows["\(row["level"]!) \(row["area"]!) \(row["year"]!)"] = row
    }
    return rows
  }

  /// Three gemeenten side by side (GM0001 5.00–5.01° E, GM0002 5.01–5.02, GM0003
  /// 5.02–5.03) and a PDOK-style layer (`statcode`, `statnaam`) with VT01 over
  /// 5.00–5.019 and VT02 over 5.019–5.03: GM0002 lies 90% in VT01 (to the
  /// surface computed on the sphere, the shares are 90/10 to well within a
  /// percent), so it is assigned to VT01 and listed as split. Hand sums: VT01 =
  /// 3 + 5 reports of 300 + 500 children, VT02 = 7 of 700. No lookup column of
  /// VT codes: the overlay is the only source of the assignment.
  @Test func gemeentenAreAssignedToThePDOKLayerByOverlay() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.collection([
      Self.feature("\"gemeentecode\":\"GM0001\",\"gemeentenaam\":\"Een\"", 5.00, 5.01),
      Self.feature("\"gemeentecode\":\"GM0002\",\"gemeentenaam\":\"Twee\"", 5.01, 5.02),
      Self.feature("\"gemeentecode\":\"GM0003\",\"gemeentenaam\":\"Drie\"", 5.02, 5.03),
    ]).write(to: dir.appendingPathComponent("gemeenten.geojson"), atomically: true, encoding: .utf8)
    try Self.collection([
      Self.feature("\"statcode\":\"VT01\",\"statnaam\":\"Regio Een\"", 5.00, 5.019),
      Self.feature("\"statcode\":\"VT02\",\"statnaam\":\"Regio Twee\"", 5.019, 5.03),
    ]).write(
      to: dir.appendingPathComponent("veiligthuisregio_gegeneraliseerd.geojson"), atomically: true,
      encoding: .utf8)
    try "gemeentecode,jaar,aantal\nGM0001,2023,3\nGM0002,2023,5\nGM0003,2023,7\n".write(
      to: dir.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
    try "gemeentecode,jaar,kinderen\nGM0001,2023,300\nGM0002,2023,500\nGM0003,2023,700\n".write(
      to: dir.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(
      [
        "join", "--areas", "gemeente=gemeenten.geojson", "--areas",
        "veiligthuisregio=veiligthuisregio_gegeneraliseerd.geojson",
        "--reports", "r.csv", "--population", "p.csv", "--out", "panel.csv", "--report", "join.csv",
        "--no-suppress",
      ], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let rows = try Self.panel(dir.appendingPathComponent("panel.csv"))
    #expect(rows["veiligthuisregio VT01 2023"]?["reported"] == "8")
    #expect(rows["veiligthuisregio VT01 2023"]?["children"] == "800")
    #expect(rows["veiligthuisregio VT01 2023"]?["name"] == "Regio Een")
    #expect(rows["veiligthuisregio VT02 2023"]?["reported"] == "7")
    #expect(rows["veiligthuisregio VT02 2023"]?["children"] == "700")
    let report = try String(contentsOf: dir.appendingPathComponent("join.csv"), encoding: .utf8)
    #expect(report.contains("gemeente,aggregate,GM0002,"), "\(report)")
    #expect(report.contains("VT01 90%, VT02 10%"), "\(report)")
  }

  /// A StatLine table (84847NED-style TypedDataSet) with gemeente and VT rows, and
  /// a gemeente → VT lookup with a `jaar` column in which GM0002 moves from VT01
  /// (2022) to VT02 (2023). The VT rows are the published figures and are used:
  /// VT01 2022 = 18 although its gemeenten sum to 10 + 5 = 15 (Veilig Thuis
  /// counts meldingen it cannot place in a gemeente in the region only). The VT
  /// children are the gemeente sums of each year's assignment: VT01 2022 = 1000
  /// + 500, VT01 2023 = 1000, VT02 2023 = 500 + 2000.
  @Test func publishedVTFiguresAndAnAssignmentPerYear() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    try VeiligThuisFixture.write(
      in: dir,
      counts: [
        .init(year: 2022, gemeenten: (10, 5, 20), regions: (18, 20)),
        .init(year: 2023, gemeenten: (10, 5, 20), regions: (10, 25)),
      ], moves: true)
    let result = try Wijkstat.run(
      [
        "join", "--reports", "84847NED.csv", "--count-column", "Meldingen", "--population",
        "kinderen.csv",
        "--lookup", "gemeenten-vt.csv", "--unit", "meldingen", "--out", "panel.csv",
        "--no-suppress",
      ], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains("reports (veiligthuisregio) 84847NED.csv: 2/2 areas matched"),
      "\(result.stderr)")
    let rows = try Self.panel(dir.appendingPathComponent("panel.csv"))
    #expect(rows["veiligthuisregio VT01 2022"]?["reported"] == "18")
    #expect(rows["veiligthuisregio VT01 2022"]?["children"] == "1500")
    #expect(rows["veiligthuisregio VT02 2022"]?["children"] == "2000")
    #expect(rows["veiligthuisregio VT01 2023"]?["reported"] == "10")
    #expect(rows["veiligthuisregio VT01 2023"]?["children"] == "1000")
    #expect(rows["veiligthuisregio VT02 2023"]?["reported"] == "25")
    #expect(rows["veiligthuisregio VT02 2023"]?["children"] == "2500")
    #expect(rows["gemeente GM0002 2023"]?["reported"] == "5")
  }

  /// A StatLine download ("CSV met statistische symbolen") with `-` (nihil) and a
  /// provisional year (`2023*`). `-` is 0 in a StatLine table only (CBS,
  /// "Verklaring van symbolen": nihil); `.` stays missing; in a plain table `-`
  /// stays missing as before. The provisional year is marked `*` beside the
  /// figures: a `provisional` column in the panel, `2023*` on the map with
  /// "* voorlopige cijfers", `provisional_years` in the legend JSON.
  @Test func nihilIsZeroAndProvisionalFiguresAreMarked() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    try """
    "Regio's";"Perioden";"Meldingen (aantal)"
    "GM0001";"2022";"       5"
    "GM0001";"2023*";"       -"
    "GM0002";"2022";"       ."
    "GM0002";"2023*";"      10"

    """.write(
      to: dir.appendingPathComponent("84847NED-symbolen.csv"), atomically: true, encoding: .utf8)
    try
      "gemeentecode,jaar,kinderen\nGM0001,2022,100\nGM0001,2023,100\nGM0002,2022,200\nGM0002,2023,200\n"
      .write(
        to: dir.appendingPathComponent("kinderen.csv"), atomically: true, encoding: .utf8)
    try Self.collection([
      Self.feature("\"gemeentecode\":\"GM0001\",\"gemeentenaam\":\"Een\"", 5.00, 5.01),
      Self.feature("\"gemeentecode\":\"GM0002\",\"gemeentenaam\":\"Twee\"", 5.01, 5.02),
    ]).write(to: dir.appendingPathComponent("gemeenten.geojson"), atomically: true, encoding: .utf8)
    let inputs = [
      "--areas", "gemeente=gemeenten.geojson", "--reports", "84847NED-symbolen.csv", "--population",
      "kinderen.csv",
    ]
    let joined = try Wijkstat.run(
      ["join"] + inputs + ["--out", "panel.csv", "--no-suppress"], in: dir)
    #expect(joined.status == 0, "\(joined.stderr)")
    #expect(
      joined.stderr.contains("84847NED-symbolen.csv: nihil: 1 cell \"-\" (nihil) read as 0"),
      "\(joined.stderr)")
    let text = try String(contentsOf: dir.appendingPathComponent("panel.csv"), encoding: .utf8)
    #expect(text.hasPrefix("level,area,name,gemeente,year,provisional,reported,"), "\(text)")
    let rows = try Self.panel(dir.appendingPathComponent("panel.csv"))
    #expect(rows["gemeente GM0001 2023"]?["reported"] == "0")
    #expect(rows["gemeente GM0001 2023"]?["pct_reported"] == "0")
    #expect(rows["gemeente GM0001 2023"]?["provisional"] == "*")
    #expect(rows["gemeente GM0001 2022"]?["provisional"] == "")
    #expect(rows["gemeente GM0002 2022"]?["reported"] == "")
    #expect(rows["gemeente GM0002 2023"]?["reported"] == "10")

    let map = try Wijkstat.run(
      ["map"] + inputs + [
        "--level", "gemeente", "--year", "2023", "--method", "equal-interval", "--classes", "2",
        "--format", "svg", "--out", "m", "--no-suppress", "-q",
      ],
      in: dir)
    #expect(map.status == 0, "\(map.stderr)")
    let svg = try String(
      contentsOf: dir.appendingPathComponent("m/pct_reported.svg"), encoding: .utf8)
    #expect(svg.contains("2023*"), "\(svg)")
    #expect(svg.contains("* voorlopige cijfers"))
    let legend = try String(
      contentsOf: dir.appendingPathComponent("m/pct_reported.legend.json"), encoding: .utf8)
    #expect(legend.contains("\"provisional_years\" : [\n      2023\n    ]"), "\(legend)")

    // A plain table: `-` stays missing (it may mean unknown there).
    try "gemeentecode,jaar,aantal\nGM0001,2022,-\nGM0002,2022,4\n".write(
      to: dir.appendingPathComponent("plain.csv"), atomically: true, encoding: .utf8)
    let plain = try Wijkstat.run(
      [
        "join", "--areas", "gemeente=gemeenten.geojson", "--reports", "plain.csv", "--out",
        "plain-panel.csv", "--no-suppress",
      ], in: dir)
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(
      try Self.panel(dir.appendingPathComponent("plain-panel.csv"))["gemeente GM0001 2022"]?[
        "reported"] == "")
  }

  /// Disclosure control with a per-year assignment: GM0002's 3 meldingen of 2022
  /// are below 5 and withheld; VT01 2022 = 13 is published and is GM0001 + GM0002
  /// in 2022's assignment (GM0002 moves to VT02 in 2023), so 13 − 10 would give
  /// the 3 back unless a second cell is withheld. The run links each gemeente to
  /// its region of that year (tables/regions.csv has a `year` column) and withholds
  /// GM0001 2022 too; `wijkstat audit` on the output finds nothing (exit 0). A
  /// year-agnostic link (the latest assignment, GM0002 in VT02) would have missed
  /// the 2022 sum.
  @Test func theDisclosureCheckUsesEachYearsRegion() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    try VeiligThuisFixture.write(
      in: dir,
      counts: [
        .init(year: 2022, gemeenten: (10, 3, 20), regions: (13, 20)),
        .init(year: 2023, gemeenten: (10, 5, 20), regions: (10, 25)),
      ], moves: true)
    let run = try Wijkstat.run(["run", "p.yaml", "--out", "out"], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("disclosure control: 2 cells withheld"), "\(run.stderr)")
    let regions = try String(
      contentsOf: dir.appendingPathComponent("out/tables/regions.csv"), encoding: .utf8)
    #expect(regions.hasPrefix("region_level,region,gemeente,year\n"))
    #expect(regions.contains("veiligthuisregio,VT01,GM0002,2022\n"))
    #expect(regions.contains("veiligthuisregio,VT02,GM0002,2023\n"))
    let panel = try Dataset.openVector(dir.appendingPathComponent("out/panel.gpkg").path)
    func reported(_ area: String, _ year: String) throws -> String? {
      let layer = try #require(panel.layer(named: "panel_gemeente"))
      let names = layer.fields.map(\.name)
      var found: String?? = nil
      try layer.forEachFeature { f in
        var values: [String: String] = [:]
        for (i, name) in names.enumerated() { values[name] = f.string(at: i) }
        if values["area"] == area && values["year"] == year {
          found = .some(values["reported"].flatMap { $0.isEmpty ? nil : $0 })
        }
      }
      return try #require(found)
    }
    #expect(try reported("GM0002", "2022") == nil)
    #expect(try reported("GM0001", "2022") == nil)
    #expect(try reported("GM0003", "2022") == "20")
    let audit = try Wijkstat.run(["audit", "out"], in: dir)
    #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
  }
}
