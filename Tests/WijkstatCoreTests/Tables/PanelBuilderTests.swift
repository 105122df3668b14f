import Testing

@testable import WijkstatCore

@Suite struct PanelBuilderTests {
  let pc4 = AreaCatalog(level: .pc4, codes: ["1011", "1012", "3311"], source: "pc4.geojson")
  let gemeenten = AreaCatalog(
    level: .gemeente, codes: ["GM0363", "GM0505"],
    names: ["GM0363": "Amsterdam", "GM0505": "Dordrecht"], source: "gemeenten.geojson")
  let lookup = ["1011": "GM0363", "1012": "GM0363", "3311": "GM0505"]

  func table(_ source: String, _ lines: [String]) -> RawTable {
    let cells = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    return RawTable(source: source, columns: cells[0], rows: Array(cells.dropFirst()))
  }

  var reports: RawTable {
    table(
      "reports.csv",
      [
        "area,year,age_group,count", "1011,2009,0-3,2", "1011,2009,4-7,3", "1011,2009,8-17,5",
        "1012 AB,2009,,4", "3311,2009,,x", "9999,2009,,1",
      ])
  }
  var population: RawTable {
    table(
      "population.csv",
      ["area,year,children", "1011,2009,1000", "1012,2009,300", "3311,2009,2000"])
  }

  @Test func sumsUpAndRecomputesRates() throws {
    let build = try PanelBuilder.build(
      PanelSources(
        catalogs: [.pc4: pc4, .gemeente: gemeenten], reports: [LevelledTable(reports)],
        population: [LevelledTable(population)], pc4ToGemeente: lookup))
    let panel = build.panel
    #expect(panel.years == [2009])
    let a = try #require(panel.rows.first { $0.area == "1011" })
    // 2 + 3 + 5 = 10 reported of 1,000 children: 1%.
    #expect(a.reported[.all] == 10)
    #expect(abs(a.pctReported()! - 1.0) < 1e-12)
    #expect(a.gemeente == "GM0363")
    // The `x` marker stays missing, never 0.
    let d = try #require(panel.rows.first { $0.area == "3311" })
    #expect(d.reported[.all] == nil)
    #expect(d.pctReported() == nil)
    // Amsterdam: (10 + 4) / (1,000 + 300) = 1.0769...%, from the sums, not the mean of 1% and 1.33%.
    let amsterdam = try #require(panel.rows.first { $0.area == "GM0363" })
    #expect(amsterdam.reported[.all] == 14)
    #expect(amsterdam.children[.all] == 1300)
    #expect(abs(amsterdam.pctReported()! - 100.0 * 14 / 1300) < 1e-12)
    // 9999 is reported as a table key not in the boundaries.
    #expect(
      build.report.issues.contains {
        $0.key == "9999" && $0.side == .table && $0.reason == .notInBoundaries
      })
    let summary = try #require(build.report.summaries.first)
    #expect(summary.line == "reports (pc4) reports.csv: 3/3 areas matched (100.0%), 1 table keys unused")
  }

  @Test func regionsSumGemeenten() throws {
    let build = try PanelBuilder.build(
      PanelSources(
        catalogs: [.pc4: pc4, .gemeente: gemeenten], reports: [LevelledTable(reports)],
        population: [LevelledTable(population)], pc4ToGemeente: lookup,
        regions: [RegionDefinition(name: "speerpunt", regionOf: ["GM0363": "S", "GM0505": "S"])]))
    let region = try #require(build.panel.rows.first { $0.level == .region("speerpunt") })
    // Dordrecht has no reports (x): the region sums what exists, and the gap is flagged.
    #expect(region.reported[.all] == 14)
    #expect(region.children[.all] == 3300)
    #expect(build.report.issues.contains { $0.reason == .incompleteAggregate && $0.key == "S" })
  }

  @Test func badCountsNameFileLineAndValue() {
    func error(_ lines: [String]) -> String? {
      do {
        _ = try PanelBuilder.build(
          PanelSources(
            catalogs: [.pc4: pc4], reports: [LevelledTable(table("r.csv", lines))],
            population: [LevelledTable(population)]))
        return nil
      } catch let error as UserError {
        return error.description
      } catch { return "\(error)" }
    }
    #expect(error(["area,year,count", "1011,2009,-1"]) == "r.csv: line 2: count -1 is negative")
    #expect(
      error(["area,year,count", "1011,2009,veel"]) == "r.csv: line 2: count \"veel\" is not a number")
    #expect(
      error(["area,year,count", "1011,2009,1", "1011,2009,2"])
        == "r.csv: line 3: a second row for area 1011, year 2009, age group 0-17: duplicate rows are not summed"
    )
    #expect(
      error(["area,year,count", "1012,2009,301"])
        == "r.csv: line 2: 301 reported children in pc4 1012, 2009, age 0-17, but only 300 children live there"
    )
    #expect(
      error(["area,year,count", "1011,09,1"]) == "r.csv: line 2: year \"09\" is not a year")
  }

  @Test func crosswalkMergesAndSplits() throws {
    // Old gemeente GM0001 merged into GM0363; old GM0002 split 0.25 / 0.75.
    let crosswalk = try Crosswalk(
      table("cw.csv", ["old,new,weight", "GM0001,GM0363,1", "GM0002,GM0363,0.25", "GM0002,GM0505,0.75"]))
    let counts = table("r.csv", ["gemeentecode,year,count", "GM0001,2009,8", "GM0002,2009,40"])
    let build = try PanelBuilder.build(
      PanelSources(catalogs: [.gemeente: gemeenten], reports: [LevelledTable(counts)], crosswalk: crosswalk))
    let amsterdam = try #require(build.panel.rows.first { $0.area == "GM0363" })
    let dordrecht = try #require(build.panel.rows.first { $0.area == "GM0505" })
    let merged = try #require(amsterdam.reported[.all])
    #expect(abs(merged - 18) < 1e-9, "\(merged)")  // 8 + 0.25 × 40
    #expect(dordrecht.reported[.all] == 30)  // 0.75 × 40
    #expect(build.report.issues.filter { $0.reason == .crosswalked }.count == 2)
  }

  @Test func crosswalkWeightsAboveOneAreRejected() {
    #expect(throws: UserError.self) {
      try Crosswalk(table("cw.csv", ["old,new,weight", "GM0002,GM0363,0.5", "GM0002,GM0505,0.75"]))
    }
  }

  @Test func indicatorsWideAndLongAgree() throws {
    let wide = table("wide.csv", ["gemeente,jaar,armoede,jeugdzorg", "Amsterdam,2009,12.5,x", "Dordrecht,2009,20,3"])
    let long = table(
      "long.csv",
      ["gemeentecode,year,indicator,value", "GM0363,2009,armoede,12.5", "GM0505,2009,armoede,20", "GM0505,2009,jeugdzorg,3"])
    let fromWide = try PanelBuilder.build(
      PanelSources(catalogs: [.gemeente: gemeenten], indicators: [LevelledTable(wide)]))
    let fromLong = try PanelBuilder.build(
      PanelSources(catalogs: [.gemeente: gemeenten], indicators: [LevelledTable(long)]))
    #expect(fromLong.panel.rows.first { $0.area == "GM0505" }?.indicators == ["armoede": 20, "jeugdzorg": 3])
    #expect(fromWide.panel.rows.first { $0.area == "GM0505" }?.indicators == ["armoede": 20, "jeugdzorg": 3])
    #expect(fromWide.panel.rows.first { $0.area == "GM0363" }?.indicators["jeugdzorg"] == nil)
  }

  @Test func pc6KeysAreSummedToTheirPC4() throws {
    #expect(AreaKey.pc6("1011 ab") == "1011AB")
    #expect(AreaKey.pc6("0011AB") == nil)
    #expect(AreaKey.detectKind(fieldName: "postcode", values: ["1011AB", "1012CD", "3311EF"]) == .pc6)
    let pc6 = table("pc6.csv", ["postcode,year,count", "1011AB,2009,2", "1011AC,2009,3", "1012CD,2009,4"])
    let build = try PanelBuilder.build(
      PanelSources(catalogs: [.pc4: pc4], reports: [LevelledTable(pc6)]))
    // 2 + 3 for 1011 (hand sum), 4 for 1012.
    #expect(build.panel.rows.first { $0.area == "1011" }?.reported[.all] == 5)
    #expect(build.panel.rows.first { $0.area == "1012" }?.reported[.all] == 4)
  }

  /// CBS wijk codes join as wijken (not as PC-4 or gemeenten), each row knowing its
  /// gemeente from its code; a wijk table given as PC-4 is refused.
  @Test func wijkTablesJoinAtWijkLevel() throws {
    let wijken = AreaCatalog(
      level: .wijk, codes: ["WK036301", "WK0363AA", "WK050501"], source: "wijkenbuurten_2023_v1.gpkg")
    let indicators = table(
      "kerncijfers.csv",
      ["wijkcode,jaar,aantal_inwoners", "WK036301,2023,1000", "WK0363aa,2023,2500", "WK050501,2023,700"])
    let build = try PanelBuilder.build(
      PanelSources(catalogs: [.wijk: wijken], indicators: [LevelledTable(indicators, level: .wijk)]))
    let rows = build.panel.rows.filter { $0.level == .wijk }
    #expect(rows.map(\.area) == ["WK036301", "WK0363AA", "WK050501"])
    #expect(rows.map(\.gemeente) == ["GM0363", "GM0363", "GM0505"])
    #expect(rows.first { $0.area == "WK0363AA" }?.indicators["aantal_inwoners"] == 2500)
    #expect(build.report.summaries.first?.level == .wijk)
    #expect(build.report.summaries.first?.areasMatched == 3)
    // Without a level the column is recognised by its codes.
    let detected = try PanelBuilder.build(
      PanelSources(catalogs: [.wijk: wijken], indicators: [LevelledTable(indicators)]))
    #expect(detected.report.summaries.first?.level == .wijk)
    // Given as PC-4: refused, not read as postcodes.
    #expect(throws: UserError.self) {
      try PanelBuilder.build(
        PanelSources(catalogs: [.wijk: wijken], indicators: [LevelledTable(indicators, level: .pc4)]))
    }
  }

  /// Buurt counts summed to wijken and gemeenten by their codes; rates recomputed
  /// from the sums (hand sums: WK036301 2 + 3 of 100 + 200; GM0363 2 + 3 + 4 of
  /// 100 + 200 + 400 = 9 of 700 = 1.2857%). The fictive water buurt has no counts
  /// and is not expected to.
  @Test func buurtCountsSumToWijkAndGemeente() throws {
    let buurten = AreaCatalog(
      level: .buurt, codes: ["BU03630101", "BU03630102", "BU0363AA01", "BU03639997", "BU05050101"],
      source: "buurten")
    let reports = table(
      "meldingen.csv",
      ["buurtcode,jaar,aantal", "BU03630101,2022,2", "BU03630102,2022,3", "BU0363AA01,2022,4", "BU05050101,2022,1"])
    let population = table(
      "kinderen.csv",
      ["buurtcode,jaar,kinderen", "BU03630101,2022,100", "BU03630102,2022,200", "BU0363AA01,2022,400", "BU05050101,2022,50"])
    let build = try PanelBuilder.build(
      PanelSources(catalogs: [.buurt: buurten], reports: [LevelledTable(reports)], population: [LevelledTable(population)]))
    let panel = build.panel
    #expect(panel.levels == [.buurt, .wijk, .gemeente])
    func row(_ level: AreaLevel, _ code: String) throws -> PanelRow {
      try #require(panel.rows.first { $0.level == level && $0.area == code }, "\(code)")
    }
    #expect(try row(.wijk, "WK036301").reported[.all] == 5)
    #expect(try row(.wijk, "WK036301").children[.all] == 300)
    #expect(try row(.wijk, "WK0363AA").reported[.all] == 4)
    #expect(try row(.wijk, "WK036399").reported[.all] == nil)
    #expect(try row(.gemeente, "GM0363").reported[.all] == 9)
    #expect(try row(.gemeente, "GM0363").children[.all] == 700)
    #expect(abs(try #require(try row(.gemeente, "GM0363").pctReported()) - 900.0 / 700.0) < 1e-9)
    #expect(try row(.gemeente, "GM0505").reported[.all] == 1)
    #expect(try row(.wijk, "WK0363AA").gemeente == "GM0363")
    #expect(try row(.buurt, "BU0363AA01").gemeente == "GM0363")
    // Nothing is reported incomplete: the only buurt without counts is water.
    #expect(!build.report.issues.contains { $0.reason == .incompleteAggregate })

    // With gemeente boundaries that lack GM0505, its buurt is listed, not dropped silently.
    let gemeenten = AreaCatalog(level: .gemeente, codes: ["GM0363"], source: "gemeenten")
    let partial = try PanelBuilder.build(
      PanelSources(
        catalogs: [.buurt: buurten, .gemeente: gemeenten], reports: [LevelledTable(reports)],
        population: [LevelledTable(population)]))
    #expect(partial.panel.rows.first { $0.level == .gemeente && $0.area == "GM0363" }?.reported[.all] == 9)
    #expect(partial.report.issues.contains { $0.key == "WK050501" && $0.reason == .notInBoundaries })
  }

  /// Veilig Thuis counts per VT region, 2021 and 2023, against the 2023 indeling of
  /// a lookup: VT16 and VT26 of 2021 are counted in VT27 Oost-Brabant (10 + 15 = 25,
  /// hand sum), each listed as crosswalked; VT counts of their own are not
  /// overwritten by gemeente sums.
  @Test func veiligThuisSeriesInThe2023Indeling() throws {
    #expect(VeiligThuisRegions.codes(year: 2022).count == 26)
    #expect(VeiligThuisRegions.codes(year: 2023).count == 25)
    #expect(VeiligThuisRegions.codes(year: 2023).contains("VT27"))
    #expect(!VeiligThuisRegions.codes(year: 2023).contains("VT16"))
    #expect(VeiligThuisRegions.in2023("VT26  ") == "VT27")
    #expect(VeiligThuisRegions.in2023("VT15") == "VT15")
    #expect(VeiligThuisRegions.knownNames(year: 2023)["VT15"] == "Midden-Brabant")
    let vt = RegionDefinition(
      name: "veiligthuisregio", regionOf: ["GM0363": "VT15", "GM0505": "VT27"],
      names: ["VT15": "Midden-Brabant", "VT27": "Oost-Brabant"])
    #expect(vt.level == .veiligthuisregio)
    let meldingen = table(
      "84847NED.csv",
      ["regio,jaar,meldingen", "VT16  ,2021,10", "VT26  ,2021,15", "VT15  ,2021,7", "VT27  ,2023,30", "VT15  ,2023,8"])
    let gemeenteCounts = table("gm.csv", ["gemeentecode,jaar,meldingen", "GM0363,2021,1", "GM0505,2021,2"])
    let build = try PanelBuilder.build(
      PanelSources(
        catalogs: [.gemeente: gemeenten], reports: [LevelledTable(meldingen), LevelledTable(gemeenteCounts)],
        regions: [vt]))
    func reported(_ code: String, _ year: Int) -> Double? {
      build.panel.rows.first { $0.level == .veiligthuisregio && $0.area == code && $0.year == year }?.reported[.all]
    }
    #expect(reported("VT27", 2021) == 25)
    #expect(reported("VT27", 2023) == 30)
    #expect(reported("VT15", 2021) == 7)
    #expect(build.panel.rows.filter { $0.level == .veiligthuisregio }.map(\.area).sorted() == ["VT15", "VT15", "VT27", "VT27"])
    let crosswalked = build.report.issues.filter { $0.reason == .crosswalked }.map(\.key).sorted()
    #expect(crosswalked == ["VT16", "VT26"])
  }
}
