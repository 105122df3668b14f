import Testing

@testable import WijkstatCore

@Suite struct PanelBuilderTests {
  let pc4 = AreaCatalog(level: .pc4, codes: ["1011", "1012", "3311"], source: "pc4.geojson")
  let gemeenten = AreaCatalog(
    level: .gemeente, codes: ["GM0363", "GM0505"],
    names: ["GM0363": "Amsterdam", "GM0505": "Dordrecht"], source: "gemeenten.geojson")
  let lookup = ["1011": "GM0363", "1012": "GM0363", "3311": "GM0505"]

  func table(_ source: String, _ lines: [String]) -> RawTable {
    let cells = lines.map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
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
    #expect(
      summary.line == "reports (pc4) reports.csv: 3/3 areas matched (100.0%), 1 table keys unused")
  }

  @Test func regionsSumGemeenten() throws {
    let build = try PanelBuilder.build(
      PanelSources(
        catalogs: [.pc4: pc4, .gemeente: gemeenten], reports: [LevelledTable(reports)],
        population: [LevelledTable(population)], pc4ToGemeente: lookup,
        regions: [RegionDefinition(name: "speerpunt", regionOf: ["GM0363": "S", "GM0505": "S"])]))
    let region = try #require(build.panel.rows.first { $0.level == .region("speerpunt") })
    // Dordrecht has no reports (x): the region sums what exists, and the gap is
    // flagged. Its children (2,000) are not in the reports, so the region's
    // children are left empty: 14 / 3,300 would be a rate over different parts.
    #expect(region.reported[.all] == 14)
    #expect(region.children[.all] == nil)
    #expect(region.pctReported() == nil)
    #expect(build.report.issues.contains { $0.reason == .incompleteAggregate && $0.key == "S" })
    #expect(
      build.report.issues.contains {
        $0.key == "S"
          && $0.suggestion
            == "gemeente GM0505 has a population but no reports in 2009: the sums of reports and children cover different parts, children left empty (no rate)"
      })
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
      error(["area,year,count", "1011,2009,veel"])
        == "r.csv: line 2: count \"veel\" is not a number")
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

  /// QA Q13 (session 6): a part with reports but no population row. Hand sums:
  /// GM0363 = 1011 (10 reports, 1,000 children) + 1012 (4 reports, no children
  /// row). Before the fix GM0363 got 14 / 1,000 = 1.4 % (truth 14 / 1,300 =
  /// 1.08 % with 1012's 300 children), exit 0, nothing reported. Now its
  /// reports stay 14, its children and rate are empty and 1012 is named.
  @Test func aPartWithReportsButNoPopulationLeavesTheParentRateEmpty() throws {
    let population = table(
      "population.csv", ["area,year,children", "1011,2009,1000", "3311,2009,2000"])
    let reports = table(
      "reports.csv", ["area,year,count", "1011,2009,10", "1012,2009,4", "3311,2009,6"])
    let build = try PanelBuilder.build(
      PanelSources(
        catalogs: [.pc4: pc4, .gemeente: gemeenten], reports: [LevelledTable(reports)],
        population: [LevelledTable(population)], pc4ToGemeente: lookup))
    let amsterdam = try #require(build.panel.rows.first { $0.area == "GM0363" })
    #expect(amsterdam.reported[.all] == 14)
    #expect(amsterdam.children[.all] == nil)
    #expect(amsterdam.pctReported() == nil)
    // Dordrecht (3311 only, both sides): 6 / 2,000 = 0.3 %.
    let dordrecht = try #require(build.panel.rows.first { $0.area == "GM0505" })
    #expect(abs(try #require(dordrecht.pctReported()) - 0.3) < 1e-12)
    let issues = build.report.issues.filter { $0.reason == .incompleteAggregate }
    #expect(issues.count == 1)
    #expect(
      issues.first?.key == "GM0363"
        && issues.first?.suggestion
          == "pc4 1012 has reports but no population in 2009: the sums of reports and children cover different parts, children left empty (no rate)"
    )
  }

  /// QA Q13 at buurt → wijk → gemeente: BU03630102 (3 reports) has no population
  /// row. WK036301 = 2 + 3 reports over 100 children of BU03630101 only, so its
  /// children are left empty; GM0363 then sums a wijk without children and is
  /// left empty too (9 reports), while WK0363AA keeps 4 / 400 = 1 % and GM0505
  /// 1 / 50 = 2 % (hand sums). The mirror case (a buurt with children but no
  /// reports) empties the same rows.
  @Test func aBuurtWithoutPopulationEmptiesItsWijkAndGemeenteRates() throws {
    let buurten = AreaCatalog(
      level: .buurt, codes: ["BU03630101", "BU03630102", "BU0363AA01", "BU05050101"],
      source: "buurten")
    let allReports = [
      "buurtcode,jaar,aantal", "BU03630101,2022,2", "BU03630102,2022,3", "BU0363AA01,2022,4",
      "BU05050101,2022,1",
    ]
    let allChildren = [
      "buurtcode,jaar,kinderen", "BU03630101,2022,100", "BU03630102,2022,200",
      "BU0363AA01,2022,400", "BU05050101,2022,50",
    ]
    func build(_ reports: [String], _ population: [String]) throws -> PanelBuild {
      try PanelBuilder.build(
        PanelSources(
          catalogs: [.buurt: buurten], reports: [LevelledTable(table("meldingen.csv", reports))],
          population: [LevelledTable(table("kinderen.csv", population))]))
    }
    for (reports, population, reportedWijk, reportedGemeente, text) in [
      (
        allReports, allChildren.filter { !$0.hasPrefix("BU03630102") }, 5.0, 9.0,
        "has reports but no population"
      ),
      (
        allReports.filter { !$0.hasPrefix("BU03630102") }, allChildren, 2.0, 6.0,
        "has a population but no reports"
      ),
    ] {
      let result = try build(reports, population)
      func row(_ level: AreaLevel, _ code: String) throws -> PanelRow {
        try #require(result.panel.rows.first { $0.level == level && $0.area == code }, "\(code)")
      }
      #expect(try row(.wijk, "WK036301").reported[.all] == reportedWijk)
      #expect(try row(.wijk, "WK036301").children[.all] == nil)
      #expect(try row(.gemeente, "GM0363").reported[.all] == reportedGemeente)
      #expect(try row(.gemeente, "GM0363").pctReported() == nil)
      #expect(abs(try #require(try row(.wijk, "WK0363AA").pctReported()) - 1.0) < 1e-12)
      #expect(abs(try #require(try row(.gemeente, "GM0505").pctReported()) - 2.0) < 1e-12)
      #expect(
        result.report.issues.contains {
          $0.key == "WK036301" && $0.suggestion.hasPrefix("buurt BU03630102 \(text) in 2022: ")
        })
      #expect(
        result.report.issues.contains {
          $0.key == "GM0363"
            && $0.suggestion.hasPrefix("wijk WK036301 has reports but no population in 2022: ")
        })
    }
    // Counts of the wijk's own beside buurt children that lack BU03630102: the
    // wijk's children (100 of its 300) are left empty too.
    let partial = try PanelBuilder.build(
      PanelSources(
        catalogs: [.buurt: buurten],
        reports: [
          LevelledTable(
            table(
              "meldingen-wijk.csv", ["wijkcode,jaar,aantal", "WK036301,2022,9", "WK0363AA,2022,6"]))
        ],
        population: [
          LevelledTable(table("kinderen.csv", allChildren.filter { !$0.hasPrefix("BU03630102") }))
        ]))
    let wijk = try #require(partial.panel.rows.first { $0.level == .wijk && $0.area == "WK036301" })
    #expect(wijk.reported[.all] == 9)
    #expect(wijk.children[.all] == nil)
  }

  /// QA Q14 (session 6): a 0-17 row beside its three age-group rows. 2 + 11 + 10
  /// = 23 but the total row says 24: an error naming the total's line and both
  /// figures. A total equal to the sum is read (23).
  @Test func aTotalThatDisagreesWithItsAgeGroupsIsAnError() throws {
    func build(_ lines: [String]) throws -> PanelBuild {
      try PanelBuilder.build(
        PanelSources(
          catalogs: [.pc4: pc4], reports: [LevelledTable(table("r.csv", lines))],
          population: [LevelledTable(population)]))
    }
    let groups = [
      "area,year,age_group,count", "1011,2009,0-3,2", "1011,2009,4-7,11", "1011,2009,8-17,10",
    ]
    let error = try #require(throws: UserError.self) { try build(groups + ["1011,2009,0-17,24"]) }
    #expect(
      error.description
        == "r.csv: line 5: the 0-17 count 24 of area 1011, year 2009, differs from the sum of its age groups 0-3, 4-7, 8-17: 2 + 11 + 10 = 23"
    )
    // A total below two of its groups (7 < 2 + 11).
    let below = try #require(throws: UserError.self) {
      try build([
        "area,year,age_group,count", "1011,2009,,7", "1011,2009,0-3,2", "1011,2009,4-7,11",
      ])
    }
    #expect(
      below.description
        == "r.csv: line 2: the 0-17 count 7 of area 1011, year 2009, is below the sum of its age groups given: 2 + 11 = 13"
    )
    let agreeing = try build(groups + ["1011,2009,0-17,23"])
    #expect(agreeing.panel.rows.first { $0.area == "1011" }?.reported[.all] == 23)
  }

  /// QA Q7 (session 6): a count from a table is whole; `3.7` reports or 1000.5
  /// children are an error naming the line and the value.
  @Test func fractionalCountsAreAnError() throws {
    let reports = try #require(throws: UserError.self) {
      try PanelBuilder.build(
        PanelSources(
          catalogs: [.pc4: pc4],
          reports: [
            LevelledTable(table("r.csv", ["area,year,count", "1011,2009,2", "1012,2009,3.7"]))
          ],
          population: [LevelledTable(population)]))
    }
    #expect(reports.description == "r.csv: line 3: count 3.7 is not a whole number")
    let children = try #require(throws: UserError.self) {
      try PanelBuilder.build(
        PanelSources(
          catalogs: [.pc4: pc4],
          reports: [LevelledTable(table("r.csv", ["area,year,count", "1011,2009,2"]))],
          population: [LevelledTable(table("k.csv", ["area,year,children", "1011,2009,1000.5"]))]))
    }
    #expect(children.description == "k.csv: line 2: children 1000.5 is not a whole number")
  }

  @Test func crosswalkMergesAndSplits() throws {
    // Old gemeente GM0001 merged into GM0363; old GM0002 split 0.25 / 0.75.
    let crosswalk = try Crosswalk(
      table(
        "cw.csv", ["old,new,weight", "GM0001,GM0363,1", "GM0002,GM0363,0.25", "GM0002,GM0505,0.75"])
    )
    let counts = table("r.csv", ["gemeentecode,year,count", "GM0001,2009,8", "GM0002,2009,40"])
    let build = try PanelBuilder.build(
      PanelSources(
        catalogs: [.gemeente: gemeenten], reports: [LevelledTable(counts)], crosswalk: crosswalk))
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
    let wide = table(
      "wide.csv",
      ["gemeente,jaar,armoede,jeugdzorg", "Amsterdam,2009,12.5,x", "Dordrecht,2009,20,3"])
    let long = table(
      "long.csv",
      [
        "gemeentecode,year,indicator,value", "GM0363,2009,armoede,12.5", "GM0505,2009,armoede,20",
        "GM0505,2009,jeugdzorg,3",
      ])
    let fromWide = try PanelBuilder.build(
      PanelSources(catalogs: [.gemeente: gemeenten], indicators: [LevelledTable(wide)]))
    let fromLong = try PanelBuilder.build(
      PanelSources(catalogs: [.gemeente: gemeenten], indicators: [LevelledTable(long)]))
    #expect(
      fromLong.panel.rows.first { $0.area == "GM0505" }?.indicators == [
        "armoede": 20, "jeugdzorg": 3,
      ])
    #expect(
      fromWide.panel.rows.first { $0.area == "GM0505" }?.indicators == [
        "armoede": 20, "jeugdzorg": 3,
      ])
    #expect(fromWide.panel.rows.first { $0.area == "GM0363" }?.indicators["jeugdzorg"] == nil)
  }

  @Test func pc6KeysAreSummedToTheirPC4() throws {
    #expect(AreaKey.pc6("1011 ab") == "1011AB")
    #expect(AreaKey.pc6("0011AB") == nil)
    #expect(
      AreaKey.detectKind(fieldName: "postcode", values: ["1011AB", "1012CD", "3311EF"]) == .pc6)
    let pc6 = table(
      "pc6.csv", ["postcode,year,count", "1011AB,2009,2", "1011AC,2009,3", "1012CD,2009,4"])
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
      level: .wijk, codes: ["WK036301", "WK0363AA", "WK050501"],
      source: "wijkenbuurten_2023_v1.gpkg")
    let indicators = table(
      "kerncijfers.csv",
      [
        "wijkcode,jaar,aantal_inwoners", "WK036301,2023,1000", "WK0363aa,2023,2500",
        "WK050501,2023,700",
      ])
    let build = try PanelBuilder.build(
      PanelSources(catalogs: [.wijk: wijken], indicators: [LevelledTable(indicators, level: .wijk)])
    )
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
        PanelSources(
          catalogs: [.wijk: wijken], indicators: [LevelledTable(indicators, level: .pc4)]))
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
      [
        "buurtcode,jaar,aantal", "BU03630101,2022,2", "BU03630102,2022,3", "BU0363AA01,2022,4",
        "BU05050101,2022,1",
      ])
    let population = table(
      "kinderen.csv",
      [
        "buurtcode,jaar,kinderen", "BU03630101,2022,100", "BU03630102,2022,200",
        "BU0363AA01,2022,400", "BU05050101,2022,50",
      ])
    let build = try PanelBuilder.build(
      PanelSources(
        catalogs: [.buurt: buurten], reports: [LevelledTable(reports)],
        population: [LevelledTable(population)]))
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
    #expect(
      partial.panel.rows.first { $0.level == .gemeente && $0.area == "GM0363" }?.reported[.all] == 9
    )
    #expect(
      partial.report.issues.contains { $0.key == "WK050501" && $0.reason == .notInBoundaries })
  }

  /// QA finding F3 (session 5): counts per wijk (a registration of its own) beside
  /// counts and children per buurt. The wijk children are the sums of their
  /// buurten whatever the source of the wijk counts, and the gemeente counts are
  /// the sums of the wijk table. Hand sums: WK036301 own count 9 over 100 + 200
  /// children = 3%; WK0363AA 6 of 400; GM0363 9 + 6 = 15 of 100 + 200 + 400 = 700;
  /// GM0505 2 of 50. Before the fix every wijk and gemeente had no children.
  @Test func wijkCountsBesideBuurtPopulationGetTheBuurtChildren() throws {
    let buurten = AreaCatalog(
      level: .buurt, codes: ["BU03630101", "BU03630102", "BU0363AA01", "BU05050101"],
      source: "buurten")
    let buurtReports = table(
      "meldingen-buurt.csv",
      [
        "buurtcode,jaar,aantal", "BU03630101,2022,2", "BU03630102,2022,3", "BU0363AA01,2022,4",
        "BU05050101,2022,1",
      ])
    let wijkReports = table(
      "meldingen-wijk.csv",
      ["wijkcode,jaar,aantal", "WK036301,2022,9", "WK0363AA,2022,6", "WK050501,2022,2"])
    let population = table(
      "kinderen-buurt.csv",
      [
        "buurtcode,jaar,kinderen", "BU03630101,2022,100", "BU03630102,2022,200",
        "BU0363AA01,2022,400", "BU05050101,2022,50",
      ])
    let build = try PanelBuilder.build(
      PanelSources(
        catalogs: [.buurt: buurten],
        reports: [LevelledTable(buurtReports), LevelledTable(wijkReports)],
        population: [LevelledTable(population)]))
    func row(_ level: AreaLevel, _ code: String) throws -> PanelRow {
      try #require(build.panel.rows.first { $0.level == level && $0.area == code }, "\(code)")
    }
    #expect(try row(.wijk, "WK036301").reported[.all] == 9)
    #expect(try row(.wijk, "WK036301").children[.all] == 300)
    #expect(abs(try #require(try row(.wijk, "WK036301").pctReported()) - 3.0) < 1e-12)
    #expect(try row(.wijk, "WK0363AA").children[.all] == 400)
    #expect(try row(.gemeente, "GM0363").reported[.all] == 15)
    #expect(try row(.gemeente, "GM0363").children[.all] == 700)
    #expect(try row(.gemeente, "GM0505").reported[.all] == 2)
    #expect(try row(.gemeente, "GM0505").children[.all] == 50)
    // The buurt rows keep their own counts.
    #expect(try row(.buurt, "BU03630102").reported[.all] == 3)
    // A wijk whose buurten lack a population is listed as an incomplete sum.
    let partial = try PanelBuilder.build(
      PanelSources(
        catalogs: [.buurt: buurten], reports: [LevelledTable(wijkReports)],
        population: [
          LevelledTable(
            table(
              "k.csv", ["buurtcode,jaar,kinderen", "BU03630101,2022,100", "BU0363AA01,2022,400"]))
        ]))
    #expect(
      partial.report.issues.contains {
        $0.key == "WK036301" && $0.reason == .incompleteAggregate
          && $0.suggestion == "1 of 2 buurt areas have a population in 2022"
      })
  }

  /// QA finding F1 (session 5): a PC-4 crosswalk in a PC-4 run. `9999,1012,0.5`
  /// and `9999,3311,0.5` split the 6 reports of the old PC-4 9999: 1012 gets
  /// 4 + 3 = 7, 3311 gets 3 (hand computation). Before the fix the keys were read
  /// as gemeente codes (GM9999 → GM1012), the 6 reports were dropped, exit 0.
  @Test func aPC4CrosswalkMapsPC4Keys() throws {
    let crosswalk = try Crosswalk(
      table("cw.csv", ["old,new,weight", "9999,1012,0.5", "9999,3311,0.5"]))
    let counts = table("r.csv", ["area,year,count", "1011,2009,10", "1012,2009,4", "9999,2009,6"])
    let build = try PanelBuilder.build(
      PanelSources(
        catalogs: [.pc4: pc4, .gemeente: gemeenten], reports: [LevelledTable(counts)],
        pc4ToGemeente: lookup, crosswalk: crosswalk))
    func reported(_ level: AreaLevel, _ code: String) -> Double? {
      build.panel.rows.first { $0.level == level && $0.area == code }?.reported[.all]
    }
    #expect(reported(.pc4, "1012") == 7)
    #expect(reported(.pc4, "3311") == 3)
    // Gemeente sums: GM0363 = 1011 + 1012 = 17; GM0505 = 3311 = 3 (no report lost).
    #expect(reported(.gemeente, "GM0363") == 17)
    #expect(reported(.gemeente, "GM0505") == 3)
    #expect(
      build.report.issues.contains {
        $0.key == "9999" && $0.reason == .crosswalked && $0.suggestion == "1012×0.5 + 3311×0.5"
      })
    // The same file for a gemeente table reads 0363 as GM0363 (a gemeente code).
    let gemeenteCrosswalk = try Crosswalk(table("cw.csv", ["old,new", "0001,0363"]))
    #expect(
      gemeenteCrosswalk.targets(for: "GM0001", level: .gemeente) == [
        .init(code: "GM0363", weight: 1)
      ])
    #expect(gemeenteCrosswalk.targets(for: "0001", level: .pc4) == nil)
    // A crosswalk onto PC-4s outside the boundaries: the key is listed with the
    // crosswalk's codes, never as a plain unknown key.
    let outside = try PanelBuilder.build(
      PanelSources(
        catalogs: [.pc4: pc4], reports: [LevelledTable(counts)],
        crosswalk: try Crosswalk(table("cw.csv", ["old,new", "9999,5000"]))))
    let issue = try #require(outside.report.issues.first { $0.key == "9999" && $0.side == .table })
    #expect(issue.reason == .notInBoundaries)
    #expect(issue.suggestion == "the crosswalk maps it to 5000, not a pc4 area of pc4.geojson")
  }

  /// A gemeente → Veilig Thuis lookup with a `jaar` column: GM0363 lies in VT15
  /// in 2022 and in VT27 from 2023 (a gemeente moving between regions), GM0505
  /// in VT27 both years. Hand sums of the gemeente counts: VT15 2022 = 4, VT27
  /// 2022 = 10, VT27 2023 = 6 + 20 = 26, VT15 2023 has no gemeente and no count.
  /// 2024 is not in the lookup: the latest listed year (2023) holds, VT27 = 3 + 5.
  /// The disclosure check links each gemeente to its region of that year.
  @Test func veiligThuisAssignmentPerYear() throws {
    let lookup = try LookupTable(
      table(
        "gemeenten-vt.csv",
        [
          "gemeentecode,jaar,veiligthuisregiocode,veiligthuisregionaam",
          "GM0363,2022,VT15,Midden-Brabant",
          "GM0505,2022,VT27,Oost-Brabant", "GM0363,2023,VT27,Oost-Brabant",
          "GM0505,2023,VT27,Oost-Brabant",
        ]))
    let vt = try #require(lookup.regions.first { $0.level == .veiligthuisregio })
    #expect(lookup.gemeenten == ["GM0363", "GM0505"])
    #expect(vt.regionOf(year: 2022) == ["GM0363": "VT15", "GM0505": "VT27"])
    #expect(vt.regionOf(year: 2024) == ["GM0363": "VT27", "GM0505": "VT27"])
    #expect(vt.regionOf(year: 2019) == ["GM0363": "VT15", "GM0505": "VT27"])
    let counts = table(
      "gm.csv",
      [
        "gemeentecode,jaar,meldingen", "GM0363,2022,4", "GM0505,2022,10", "GM0363,2023,6",
        "GM0505,2023,20", "GM0363,2024,3", "GM0505,2024,5",
      ])
    let build = try PanelBuilder.build(
      PanelSources(
        catalogs: [.gemeente: gemeenten], reports: [LevelledTable(counts)], regions: lookup.regions)
    )
    func reported(_ code: String, _ year: Int) -> Double? {
      build.panel.rows.first {
        $0.level == .veiligthuisregio && $0.area == code && $0.year == year
      }?.reported[.all]
    }
    #expect(reported("VT15", 2022) == 4)
    #expect(reported("VT27", 2022) == 10)
    #expect(reported("VT27", 2023) == 26)
    #expect(reported("VT15", 2023) == nil)
    #expect(reported("VT27", 2024) == 8)
    // The published sums: VT27 2023 = GM0363 + GM0505; VT15 2022 = GM0363 alone.
    let cells = PublishedCells(
      panel: build.panel, suppression: nil,
      regions: [
        "veiligthuisregio": [
          "GM0363": "VT27", "GM0505": "VT27", "GM0363|2022": "VT15", "GM0505|2022": "VT27",
        ]
      ])
    func key(_ table: String, _ area: String, _ year: Int) -> Int? {
      cells.keys.firstIndex {
        $0.table == table && $0.area == area && $0.year == year && $0.group == .all
      }
    }
    let vt27in2023 = try #require(key("veiligthuisregio", "VT27", 2023))
    let vt15in2022 = try #require(key("veiligthuisregio", "VT15", 2022))
    let gm0363in2023 = try #require(key("gemeente", "GM0363", 2023))
    let gm0363in2022 = try #require(key("gemeente", "GM0363", 2022))
    #expect(
      cells.sums.contains {
        $0.total == vt27in2023 && $0.parts.contains(gm0363in2023) && $0.parts.count == 2
      })
    #expect(cells.sums.contains { $0.total == vt15in2022 && $0.parts == [gm0363in2022] })
    // Two regions for one gemeente in one year is an error naming the line.
    #expect(throws: UserError.self) {
      try LookupTable(
        table(
          "l.csv",
          ["gemeentecode,jaar,veiligthuisregiocode", "GM0363,2022,VT15", "GM0363,2022,VT27"]))
    }
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
      [
        "regio,jaar,meldingen", "VT16  ,2021,10", "VT26  ,2021,15", "VT15  ,2021,7",
        "VT27  ,2023,30", "VT15  ,2023,8",
      ])
    let gemeenteCounts = table(
      "gm.csv", ["gemeentecode,jaar,meldingen", "GM0363,2021,1", "GM0505,2021,2"])
    let build = try PanelBuilder.build(
      PanelSources(
        catalogs: [.gemeente: gemeenten],
        reports: [LevelledTable(meldingen), LevelledTable(gemeenteCounts)],
        regions: [vt]))
    func reported(_ code: String, _ year: Int) -> Double? {
      build.panel.rows.first {
        $0.level == .veiligthuisregio && $0.area == code && $0.year == year
      }?.reported[.all]
    }
    #expect(reported("VT27", 2021) == 25)
    #expect(reported("VT27", 2023) == 30)
    #expect(reported("VT15", 2021) == 7)
    #expect(
      build.panel.rows.filter { $0.level == .veiligthuisregio }.map(\.area).sorted() == [
        "VT15", "VT15", "VT27", "VT27",
      ])
    let crosswalked = build.report.issues.filter { $0.reason == .crosswalked }.map(\.key).sorted()
    #expect(crosswalked == ["VT16", "VT26"])
  }
}
