import Foundation
import GDALBridge
import Testing
import WijkstatTestSupport

/// Wijken and buurten end to end, on the Wijk- en Buurtkaart 2023-style fixture
/// (Tests/Fixtures/cbs/make_kwb.py) with invented buurt counts: the boundary file
/// is also the indicator table, buurt counts are summed to wijken and gemeenten.
@Suite struct WijkBuurtCommandTests {
  static let kaart = Wijkstat.packageRoot.appendingPathComponent(
    "Tests/Fixtures/cbs/wijkenbuurten_2023_v1.gpkg"
  ).path

  /// Buurt counts; hand sums per wijk: WK0363AA 5 + 3 of 200 + 150, WK0363AB 8 of 400,
  /// WK050501 9 + 4 of 600 + 350, WK050502 6 of 500; GM0363 16 of 750, GM0505 19 of 1450.
  static func folder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-wijk-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try """
    buurtcode,jaar,aantal
    BU0363AA01,2023,5
    BU0363AA02,2023,3
    BU0363AB01,2023,8
    BU05050101,2023,9
    BU05050102,2023,4
    BU05050201,2023,6

    """.write(to: dir.appendingPathComponent("meldingen.csv"), atomically: true, encoding: .utf8)
    try """
    buurtcode,jaar,kinderen
    BU0363AA01,2023,200
    BU0363AA02,2023,150
    BU0363AB01,2023,400
    BU05050101,2023,600
    BU05050102,2023,350
    BU05050201,2023,500

    """.write(to: dir.appendingPathComponent("kinderen.csv"), atomically: true, encoding: .utf8)
    return dir
  }

  static func inputs(_ dir: URL) -> [String] {
    [
      "--areas", "buurt=\(kaart)", "--areas", "wijk=\(kaart)", "--reports",
      dir.appendingPathComponent("meldingen.csv").path,
      "--population", dir.appendingPathComponent("kinderen.csv").path, "--indicators",
      "wijk=\(kaart)",
    ]
  }

  @Test func joinSumsBuurtenToWijkenAndGemeenten() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let panel = dir.appendingPathComponent("panel.csv")
    let result = try Wijkstat.run(
      ["join"] + Self.inputs(dir) + ["--out", panel.path, "--no-suppress"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "areas (wijk) \(Self.kaart) (layer wijken): 1 water parts (water = JA) dropped"))
    let rows = try CSVRows.read(panel)
    func row(_ level: String, _ area: String) throws -> [String: String] {
      try #require(rows.first { $0["level"] == level && $0["area"] == area }, "\(level) \(area)")
    }
    #expect(try row("wijk", "WK0363AA")["reported"] == "8")
    #expect(try row("wijk", "WK0363AA")["children"] == "350")
    #expect(try row("wijk", "WK0363AA")["gemeente"] == "GM0363")
    #expect(try row("wijk", "WK050501")["reported"] == "13")
    #expect(try row("wijk", "WK050501")["children"] == "950")
    #expect(try row("gemeente", "GM0363")["reported"] == "16")
    #expect(try row("gemeente", "GM0363")["children"] == "750")
    #expect(try row("gemeente", "GM0505")["reported"] == "19")
    // The Kerncijfers of the wijken layer, from the land part's row.
    #expect(try row("wijk", "WK0363AA")["aantal_inwoners"] == "2155")
    #expect(try row("buurt", "BU0363AA01")["name"] == "Kop Zeedijk")
    #expect(rows.filter { $0["level"] == "wijk" }.count == 5)
    #expect(rows.filter { $0["level"] == "gemeente" }.count == 2)
  }

  /// Tabel 2 per wijk: r between % reported (8/350, 8/400, 13/950, 6/500) and
  /// percentage_personen_0_tot_15_jaar (8, 12, 15, 18) is −0.97254 (numpy.corrcoef 1.26).
  @Test func correlationsPerWijkAndMoranPerBuurt() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("c")
    let result = try Wijkstat.run(
      ["correlate"] + Self.inputs(dir) + ["--level", "wijk", "--out", out.path, "-q"])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = try CSVRows.read(out.appendingPathComponent("correlations.csv"))
    let young = try #require(rows.first { $0["indicator"] == "percentage_personen_0_tot_15_jaar" })
    #expect(young["level"] == "wijk")
    #expect(young["n"] == "4")
    #expect(abs((Double(young["pearson_r"] ?? "") ?? 0) - -0.97254) < 1e-4)

    let spatial = dir.appendingPathComponent("s")
    let moran = try Wijkstat.run(
      ["spatial"] + Self.inputs(dir) + [
        "--level", "buurt", "--permutations", "99", "--no-suppress", "--out", spatial.path, "-q",
      ])
    #expect(moran.status == 0, "\(moran.stderr)")
    let moranRows = try CSVRows.read(spatial.appendingPathComponent("moran.csv"))
    let pct = try #require(moranRows.first { $0["variable"] == "pct_reported" })
    // Six buurten with counts in a row of squares (the water buurt has none).
    #expect(pct["n"] == "6")
    let lisa = try CSVRows.read(spatial.appendingPathComponent("lisa.csv"))
    #expect(lisa.contains { $0["area"] == "BU0363AA01" })
  }

  /// QA finding F3 (session 5): counts per wijk (a registration of its own: 10, 9,
  /// 14, 6, not the buurt sums 8, 8, 13, 6) beside counts and children per buurt.
  /// Before, the wijk children were not summed from the buurten and `correlate
  /// --level wijk` wrote 0 correlations with exit 0. Now % reported per wijk is
  /// 10/350, 9/400, 14/950, 6/500 against percentage_personen_0_tot_15_jaar 8,
  /// 12, 15, 18: r = −0.98755 (scipy 1.17.1 pearsonr: −0.9875482127976507), n 4.
  /// Without any population the wijk correlation is an error naming why (exit 1,
  /// nothing written), never an empty table.
  @Test func wijkCountsBesideBuurtPopulationCorrelatePerWijk() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    try
      "wijkcode;jaar;meldingen\nWK0363AA;2023;10\nWK0363AB;2023;9\nWK050501;2023;14\nWK050502;2023;6\n"
      .write(
        to: dir.appendingPathComponent("meldingen-wijk.csv"), atomically: true, encoding: .utf8)
    let inputs = [
      "--areas", "buurt=\(Self.kaart)", "--areas", "wijk=\(Self.kaart)", "--areas",
      "gemeente=\(Self.kaart)",
      "--reports", "buurt=" + dir.appendingPathComponent("meldingen.csv").path,
      "--reports", "wijk=" + dir.appendingPathComponent("meldingen-wijk.csv").path,
      "--indicators", "wijk=\(Self.kaart)",
    ]
    let population = ["--population", "buurt=" + dir.appendingPathComponent("kinderen.csv").path]
    let out = dir.appendingPathComponent("c")
    let result = try Wijkstat.run(
      ["correlate"] + inputs + population + ["--level", "wijk", "--out", out.path, "-q"])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = try CSVRows.read(out.appendingPathComponent("correlations.csv"))
    let young = try #require(rows.first { $0["indicator"] == "percentage_personen_0_tot_15_jaar" })
    #expect(young["n"] == "4")
    #expect(abs((Double(young["pearson_r"] ?? "") ?? 0) - -0.9875482127976507) < 1e-9)
    // The panel: wijk children from the buurten, gemeente counts from the wijk table.
    let panel = dir.appendingPathComponent("panel.csv")
    let joined = try Wijkstat.run(
      ["join"] + inputs + population + ["--out", panel.path, "--no-suppress", "-q"])
    #expect(joined.status == 0, "\(joined.stderr)")
    let panelRows = try CSVRows.read(panel)
    func row(_ level: String, _ area: String) throws -> [String: String] {
      try #require(
        panelRows.first { $0["level"] == level && $0["area"] == area }, "\(level) \(area)")
    }
    #expect(try row("wijk", "WK0363AA")["reported"] == "10")
    #expect(try row("wijk", "WK0363AA")["children"] == "350")
    #expect(try row("gemeente", "GM0363")["reported"] == "19")  // 10 + 9
    #expect(try row("gemeente", "GM0363")["children"] == "750")  // 200 + 150 + 400
    #expect(try row("gemeente", "GM0505")["reported"] == "20")  // 14 + 6

    let empty = dir.appendingPathComponent("e")
    let failed = try Wijkstat.run(
      ["correlate"] + inputs + ["--level", "wijk", "--out", empty.path, "-q"])
    #expect(failed.status == 1, "\(failed.stderr)")
    #expect(
      failed.stderr.contains(
        "no wijk correlation has 3 or more areas with both a rate and an indicator value (at most 0 in one year): of 5 wijk areas, 4 have counts, 0 have children (a population), 0 have a rate"
      ),
      "\(failed.stderr)")
    #expect(!FileManager.default.fileExists(atPath: empty.path))
  }

  /// Today's main read `--level wijk` as PC-4 and ranked the PC-4 areas.
  @Test func levelWijkIsNotPC4() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-rank-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo")
    let result = try Wijkstat.run([
      "rank", "--areas", demo.appendingPathComponent("pc4.geojson").path,
      "--reports", demo.appendingPathComponent("meldingen.csv").path,
      "--population", demo.appendingPathComponent("kinderen.csv").path, "--level", "wijk", "--out",
      out.path, "-q",
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("no wijk area has a % reported"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  /// A misspelt level is a usage error (64) before any input is read: the reports
  /// file here is not a table at all and would fail with status 1 if it were read.
  /// Before, `--level wjik` was taken for a user region and failed after the join.
  @Test func aMisspeltLevelIsAUsageError() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-typo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let garbage = folder.appendingPathComponent("meldingen.csv")
    try Data([0xFF, 0x00, 0xFE]).write(to: garbage)
    let levels =
      "pc6, pc4, buurt, wijk, gemeente, landsdeel, provincie, veiligheidsregio, veiligthuisregio, jeugdregio, nederland"
    for (command, option, value, meant) in [
      ("rank", "--level", "wjik", "wijk"), ("spatial", "--level", "buurtt", "buurt"),
      ("rates", "--level", "pc44", "pc4"),
      ("correlate", "--level", "gemeete", "gemeente"), ("map", "--outlines", "wjiken", "wijk"),
    ] {
      let result = try Wijkstat.run(
        [
          command, "--areas", Self.kaart, "--reports", garbage.path, option, value, "--out",
          folder.appendingPathComponent("o").path,
        ],
        in: folder)
      #expect(result.status == 64, "\(command) \(option) \(value): \(result.stderr)")
      #expect(
        result.stderr.contains(
          "\(option) \(value): no such level (did you mean \(meant)?); levels are \(levels)"),
        "\(result.stderr)")
      #expect(!result.stderr.contains("reading"))
    }
    // The same in a project: the line of the key, exit 64, nothing read or written.
    try """
    inputs:
      areas: {buurt: \(Self.kaart)}
      reports: [buurt=\(garbage.path)]
    analyses:
      rank: {level: wjik}
    """.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    let run = try Wijkstat.run(["run", "p.yaml", "--out", "out"], in: folder)
    #expect(run.status == 64, "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "p.yaml: line 5: analyses.rank.level: no such level \"wjik\" (did you mean wijk?); levels are \(levels)"
      ), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    // A user region's name far from every level is not a typo: it is read (and
    // here fails on the file, status 1).
    let region = try Wijkstat.run(
      ["rank", "--areas", Self.kaart, "--reports", garbage.path, "--level", "ggd", "--out", "o2"],
      in: folder)
    #expect(region.status == 1, "\(region.stderr)")
  }

  @Test func aKaartWithoutALevelIsRefusedWithItsLayers() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-map-\(UUID().uuidString)")
    let result = try Wijkstat.run(["join", "--areas", Self.kaart, "--out", out.path + ".csv", "-q"])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("layers of several levels (\"gemeenten\", \"wijken\", \"buurten\")"))
    // --layer chooses one.
    let chosen = try Wijkstat.run([
      "join", "--areas", Self.kaart, "--layer", "wijken", "--indicators", "wijk=\(Self.kaart)",
      "--out", out.path + ".csv",
      "-q",
    ])
    #expect(chosen.status == 0, "\(chosen.stderr)")
    let panel = try String(contentsOfFile: out.path + ".csv", encoding: .utf8)
    #expect(panel.contains("wijk,WK0363AA,Burgwallen-Oude Zijde"))
    try? FileManager.default.removeItem(atPath: out.path + ".csv")
  }
}

/// `wijkstat demo --format cbs`: files in CBS's layouts, and its project runs at
/// wijk and buurt level.
@Suite struct CBSDemoCommandTests {
  @Test func cbsDemoWritesCBSLayoutsAndRunsAtWijkLevel() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-cbsdemo-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let data = base.appendingPathComponent("data")
    let written = try Wijkstat.run(["demo", "--format", "cbs", "--out", data.path, "-q"])
    #expect(written.status == 0, "\(written.stderr)")
    let vt = try String(
      contentsOf: data.appendingPathComponent("84847NED-veilig-thuis.csv"), encoding: .utf8)
    #expect(vt.hasPrefix("\"ID\";\"RegioS\";\"Perioden\";\"Adviezen_1\";\"Meldingen_2\"\r\n"))
    #expect(vt.contains("\"VT16  \";\"2022JJ00\""))
    #expect(vt.contains("\"VT27  \";\"2023JJ00\""))
    #expect(!vt.contains("\"VT27  \";\"2022JJ00\""))
    #expect(vt.contains("\"GM9101\";\"2023HJ02\""))
    // The GeoPackage as the Wijk- en Buurtkaart: its layers, read at each level by wijkstat.
    let kaart = data.appendingPathComponent("wijkenbuurten_2023_v1.gpkg").path
    let inspected = try Wijkstat.run(["inspect", kaart])
    #expect(inspected.status == 0)
    for layer in [
      "\"gemeenten\": 4 features", "\"wijken\": 13 features", "\"buurten\": 61 features",
    ] {
      #expect(inspected.stdout.contains("layer \(layer)"), "\(layer)")
    }
    let out = base.appendingPathComponent("out")
    // Every area (--no-suppress): with disclosure control, correlations count
    // only the areas with a published count.
    let run = try Wijkstat.run([
      "run", data.appendingPathComponent("wijkstat.yaml").path, "--out", out.path, "--no-suppress",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("(layer gemeenten): 1 water parts (water = JA) dropped"))
    #expect(run.stderr.contains("indicators (wijk)"))
    // The project starts from the StatLine downloads: 84847NED's gemeente rows and
    // 03759ned's children 0-17 are matched through the StatLine readers.
    #expect(
      run.stderr.contains(
        "reports (gemeente) \(data.path)/84847NED-veilig-thuis.csv: 3/3 areas matched"),
      "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "population (gemeente) \(data.path)/03759ned-bevolking.csv: 3/3 areas matched"))
    #expect(
      run.stderr.contains(
        "84847NED-veilig-thuis.csv: periods: 24 half-year rows not used: the table gives those years whole"
      ))
    // 84847NED's VT rows are the published VT figures, matched against the
    // lookup's VT regions (VT16 and VT26 of 2020–2022 crosswalked into VT27); only
    // NL01 is not used. Before, every VT row was "not used" and VT figures were
    // gemeente sums.
    #expect(
      run.stderr.contains(
        "reports (veiligthuisregio) \(data.path)/84847NED-veilig-thuis.csv: 2/2 areas matched"),
      "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "region keys: 4 rows of 1 nederland key (NL01) not used: no nederland areas in this run"))
    #expect(!run.stderr.contains("warning"), "\(run.stderr)")
    // Figures by hand from the demo files: 84847NED "GM9101";"2023JJ00" Meldingen_2 = 120
    // (the buurten of GM9101 in meldingen-buurt.csv sum to 121: the published, rounded
    // gemeente figure is used, not the buurt sum); 03759ned GM9101 2023JJ00 = 7073;
    // 120 / 7073 = 1.696593 %. VT27 (Dordwijk + Lekdal) 2023 = 120 + 105 of 6952 + 6566.
    let panel = try Dataset.openVector(out.appendingPathComponent("panel.gpkg").path)
    func row(_ layer: String, _ area: String, _ year: String) throws -> [String: String] {
      let l = try #require(panel.layer(named: layer))
      let names = l.fields.map(\.name)
      var found: [String: String] = [:]
      try l.forEachFeature { f in
        var values: [String: String] = [:]
        for (i, name) in names.enumerated() { values[name] = f.string(at: i) }
        if values["area"] == area && values["year"] == year { found = values }
      }
      return found
    }
    let gm9101 = try row("panel_gemeente", "GM9101", "2023")
    #expect(gm9101["reported"] == "120")
    #expect(gm9101["children"] == "7073")
    #expect(abs((Double(gm9101["pct_reported"] ?? "") ?? 0) - 1.696593) < 1e-5)
    let vt27 = try row("panel_veiligthuisregio", "VT27", "2023")
    #expect(vt27["reported"] == "225")
    #expect(vt27["children"] == "13518")
    let correlations = try CSVRows.read(
      out.appendingPathComponent("tables/correlations.csv"))
    let wijk = try #require(
      correlations.first {
        $0["level"] == "wijk" && $0["year"] == "2023"
          && $0["indicator"] == "percentage_huishoudens_onder_of_rond_sociaal_minimum"
      })
    // Twelve land wijken with counts (the water-only wijk has none); the planted
    // effect is positive.
    #expect(wijk["n"] == "12")
    #expect((Double(wijk["pearson_r"] ?? "") ?? 0) > 0.3)
    // Per buurt: the buurt whose figure "comes in a later version" (-99995) is left
    // out, not correlated as a number (with it as a number r was 0.17 on 60 buurten).
    let buurt = try #require(
      correlations.first {
        $0["level"] == "buurt" && $0["year"] == "2023"
          && $0["indicator"] == "percentage_huishoudens_onder_of_rond_sociaal_minimum"
      })
    #expect(buurt["n"] == "59")
    #expect((Double(buurt["pearson_r"] ?? "") ?? 0) > 0.5)
    let join = try String(
      contentsOf: out.appendingPathComponent("join-report.csv"), encoding: .utf8)
    #expect(
      join.contains(
        "buurt,values,percentage_huishoudens_onder_of_rond_sociaal_minimum,komt in latere versie,1 × -99995"
      ))
    let moran = try CSVRows.read(out.appendingPathComponent("tables/moran.csv"))
    let buurt2023 = try #require(
      moran.first { $0["year"] == "2023" && $0["variable"] == "pct_reported" })
    // The project names no spatial level: the finest level with boundaries is
    // used, buurt (60 land buurten with counts); before, pc4 was the default and a
    // wijk/buurt project had to say `spatial: {level: buurt}`.
    let yaml = try String(contentsOf: data.appendingPathComponent("wijkstat.yaml"), encoding: .utf8)
    #expect(yaml.contains("(buurt here), by default\n    weights: queen"), "\(yaml)")
    #expect(buurt2023["n"] == "60")
    let rates = try CSVRows.read(out.appendingPathComponent("tables/rates.csv"))
    #expect(rates.first?["area"]?.hasPrefix("BU") == true)
    for map in ["buurten-pct-gemeld", "wijken-pct-gemeld", "buurten-lisa"] {
      #expect(
        FileManager.default.fileExists(atPath: out.appendingPathComponent("maps/\(map).gpkg").path),
        "\(map)")
    }
    let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(report.contains("wijk"))
  }
}
