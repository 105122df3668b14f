import Foundation
import Testing
import WijkstatTestSupport

/// StatLine tables as CBS publishes them, on the fixtures in Tests/Fixtures/cbs
/// (written by make_statline.py there: invented numbers, rounded to 5 as Veilig
/// Thuis publishes; the real 2023 gemeente codes and names; RegioS mixing NL01,
/// LD01–04, PV20–31, 342 GM and VT01–VT26, padded to six characters). Expected
/// counts are the fixture's own (make_statline.py prints them: GM0014 meldingen
/// 2022 = 255 + 200 = 455, GM0363 = 185 + 165 = 350, GM0034 = 160 + 150 = 310);
/// the correlation from scipy 1.17.1 `stats.pearsonr` over the 318 gemeenten
/// whose indicator is not -99997: r = 0.8823547987032361.
@Suite struct StatLineCommandTests {
  static let fixtures = SpecialValuesCommandTests.fixtures
  /// The real 2023 gemeenten; the tests using it carry `.needsSharedData`.
  static let gemeenten = Wijkstat.shared("gemeenten-2023.geojson")

  struct Joined {
    var result: CommandResult
    var panel: [String: [String]]  // "level area year" → row fields
    var header: [String]
    var report: [String]
    func value(_ key: String, _ column: String) -> String? {
      guard let row = panel[key], let j = header.firstIndex(of: column) else { return nil }
      return row[j]
    }
  }

  static func join(_ arguments: [String]) throws -> Joined {
    let out = try SpecialValuesCommandTests.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try Wijkstat.run(
      ["join"] + arguments + [
        "--out", out.path + "/panel.csv", "--report", out.path + "/join.csv", "--no-suppress",
      ],
      in: fixtures)
    var panel: [String: [String]] = [:]
    var header: [String] = []
    var report: [String] = []
    if result.status == 0 {
      let lines = try String(contentsOf: out.appendingPathComponent("panel.csv"), encoding: .utf8)
        .split(separator: "\n")
      header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      for line in lines.dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        panel["\(fields[0]) \(fields[1]) \(fields[4])"] = fields
      }
      report = try String(contentsOf: out.appendingPathComponent("join.csv"), encoding: .utf8)
        .split(separator: "\n").map(String.init)
    }
    return Joined(result: result, panel: panel, header: header, report: report)
  }

  /// Before: the RegioS column was taken for something else and nothing matched.
  @Test(.needsSharedData) func aRegionalTypedDataSetJoinsEveryGemeenteAndListsTheOtherRegions()
    throws
  {
    let gemeenten = Self.gemeenten
    let joined = try Self.join([
      "--areas", "gemeente=" + gemeenten, "--reports", "84847NED-typeddataset.csv",
      "--count-column", "Meldingen",
      "--population", "kinderen-2022.csv",
    ])
    #expect(joined.result.status == 0, "\(joined.result.stderr)")
    #expect(
      joined.result.stderr.contains(
        "reports (gemeente) 84847NED-typeddataset.csv: 342/342 areas matched (100.0%), 0 table keys unused"
      ))
    // The year figure (2022JJ00), not the half years added to it.
    #expect(joined.value("gemeente GM0014 2022", "reported") == "455")
    #expect(joined.value("gemeente GM0363 2022", "reported") == "350")
    #expect(joined.panel.count == 342)
    // The other kinds of RegioS rows are listed with their count, not dropped silently.
    let stderr = joined.result.stderr
    #expect(
      stderr.contains("region keys: 26 rows of 26 veiligthuisregio keys (VT01, VT02"), "\(stderr)")
    #expect(stderr.contains("region keys: 12 rows of 12 provincie keys (PV20, PV21"))
    #expect(stderr.contains("region keys: 1 row of 1 nederland key (NL01)"))
    #expect(
      stderr.contains("periods: 770 half-year rows not used: the table gives those years whole"))
    #expect(
      joined.report.contains {
        $0.hasPrefix(
          "veiligthuisregio,note,region keys,\"26 rows of 26 veiligthuisregio keys (VT01")
      })
  }

  @Test func correlateOnARegionalTableHasTheGemeenten() throws {
    let out = try SpecialValuesCommandTests.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try Wijkstat.run(
      [
        "correlate", "--reports", "84847NED-typeddataset.csv", "--count-column", "meldingen",
        "--population",
        "kinderen-2022.csv", "--indicators", "kwb-2022-gemeenten.csv", "--level", "gemeente",
        "--out", out.path,
      ], in: Self.fixtures)
    #expect(result.status == 0, "\(result.stderr)")
    let csv = try String(
      contentsOf: out.appendingPathComponent("correlations.csv"), encoding: .utf8)
    let row = try #require(
      csv.split(separator: "\n").first {
        $0.contains(",percentage_huishoudens_onder_of_rond_sociaal_minimum,")
      })
    let fields = row.split(separator: ",").map(String.init)
    #expect(fields[3] == "318")
    let r = try #require(Double(fields[4]))
    #expect(abs(r - 0.8823547987032361) < 1e-4, "r = \(r)")
  }

  @Test func severalTopicsNeedACountColumn() throws {
    let joined = try Self.join(["--reports", "84847NED-typeddataset.csv"])
    #expect(joined.result.status == 1)
    #expect(
      joined.result.stderr.contains(
        "84847NED-typeddataset.csv: 2 topics (Adviezen, Meldingen): say which holds the counts with --count-column NAME"
      ), "\(joined.result.stderr)")
  }

  @Test func typedDataSetJSONWithTheFirstHalfYearsAsTheyAre() throws {
    let joined = try Self.join([
      "--reports", "84847NED-typeddataset.json", "--count-column", "Meldingen_2", "--where",
      "Perioden=HJ01",
    ])
    #expect(joined.result.status == 0, "\(joined.result.stderr)")
    #expect(joined.value("gemeente GM0363 2022", "reported") == "185")
    // GM0014's first half year is null in the response: not available, not 0.
    #expect(joined.value("gemeente GM0014 2022", "reported") == "")
    #expect(
      joined.result.stderr.contains("Meldingen_2: 1 niet beschikbaar (.)")
        || joined.result.stderr.contains("count: 1 niet beschikbaar (.)"), "\(joined.result.stderr)"
    )
    #expect(
      joined.result.stderr.contains("periods: only HJ01, analysed as they are (one per year)"))
  }

  @Test func odataV4ObservationsArePivotedAndConfidentialIsSecret() throws {
    let joined = try Self.join([
      "--reports", "84847NED-observations.json", "--count-column", "M004201",
    ])
    #expect(joined.result.status == 0, "\(joined.result.stderr)")
    #expect(joined.value("gemeente GM0363 2022", "reported") == "350")
    let half = try Self.join([
      "--reports", "84847NED-observations.json", "--count-column", "M004201", "--where",
      "Perioden=2022HJ02",
    ])
    #expect(half.result.status == 0, "\(half.result.stderr)")
    #expect(half.value("gemeente GM0363 2022", "reported") == "")
    #expect(half.value("gemeente GM0014 2022", "reported") == "200")
    #expect(half.result.stderr.contains("1 geheim (x)"), "\(half.result.stderr)")
  }

  @Test(.needsSharedData) func aDownloadWithSymbolsTitlesAndAProvisionalYear() throws {
    let gemeenten = Self.gemeenten
    let joined = try Self.join([
      "--areas", "gemeente=" + gemeenten, "--reports", "84847NED-symbolen.csv", "--count-column",
      "Meldingen",
    ])
    #expect(joined.result.status == 0, "\(joined.result.stderr)")
    #expect(joined.value("gemeente GM0014 2022", "reported") == "455")
    #expect(joined.value("gemeente GM0014 2023", "reported") == "460")
    #expect(joined.value("gemeente GM0344 2022", "reported") != nil)
    // `.` in Almere 2023: not available.
    #expect(joined.value("gemeente GM0034 2023", "reported") == "")
    let stderr = joined.result.stderr
    #expect(stderr.contains("periods: 2023 provisional (voorlopig, 2023*)"), "\(stderr)")
    #expect(stderr.contains("1 niet beschikbaar (.)"))
    #expect(stderr.contains("veiligthuisregio key (Utrecht (VT)) not used"), "\(stderr)")
    #expect(stderr.contains("nederland key (Nederland) not used"))
  }

  @Test(.needsSharedData) func aDownloadByTableLayoutSumsCompleteHalfYearsOnly() throws {
    let gemeenten = Self.gemeenten
    let joined = try Self.join([
      "--areas", "gemeente=" + gemeenten, "--reports", "84847NED-tabelindeling.csv",
      "--count-column", "meldingen",
    ])
    #expect(joined.result.status == 0, "\(joined.result.stderr)")
    // 255 + 200 and 160 + 150: the two half years of 2022.
    #expect(joined.value("gemeente GM0014 2022", "reported") == "455")
    #expect(joined.value("gemeente GM0034 2022", "reported") == "310")
    // 2023 has only its first half year: not a year.
    #expect(
      joined.value("gemeente GM0014 2023", "reported") == nil
        || joined.value("gemeente GM0014 2023", "reported") == "")
    #expect(
      joined.result.stderr.contains(
        "3 incomplete years are not years, not used: Groningen (gemeente) 2023 (1e halfjaar 2023*)"),
      "\(joined.result.stderr)")
  }

  @Test func anUnselectedDimensionIsRefusedWithItsValues() throws {
    let joined = try Self.join([
      "--population", "03759ned-typeddataset.csv", "--reports", "meldingen-2022.csv",
    ])
    #expect(joined.result.status == 1)
    #expect(
      joined.result.stderr.contains(
        "Geslacht is a dimension with 3 values (T001038, 3000, 4000): choose one with --where Geslacht=T001038"
      ),
      "\(joined.result.stderr)")
    let chosen = try Self.join([
      "--population", "03759ned-typeddataset.csv", "--where", "Geslacht=T001038", "--where",
      "Leeftijd=70100",
      "--reports", "meldingen-2022.csv",
    ])
    #expect(chosen.result.status == 0, "\(chosen.result.stderr)")
    #expect(chosen.value("gemeente GM0014 2022", "children") == "37352")
    #expect(chosen.value("gemeente GM0034 2022", "children") == "28170")
  }

  @Test(.needsSharedData) func aTableThatMatchesNoAreaIsAnError() throws {
    let gemeenten = Self.gemeenten
    let folder = try SpecialValuesCommandTests.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "gemeentecode;jaar;aantal\nGM9001;2022;5\nGM9002;2022;10\n".write(
      to: folder.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(
      ["join", "--areas", "gemeente=" + gemeenten, "--reports", "r.csv", "--out", "p.csv"],
      in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "r.csv: line 1: no key of column \"gemeentecode\" matches a gemeente area: the table has \"GM9001\", \"GM9002\", the gemeente areas"
      ), "\(result.stderr)")
    #expect(result.stderr.contains("\"GM0014\""))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("p.csv").path))
  }

  /// The unit travels into the map's legend: Veilig Thuis counts meldingen, not children.
  @Test(.needsSharedData) func theCountsUnitNamesTheMapLegend() throws {
    let gemeenten = Self.gemeenten
    let out = try SpecialValuesCommandTests.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let inputs = [
      "--areas", "gemeente=" + gemeenten, "--reports", "84847NED-typeddataset.csv",
      "--count-column", "Meldingen",
      "--population", "kinderen-2022.csv", "--level", "gemeente", "--format", "svg", "-q",
    ]
    for (variable, title) in [
      ("pct_reported", "meldingen per 100 kinderen 0-17"),
      ("per_1000", "meldingen per 1.000 kinderen 0-17"),
    ] {
      let result = try Wijkstat.run(
        ["map"] + inputs + ["--variable", variable, "--out", out.path + "/" + variable],
        in: Self.fixtures)
      #expect(result.status == 0, "\(result.stderr)")
      let legend = try #require(
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: out.appendingPathComponent("\(variable)/\(variable).legend.json")))
          as? [String: Any])
      #expect(legend["title"] as? String == title)
      let svg = try String(
        contentsOf: out.appendingPathComponent("\(variable)/\(variable).svg"), encoding: .utf8)
      #expect(svg.contains(">\(title)</text>"))
      #expect(!svg.contains("gemelde kinderen"))
    }
    // The same numbers declared over another band: named in the label.
    let band = try Wijkstat.run(
      ["map"] + inputs + [
        "--variable", "per_1000", "--unit", "adviezen", "--count-column", "Adviezen",
        "--population-ages", "0 tot 15", "--out", out.path + "/band",
      ],
      in: Self.fixtures)
    #expect(band.status == 0, "\(band.stderr)")
    let legend = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: out.appendingPathComponent("band/per_1000.legend.json")))
        as? [String: Any])
    #expect(legend["title"] as? String == "adviezen per 1.000 kinderen 0 tot 15 jaar")
  }

  @Test func reportTablesCountingDifferentThingsAreRefused() throws {
    let folder = try SpecialValuesCommandTests.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "gemeentecode;jaar;aantal;unit\nGM0014;2022;5;adviezen\n".write(
      to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
    try "gemeentecode;jaar;aantal;unit\nGM0014;2023;5;meldingen\n".write(
      to: folder.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(
      ["join", "--reports", "a.csv", "--reports", "m.csv", "--out", "p.csv"], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("the report tables count different things (adviezen, meldingen)"),
      "\(result.stderr)")
  }

  /// With Veilig Thuis region boundaries in the run, the VT rows of RegioS go to that level.
  @Test(.needsSharedData) func veiligThuisRowsGoToTheirLevelWhenTheRunHasIt() throws {
    let gemeenten = Self.gemeenten
    let folder = try SpecialValuesCommandTests.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    let features = (1...26).map { i -> String in
      let x = 5.0 + Double(i) * 0.01
      let code = "VT" + (i < 10 ? "0" : "") + String(i)
      return
        "{\"type\":\"Feature\",\"properties\":{\"statcode\":\"\(code)\",\"statnaam\":\"Regio \(i)\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[\(x),52.0],[\(x + 0.01),52.0],[\(x + 0.01),52.01],[\(x),52.01],[\(x),52.0]]]}}"
    }
    let vt = folder.appendingPathComponent("vt.geojson").path
    try "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}".write(
      toFile: vt, atomically: true, encoding: .utf8)
    let joined = try Self.join([
      "--areas", "gemeente=" + gemeenten, "--areas", "veiligthuisregio=" + vt, "--reports",
      "84847NED-typeddataset.csv",
      "--count-column", "Meldingen",
    ])
    #expect(joined.result.status == 0, "\(joined.result.stderr)")
    #expect(
      joined.result.stderr.contains(
        "reports (veiligthuisregio) 84847NED-typeddataset.csv: 26/26 areas matched (100.0%)"))
    // VT01 2022JJ00: Meldingen_2 = 1479 (line 1081 of the fixture).
    #expect(joined.value("veiligthuisregio VT01 2022", "reported") == "1479")
    #expect(!joined.result.stderr.contains("veiligthuisregio keys"))
  }

  /// The Kerncijfers wijken en buurten as a StatLine TypedDataSet (85039NED-style:
  /// no Perioden, `WijkenEnBuurten` mixing NL00, GM, WK and BU, descriptive topics
  /// `Gemeentenaam_1`, `SoortRegio_2`, `Codering_3`): the gemeente rows are the
  /// indicators, the descriptive columns are not, -99997 is missing, and the wijk
  /// and buurt rows are listed (the run has no wijk or buurt areas).
  @Test func kerncijfersAsATypedDataSetGiveGemeenteIndicators() throws {
    let joined = try Self.join([
      "--reports", "meldingen-2022.csv", "--indicators", "85039NED-typeddataset.csv",
    ])
    #expect(joined.result.status == 0, "\(joined.result.stderr)")
    #expect(
      joined.header.contains("AantalInwoners") && joined.header.contains("k_0Tot15Jaar")
        && joined.header.contains("HuishoudensMetEenLaagInkomen"))
    #expect(
      !joined.header.contains("Gemeentenaam") && !joined.header.contains("SoortRegio")
        && !joined.header.contains("Codering"))
    #expect(joined.value("gemeente GM0014 2022", "k_0Tot15Jaar") == "30515")
    #expect(joined.value("gemeente GM0363 2022", "HuishoudensMetEenLaagInkomen") == "12.5")
    #expect(joined.value("gemeente GM0034 2022", "HuishoudensMetEenLaagInkomen") == "")
    let stderr = joined.result.stderr
    #expect(
      stderr.contains(
        "region keys: 2 rows of 2 wijk keys (WK001400, WK0363AA) not used: no wijk areas in this run"
      ), "\(stderr)")
    #expect(
      stderr.contains("region keys: 2 rows of 2 buurt keys (BU00140000, BU0363AA01) not used"))
    #expect(stderr.contains("HuishoudensMetEenLaagInkomen: 1 geheim of niet aanwezig (-99997)"))
  }

  /// Before: the `jaar` column was taken for the key ("a second row for area 2022").
  @Test(.needsSharedData) func aRegioSColumnBesideAYearColumnIsReadAsCodes() throws {
    let gemeenten = Self.gemeenten
    let folder = try SpecialValuesCommandTests.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    try
      "RegioS;jaar;aantal\n\"GM0363    \";2022;5\n\"VT01  \";2022;10\n\"PV20  \";2022;20\n\"GM0014    \";2023;15\n"
      .write(
        to: folder.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(
      [
        "join", "--areas", "gemeente=" + gemeenten, "--reports", "r.csv", "--out", "p.csv",
        "--no-suppress",
      ], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "reports (gemeente) r.csv: 2/342 areas matched (0.6%), 0 table keys unused"),
      "\(result.stderr)")
    #expect(result.stderr.contains("1 row of 1 veiligthuisregio key (VT01) not used"))
    #expect(result.stderr.contains("1 row of 1 provincie key (PV20) not used"))
    let panel = try String(contentsOf: folder.appendingPathComponent("p.csv"), encoding: .utf8)
    #expect(panel.contains("gemeente,GM0363,Amsterdam,GM0363,2022,5,"))
  }
}
