import Foundation
import LAPACKBridge
import Testing

@testable import WijkstatCore

/// The texts that used to be chosen beside their code and are now keys of the
/// message catalogue (issue 18): map legend titles, the outline layer and the
/// residual map's titles, the count model's problems, warnings and Tabel 5, the
/// reasons a value is missing, the workbook's pointer to a cut table. Each is
/// rendered in both languages and compared with the text the code wrote before
/// the move (copied from it), so the move changed no word.
@Suite struct MovedMessagesTests {
  let algebra = LAPACK()

  @Test func legendTitlesInBothLanguages() {
    let vt = CountUnit(unit: "meldingen")
    let cases: [(MapVariable, String, String)] = [
      (.ebRate, "% gemeld (gladgestreken)", "% reported (smoothed)"),
      (.spatialEBRate, "% gemeld (gladgestreken)", "% reported (smoothed)"),
      (.achterstandswijk, "achterstandswijk", "deprived area"),
      (.modelResidual, "Pearson-residu van het telmodel", "count model's Pearson residual"),
      (.lisa, "LISA-cluster (FDR q < 0,05)", "LISA cluster (FDR q < 0.05)"),
    ]
    for (variable, nl, en) in cases {
      #expect(MapVariableRules.legendTitle(variable, .nl) == nl)
      #expect(MapVariableRules.legendTitle(variable, .en) == en)
    }
    // Veilig Thuis counts: the rate named by what is counted.
    #expect(
      MapVariableRules.legendTitle(.ebRate, .nl, unit: vt)
        == "meldingen per 100 kinderen (gladgestreken)")
    // The three cluster rules at α = 0.01.
    let rules: [(ClusterRule, String, String)] = [
      (.fdr, "LISA-cluster (FDR q < 0,01)", "LISA cluster (FDR q < 0.01)"),
      (.p, "LISA-cluster (p < 0,01, ongecorrigeerd)", "LISA cluster (p < 0.01, uncorrected)"),
      (.bonferroni, "LISA-cluster (Bonferroni p < 0,01/m)", "LISA cluster (Bonferroni p < 0.01/m)"),
    ]
    for (rule, nl, en) in rules {
      let options = SpatialAnalysis.Options(clusterRule: rule, alpha: 0.01)
      #expect(MapVariableRules.legendTitle(.lisa, .nl, spatial: options) == nl)
      #expect(MapVariableRules.legendTitle(.lisa, .en, spatial: options) == en)
    }
  }

  @Test func layerAndMapTitles() {
    #expect(ReportLanguage.nl.text(.outlineLayerTitle(level: "gemeente")) == "Grenzen (gemeente)")
    #expect(ReportLanguage.en.text(.outlineLayerTitle(level: "gemeente")) == "Outlines (gemeente)")
    #expect(
      ReportLanguage.nl.text(.residualMapTitle(level: .pc4, year: 2009))
        == "Residuen van het telmodel (PC-4, 2009)")
    #expect(
      ReportLanguage.en.text(.residualMapTitle(level: .pc4, year: 2009))
        == "Count model residuals (PC-4, 2009)")
    #expect(ReportLanguage.nl.text(.tableNumber(3)) == "Tabel 3")
    #expect(ReportLanguage.en.text(.tableNumber(4)) == "Table 4")
  }

  /// CBS's reasons in Dutch as CBS words them (and as join-report.csv keeps
  /// them, the raw value), in English for an English report.
  @Test func missingReasons() {
    for reason in MissingReason.allCases {
      #expect(ReportLanguage.nl.text(.missingReason(reason)) == reason.rawValue)
    }
    #expect(
      MissingReason.allCases.map { ReportLanguage.en.text(.missingReason($0)) } == [
        "secret", "not available", "secret or not available", "in a later version",
        "no longer published", "cannot occur", "empty",
      ])
  }

  /// A problem thrown by the regression carries its key; its English text is
  /// the machine one (stderr, model-fit.csv), the Dutch one the report's.
  @Test func countModelProblemsAndWarnings() {
    let separation = CountModelProblem(
      .separationGroup(areas: 10, group: "gemeente GM0003", kind: "gemeente"))
    #expect(
      separation.message
        == "separation: the 10 areas of gemeente GM0003 have no reports, so its gemeente effect is −∞ with no finite interval; leave out the gemeente effects or merge it with a neighbour"
    )
    #expect(
      ReportLanguage.nl.text(.countModel(separation.key))
        == "separatie: de 10 gebieden van gemeente GM0003 hebben geen meldingen, dus het gemeente-effect is −∞ zonder eindig interval; laat de gemeente-effecten weg of voeg samen met een buur"
    )
    // Numbers in the warnings: a decimal comma in Dutch, as before.
    let overdispersed = CountModelMessage.overdispersed(dispersion: 2.345)
    #expect(
      overdispersed.description
        == "the Poisson model's Pearson χ²/df is 2.35: the counts are overdispersed, so its intervals are too narrow; use NB2 or robust (HC0) intervals"
    )
    #expect(
      ReportLanguage.nl.text(.countModel(overdispersed))
        == "Pearson-χ²/vg van het Poisson-model is 2,35: de aantallen zijn overgedispergeerd, dus de intervallen zijn te smal; gebruik NB2 of robuuste (HC0-)intervallen"
    )
    #expect(
      ReportLanguage.nl.text(.countModel(.conditionNumber(31.25))).hasPrefix("conditiegetal 31,2 "))
    #expect(
      CountModelMessage.conditionNumber(31.25).description.hasPrefix("condition number 31.2 "))
    #expect(
      ReportLanguage.nl.text(.countModel(.withheldShare(withheld: 12, total: 40, percent: 30)))
        .hasPrefix("12 van de 40 gebieden (30 %) doen niet mee omdat hun aantal is afgeschermd"))
    #expect(ReportLanguage.en.text(.countFamily(.negativeBinomial)) == "negative binomial (NB2)")
    #expect(ReportLanguage.nl.text(.countFamily(.negativeBinomial)) == "negatief binomiaal (NB2)")
  }

  /// Tabel 5 of a fit with the flag, in both languages: title, headers, the
  /// flag's row name, the note (the texts of the code before the move).
  @Test func table5InBothLanguages() throws {
    let panel = DemoModelData.panel(years: [2009])
    let analysis = CountModelAnalysis(
      panel: panel, level: .pc4, years: [2009], options: .init(achterstandswijk: true),
      algebra: algebra)
    let fit = try #require(analysis.fits.first)
    let family = try #require(fit.chosenModel?.family)
    let nl = analysis.reportLayout(fit, language: .nl)
    let en = analysis.reportLayout(fit, language: .en)
    #expect(nl.title == "Tabel 5 Gecorrigeerde rate ratio's van meldingen (PC-4, 2009)")
    #expect(en.title == "Table 5 Adjusted rate ratios of reports (PC-4, 2009)")
    #expect(
      nl.header == [
        "indicator", "r (Tabel 2)", "ruwe RR per SD", "RR per SD (95%-BI)",
        "RR per eenheid (95%-BI)", "p",
      ])
    #expect(
      en.header == [
        "indicator", "r (Table 2)", "crude RR per SD", "RR per SD (95% CI)",
        "RR per unit (95% CI)", "p",
      ])
    #expect(nl.rows.last?.first == "Achterstandswijk" && en.rows.last?.first == "Deprived area")
    let familyNL = family == .poisson ? "Poisson" : "negatief binomiaal (NB2)"
    let familyEN = family == .poisson ? "Poisson" : "negative binomial (NB2)"
    #expect(
      nl.note
        == "Telmodel: \(familyNL) met log(kinderen) als offset, \(fit.n) gebieden; alle indicatoren tegelijk en de achterstandswijk-vlag. r: de ruwe correlatie van Tabel 2 (alleen bij p < 0,01). Ruwe RR: één indicator tegelijk. RR per SD: bij een standaarddeviatie meer; 95%-betrouwbaarheidsintervallen (Wald). Alle cijfers: tables/model.csv."
    )
    #expect(
      en.note
        == "Count model: \(familyEN) with log(children) as offset, \(fit.n) areas; all indicators at once and the deprived-area flag. r: the crude correlation of Table 2 (only at p < 0.01). Crude RR: one indicator at a time. RR per SD: for one standard deviation more; 95% confidence intervals (Wald). Every figure: tables/model.csv."
    )
    // The same cells but for the decimal separator.
    for (a, b) in zip(nl.rows, en.rows) {
      #expect(
        Array(a.dropFirst()) == b.dropFirst().map { $0.replacingOccurrences(of: ".", with: ",") })
    }
  }

  /// The workbook's README line for a table cut to a sheet's rows.
  @Test func workbookPointer() {
    #expect(
      ReportLanguage.nl.text(.workbookFirstRows(name: "rates", shown: "100.000", rows: "100.001"))
        == "de eerste 100.000 van 100.001 rijen (een werkblad om te lezen); elke rij staat in tables/rates.csv"
    )
    #expect(
      ReportLanguage.en.text(.workbookFirstRows(name: "rates", shown: "100,000", rows: "100,001"))
        == "the first 100,000 of 100,001 rows (a sheet for reading); every row is in tables/rates.csv"
    )
  }

  /// Every machine column of the count model's tables has a name of its own in
  /// each language (the workbook's model sheets), not the column's key.
  @Test func modelColumnsAreNamed() {
    let analysis = CountModelAnalysis(
      panel: DemoModelData.panel(years: [2009]), level: .pc4, years: [2009], algebra: algebra)
    let headers = analysis.table.header + analysis.fitTable.header + analysis.residualTable.header
    for column in Set(headers) {
      #expect(MachineColumn(rawValue: column) != nil, "\(column) has no name")
    }
    #expect(ColumnLabels.label("se_hc0", .nl) == "standaardfout (HC0, robuust)")
    #expect(ColumnLabels.label("se_hc0", .en) == "standard error (HC0, robust)")
    #expect(ColumnLabels.label("pearson_residual", .nl) == "Pearson-residu")
    #expect(ColumnLabels.label("pearson_residual", .en) == "Pearson residual")
  }
}

extension MovedMessagesTests {
  /// A provisional year in a table's title (the rankings of a StatLine run,
  /// `wijk 2023*`): the Markdown copy explains the `*` in its language, where
  /// the title used to say `(voorlopige cijfers)` in both.
  @Test func provisionalTitlesAreExplainedInTheCopysLanguage() {
    let table = TextTable(
      title: "wijk 2023*", header: ["rank", "code"], rows: [["1", "WK036301"]], numeric: [0])
    #expect(
      MarkdownCopy.table(table, name: "rankings", language: .nl).note == "* voorlopige cijfers")
    #expect(
      MarkdownCopy.table(table, name: "rankings", language: .en).note == "* provisional figures")
    var plain = table
    plain.title = "wijk 2023"
    #expect(MarkdownCopy.table(plain, name: "rankings", language: .en).note == nil)
  }
}
