import Testing

@testable import WijkstatCore

/// Periods, special values, topic names and units as CBS writes them (values from
/// the StatLine key format and the Kerncijfers toelichting, see the sources).
@Suite struct CBSTableTests {
  @Test func periodKeysAndTitles() throws {
    let year = try #require(StatLinePeriod(parsing: "2022JJ00"))
    #expect(year == StatLinePeriod(year: 2022, kind: .year, part: 0))
    #expect(
      StatLinePeriod(parsing: " 2022HJ02 ") == StatLinePeriod(year: 2022, kind: .halfYear, part: 2))
    #expect(
      StatLinePeriod(parsing: "2022KW03") == StatLinePeriod(year: 2022, kind: .quarter, part: 3))
    #expect(
      StatLinePeriod(parsing: "2022MM11") == StatLinePeriod(year: 2022, kind: .month, part: 11))
    #expect(
      StatLinePeriod(parsing: "1e halfjaar 2022")
        == StatLinePeriod(year: 2022, kind: .halfYear, part: 1))
    #expect(
      StatLinePeriod(parsing: "2022 3e kwartaal")
        == StatLinePeriod(year: 2022, kind: .quarter, part: 3))
    #expect(
      StatLinePeriod(parsing: "november 2022") == StatLinePeriod(year: 2022, kind: .month, part: 11)
    )
    let provisional = try #require(StatLinePeriod(parsing: "2023*"))
    #expect(provisional.provisional && provisional.kind == .year && provisional.year == 2023)
    #expect(StatLinePeriod(parsing: "2e halfjaar 2023**")?.provisional == true)
    #expect(StatLinePeriod(parsing: "2022HJ03") == nil)
    #expect(StatLinePeriod(parsing: "2022KW05") == nil)
    #expect(StatLinePeriod(parsing: "2022MM13") == nil)
    #expect(StatLinePeriod(parsing: "2022JJ01") == nil)
    #expect(StatLinePeriod(parsing: "3e halfjaar 2022") == nil)
    #expect(StatLinePeriod(parsing: "GM0363") == nil)
    #expect(StatLinePeriod(year: 2022, kind: .halfYear, part: 1).title == "1e halfjaar 2022")
    #expect(StatLinePeriod(year: 2022, kind: .quarter, part: 4).code == "2022KW04")
  }

  @Test func specialValuesByProduct() throws {
    let cbs = SpecialValues.cbs
    #expect(cbs.reason(for: -99997) == .secretOrNotAvailable)
    #expect(cbs.reason(for: -99995) == .laterVersion)
    #expect(cbs.reason(for: -99991) == .noLongerPublished)
    #expect(cbs.reason(for: -99999999) == .secretOrNotAvailable)
    #expect(cbs.reason(for: -99996) == nil)
    #expect(cbs.reason(for: 12.5) == nil)
    #expect(cbs.reason(for: -3) == nil)
    #expect(cbs.reason(forCell: " -99997 ") == .secretOrNotAvailable)
    #expect(cbs.reason(forCell: "-99997,0") == .secretOrNotAvailable)
    #expect(cbs.reason(forCell: "x") == .secret)
    #expect(cbs.reason(forCell: " . ") == .notAvailable)
    #expect(cbs.reason(forCell: "") == .empty)
    #expect(cbs.reason(forCell: "12,5") == nil)
    #expect(cbs.value(ofCell: "-99995") == .missing)
    #expect(cbs.value(ofCell: "1,5") == .number(1.5))
    // 2022 and later only: -99999999 is a figure there (it is not, but the choice is the user's).
    #expect(SpecialValues(products: [.kwb]).reason(for: -99999999) == nil)
    #expect(SpecialValues(products: [.statline]).reason(for: -99997) == nil)
    let own = try SpecialValues(parsing: ["pc4", "-1"])
    #expect(
      own.reason(for: -1) == .notAvailable && own.reason(for: -99997) == .secretOrNotAvailable
        && own.reason(for: -99995) == nil)
    #expect(try SpecialValues(parsing: ["none"]).codes.isEmpty)
    #expect(throws: UserError.self) { try SpecialValues(parsing: ["kwb2099"]) }
  }

  @Test func topicNamesWithoutSuffixAndUnit() {
    #expect(StatLineTable.topicName("Meldingen_2") == "Meldingen")
    #expect(StatLineTable.topicName("TotaalMeldingen_14") == "TotaalMeldingen")
    #expect(StatLineTable.topicName("Meldingen (aantal)") == "Meldingen")
    #expect(StatLineTable.topicName("Percentage jongeren (%)") == "Percentage jongeren")
    #expect(StatLineTable.topicName("RegioS") == "RegioS")
    #expect(StatLineTable.topic("Meldingen_3", is: "meldingen"))
    #expect(StatLineTable.topic("Meldingen (aantal)", is: "Meldingen_2"))
    #expect(!StatLineTable.topic("Adviezen_1", is: "Meldingen"))
  }

  @Test func ageBandsAreDeclaredAsWritten() throws {
    let kerncijfers = try #require(AgeBand(parsing: "0 tot 15"))
    #expect(kerncijfers.lowest == 0 && kerncijfers.highest == 14)
    let children = try #require(AgeBand(parsing: "0-17"))
    #expect(children == .children)
    #expect(AgeBand(parsing: "0 t/m 17")?.highest == 17)
    #expect(AgeBand(parsing: "jong") == nil)
  }

  @Test func theUnitNamesTheRate() {
    let children = CountUnit()
    #expect(children.rateLabel(true) == "% gemelde kinderen")
    #expect(children.countLabel(true) == "gemelde kinderen")
    let meldingen = CountUnit(unit: "Meldingen")
    #expect(meldingen.rateLabel(true) == "meldingen per 100 kinderen 0-17")
    #expect(meldingen.perThousandLabel(true) == "meldingen per 1.000 kinderen 0-17")
    #expect(meldingen.rateLabel(false) == "reports per 100 children 0-17")
    let young = CountUnit(unit: "adviezen", ages: AgeBand(parsing: "0 tot 15")!)
    #expect(young.perThousandLabel(true) == "adviezen per 1.000 kinderen 0 tot 15 jaar")
    #expect(young.rateInSentence(true) == "het aantal adviezen per 100 kinderen")
  }

  /// wijkstat's own layout (`area,year,indicator_1,...`, as `wijkstat bench`
  /// writes its indicator table) is a plain table: `year` and the `_1`
  /// suffixes look like StatLine's, but without a region column only
  /// StatLine's own period names (Perioden) make a StatLine table.
  @Test func wijkstatsOwnLayoutIsNotStatLine() {
    let plain = RawTable(
      source: "indicators.csv", columns: ["area", "year", "indicator_1", "indicator_2"],
      rows: [["1011", "2009", "1", "2"]])
    #expect(StatLineTable.layout(of: plain) == nil)
    let periods = RawTable(
      source: "t.csv", columns: ["Perioden", "Meldingen_1"], rows: [["2009JJ00", "5"]])
    #expect(StatLineTable.layout(of: periods) == .typedDataSet)
  }

  @Test func aStatLineRegionalTableIsReadIntoYears() throws {
    let table = RawTable(
      source: "vt.csv", columns: ["ID", "RegioS", "Perioden", "Adviezen_1", "Meldingen_2"],
      rows: [
        ["0", "NL01  ", "2022JJ00", "100", "50"],
        ["1", "GM0363", "2022HJ01", "20", "10"],
        ["2", "GM0363", "2022HJ02", "25", "."],
        ["3", "GM0014", "2022HJ01", "5", "5"],
        ["4", "GM0014", "2022HJ02", "10", "15"],
        ["5", "GM0014", "2023HJ01", "10", "20"],
      ])
    var options = TableOptions()
    options.countColumn = "Meldingen"
    let prepared = try #require(try StatLineTable.prepare(table, kind: .reports, options: options))
    #expect(prepared.layout == .typedDataSet)
    #expect(prepared.unit == "meldingen")
    #expect(prepared.table.columns == ["area", "year", "count"])
    // GM0363: one half year without a figure leaves 2022 without one; GM0014 2022 = 5 + 15;
    // GM0014 2023 has one half: not a year.
    #expect(
      prepared.table.rows == [
        ["NL01", "2022", "50"], ["GM0363", "2022", "."], ["GM0014", "2022", "20"],
      ])
    #expect(
      prepared.notes.contains {
        $0.text.hasPrefix(
          "1 incomplete years are not years, not used: GM0014 2023 (1e halfjaar 2023)")
      })
    options.periods = .yearOnly
    let yearOnly = try #require(try StatLineTable.prepare(table, kind: .reports, options: options))
    #expect(yearOnly.table.rows == [["NL01", "2022", "50"]])
  }
}

@Suite struct RegionKeyTests {
  @Test func codesAndTitlesGoToTheirLevels() {
    #expect(RegionKey.level(of: "GM0363    ") == .gemeente)
    #expect(RegionKey.level(of: "VT01  ") == .veiligthuisregio)
    #expect(RegionKey.level(of: "PV20") == .provincie)
    #expect(RegionKey.level(of: "LD03") == .landsdeel)
    #expect(RegionKey.level(of: "NL01") == .nederland)
    #expect(RegionKey.level(of: "Groningen (gemeente)") == .gemeente)
    #expect(RegionKey.level(of: "Bergen (NH.)") == .gemeente)
    #expect(RegionKey.level(of: "Utrecht (VT)") == .veiligthuisregio)
    #expect(RegionKey.level(of: "Groningen (PV)") == .provincie)
    #expect(RegionKey.level(of: "Nederland") == .nederland)
    #expect(RegionKey.level(of: "'s-Gravenhage") == .gemeente)
    #expect(RegionKey.level(of: "T001038") == nil)
    #expect(RegionKey.level(of: "") == nil)
  }
}

@Suite struct CountUnitLayoutTests {
  /// Tabel 3's layout names meldingen and drops the % sign: the inside area has
  /// 10 meldingen per 1,000 children = 1.00 per 100 (by hand).
  @Test func theContrastLayoutNamesTheUnit() {
    let rows = [
      PanelRow(
        level: .pc4, area: "A", gemeente: "G", year: 2022, reported: [.all: 10],
        children: [.all: 1000], achterstandswijk: true),
      PanelRow(
        level: .pc4, area: "B", gemeente: "G", year: 2022, reported: [.all: 5],
        children: [.all: 1000], achterstandswijk: false),
    ]
    let meldingen = ContrastAnalysis(
      panel: Panel(rows: rows, indicatorNames: [], countUnit: CountUnit(unit: "meldingen")))
    let layout = meldingen.reportLayout(title: "Tabel 3", language: .nl).markdown
    #expect(
      layout.contains(
        "Per jaar: gemiddeld aantal meldingen per wijk en meldingen per 100 kinderen 0-17."))
    #expect(layout.contains("2022 meldingen per wijk | 2022 per 100 kinderen"))
    #expect(layout.contains("| 10,0 | 1,00 |") && !layout.contains("%"))
    let children = ContrastAnalysis(panel: Panel(rows: rows, indicatorNames: []))
    let table = children.reportLayout(title: "Tabel 3", language: .nl)
    // Two labelled sub-columns per year (issue 18): the mean per area, then the %.
    #expect(table.header == ["leeftijd, gebied", "2022 gemeld per wijk", "2022 % gemeld"])
    #expect(table.rows.last == ["0-17 jaar, achterstandswijk", "10,0", "1,00"])
  }
}
