/// The words a reader sees on maps, charts, in tables, in the report (its
/// sections, paragraphs, headers, methods and provenance) and in the workbook's
/// README sheet, as keys: one table per language (`MessagesNL`, `MessagesEN`),
/// each an exhaustive `switch` (short words through `ReportSection` and
/// `ReportWord`, switched the same way), so a
/// key without a translation in either language does not compile — never a
/// silent English string in a Dutch report (issue 18, "one vocabulary, two
/// languages"). `ReportLanguage.text(_:)` picks the table.
///
/// Values in a message (`year`, `range`) are passed already written for
/// people (`ReportLanguage.number`).
public indirect enum Message: Hashable, Sendable {
  // Map classes and hover titles.
  case noData
  case withheld
  case classWord
  case lisaHighHigh, lisaLowLow, lisaLowHigh, lisaHighLow, lisaNotSignificant
  case deprivedArea, otherArea
  // Map source lines.
  case provisionalFigures
  case source
  case classes
  case smallNumbersWithheld
  // Scatter plots drawn as a density grid.
  case scatterDensityKey
  case scatterDensityCell(range: String)
  case scatterDotsCaption
  case scatterDensityCaption
  // The report's map drawn as a picture.
  case mapAsImage(areas: String, hoverable: String)
  case mapAsImageNoHover(areas: String)
  // Markdown copies of long tables.
  case markdownFirstRows(shown: String, total: String, csv: String)
  // What reading CBS StatLine tables did (`JoinNote`): the report's provenance
  // and the run's `note:` lines. join-report.csv keeps the English text.
  case noteSubjectPeriods
  case noteNihil(count: Int)
  case noteOnlyValue(value: String, others: Int)
  case noteOnlyPeriods(selection: String)
  case noteYearSum(key: String, year: Int, kind: StatLinePeriod.Kind)
  case noteRowsNotUsed(count: Int, kind: StatLinePeriod.Kind, reason: NoteReason)
  case noteIncompleteYears(count: Int, list: String)
  case noteProvisional(year: Int)
  case noteAreaYearsSummed(count: Int, example: Message)
  case noteRegionKeysNotUsed(rows: Int, keys: Int, level: String?, list: String, noCode: Bool)
  case noteSubjectRegionKeys
  // The report (report.html): its sections, short words (headers, labels) and sentences.
  case section(ReportSection)
  case word(ReportWord)
  /// A machine table's column (`pct_reported` → `% gemeld`) and a trends year column.
  case column(MachineColumn)
  case yearColumn(year: Int)
  /// A level as people name it: `PC-4`; gemeente, wijk and buurt by their Dutch
  /// names in both languages (as the English texts use them).
  case level(AreaLevel)
  /// A map's classification as its source line names it.
  case classification(ClassificationMethod)
  // The report-layout tables (Tabel 1–4).
  case contrastRow(ages: String, deprived: Bool)
  case contrastMeanHeader(count: String?)
  case contrastNote(count: String?, rate: String)
  case correlationTitle(number: Int, rate: String?, level: AreaLevel)
  case correlationNote(provisional: Bool)
  // What the counts count (`CountUnit`): `unit` nil for children, `band` nil for 0–17.
  case unitName(String)
  case agesLabel(band: String)
  case childrenLabel(band: String?)
  case countLabel(unit: String?)
  case rateLabel(unit: String?, band: String?)
  case shortRateLabel(unit: String?)
  case perThousandLabel(unit: String?, band: String?)
  case rateInSentence(unit: String?)
  /// A Kinderen in Tel indicator (`kinderen_in_armoede` → `Kinderen in armoede (%)`).
  case indicator(StandardIndicator)
  case syntheticData
  case madeWith(version: String, file: String)
  case suppressionOff
  case summaryChildren(
    year: Int, reported: String, pct: String, children: String, areas: String, level: String)
  case summaryCounts(
    year: Int, reported: String, what: String, rate: String, childrenLabel: String,
    children: String,
    areas: String, level: String)
  case summaryFirstYear(year: Int, pct: String)
  case summaryStrongest(
    year: Int, indicator: String, level: String, r: String, low: String, high: String, n: Int)
  case summaryContrast(rate: String, crude: String, low: String, high: String, stratified: String)
  case summaryMoran(i: String, p: String)
  case noMaps
  case spatialIntro(
    permutations: Int, seed: String, alternative: PermutationAlternative, rule: ClusterRule,
    alpha: Double)
  case islands
  case methodRateChildren
  case methodRateCounts(count: String, rate: String, children: String)
  case methodDisclosureOff
  case methodDisclosure(minimum: String, minimumChildren: String, withheld: String)
  case methodCorrelations
  case methodContrast
  case methodSmallAreas(weights: WeightsKind, k: Int)
  case methodSpatial(weights: WeightsKind, k: Int, rule: ClusterRule, alpha: Double)
  case methodMaps
  case methodModels
  case missingCells
  case keysNotFitting(count: String)
  case modelIntro
  case residualMoran(year: Int, i: String, p: String, clusters: Bool)
  case residualMapCaption
  case correlationsIntro(rate: String)
  case correlationDetails(year: Int)
  case contrastIntro(count: String, rate: String, countsChildren: Bool)
  case table3Title
  case table4Title(name: String)
  case contrastChartTitle(rate: String, year: Int)
  case poissonIntervals
  case trendChartTitle(rate: String)
  case trendCaption
  case smallAreasIntro
  case smallAreasCaption(year: Int)
  case testsCaption
  case rankingCaptionChildren
  case rankingCaptionCounts(count: String)
  case moranCaption
  case moranAllPermutations(count: String)
  case joinLine(
    role: String, level: String, table: String, matched: String, areas: String, pct: String,
    unused: String)
  // The workbook's README sheet (tables.xlsx).
  /// A table longer than a sheet (`SpreadsheetTable.sheetRowLimit`): its first rows and the CSV.
  case workbookFirstRows(name: String, shown: String, rows: String)
  case workbookRows(name: String, rows: String)
  case workbookNumbersNote
  case workbookColumnsNote
  // Map legends and layers (`MapVariableRules.legendTitle`, the map maker, the residual map).
  case legendSmoothed(rate: String)
  case legendModelResidual
  case legendLISA(rule: ClusterRule, alpha: Double)
  /// The outline layer of a map (its GeoPackage layer and QML title); `level` as its key.
  case outlineLayerTitle(level: String)
  case residualMapTitle(level: AreaLevel, year: Int)
  // The count model: its problems, warnings and dropped rows, and Tabel 5.
  case countModel(CountModelMessage)
  case countFamily(CountFamily)
  case table5Title(level: AreaLevel, years: String)
  /// Tabel 5's column of the crude correlations of Tabel `table`.
  case table5CorrelationHeader(table: Int)
  case table5Note(
    family: String, areas: Int, flag: Bool, gemeenteEffects: Bool, yearEffects: Bool,
    correlationTable: Int, robust: Bool)
  /// A table's number alone (the title of contrast.md): `Tabel 3`.
  case tableNumber(Int)
  /// Why a cell holds no figure (CBS's own Dutch terms in Dutch).
  case missingReason(MissingReason)

  /// Why StatLine rows of a kind were not used (`noteRowsNotUsed`).
  public enum NoteReason: Hashable, Sendable {
    /// Reports: the table also gives those years whole.
    case yearsWhole
    /// Reports with `--periods year-only`.
    case yearOnly
    /// Populations and indicators are not additive over a year.
    case notAdditive(TableKind)
  }

  /// One instance of every key (with sample values), every section and every
  /// word, for the tests that read both tables; a key missing here is caught by
  /// `MessageAndMarkdownTests` comparing with the number of cases the switches
  /// handle (`caseCount`).
  public static let examples: [Message] =
    [
      .noData, .withheld, .classWord, .lisaHighHigh, .lisaLowLow, .lisaLowHigh, .lisaHighLow,
      .lisaNotSignificant,
      .deprivedArea, .otherArea, .provisionalFigures, .source, .classes, .smallNumbersWithheld,
      .scatterDensityKey,
      .scatterDensityCell(range: "2–4"), .scatterDotsCaption, .scatterDensityCaption,
      .mapAsImage(areas: "460.000", hoverable: "12"),
      .markdownFirstRows(shown: "200", total: "460.000", csv: "rates.csv"),
      .noteSubjectPeriods, .noteNihil(count: 3), .noteOnlyValue(value: "Totaal", others: 2),
      .noteOnlyPeriods(selection: "2022"),
      .noteYearSum(key: "GM0363", year: 2022, kind: .quarter),
      .noteRowsNotUsed(count: 4, kind: .month, reason: .notAdditive(.population)),
      .noteIncompleteYears(count: 1, list: "GM0363 2023: 2 of 4 quarters"),
      .noteProvisional(year: 2023),
      .noteAreaYearsSummed(
        count: 12, example: .noteYearSum(key: "GM0363", year: 2022, kind: .halfYear)),
      .noteRegionKeysNotUsed(rows: 2, keys: 1, level: "provincie", list: "PV27", noCode: false),
      .noteSubjectRegionKeys,
      .mapAsImageNoHover(areas: "100.000"),
      .section(.summary), .word(.filesInMaps), .syntheticData,
      .madeWith(version: "0.8", file: "project.yaml"),
      .suppressionOff,
      .summaryChildren(
        year: 2009, reported: "1.234", pct: "0,95", children: "130.000", areas: "8",
        level: "gemeente"),
      .summaryCounts(
        year: 2022, reported: "410", what: "meldingen", rate: "12,3",
        childrenLabel: "kinderen 0-17",
        children: "33.000", areas: "8", level: "gemeente"),
      .summaryFirstYear(year: 2005, pct: "0,8"),
      .summaryStrongest(
        year: 2009, indicator: "Kinderen in armoede (%)", level: "PC-4", r: "0,62", low: "0,55",
        high: "0,68", n: 352),
      .summaryContrast(
        rate: "het percentage gemelde kinderen", crude: "1,9", low: "1,7", high: "2,1",
        stratified: "1,5"),
      .summaryMoran(i: "0,412", p: "0,001"), .noMaps,
      .spatialIntro(
        permutations: 999, seed: "12345", alternative: .twoSided, rule: .fdr, alpha: 0.05),
      .islands, .methodRateChildren,
      .methodRateCounts(count: "meldingen", rate: "meldingen per 100", children: "kinderen 0-17"),
      .methodDisclosureOff, .methodDisclosure(minimum: "5", minimumChildren: "50", withheld: "120"),
      .methodCorrelations, .methodContrast, .methodSmallAreas(weights: .queen, k: 6),
      .methodSpatial(weights: .knn, k: 6, rule: .bonferroni, alpha: 0.01), .methodMaps,
      .methodModels,
      .missingCells, .keysNotFitting(count: "3"), .modelIntro,
      .residualMoran(year: 2009, i: "0,12", p: "0,004", clusters: true), .residualMapCaption,
      .correlationsIntro(rate: "het percentage gemelde kinderen"), .correlationDetails(year: 2009),
      .contrastIntro(count: "gemelde kinderen", rate: "het percentage", countsChildren: true),
      .table3Title, .table4Title(name: "Utrecht"),
      .contrastChartTitle(rate: "% gemeld", year: 2009),
      .poissonIntervals, .trendChartTitle(rate: "% gemeld"), .trendCaption, .smallAreasIntro,
      .smallAreasCaption(year: 2009), .testsCaption, .rankingCaptionChildren,
      .rankingCaptionCounts(count: "meldingen"), .moranCaption,
      .moranAllPermutations(count: "40.320"),
      .joinLine(
        role: "meldingen", level: "PC-4", table: "meldingen.csv", matched: "352", areas: "352",
        pct: "100,0", unused: "0"),
      .workbookFirstRows(name: "rates", shown: "100.000", rows: "2.000.000"),
      .workbookRows(name: "rates", rows: "352"),
      .workbookNumbersNote, .workbookColumnsNote,
      .legendSmoothed(rate: "% gemeld"), .legendModelResidual,
      .outlineLayerTitle(level: "gemeente"), .residualMapTitle(level: .pc4, year: 2009),
      .table5Title(level: .pc4, years: "2005-2009"), .table5CorrelationHeader(table: 2),
      .table5Note(
        family: "Poisson", areas: 352, flag: true, gemeenteEffects: true, yearEffects: true,
        correlationTable: 2, robust: true),
      .table5Note(
        family: "NB2", areas: 8, flag: false, gemeenteEffects: false, yearEffects: false,
        correlationTable: 1, robust: false),
      .tableNumber(3),
    ]
    + ClusterRule.allCases.map { .legendLISA(rule: $0, alpha: 0.05) }
    + CountModelMessage.examples.map { .countModel($0) }
    + CountFamily.allCases.map { .countFamily($0) }
    + MissingReason.allCases.map { .missingReason($0) }
    + ReportSection.allCases.dropFirst().map { .section($0) }
    + ReportWord.allCases.dropFirst().map { .word($0) }
    + MachineColumn.allCases.map { .column($0) } + [.yearColumn(year: 2009)]
    + StandardIndicator.allCases.map { .indicator($0) }
    + [
      AreaLevel.pc6, .pc4, .buurt, .wijk, .gemeente, .landsdeel, .provincie, .veiligheidsregio,
      .veiligthuisregio, .jeugdregio, .nederland, .region("GGD-regio"),
    ].map { .level($0) }
    + ClassificationMethod.allCases.map { .classification($0) }
    + [
      .contrastRow(ages: "0-3", deprived: true), .contrastRow(ages: "0-3", deprived: false),
      .contrastMeanHeader(count: nil), .contrastMeanHeader(count: "meldingen"),
      .contrastNote(count: nil, rate: "% gemeld"),
      .contrastNote(count: "meldingen", rate: "per 100"),
      .correlationTitle(number: 2, rate: nil, level: .pc4),
      .correlationTitle(number: 0, rate: "meldingen per 100", level: .wijk),
      .correlationNote(provisional: false), .correlationNote(provisional: true),
      .unitName("adviezen"), .agesLabel(band: "0 tot 15"), .agesLabel(band: "0–17"),
      .childrenLabel(band: nil), .childrenLabel(band: "0 tot 15"), .countLabel(unit: nil),
      .countLabel(unit: "casussen"), .rateLabel(unit: nil, band: nil),
      .rateLabel(unit: nil, band: "0–11"), .rateLabel(unit: "meldingen", band: nil),
      .shortRateLabel(unit: nil), .shortRateLabel(unit: "meldingen"),
      .perThousandLabel(unit: nil, band: nil), .perThousandLabel(unit: "adviezen", band: "0–11"),
      .rateInSentence(unit: nil), .rateInSentence(unit: "meldingen"),
    ]

  /// The position of the key in the declaration (its name, without values):
  /// an exhaustive switch, so a new key must be numbered here too.
  public var caseNumber: Int {
    switch self {
    case .noData: 0
    case .withheld: 1
    case .classWord: 2
    case .lisaHighHigh: 3
    case .lisaLowLow: 4
    case .lisaLowHigh: 5
    case .lisaHighLow: 6
    case .lisaNotSignificant: 7
    case .deprivedArea: 8
    case .otherArea: 9
    case .provisionalFigures: 10
    case .source: 11
    case .classes: 12
    case .smallNumbersWithheld: 13
    case .scatterDensityKey: 14
    case .scatterDensityCell: 15
    case .scatterDotsCaption: 16
    case .scatterDensityCaption: 17
    case .mapAsImage: 18
    case .markdownFirstRows: 19
    case .noteSubjectPeriods: 20
    case .noteNihil: 21
    case .noteOnlyValue: 22
    case .noteOnlyPeriods: 23
    case .noteYearSum: 24
    case .noteRowsNotUsed: 25
    case .noteIncompleteYears: 26
    case .noteProvisional: 27
    case .noteAreaYearsSummed: 28
    case .noteRegionKeysNotUsed: 29
    case .noteSubjectRegionKeys: 30
    case .mapAsImageNoHover: 31
    case .section: 32
    case .word: 33
    case .syntheticData: 34
    case .madeWith: 35
    case .suppressionOff: 36
    case .summaryChildren: 37
    case .summaryCounts: 38
    case .summaryFirstYear: 39
    case .summaryStrongest: 40
    case .summaryContrast: 41
    case .summaryMoran: 42
    case .noMaps: 43
    case .spatialIntro: 44
    case .islands: 45
    case .methodRateChildren: 46
    case .methodRateCounts: 47
    case .methodDisclosureOff: 48
    case .methodDisclosure: 49
    case .methodCorrelations: 50
    case .methodContrast: 51
    case .methodSmallAreas: 52
    case .methodSpatial: 53
    case .methodMaps: 54
    case .methodModels: 55
    case .missingCells: 56
    case .keysNotFitting: 57
    case .modelIntro: 58
    case .residualMoran: 59
    case .residualMapCaption: 60
    case .correlationsIntro: 61
    case .correlationDetails: 62
    case .contrastIntro: 63
    case .table3Title: 64
    case .table4Title: 65
    case .contrastChartTitle: 66
    case .poissonIntervals: 67
    case .trendChartTitle: 68
    case .trendCaption: 69
    case .smallAreasIntro: 70
    case .smallAreasCaption: 71
    case .testsCaption: 72
    case .rankingCaptionChildren: 73
    case .rankingCaptionCounts: 74
    case .moranCaption: 75
    case .moranAllPermutations: 76
    case .joinLine: 77
    case .workbookFirstRows: 78
    case .workbookRows: 79
    case .workbookNumbersNote: 80
    case .workbookColumnsNote: 81
    case .column: 82
    case .yearColumn: 83
    case .indicator: 84
    case .level: 85
    case .classification: 86
    case .contrastRow: 87
    case .contrastMeanHeader: 88
    case .contrastNote: 89
    case .correlationTitle: 90
    case .correlationNote: 91
    case .unitName: 92
    case .agesLabel: 93
    case .childrenLabel: 94
    case .countLabel: 95
    case .rateLabel: 96
    case .shortRateLabel: 97
    case .perThousandLabel: 98
    case .rateInSentence: 99
    case .legendSmoothed: 100
    case .legendModelResidual: 101
    case .legendLISA: 102
    case .outlineLayerTitle: 103
    case .residualMapTitle: 104
    case .countModel: 105
    case .countFamily: 106
    case .table5Title: 107
    case .table5CorrelationHeader: 108
    case .table5Note: 109
    case .tableNumber: 110
    case .missingReason: 111
    }
  }
  public static let caseCount = 112
}

extension Message {
  /// The English text of a note for machine files (join-report.csv) and the
  /// run's `note:` lines: levels by their keys, as before the report named them.
  public var machineText: String { MessagesEN.text(self, machine: true) }
}

extension ReportLanguage {
  /// The text of `message` in this language.
  public func text(_ message: Message) -> String {
    switch self {
    case .nl: MessagesNL.text(message)
    case .en: MessagesEN.text(message)
    }
  }
}

/// The Dutch table.
enum MessagesNL {
  static func text(_ message: Message) -> String {
    switch message {
    case .noData: "geen gegevens"
    case .withheld: "afgeschermd"
    case .classWord: "klasse"
    case .lisaHighHigh: "hoog-hoog (HH)"
    case .lisaLowLow: "laag-laag (LL)"
    case .lisaLowHigh: "laag-hoog (LH)"
    case .lisaHighLow: "hoog-laag (HL)"
    case .lisaNotSignificant: "niet significant"
    case .deprivedArea: "achterstandswijk"
    case .otherArea: "geen achterstandswijk"
    case .provisionalFigures: "* voorlopige cijfers"
    case .source: "Bron"
    case .classes: "klassen"
    case .smallNumbersWithheld: "kleine aantallen afgeschermd"
    case .scatterDensityKey: "vakjes: donkerder = meer gebieden"
    case .scatterDensityCell(let range): "\(range) gebied(en) per vakje"
    case .scatterDotsCaption:
      "Elke stip is een gebied (afgeschermde gebieden niet getoond, ook niet in r); de lijn past bij de getoonde stippen."
    case .scatterDensityCaption:
      "Te veel gebieden voor een stip per gebied: elk vakje telt de gebieden die erin vallen (donkerder = meer; aantal bij aanwijzen). Afgeschermde gebieden niet getoond, ook niet in r; de lijn past bij alle getoonde gebieden."
    case .mapAsImage(let areas, let hoverable):
      "De \(areas) gebieden zijn als afbeelding getekend (te veel voor een vlak per gebied in deze pagina); gebieden van minstens 8 × 8 beeldpunten (\(hoverable)) tonen hun waarde bij aanwijzen. Elk gebied met zijn waarde: de GeoPackage en GeoJSON in maps/."
    case .mapAsImageNoHover(let areas):
      "De \(areas) gebieden zijn als afbeelding getekend (te veel voor een vlak per gebied in deze pagina); geen ervan is groot genoeg om aan te wijzen. Elk gebied met zijn waarde: de GeoPackage en GeoJSON in maps/."
    case .markdownFirstRows(let shown, let total, let csv):
      "De eerste \(shown) van \(total) rijen; elke rij staat in \(csv)."
    case .noteSubjectPeriods: "perioden"
    case .noteNihil(let count):
      "\(count) \(count == 1 ? "cel" : "cellen") \"-\" (nihil) gelezen als 0"
    case .noteOnlyValue(let value, let others):
      "alleen \(value) (\(others) andere \(others == 1 ? "waarde" : "waarden") weggelaten)"
    case .noteOnlyPeriods(let selection):
      "alleen \(selection), geanalyseerd zoals ze zijn (één per jaar)"
    case .noteYearSum(let key, let year, let kind):
      "\(key) \(year): som van \(kind.partsPerYear) \(Self.parts(kind))"
    case .noteRowsNotUsed(let count, let kind, let reason):
      "\(count) \(count == 1 ? "rij" : "rijen") per \(Self.part(kind)) niet gebruikt: "
        + {
          switch reason {
          case .yearsWhole: "de tabel geeft die jaren ook in hun geheel"
          case .yearOnly: "niet opgeteld (--periods year-only)"
          case .notAdditive(let table):
            "niet opgeteld (\(Self.table(table)) tellen niet op over een jaar)"
          }
        }()
    case .noteIncompleteYears(let count, let list):
      "\(count) onvolledige \(count == 1 ? "jaar is geen jaar" : "jaren zijn geen jaren"), niet gebruikt: \(list)"
    case .noteProvisional(let year): "\(year) voorlopig (\(year)*)"
    case .noteAreaYearsSummed(let count, let example):
      "\(count) gebiedsjaren opgeteld uit hun delen (\(text(example)))"
    case .noteRegionKeysNotUsed(let rows, let keys, let key, let list, let noCode):
      "\(rows) \(rows == 1 ? "rij" : "rijen") van \(keys) \(Self.levelNamed(key) ?? "onherkende") \(keys == 1 ? "sleutel" : "sleutels") (\(list)) niet gebruikt: "
        + (noCode
          ? "geen gebiedscode of -naam" : "geen \(Self.levelNamed(key) ?? "")-gebieden in deze run")
    case .noteSubjectRegionKeys: "regiosleutels"
    case .section(let section): Self.section(section)
    case .word(let word): Self.word(word)
    case .column(let column): Self.column(column)
    case .yearColumn(let year): "% gemeld \(year)"
    case .unitName(let unit): unit
    case .agesLabel(let band): "\(band) jaar"
    case .childrenLabel(let band): band.map { "kinderen \($0) jaar" } ?? "kinderen 0-17"
    case .countLabel(let unit): unit ?? "gemelde kinderen"
    case .rateLabel(let unit, let band):
      unit.map { "\($0) per 100 \(Self.text(.childrenLabel(band: band)))" }
        ?? (band.map { "% gemelde kinderen (\($0) jaar)" } ?? "% gemelde kinderen")
    case .shortRateLabel(let unit): unit.map { "\($0) per 100 kinderen" } ?? "% gemeld"
    case .perThousandLabel(let unit, let band):
      "\(unit ?? "gemelde kinderen") per 1.000 \(Self.text(.childrenLabel(band: band)))"
    case .rateInSentence(let unit):
      unit.map { "het aantal \($0) per 100 kinderen" } ?? "het percentage gemelde kinderen"
    case .classification(let method): Self.classification(method)
    case .contrastRow(let ages, let deprived):
      "\(ages) jaar, \(deprived ? "achterstandswijk" : "geen achterstandswijk")"
    case .contrastMeanHeader(let count): "\(count ?? "gemeld") per wijk"
    case .contrastNote(let count, let rate):
      count == nil
        ? "Per jaar: gemiddeld aantal gemelde kinderen per wijk en percentage gemelde kinderen."
        : "Per jaar: gemiddeld aantal \(count!) per wijk en \(rate)."
    case .correlationTitle(let number, let rate, let level):
      "Tabel \(number > 0 ? "\(number) " : "")Verband tussen \(rate ?? "percentage gemelde kinderen") en andere variabelen (\(Self.level(level)))"
    case .correlationNote(let provisional):
      "*** sterk, ** redelijk, * zwak verband. Alleen correlaties met p < 0,01 zijn getoond."
        + (provisional ? " Jaar met *: voorlopige cijfers." : "")
    case .level(let level): Self.level(level)
    case .indicator(let indicator): Self.indicator(indicator)
    case .syntheticData:
      "Synthetische gegevens: alle gebieden en cijfers in dit rapport zijn verzonnen (wijkstat demo). Ze tonen wat de analyses doen, niet hoe het in een echte gemeente is."
    case .madeWith(let version, let file): "Gemaakt met wijkstat \(version) uit \(file)."
    case .suppressionOff:
      "Afscherming staat UIT (--no-suppress of suppression: {enabled: false}): alle aantallen staan erin, ook kleine. Dit rapport en deze bestanden zijn niet voor publicatie."
    case .summaryChildren(let year, let reported, let pct, let children, let areas, let level):
      "In \(year) werden \(reported) kinderen gemeld: \(pct)% van \(children) kinderen van 0 tot en met 17 jaar, in \(areas) gebieden (\(level))."
    case .summaryCounts(
      let year, let reported, let what, let rate, let childrenLabel, let children, let areas,
      let level):
      "In \(year): \(reported) \(what), \(rate) per 1.000 \(childrenLabel) (\(children)), in \(areas) gebieden (\(level))."
    case .summaryFirstYear(let year, let pct): "In \(year) was dat \(pct)%."
    case .summaryStrongest(let year, let indicator, let level, let r, let low, let high, let n):
      "Het sterkste verband in \(year) is met \(indicator) op \(level)-niveau: r = \(r) (95%-interval \(low) tot \(high), n = \(n))."
    case .summaryContrast(let rate, let crude, let low, let high, let stratified):
      "In achterstandswijken is \(rate) \(crude) keer zo hoog als elders (95%-interval \(low)–\(high)); binnen dezelfde gemeente vergeleken (Mantel–Haenszel) \(stratified) keer."
    case .summaryMoran(let i, let p):
      "Wijken met veel meldingen liggen bij elkaar: Moran's I = \(i) (pseudo-p \(p))."
    case .noMaps: "Het project vraagt geen kaarten."
    case .spatialIntro(let permutations, let seed, let alternative, let rule, let alpha):
      "Moran's I meet of wijken met een hoog percentage naast wijken met een hoog percentage liggen (I > 0: clustering). De pseudo-p komt uit \(permutations) permutaties (vast zaad \(seed), dus herhaalbaar) en is \(Self.alternative(alternative)); gelijke waarden tellen aan beide kanten mee. De LISA-kaart toont als cluster \(Self.rule(rule, alpha))."
    case .islands: "Gebieden zonder buren (kregen hun dichtstbijzijnde buren): "
    case .methodRateChildren:
      "Percentage gemeld = 100 × gemelde kinderen / kinderen 0–17 jaar in het gebied, per jaar; voor gemeenten en regio's uit de opgetelde aantallen, nooit als gemiddelde van percentages."
    case .methodRateCounts(let count, let rate, let children):
      "Gemeten wordt \(count) (niet het aantal kinderen: één kind kan meer keren meetellen): \(rate) = 100 × \(count) / \(children) in het gebied, per jaar (in de tabellen ook per 1.000); voor gemeenten en regio's uit de opgetelde aantallen, nooit als gemiddelde."
    case .methodDisclosureOff:
      "Afscherming: UIT (--no-suppress): alle aantallen zijn gepubliceerd, ook kleine."
    case .methodDisclosure(let m, let minimumChildren, let withheld):
      "Afscherming. Dreigingsmodel: iemand met alle gepubliceerde bestanden van deze run, de aantallen kinderen en deze methoden, die alle bestanden combineert, lineaire en geheeltallige programma's oplost en elke formule omkeert. Regel: aantallen onder \(m) en alle aantallen van gebieden en leeftijdsgroepen met minder dan \(minimumChildren) kinderen zijn afgeschermd; daarna moet voor elk afgeschermd aantal de reeks waarden die met alles wat gepubliceerd is klopt [L, U] voldoen aan U − L ≥ \(m) en L = 0 of L ≥ \(m) (niemand kan zien of het nul is, of dat het klein is). Methode: secundaire afscherming over alle gekoppelde tabellen (leeftijdsgroepen binnen een gebied, PC-4, buurten en wijken binnen gemeente, gemeenten binnen regio's), gecontroleerd met de exacte grenzen van het geheeltallige programma (maximale stromen waar de vergelijkingen een netwerk vormen, anders GLPK) tot elke reeks aan de regel voldoet; \(withheld) cellen afgeschermd. Elk gepubliceerd getal komt alleen uit gepubliceerde aantallen: ruwe percentages, intervallen en overschrijdingskansen van afgeschermde aantallen ontbreken; correlaties, ranglijsten, trends en LISA van het percentage laten afgeschermde gebieden weg; de gladgestreken (EB-)percentages schatten hun a-priori verdeling alleen uit gepubliceerde gebieden, en een afgeschermd gebied krijgt het a-priori gemiddelde (globaal: som gepubliceerde aantallen / hun kinderen; ruimtelijk: dat van zijn buren), zodat terugrekenen niets oplevert. De achterstandstabellen tellen alleen gebieden met een gepubliceerd aantal; omdat gebieden wegvallen doordat hun aantal klein is, kan dat de tabellen, de rate ratio en de correlaties vertekenen (de cijfers over alle gebieden geeft alleen een run met --no-suppress, niet voor publicatie). Het logboek van wat waarom is afgeschermd staat in internal/ en is niet voor publicatie. Controle: wijkstat audit MAP; deze run is ermee gecontroleerd voordat hij werd weggeschreven."
    case .methodCorrelations:
      "Correlaties: Pearson met p uit de t-verdeling en 95%-interval via Fisher z; Spearman met t-benadering; q-waarden volgens Benjamini–Hochberg."
    case .methodContrast:
      "Achterstandswijken: rate ratio met interval op logschaal en exacte conditionele toets; Mantel–Haenszel per gemeente met Greenland–Robins-variantie."
    case .methodSmallAreas(let weights, let k):
      "Kleine gebieden: exacte Poisson-intervallen (Garwood); empirisch Bayes volgens Marshall (1991), globaal en ruimtelijk (\(Self.neighbours(weights, k))); overschrijdingskans onder het Poisson-gammamodel."
    case .methodSpatial(let weights, let k, let rule, let alpha):
      "Ruimtelijk: \(Self.weights(weights, k)), rijgestandaardiseerd; Moran's I met verwachting en normale benadering; LISA (Anselin 1995) met conditionele permutaties; clusters \(Self.rule(rule, alpha))."
    case .methodMaps:
      "Kaarten: één klassenindeling per kaart (methode in de legenda), bovengrens inclusief; kleuren van ColorBrewer (Brewer); geen gegevens gearceerd."
    case .methodModels:
      "Telmodellen: Poisson-GLM met log-link en log(kinderen) als offset, geschat met iteratief herwogen kleinste kwadraten; negatief binomiaal (NB2, variantie μ + αμ²) met α via maximale aannemelijkheid (zoals glm.nb in R); likelihood-ratiotoets op overdispersie met p = ½·P(χ²₁ > LR); standaardfouten uit de informatiematrix, of robuust (HC0, sandwich); voorspellers binnen de schatting gestandaardiseerd; conditiegetal van de gestandaardiseerde voorspellers; Moran's I van de Pearson-residuen met dezelfde buren en permutaties als hierboven. Lineaire algebra met LAPACK. Met afscherming doen gebieden met een afgeschermd aantal niet mee (de schattingsvergelijkingen zouden er anders vergelijkingen in publiceren); dat kan kleine aantallen ondervertegenwoordigen."
    case .missingCells: "Cellen zonder cijfer (CBS-codes en -tekens, gelezen als ontbrekend):"
    case .keysNotFitting(let count):
      "\(count) sleutels pasten niet of twijfelachtig: zie join-report.csv."
    case .modelIntro:
      "Tabel 1 en 2 tonen verbanden van één indicator tegelijk. Een telmodel schat het verband van elke indicator terwijl de andere gelijk blijven: het aantal meldingen per gebied volgt een Poisson- of negatief-binomiale verdeling rond kinderen × exp(β₀ + β₁x₁ + …). De rate ratio exp(β) is de factor waarmee het percentage gemeld verandert bij één eenheid (of één standaarddeviatie) meer van een indicator, bij gelijke andere indicatoren. Een toets op overdispersie kiest tussen Poisson en negatief binomiaal."
    case .residualMoran(let year, let i, let p, let clusters):
      "Moran's I van de residuen (\(year)): \(i), permutatie-p \(p). "
        + (clusters
          ? "De residuen clusteren: naburige gebieden lijken meer op elkaar dan de indicatoren verklaren. De intervallen zijn dan te smal; lees de rate ratio's met voorzichtigheid, of voeg indicatoren of gemeente-effecten toe."
          : "Geen aanwijzing dat de residuen ruimtelijk clusteren.")
    case .residualMapCaption:
      "Rood: meer meldingen dan het model verwacht (Pearson-residu > 1), blauw: minder. Gebieden met een afgeschermd aantal doen niet mee. Bestanden: maps/model-residual-map.geojson, .gpkg, .svg; tables/model-residuals.csv."
    case .correlationsIntro(let rate):
      "Zoals in tabel 1 en 2 van het rapport: de correlatie (Pearson) tussen \(rate) en elke indicator, alleen getoond bij p < 0,01; * zwak (0,2–0,4), ** redelijk (0,4–0,6), *** sterk. Nieuw: het 95%-interval, Spearmans ρ en q-waarden (Benjamini–Hochberg) over de hele tabel, in tables/correlations.csv."
    case .correlationDetails(let year): "Alle correlaties in \(year)"
    case .contrastIntro(let count, let rate, _):
      "Zoals tabel 3 van het rapport: per leeftijdsgroep het gemiddeld aantal \(count) per wijk en \(rate), in achterstandswijken en daarbuiten. Nieuw: de verhouding (rate ratio) met 95%-interval en exacte toets, en dezelfde verhouding binnen gemeenten (Mantel–Haenszel): die scheidt het verschil tussen wijken van het verschil tussen gemeenten."
    case .table3Title: "Tabel 3 Meldingen per leeftijdsgroep en achterstandswijk"
    case .table4Title(let name): "Tabel 4 Achterstandswijken in \(name)"
    case .contrastChartTitle(let rate, let year): "\(rate) in \(year) met 95%-interval"
    case .poissonIntervals: "Exacte Poisson-intervallen (Garwood)."
    case .trendChartTitle(let rate): "\(rate) per jaar"
    case .trendCaption: "Verloop per gebied (zoals figuur 15–19 van het rapport)."
    case .smallAreasIntro:
      "Een wijk met 300 kinderen en 2 meldingen heeft een percentage dat op zichzelf weinig zegt. Daarom per wijk het exacte 95%-interval, het empirisch-Bayes-percentage (naar het gemiddelde getrokken naar mate van onzekerheid, ook ruimtelijk: naar de buren) en de kans dat het werkelijke percentage boven het landelijke ligt. Alle wijken en jaren: tables/rates.csv."
    case .smallAreasCaption(let year):
      "Wijken met de grootste kans op een verhoogd percentage, \(year)"
    case .testsCaption:
      "Rate ratio achterstandswijk / overig (95%-interval, p) en binnen gemeenten (Mantel–Haenszel)"
    case .rankingCaptionChildren: "Hoogste en laagste percentage gemelde kinderen"
    case .rankingCaptionCounts(let count): "Hoogste en laagste aantal \(count) per 100 kinderen"
    case .moranCaption: "Moran's I (ruimtelijke autocorrelatie)"
    case .moranAllPermutations(let count): "alle \(count) permutaties: p exact"
    case .joinLine(let role, let level, let table, let matched, let areas, let pct, let unused):
      "\(role) (\(level)) \(table): \(matched) van \(areas) gebieden gekoppeld (\(pct)%), \(unused) sleutels uit de tabel niet gebruikt"
    case .workbookFirstRows(let name, let shown, let rows):
      "de eerste \(shown) van \(rows) rijen (een werkblad om te lezen); elke rij staat in tables/\(name).csv"
    case .workbookRows(let name, let rows): "tables/\(name).csv, \(rows) rijen"
    case .workbookNumbersNote:
      "Getallen zijn getallen: de waarden van de CSV-bestanden tot op 15 significante cijfers (wat Excel bewaart); lege cellen zijn afgeschermd of ontbreken. Een p-waarde onder 1e-300 staat als 1e-300 (een bovengrens)."
    case .workbookColumnsNote:
      "De kolomkoppen zijn in het Nederlands; de CSV-bestanden in tables/ hebben de machinenamen (README van wijkstat)."
    case .legendSmoothed(let rate): "\(rate) (gladgestreken)"
    case .legendModelResidual: "Pearson-residu van het telmodel"
    case .legendLISA(let rule, let alpha):
      {
        let a = CSVText.full(alpha).replacingOccurrences(of: ".", with: ",")
        return switch rule {
        case .fdr: "LISA-cluster (FDR q < \(a))"
        case .p: "LISA-cluster (p < \(a), ongecorrigeerd)"
        case .bonferroni: "LISA-cluster (Bonferroni p < \(a)/m)"
        }
      }()
    case .outlineLayerTitle(let level): "Grenzen (\(level))"
    case .residualMapTitle(let level, let year):
      "Residuen van het telmodel (\(Self.level(level)), \(year))"
    case .countModel(let message): Self.countModel(message)
    case .countFamily(let family):
      switch family {
      case .poisson: "Poisson"
      case .negativeBinomial: "negatief binomiaal (NB2)"
      }
    case .table5Title(let level, let years):
      "Tabel 5 Gecorrigeerde rate ratio's van meldingen (\(Self.level(level)), \(years))"
    case .table5CorrelationHeader(let table): "r (Tabel \(table))"
    case .table5Note(
      let family, let areas, let flag, let gemeenteEffects, let yearEffects, let table, let robust):
      "Telmodel: \(family) met log(kinderen) als offset, \(areas) gebieden; alle indicatoren tegelijk\(flag ? " en de achterstandswijk-vlag" : "")\(gemeenteEffects ? ", met vaste effecten per gemeente" : "")\(yearEffects ? ", met jaareffecten" : ""). r: de ruwe correlatie van Tabel \(table) (alleen bij p < 0,01). Ruwe RR: één indicator tegelijk. RR per SD: bij een standaarddeviatie meer; 95%-betrouwbaarheidsintervallen (Wald\(robust ? ", robuuste HC0-standaardfouten" : "")). Alle cijfers: tables/model.csv."
    case .tableNumber(let number): "Tabel \(number)"
    case .missingReason(let reason):
      switch reason {
      case .secret: "geheim"
      case .notAvailable: "niet beschikbaar"
      case .secretOrNotAvailable: "geheim of niet aanwezig"
      case .laterVersion: "komt in latere versie"
      case .noLongerPublished: "niet meer gepubliceerd"
      case .notApplicable: "kan niet voorkomen"
      case .empty: "leeg"
      }
    }
  }

  static func section(_ section: ReportSection) -> String {
    switch section {
    case .summary: "Samenvatting"
    case .maps: "Kaarten"
    case .correlations: "Verband met Kinderen in Tel-indicatoren"
    case .deprivedAreas: "Achterstandswijken"
    case .rankings: "Ranglijsten en trends"
    case .smallAreas: "Kleine gebieden: onzekerheid en gladstrijken"
    case .clustering: "Ruimtelijke clustering"
    case .countModel: "Gecorrigeerde verbanden: telmodel"
    case .methods: "Methoden"
    case .provenance: "Herkomst van de gegevens"
    }
  }

  static func word(_ word: ReportWord) -> String {
    switch word {
    case .filesInMaps: "Bestanden in maps/"
    case .area: "gebied"
    case .children: "kinderen"
    case .ebRate: "EB-%"
    case .spatialEBRate: "ruimtelijk EB-%"
    case .probabilityAboveOverall: "kans > landelijk"
    case .year: "jaar"
    case .age: "leeftijd"
    case .interval95: "95%-interval"
    case .interval95MH: "95%-interval MH"
    case .ageAndArea: "leeftijd, gebied"
    case .pctReported: "% gemeld"
    case .per100Children: "per 100 kinderen"
    case .province: "provincie"
    case .region: "regio"
    case .list: "lijst"
    case .rank: "rang"
    case .name: "naam"
    case .highest: "hoogste"
    case .lowest: "laagste"
    case .cannotBeComputed: "niet te berekenen"
    case .variable: "variabele"
    case .expectedI: "verwacht E[I]"
    case .pNormal: "p (normaal)"
    case .pseudoP: "pseudo-p (permutaties)"
    case .areas: "gebieden"
    case .permutations: "permutaties"
    case .note: "opmerking"
    case .roleBoundaries: "grenzen"
    case .roleReports: "meldingen"
    case .rolePopulation: "bevolking"
    case .roleIndicators: "indicatoren"
    case .roleDeprivedAreas: "achterstandswijken"
    case .roleLookup: "koppeltabel"
    case .roleCrosswalk: "herindelingen"
    case .role: "rol"
    case .file: "bestand"
    case .sha256Start: "SHA-256 (begin)"
    case .features: "objecten"
    case .rows: "rijen"
    case .deviance: "deviantie"
    case .conditionNumber: "conditiegetal"
    case .overdispersionTest: "LR-toets overdispersie"
    case .leftOut: "weggelaten"
    case .notFitted: "Niet geschat"
    case .level: "niveau"
    case .other: "overig"
    case .deprived: "achterstandswijk"
    case .withheldHoldsReports: "afgeschermd (bevat meldingen)"
    case .workbook: "werkboek"
    case .sheet: "werkblad"
    case .contents: "inhoud"
    case .numbers: "getallen"
    case .columns: "kolommen"
    case .crudeRRPerSD: "ruwe RR per SD"
    case .rrPerSDInterval: "RR per SD (95%-BI)"
    case .rrPerUnitInterval: "RR per eenheid (95%-BI)"
    case .deprivedAreaTerm: "Achterstandswijk"
    }
  }

  static func alternative(_ alternative: PermutationAlternative) -> String {
    switch alternative {
    case .twoSided: "tweezijdig (de kleinste staart verdubbeld)"
    case .greater: "eenzijdig (greater: positieve autocorrelatie)"
    case .lesser: "eenzijdig (lesser: negatieve autocorrelatie)"
    case .directed: "gericht (directed, de oude pseudo-p van esda: te klein)"
    }
  }

  /// The neighbours of spatial EB (`queen-buren`).
  static func neighbours(_ weights: WeightsKind, _ k: Int) -> String {
    switch weights {
    case .queen, .rook: "\(weights.name)-buren"
    case .knn: "\(k) dichtstbijzijnde buren"
    case .file: "buren uit \(weights.publishedName)"
    }
  }
  /// The weights of the spatial tests (`queen-contiguïteit`).
  static func weights(_ weights: WeightsKind, _ k: Int) -> String {
    switch weights {
    case .queen, .rook: "\(weights.name)-contiguïteit"
    case .knn, .file: neighbours(weights, k)
    }
  }
  static func rule(_ rule: ClusterRule, _ alpha: Double) -> String {
    let a = CSVText.full(alpha).replacingOccurrences(of: ".", with: ",")
    return switch rule {
    case .fdr: "de wijken met q < \(a) (Benjamini–Hochberg, false discovery rate)"
    case .p: "de wijken met p < \(a) (niet gecorrigeerd voor het aantal toetsen)"
    case .bonferroni: "de wijken met p < \(a)/m (Bonferroni, m getoetste wijken)"
    }
  }
  static func column(_ column: MachineColumn) -> String {
    switch column {
    case .area: "gebied"
    case .code: "code"
    case .name: "naam"
    case .year: "jaar"
    case .level: "niveau"
    case .ageGroup: "leeftijd"
    case .indicator: "indicator"
    case .variable: "variabele"
    case .province: "provincie"
    case .rank: "rang"
    case .list: "lijst (top/bottom)"
    case .reported: "gemeld"
    case .children: "kinderen"
    case .areas: "gebieden"
    case .pctReported: "% gemeld"
    case .per1000: "per 1.000 kinderen"
    case .achterstandswijk: "achterstandswijk"
    case .meanReportedPerArea: "gemiddeld gemeld per gebied"
    case .n: "n"
    case .pearsonR: "r (Pearson)"
    case .pearsonP: "p (Pearson)"
    case .pearsonCiLow: "r 95%-interval onder"
    case .pearsonCiHigh: "r 95%-interval boven"
    case .spearmanRho: "ρ (Spearman)"
    case .spearmanP: "p (Spearman)"
    case .qValue: "q (Benjamini–Hochberg)"
    case .strength: "sterkte"
    case .note: "opmerking"
    case .rateRatio: "rate ratio"
    case .rrCiLow: "rate ratio 95%-interval onder"
    case .rrCiHigh: "rate ratio 95%-interval boven"
    case .pValue: "p"
    case .mhRateRatio: "rate ratio Mantel–Haenszel"
    case .mhCiLow: "MH 95%-interval onder"
    case .mhCiHigh: "MH 95%-interval boven"
    case .mhPValue: "p Mantel–Haenszel"
    case .mhStrata: "MH-strata (gemeenten)"
    case .firstYear: "eerste jaar"
    case .lastYear: "laatste jaar"
    case .change: "verandering (procentpunt)"
    case .ratio: "verhouding laatste/eerste"
    case .rawRate: "% gemeld (ruw)"
    case .rawCiLow: "95%-interval onder"
    case .rawCiHigh: "95%-interval boven"
    case .ebRate: "% gemeld (EB)"
    case .spatialEbRate: "% gemeld (ruimtelijk EB)"
    case .pExceeds: "kans boven referentie"
    case .referenceRate: "referentie-%"
    case .moranI: "Moran's I"
    case .expectedI: "verwacht E[I]"
    case .varianceI: "variantie Var[I]"
    case .zNorm: "z"
    case .pNorm: "p (normaal)"
    case .pSim: "pseudo-p (permutaties)"
    case .pSimAlternative: "soort pseudo-p"
    case .permutations: "permutaties"
    case .localI: "lokale I"
    case .quadrant: "kwadrant"
    case .cluster: "cluster"
    case .clusterRule: "clusterregel"
    case .provisional: "voorlopig (*)"
    case .years: "jaren"
    case .family: "modelfamilie"
    case .chosen: "gekozen"
    case .term: "modelterm"
    case .kind: "soort"
    case .coefficient: "coëfficiënt"
    case .seModel: "standaardfout (model)"
    case .seHC0: "standaardfout (HC0, robuust)"
    case .intervalSE: "standaardfout van de intervallen"
    case .z: "z-waarde"
    case .sd: "standaarddeviatie"
    case .rrPerSD: "rate ratio per standaarddeviatie"
    case .rrPerSDCiLow: "rate ratio per standaarddeviatie 95%-interval onder"
    case .rrPerSDCiHigh: "rate ratio per standaarddeviatie 95%-interval boven"
    case .dropped: "weggelaten"
    case .parameters: "aantal parameters"
    case .alpha: "α (NB2-overdispersie)"
    case .alphaSE: "standaardfout van α"
    case .logLikelihood: "log-aannemelijkheid"
    case .deviance: "deviantie"
    case .pearsonChi2: "Pearson-χ²"
    case .aic: "AIC (Akaike-informatiecriterium)"
    case .iterations: "iteraties"
    case .conditionNumber: "conditiegetal"
    case .lrOverdispersion: "LR-toets overdispersie"
    case .lrP: "p (LR-toets)"
    case .residualMoranI: "Moran's I van de residuen"
    case .residualMoranPSim: "pseudo-p van Moran's I van de residuen"
    case .fitted: "verwacht aantal (model)"
    case .pearsonResidual: "Pearson-residu"
    }
  }

  /// A level key of a note (`provincie`) by its name for people.
  static func classification(_ method: ClassificationMethod) -> String {
    switch method {
    case .quantiles: "kwantielen (gelijke aantallen)"
    case .equalInterval: "gelijke intervallen"
    case .fisherJenks: "natuurlijke grenzen (Fisher–Jenks)"
    case .stdDev: "standaardafwijkingen"
    case .box: "boxplotklassen"
    case .breaks: "vaste grenzen"
    case .unique: "categorieën"
    }
  }

  static func levelNamed(_ key: String?) -> String? {
    key.map { AreaLevel.named($0).map(level) ?? $0 }
  }

  static func level(_ level: AreaLevel) -> String {
    switch level {
    case .pc6: "PC-6"
    case .pc4: "PC-4"
    case .buurt: "buurt"
    case .wijk: "wijk"
    case .gemeente: "gemeente"
    case .landsdeel: "landsdeel"
    case .provincie: "provincie"
    case .veiligheidsregio: "veiligheidsregio"
    case .veiligthuisregio: "Veilig Thuis-regio"
    case .jeugdregio: "jeugdregio"
    case .nederland: "Nederland"
    case .region(let name): name
    }
  }

  static func indicator(_ indicator: StandardIndicator) -> String {
    switch indicator {
    case .kinderenInArmoede: "Kinderen in armoede (%)"
    case .totaalscore: "Totaalscore Kinderen in Tel"
    case .werklozeJongeren: "Werkloze jongeren 16–24 (%)"
    case .jeugdzorg: "Jeugdzorg 0–17 (%)"
    case .tienermoeders: "Tienermoeders 15–19"
    case .kindersterfte: "Kindersterfte"
    case .zuigelingensterfte: "Zuigelingensterfte"
    case .jeugdigeVerdachten: "Jeugdige verdachten 12–21"
    case .voortijdigSchoolverlaters: "Voortijdig schoolverlaters"
    case .achterstandsleerlingen: "Achterstandsleerlingen 4–12 (%)"
    case .speelruimte: "Speelruimte (m² per kind)"
    case .kinderenInAchterstandswijk: "Kinderen in achterstandswijken (%)"
    case .nietWesterseMigranten: "Niet-westerse migranten (%)"
    case .eenoudergezinnen: "Eenoudergezinnen (%)"
    case .aantalInwoners: "Aantal inwoners"
    case .percentagePersonen0Tot15Jaar: "Personen van 0 tot 15 jaar (%)"
    case .percentageHuishoudensOnderOfRondSociaalMinimum:
      "Huishoudens onder of rond het sociaal minimum (%)"
    case .percentageJongerenMetJeugdzorgInNatura: "Jongeren met jeugdzorg in natura (%)"
    }
  }

  static func part(_ kind: StatLinePeriod.Kind) -> String {
    switch kind {
    case .year: "jaar"
    case .halfYear: "halfjaar"
    case .quarter: "kwartaal"
    case .month: "maand"
    }
  }
  static func parts(_ kind: StatLinePeriod.Kind) -> String {
    switch kind {
    case .year: "jaren"
    case .halfYear: "halfjaren"
    case .quarter: "kwartalen"
    case .month: "maanden"
    }
  }
  static func table(_ kind: TableKind) -> String {
    switch kind {
    case .reports: "meldingen"
    case .population: "bevolkingsaantallen"
    case .indicators: "indicatoren"
    case .achterstand: "achterstandswijken"
    }
  }

  /// The count model's texts (`CountModelMessage`).
  static func countModel(_ message: CountModelMessage) -> String {
    switch message {
    case .invalidCounts: "aantallen moeten eindig en niet negatief zijn, offsets eindig"
    case .allCountsZero: "elk aantal is 0: er is geen percentage om te modelleren"
    case .singularAtIteration(let iteration):
      "de informatiematrix is singulier bij iteratie \(iteration): de voorspellers zijn collineair in de gebieden met aantallen, of er is separatie"
    case .diverged:
      "de schatting divergeert (de verwachte aantallen lopen over): controleer de voorspellers op extreme waarden"
    case .notConverged(let iterations, let deviance):
      "de schatting convergeerde niet in \(iterations) iteraties (deviantie \(CSVText.full(deviance))): misschien scheidt een voorspeller de gebieden zonder meldingen van de andere"
    case .fittedRatesZero(let area):
      "verwachte percentages numeriek 0 (gebied \(area) van de schatting): de voorspellers scheiden de gebieden zonder meldingen van de andere, dus een rate ratio is 0 of oneindig"
    case .tooFewAreas(let areas, let parameters):
      "\(areas) gebieden voor \(parameters) parameters: te weinig gebieden om te schatten"
    case .constant(let name, let value, let areas):
      "\(name) is constant (\(CSVText.full(value)) in alle \(areas) gebieden): het effect is niet te schatten; laat de indicator weg"
    case .separationFlagOne(let areas, let name):
      "separatie: de \(areas) gebieden met \(name) = 1 hebben geen meldingen, dus de rate ratio is 0 zonder eindig interval; laat de variabele weg of voeg samen"
    case .separationFlagZero(let areas, let name):
      "separatie: de \(areas) gebieden met \(name) = 0 hebben geen meldingen, dus de rate ratio is oneindig; laat de variabele weg of voeg samen"
    case .separationOnlyWithReports(let name, let value):
      "separatie: \(name) is \(CSVText.full(value)) in elk gebied met meldingen en verschilt alleen in gebieden zonder, dus de rate ratio is 0 of oneindig zonder eindig interval; laat de indicator weg"
    case .separationGroup(let areas, let group, let kind):
      "separatie: de \(areas) gebieden van \(group) hebben geen meldingen, dus het \(kind)-effect is −∞ zonder eindig interval; laat de \(kind)-effecten weg of voeg samen met een buur"
    case .eigenvaluesNotConverged:
      "de eigenwaarden van de correlatiematrix van de voorspellers convergeerden niet"
    case .collinear(let names, let areas, let smallest):
      "collineaire voorspellers: \(names) zijn (bijna) een lineaire combinatie van elkaar in deze \(areas) gebieden (kleinste eigenwaarde van hun correlatiematrix \(CSVText.full(smallest))); laat er één weg"
    case .collinearWithEffects(let names, let kind):
      "collineair met de \(kind)-effecten: \(names) (bijna) constant binnen elke \(kind) (of een lineaire combinatie die dat is), dus de \(kind)-effecten nemen het op; laat de indicator of de \(kind)-effecten weg"
    case .singularAtEstimate:
      "de informatiematrix is singulier bij de schatting: de voorspellers zijn collineair"
    case .noCompleteArea: "geen gebied heeft een aantal, kinderen en elke voorspeller"
    case .other(let text): text
    case .alphaAtBound: "α ligt op de grens 0 (geen overdispersie): NB2 is het Poisson-model"
    case .conditionNumber(let value):
      "conditiegetal \(String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")) van de gestandaardiseerde voorspellers (> 30): ze zijn sterk collineair, dus hun afzonderlijke rate ratio's zijn onzeker"
    case .withheldShare(let withheld, let total, let percent):
      "\(withheld) van de \(total) gebieden (\(percent) %) doen niet mee omdat hun aantal is afgeschermd: gebieden met weinig meldingen zijn ondervertegenwoordigd, wat de rate ratio's kan vertekenen; schat op een grover niveau of over samengevoegde jaren, of zonder afscherming voor een analyse die niet wordt gepubliceerd"
    case .overdispersed(let dispersion):
      "Pearson-χ²/vg van het Poisson-model is \(String(format: "%.2f", dispersion).replacingOccurrences(of: ".", with: ",")): de aantallen zijn overgedispergeerd, dus de intervallen zijn te smal; gebruik NB2 of robuuste (HC0-)intervallen"
    case .droppedNoChildren: "geen kinderen"
    case .droppedNoCount: "geen aantal"
    case .droppedWithheld: "aantal afgeschermd (afscherming)"
    case .droppedMissingIndicator(let name): "geen waarde voor \(name)"
    case .droppedNoFlag: "geen achterstandswijk-vlag"
    case .droppedNoGemeente: "geen gemeente"
    }
  }
}

/// The English table.
enum MessagesEN {
  /// `machine`: the text of join-report.csv and the run's `note:` lines, levels
  /// by their keys (`veiligthuisregio`) as the project file names them.
  static func text(_ message: Message, machine: Bool = false) -> String {
    switch message {
    case .noData: "no data"
    case .withheld: "withheld"
    case .classWord: "class"
    case .lisaHighHigh: "high-high (HH)"
    case .lisaLowLow: "low-low (LL)"
    case .lisaLowHigh: "low-high (LH)"
    case .lisaHighLow: "high-low (HL)"
    case .lisaNotSignificant: "not significant"
    case .deprivedArea: "deprived area"
    case .otherArea: "other area"
    case .provisionalFigures: "* provisional figures"
    case .source: "Source"
    case .classes: "classes"
    case .smallNumbersWithheld: "small numbers withheld"
    case .scatterDensityKey: "squares: darker = more areas"
    case .scatterDensityCell(let range): "\(range) area(s) per square"
    case .scatterDotsCaption:
      "Each dot is an area (withheld areas not shown, nor counted in r); the line fits the dots shown."
    case .scatterDensityCaption:
      "Too many areas for a dot each: every square counts the areas that fall in it (darker = more; the number on pointing). Withheld areas not shown, nor counted in r; the line fits all areas shown."
    case .mapAsImage(let areas, let hoverable):
      "The \(areas) areas are drawn as a picture (too many for a shape each in this page); areas of at least 8 × 8 pixels (\(hoverable)) show their value on pointing. Every area with its value: the GeoPackage and GeoJSON in maps/."
    case .mapAsImageNoHover(let areas):
      "The \(areas) areas are drawn as a picture (too many for a shape each in this page); none is large enough to point at. Every area with its value: the GeoPackage and GeoJSON in maps/."
    case .markdownFirstRows(let shown, let total, let csv):
      "The first \(shown) of \(total) rows; every row is in \(csv)."
    case .noteSubjectPeriods: "periods"
    case .noteNihil(let count): "\(count) cell\(count == 1 ? "" : "s") \"-\" (nihil) read as 0"
    case .noteOnlyValue(let value, let others): "only \(value) (\(others) other values left out)"
    case .noteOnlyPeriods(let selection): "only \(selection), analysed as they are (one per year)"
    case .noteYearSum(let key, let year, let kind):
      "\(key) \(year): sum of \(kind.partsPerYear) \(kind == .halfYear ? "half years" : kind == .quarter ? "quarters" : "months")"
    case .noteRowsNotUsed(let count, let kind, let reason):
      "\(count) \(["HJ": "half-year", "KW": "quarter", "MM": "month", "JJ": "year"][kind.rawValue] ?? kind.rawValue) rows not used: "
        + {
          switch reason {
          case .yearsWhole: "the table gives those years whole"
          case .yearOnly: "not summed (--periods year-only)"
          case .notAdditive(let table):
            "not summed (\(table.rawValue) are not additive over a year)"
          }
        }()
    case .noteIncompleteYears(let count, let list):
      "\(count) incomplete years are not years, not used: \(list)"
    case .noteProvisional(let year): "\(year) provisional (voorlopig, \(year)*)"
    case .noteAreaYearsSummed(let count, let example):
      "\(count) area-years summed from their parts (\(text(example, machine: machine)))"
    case .noteRegionKeysNotUsed(let rows, let keys, let key, let list, let noCode):
      "\(rows) row\(rows == 1 ? "" : "s") of \(keys) \((machine ? key : Self.levelNamed(key)) ?? "unrecognised") key\(keys == 1 ? "" : "s") (\(list)) not used: "
        + (noCode
          ? "no area code or title"
          : "no \((machine ? key : Self.levelNamed(key)) ?? "") areas in this run")
    case .noteSubjectRegionKeys: "region keys"
    case .section(let section): Self.section(section)
    case .word(let word): Self.word(word)
    case .column(let column): Self.column(column)
    case .yearColumn(let year): "% reported \(year)"
    case .unitName(let unit): Self.unit(unit)
    case .agesLabel(let band):
      band.contains("tot")
        ? "aged \(band.replacingOccurrences(of: "tot", with: "to under"))" : "aged \(band)"
    case .childrenLabel(let band):
      band.map { "children \(Self.text(.agesLabel(band: $0)))" } ?? "children 0-17"
    case .countLabel(let unit): unit.map(Self.unit) ?? "children reported"
    case .rateLabel(let unit, let band):
      unit.map { "\(Self.unit($0)) per 100 \(Self.text(.childrenLabel(band: band)))" }
        ?? (band.map { "% children reported (\(Self.text(.agesLabel(band: $0))))" }
          ?? "% children reported")
    case .shortRateLabel(let unit): unit.map { "\(Self.unit($0)) per 100 children" } ?? "% reported"
    case .perThousandLabel(let unit, let band):
      "\(unit.map(Self.unit) ?? "children reported") per 1,000 \(Self.text(.childrenLabel(band: band)))"
    case .rateInSentence(let unit):
      unit.map { "the number of \(Self.unit($0)) per 100 children" }
        ?? "the percentage of reported children"
    case .classification(let method): Self.classification(method)
    case .contrastRow(let ages, let deprived):
      "\(ages) years, \(deprived ? "deprived area" : "other areas")"
    case .contrastMeanHeader(let count): "\(count ?? "reported") per area"
    case .contrastNote(let count, let rate):
      count == nil
        ? "Per year: mean number of reported children per area and % reported."
        : "Per year: mean number of \(count!) per area and \(rate)."
    case .correlationTitle(let number, let rate, let level):
      "Table \(number > 0 ? "\(number) " : "")Correlation of \(rate ?? "% reported") with the indicators (\(Self.level(level)))"
    case .correlationNote(let provisional):
      "*** strong, ** moderate, * weak. Only correlations with p < 0.01 are shown."
        + (provisional ? " Year with *: provisional figures." : "")
    case .level(let level): Self.level(level)
    case .indicator(let indicator): Self.indicator(indicator)
    case .syntheticData:
      "Synthetic data: every area and number in this report is invented (wijkstat demo). It shows what the analyses do, not how things are anywhere."
    case .madeWith(let version, let file): "Made with wijkstat \(version) from \(file)."
    case .suppressionOff:
      "Disclosure control is OFF (--no-suppress or suppression: {enabled: false}): every count is shown, small ones too. This report and these files are not for publication."
    case .summaryChildren(let year, let reported, let pct, let children, let areas, let level):
      "In \(year), \(reported) children were reported: \(pct)% of \(children) children aged 0–17, in \(areas) areas (\(level))."
    case .summaryCounts(
      let year, let reported, let what, let rate, let childrenLabel, let children, let areas,
      let level):
      "In \(year): \(reported) \(what), \(rate) per 1,000 \(childrenLabel) (\(children)), in \(areas) areas (\(level))."
    case .summaryFirstYear(let year, let pct): "In \(year) it was \(pct)%."
    case .summaryStrongest(let year, let indicator, let level, let r, let low, let high, let n):
      "The strongest relation in \(year) is with \(indicator) at \(level) level: r = \(r) (95% interval \(low) to \(high), n = \(n))."
    case .summaryContrast(let rate, let crude, let low, let high, let stratified):
      "In deprived areas \(rate) is \(crude) times as high as elsewhere (95% interval \(low)–\(high)); compared within the same gemeente (Mantel–Haenszel) \(stratified) times."
    case .summaryMoran(let i, let p):
      "Areas with many reports cluster: Moran's I = \(i) (pseudo-p \(p))."
    case .noMaps: "The project asks for no maps."
    case .spatialIntro(let permutations, let seed, let alternative, let rule, let alpha):
      "Moran's I measures whether areas with high rates lie next to areas with high rates (I > 0: clustering). The pseudo-p comes from \(permutations) permutations (fixed seed \(seed), so repeatable) and is a \(Self.alternative(alternative)). The LISA map shows as clusters the areas with \(Self.rule(rule, alpha))."
    case .islands: "Areas without neighbours (given their nearest neighbours): "
    case .methodRateChildren:
      "Percentage reported = 100 × reported children / children aged 0–17 in the area, per year; for gemeenten and regions from the summed counts, never as a mean of percentages."
    case .methodRateCounts(let count, let rate, let children):
      "What is counted is \(count) (not children: one child may count more than once): \(rate) = 100 × \(count) / \(children) in the area, per year (in the tables also per 1,000); for gemeenten and regions from the summed counts, never as a mean."
    case .methodDisclosureOff:
      "Disclosure control: OFF (--no-suppress): every count is published, small ones too."
    case .methodDisclosure(let m, let minimumChildren, let withheld):
      "Disclosure control. Threat model: someone with every published file of this run, the numbers of children and these methods, who combines all files, solves linear and integer programmes and inverts every formula. Rule: counts below \(m) and every count of an area and age group with fewer than \(minimumChildren) children are withheld; then for every withheld count the range of values consistent with everything published, [L, U], must have U − L ≥ \(m) and L = 0 or L ≥ \(m) (nobody can tell whether it is zero, nor that it is small). Method: secondary suppression over every linked table (age groups within an area, PC-4, buurten and wijken within gemeente, gemeenten within regions), checked by the integer programme's exact bounds (maximum flows where the equations form a network, GLPK elsewhere) until every range meets the rule; \(withheld) cells withheld. Every published number comes from published counts only: raw rates, intervals and exceedance probabilities of withheld counts are left out; correlations, rankings, trends and the LISA of % reported leave withheld areas out; the smoothed (EB) rates take their prior from published areas only, and a withheld area gets the prior mean (globally Σ published counts / their children; spatially that of its neighbours), so inverting them gives nothing. The achterstand tables count only areas with a published count; since areas drop out because their counts are small, this can bias the tables, the rate ratio and the correlations (figures over all areas only from a --no-suppress run, not for publication). The log of what was withheld and why is in internal/ and is not for publication. Check: wijkstat audit DIR; this run was checked with it before it was written."
    case .methodCorrelations:
      "Correlations: Pearson with p from the t distribution and a 95% interval by Fisher's z; Spearman with the t approximation; q-values by Benjamini–Hochberg."
    case .methodContrast:
      "Deprived areas: rate ratio with an interval on the log scale and an exact conditional test; Mantel–Haenszel by gemeente with the Greenland–Robins variance."
    case .methodSmallAreas(let weights, let k):
      "Small areas: exact Poisson intervals (Garwood); empirical Bayes after Marshall (1991), global and spatial (\(Self.neighbours(weights, k))); exceedance probability under the Poisson–gamma model."
    case .methodSpatial(let weights, let k, let rule, let alpha):
      "Spatial: \(Self.weights(weights, k)), row-standardised; Moran's I with expectation and normal approximation; LISA (Anselin 1995) with conditional permutations; clusters are areas with \(Self.rule(rule, alpha))."
    case .methodMaps:
      "Maps: one classification per map (method in the legend), upper bound inclusive; colours from ColorBrewer (Brewer); no data hatched."
    case .methodModels:
      "Count models: Poisson GLM with log link and log(children) as offset, fitted by iteratively reweighted least squares; negative binomial (NB2, variance μ + αμ²) with α by maximum likelihood (as R's glm.nb); likelihood-ratio test of overdispersion with p = ½·P(χ²₁ > LR); standard errors from the information matrix, or robust (HC0 sandwich); predictors standardised inside the fit; the condition number of the standardised predictors; Moran's I of the Pearson residuals with the same neighbours and permutations as above. Linear algebra by LAPACK. With disclosure control, areas with a withheld count take no part (the estimating equations would otherwise publish equations in them); this can under-represent small counts."
    case .missingCells: "Cells without a figure (CBS codes and markers, read as missing):"
    case .keysNotFitting(let count):
      "\(count) keys did not fit or fitted doubtfully: see join-report.csv."
    case .modelIntro:
      "Tables 1 and 2 relate one indicator at a time. A count model estimates each indicator's relation while the others are held equal: the number of reports per area follows a Poisson or negative binomial distribution around children × exp(β₀ + β₁x₁ + …). The rate ratio exp(β) is the factor by which the rate changes for one unit (or one standard deviation) more of an indicator, the others equal. A test of overdispersion chooses between Poisson and negative binomial."
    case .residualMoran(let year, let i, let p, let clusters):
      "Moran's I of the residuals (\(year)): \(i), permutation p \(p). "
        + (clusters
          ? "The residuals cluster: neighbouring areas are more alike than the indicators explain. The intervals are then too narrow; read the rate ratios with care, or add indicators or gemeente effects."
          : "No sign that the residuals cluster in space.")
    case .residualMapCaption:
      "Red: more reports than the model expects (Pearson residual > 1), blue: fewer. Areas with a withheld count take no part. Files: maps/model-residual-map.geojson, .gpkg, .svg; tables/model-residuals.csv."
    case .correlationsIntro(let rate):
      "As in the report's Tabel 1 and 2: the (Pearson) correlation between \(rate) and each indicator, shown only at p < 0.01; * weak (0.2–0.4), ** moderate (0.4–0.6), *** strong. New: the 95% interval, Spearman's ρ and q-values (Benjamini–Hochberg) over the whole table, in tables/correlations.csv."
    case .correlationDetails(let year): "Every correlation in \(year)"
    case .contrastIntro(let count, let rate, let countsChildren):
      "As the report's Tabel 3: per age group the mean number of \(countsChildren ? "reported children per area and the percentage reported" : "\(count) per area and \(rate)"), in deprived areas and elsewhere. New: the rate ratio with a 95% interval and an exact test, and the same ratio within gemeenten (Mantel–Haenszel), which separates the difference between areas from the difference between gemeenten."
    case .table3Title: "Table 3 Reports by age group and deprived area"
    case .table4Title(let name): "Table 4 Deprived areas in \(name)"
    case .contrastChartTitle(let rate, let year): "\(rate) in \(year) with 95% interval"
    case .poissonIntervals: "Exact Poisson intervals (Garwood)."
    case .trendChartTitle(let rate): "\(rate) per year"
    case .trendCaption: "Trend per area (like the report's figures 15–19)."
    case .smallAreasIntro:
      "An area with 300 children and 2 reports has a rate that means little alone. Hence per area the exact 95% interval, the empirical Bayes rate (pulled towards the mean as far as it is uncertain, also spatially: towards the neighbours) and the probability that the true rate is above the overall one. Every area and year: tables/rates.csv."
    case .smallAreasCaption(let year): "Areas most likely to have a raised rate, \(year)"
    case .testsCaption:
      "Rate ratio deprived / other (95% interval, p) and within gemeenten (Mantel–Haenszel)"
    case .rankingCaptionChildren: "Highest and lowest percentage of reported children"
    case .rankingCaptionCounts(let count): "Highest and lowest \(count) per 100 children"
    case .moranCaption: "Moran's I (spatial autocorrelation)"
    case .moranAllPermutations(let count): "all \(count) permutations: p exact"
    case .joinLine(let role, let level, let table, let matched, let areas, let pct, let unused):
      "\(role) (\(level)) \(table): \(matched) of \(areas) areas matched (\(pct)%), \(unused) table keys unused"
    case .workbookFirstRows(let name, let shown, let rows):
      "the first \(shown) of \(rows) rows (a sheet for reading); every row is in tables/\(name).csv"
    case .workbookRows(let name, let rows): "tables/\(name).csv, \(rows) rows"
    case .workbookNumbersNote:
      "Numbers are number cells: the values of the CSV files to 15 significant digits (what Excel keeps); empty cells are withheld or missing. A p-value below 1e-300 is given as 1e-300 (an upper bound)."
    case .workbookColumnsNote:
      "The column headers are in English; the CSV files in tables/ carry the machine names (wijkstat's README)."
    case .legendSmoothed(let rate): "\(rate) (smoothed)"
    case .legendModelResidual: "count model's Pearson residual"
    case .legendLISA(let rule, let alpha):
      {
        let a = CSVText.full(alpha)
        return switch rule {
        case .fdr: "LISA cluster (FDR q < \(a))"
        case .p: "LISA cluster (p < \(a), uncorrected)"
        case .bonferroni: "LISA cluster (Bonferroni p < \(a)/m)"
        }
      }()
    case .outlineLayerTitle(let level): "Outlines (\(level))"
    case .residualMapTitle(let level, let year):
      "Count model residuals (\(Self.level(level)), \(year))"
    case .countModel(let message): Self.countModel(message)
    case .countFamily(let family):
      switch family {
      case .poisson: "Poisson"
      case .negativeBinomial: "negative binomial (NB2)"
      }
    case .table5Title(let level, let years):
      "Table 5 Adjusted rate ratios of reports (\(Self.level(level)), \(years))"
    case .table5CorrelationHeader(let table): "r (Table \(table))"
    case .table5Note(
      let family, let areas, let flag, let gemeenteEffects, let yearEffects, let table, let robust):
      "Count model: \(family) with log(children) as offset, \(areas) areas; all indicators at once\(flag ? " and the deprived-area flag" : "")\(gemeenteEffects ? ", with gemeente fixed effects" : "")\(yearEffects ? ", with year effects" : ""). r: the crude correlation of Table \(table) (only at p < 0.01). Crude RR: one indicator at a time. RR per SD: for one standard deviation more; 95% confidence intervals (Wald\(robust ? ", robust HC0 standard errors" : "")). Every figure: tables/model.csv."
    case .tableNumber(let number): "Table \(number)"
    case .missingReason(let reason):
      switch reason {
      case .secret: "secret"
      case .notAvailable: "not available"
      case .secretOrNotAvailable: "secret or not available"
      case .laterVersion: "in a later version"
      case .noLongerPublished: "no longer published"
      case .notApplicable: "cannot occur"
      case .empty: "empty"
      }
    }
  }

  static func section(_ section: ReportSection) -> String {
    switch section {
    case .summary: "Summary"
    case .maps: "Maps"
    case .correlations: "Relation with the Kinderen in Tel indicators"
    case .deprivedAreas: "Deprived areas (achterstandswijken)"
    case .rankings: "Rankings and trends"
    case .smallAreas: "Small areas: uncertainty and smoothing"
    case .clustering: "Spatial clustering"
    case .countModel: "Adjusted relations: count model"
    case .methods: "Methods"
    case .provenance: "Data provenance"
    }
  }

  static func word(_ word: ReportWord) -> String {
    switch word {
    case .filesInMaps: "Files in maps/"
    case .area: "area"
    case .children: "children"
    case .ebRate: "EB %"
    case .spatialEBRate: "spatial EB %"
    case .probabilityAboveOverall: "P(> overall)"
    case .year: "year"
    case .age: "age"
    case .interval95: "95% interval"
    case .interval95MH: "95% interval MH"
    case .ageAndArea: "age, area"
    case .pctReported: "% reported"
    case .per100Children: "per 100 children"
    case .province: "province"
    case .region: "region"
    case .list: "list"
    case .rank: "rank"
    case .name: "name"
    case .highest: "highest"
    case .lowest: "lowest"
    case .cannotBeComputed: "cannot be computed"
    case .variable: "variable"
    case .expectedI: "expected E[I]"
    case .pNormal: "p (normal)"
    case .pseudoP: "pseudo-p (permutations)"
    case .areas: "areas"
    case .permutations: "permutations"
    case .note: "note"
    case .roleBoundaries: "boundaries"
    case .roleReports: "reports"
    case .rolePopulation: "population"
    case .roleIndicators: "indicators"
    case .roleDeprivedAreas: "deprived areas"
    case .roleLookup: "lookup table"
    case .roleCrosswalk: "boundary changes"
    case .role: "role"
    case .file: "file"
    case .sha256Start: "SHA-256 (start)"
    case .features: "features"
    case .rows: "rows"
    case .deviance: "deviance"
    case .conditionNumber: "condition number"
    case .overdispersionTest: "LR test of overdispersion"
    case .leftOut: "left out"
    case .notFitted: "Not fitted"
    case .level: "level"
    case .other: "other"
    case .deprived: "deprived"
    case .withheldHoldsReports: "withheld (holds report counts)"
    case .workbook: "workbook"
    case .sheet: "sheet"
    case .contents: "contents"
    case .numbers: "numbers"
    case .columns: "columns"
    case .crudeRRPerSD: "crude RR per SD"
    case .rrPerSDInterval: "RR per SD (95% CI)"
    case .rrPerUnitInterval: "RR per unit (95% CI)"
    case .deprivedAreaTerm: "Deprived area"
    }
  }

  static func alternative(_ alternative: PermutationAlternative) -> String {
    switch alternative {
    case .twoSided: "two-sided permutation p (smaller tail doubled, ties counted in both tails)"
    case .greater: "one-sided permutation p (greater: positive autocorrelation)"
    case .lesser: "one-sided permutation p (lesser: negative autocorrelation)"
    case .directed:
      "directed permutation p (esda's old pseudo-p: the tail of the observed value; too small)"
    }
  }

  /// The neighbours of spatial EB (`queen neighbours`).
  static func neighbours(_ weights: WeightsKind, _ k: Int) -> String {
    switch weights {
    case .queen, .rook: "\(weights.name) neighbours"
    case .knn: "\(k) nearest neighbours"
    case .file: "neighbours from \(weights.publishedName)"
    }
  }
  /// The weights of the spatial tests (`queen contiguity`).
  static func weights(_ weights: WeightsKind, _ k: Int) -> String {
    switch weights {
    case .queen, .rook: "\(weights.name) contiguity"
    case .knn, .file: neighbours(weights, k)
    }
  }
  static func rule(_ rule: ClusterRule, _ alpha: Double) -> String {
    let a = CSVText.full(alpha)
    return switch rule {
    case .fdr: "q < \(a) (Benjamini–Hochberg false discovery rate)"
    case .p: "p < \(a) (not corrected for the number of tests)"
    case .bonferroni: "p < \(a)/m (Bonferroni, m tested areas)"
    }
  }
  static func column(_ column: MachineColumn) -> String {
    switch column {
    case .area: "area"
    case .code: "code"
    case .name: "name"
    case .year: "year"
    case .level: "level"
    case .ageGroup: "age group"
    case .indicator: "indicator"
    case .variable: "variable"
    case .province: "province"
    case .rank: "rank"
    case .list: "list (top/bottom)"
    case .reported: "reported"
    case .children: "children"
    case .areas: "areas"
    case .pctReported: "% reported"
    case .per1000: "per 1,000 children"
    case .achterstandswijk: "deprived area"
    case .meanReportedPerArea: "mean reported per area"
    case .n: "n"
    case .pearsonR: "r (Pearson)"
    case .pearsonP: "p (Pearson)"
    case .pearsonCiLow: "r 95% interval low"
    case .pearsonCiHigh: "r 95% interval high"
    case .spearmanRho: "ρ (Spearman)"
    case .spearmanP: "p (Spearman)"
    case .qValue: "q (Benjamini–Hochberg)"
    case .strength: "strength"
    case .note: "note"
    case .rateRatio: "rate ratio"
    case .rrCiLow: "rate ratio 95% interval low"
    case .rrCiHigh: "rate ratio 95% interval high"
    case .pValue: "p"
    case .mhRateRatio: "Mantel–Haenszel rate ratio"
    case .mhCiLow: "MH 95% interval low"
    case .mhCiHigh: "MH 95% interval high"
    case .mhPValue: "Mantel–Haenszel p"
    case .mhStrata: "MH strata (gemeenten)"
    case .firstYear: "first year"
    case .lastYear: "last year"
    case .change: "change (percentage points)"
    case .ratio: "ratio last/first"
    case .rawRate: "% reported (raw)"
    case .rawCiLow: "95% interval low"
    case .rawCiHigh: "95% interval high"
    case .ebRate: "% reported (EB)"
    case .spatialEbRate: "% reported (spatial EB)"
    case .pExceeds: "probability above reference"
    case .referenceRate: "reference %"
    case .moranI: "Moran's I"
    case .expectedI: "expected E[I]"
    case .varianceI: "variance Var[I]"
    case .zNorm: "z"
    case .pNorm: "p (normal)"
    case .pSim: "pseudo-p (permutations)"
    case .pSimAlternative: "pseudo-p convention"
    case .permutations: "permutations"
    case .localI: "local I"
    case .quadrant: "quadrant"
    case .cluster: "cluster"
    case .clusterRule: "cluster rule"
    case .provisional: "provisional (*)"
    case .years: "years"
    case .family: "model family"
    case .chosen: "chosen"
    case .term: "model term"
    case .kind: "kind"
    case .coefficient: "coefficient"
    case .seModel: "standard error (model)"
    case .seHC0: "standard error (HC0, robust)"
    case .intervalSE: "standard error of the intervals"
    case .z: "z value"
    case .sd: "standard deviation"
    case .rrPerSD: "rate ratio per standard deviation"
    case .rrPerSDCiLow: "rate ratio per standard deviation 95% interval low"
    case .rrPerSDCiHigh: "rate ratio per standard deviation 95% interval high"
    case .dropped: "left out"
    case .parameters: "number of parameters"
    case .alpha: "α (NB2 overdispersion)"
    case .alphaSE: "standard error of α"
    case .logLikelihood: "log-likelihood"
    case .deviance: "deviance"
    case .pearsonChi2: "Pearson χ²"
    case .aic: "AIC (Akaike information criterion)"
    case .iterations: "iterations"
    case .conditionNumber: "condition number"
    case .lrOverdispersion: "LR test of overdispersion"
    case .lrP: "p (LR test)"
    case .residualMoranI: "Moran's I of the residuals"
    case .residualMoranPSim: "pseudo-p of Moran's I of the residuals"
    case .fitted: "fitted count"
    case .pearsonResidual: "Pearson residual"
    }
  }

  /// A level key of a note (`provincie`) by its name for people.
  static func classification(_ method: ClassificationMethod) -> String {
    switch method {
    case .quantiles: "quantiles (equal counts)"
    case .equalInterval: "equal intervals"
    case .fisherJenks: "natural breaks (Fisher–Jenks)"
    case .stdDev: "standard deviations"
    case .box: "box map"
    case .breaks: "fixed breaks"
    case .unique: "categories"
    }
  }

  /// A unit of count in English (`meldingen` → `reports`); another as given.
  static func unit(_ unit: String) -> String {
    switch unit {
    case "meldingen": "reports"
    case "adviezen": "advice requests"
    case "casussen": "cases"
    case "kinderen": "children"
    case "personen": "persons"
    case "jongeren": "young people"
    case "huishoudens": "households"
    default: unit
    }
  }

  static func levelNamed(_ key: String?) -> String? {
    key.map { AreaLevel.named($0).map(level) ?? $0 }
  }

  static func level(_ level: AreaLevel) -> String {
    switch level {
    case .pc6: "PC-6"
    case .pc4: "PC-4"
    case .buurt: "buurt"
    case .wijk: "wijk"
    case .gemeente: "gemeente"
    case .landsdeel: "part of the country (landsdeel)"
    case .provincie: "province"
    case .veiligheidsregio: "safety region"
    case .veiligthuisregio: "Veilig Thuis region"
    case .jeugdregio: "youth care region"
    case .nederland: "national"
    case .region(let name): name
    }
  }

  static func indicator(_ indicator: StandardIndicator) -> String {
    switch indicator {
    case .kinderenInArmoede: "Children in poverty (%)"
    case .totaalscore: "Kinderen in Tel total score"
    case .werklozeJongeren: "Unemployed young people 16–24 (%)"
    case .jeugdzorg: "Youth care 0–17 (%)"
    case .tienermoeders: "Teenage mothers 15–19"
    case .kindersterfte: "Child mortality"
    case .zuigelingensterfte: "Infant mortality"
    case .jeugdigeVerdachten: "Young offenders 12–21"
    case .voortijdigSchoolverlaters: "Early school leavers"
    case .achterstandsleerlingen: "Pupils with a weight 4–12 (%)"
    case .speelruimte: "Play space (m² per child)"
    case .kinderenInAchterstandswijk: "Children in deprived areas (%)"
    case .nietWesterseMigranten: "Non-western migrants (%)"
    case .eenoudergezinnen: "Single-parent families (%)"
    case .aantalInwoners: "Number of inhabitants"
    case .percentagePersonen0Tot15Jaar: "Persons aged 0 to 14 (%)"
    case .percentageHuishoudensOnderOfRondSociaalMinimum:
      "Households at or around the social minimum (%)"
    case .percentageJongerenMetJeugdzorgInNatura: "Young people in youth care (%)"
    }
  }

  /// The count model's texts (`CountModelMessage`): also its machine text
  /// (stderr, model-fit.csv).
  static func countModel(_ message: CountModelMessage) -> String {
    switch message {
    case .invalidCounts: "counts must be finite and not negative, offsets finite"
    case .allCountsZero: "every count is 0: there is no rate to model"
    case .singularAtIteration(let iteration):
      "the information matrix is singular at iteration \(iteration): the predictors are collinear among the areas with counts, or the fit is separated"
    case .diverged:
      "the fit diverged (fitted values overflow): check the predictors for extreme values"
    case .notConverged(let iterations, let deviance):
      "the fit did not converge in \(iterations) iterations (deviance \(CSVText.full(deviance))): a predictor may separate areas without reports from the others"
    case .fittedRatesZero(let area):
      "fitted rates numerically 0 (area \(area) of the fit): the predictors separate areas without reports from the others, so some rate ratio is 0 or infinite"
    case .tooFewAreas(let areas, let parameters):
      "\(areas) areas for \(parameters) parameters: too few areas to fit"
    case .constant(let name, let value, let areas):
      "\(name) is constant (\(CSVText.full(value)) in all \(areas) areas): its effect cannot be estimated; leave it out"
    case .separationFlagOne(let areas, let name):
      "separation: the \(areas) areas with \(name) = 1 have no reports, so its rate ratio is 0 with no finite interval; leave it out or merge it"
    case .separationFlagZero(let areas, let name):
      "separation: the \(areas) areas with \(name) = 0 have no reports, so its rate ratio is infinite; leave it out or merge it"
    case .separationOnlyWithReports(let name, let value):
      "separation: \(name) is \(CSVText.full(value)) in every area with reports and differs only in areas without, so its rate ratio is 0 or infinite with no finite interval; leave it out"
    case .separationGroup(let areas, let group, let kind):
      "separation: the \(areas) areas of \(group) have no reports, so its \(kind) effect is −∞ with no finite interval; leave out the \(kind) effects or merge it with a neighbour"
    case .eigenvaluesNotConverged:
      "the eigenvalues of the predictors' correlation matrix did not converge"
    case .collinear(let names, let areas, let smallest):
      "collinear predictors: \(names) are (almost) a linear combination of each other among these \(areas) areas (smallest eigenvalue of their correlation matrix \(CSVText.full(smallest))); leave one out"
    case .collinearWithEffects(let names, let kind):
      "collinear with the \(kind) effects: \(names) (almost) constant within every \(kind) (or a linear combination that is), so the \(kind) effects absorb it; leave it out or leave out the \(kind) effects"
    case .singularAtEstimate:
      "the information matrix is singular at the estimate: the predictors are collinear"
    case .noCompleteArea: "no area has a count, children and every predictor"
    case .other(let text): text
    case .alphaAtBound: "α is at its bound 0 (no overdispersion): NB2 is the Poisson model"
    case .conditionNumber(let value):
      "condition number \(String(format: "%.1f", value)) of the standardised predictors (> 30): they are strongly collinear, so their separate rate ratios are uncertain"
    case .withheldShare(let withheld, let total, let percent):
      "\(withheld) of \(total) areas (\(percent) %) take no part because their count is withheld: areas with few reports are under-represented, which can bias the rate ratios; fit a coarser level or pooled years, or fit with protection off for an analysis that is not published"
    case .overdispersed(let dispersion):
      "the Poisson model's Pearson χ²/df is \(String(format: "%.2f", dispersion)): the counts are overdispersed, so its intervals are too narrow; use NB2 or robust (HC0) intervals"
    case .droppedNoChildren: "no children"
    case .droppedNoCount: "no count"
    case .droppedWithheld: "count withheld (disclosure control)"
    case .droppedMissingIndicator(let name): "no value of \(name)"
    case .droppedNoFlag: "no deprived-area flag"
    case .droppedNoGemeente: "no gemeente"
    }
  }
}

/// The report's sections; the raw value is the section's anchor in report.html.
public enum ReportSection: String, Hashable, Sendable, CaseIterable {
  case summary = "samenvatting"
  case maps = "kaarten"
  case correlations = "correlaties"
  case deprivedAreas = "achterstand"
  case rankings = "ranglijst"
  case smallAreas = "kleine-gebieden"
  case clustering = "clustering"
  case countModel = "telmodel"
  case methods = "methoden"
  case provenance = "herkomst"
}

/// The report's short words: table headers, labels, input roles, the workbook's
/// README sheet. Symbols the same in both languages (`n`, `p`, `RR`, `Moran's I`,
/// `r (Pearson)`) are not words and stay in the code.
public enum ReportWord: Hashable, Sendable, CaseIterable {
  case filesInMaps
  case area, children, ebRate, spatialEBRate, probabilityAboveOverall
  case year, age, interval95, interval95MH, ageAndArea
  case pctReported, per100Children, province, region, list, rank, name, highest, lowest
  case cannotBeComputed, variable, expectedI, pNormal, pseudoP, areas, permutations, note
  case roleBoundaries, roleReports, rolePopulation, roleIndicators, roleDeprivedAreas, roleLookup
  case roleCrosswalk
  case role, file, sha256Start, features, rows
  case deviance, conditionNumber, overdispersionTest, leftOut, notFitted
  case level, other, deprived, withheldHoldsReports
  case workbook, sheet, contents, numbers, columns
  // Tabel 5 (the count model).
  case crudeRRPerSD, rrPerSDInterval, rrPerUnitInterval, deprivedAreaTerm
}

/// The machine tables' columns a person reads a name for (`pct_reported` →
/// `% gemeld`), by their CSV names (the raw value): `ColumnLabels`, the
/// workbook's headers. Symbols (`n`, `p`, `r (Pearson)`, `Moran's I`) read the
/// same in both languages (`sameInBothLanguages`).
public enum MachineColumn: String, Hashable, Sendable, CaseIterable {
  case area
  case code
  case name
  case year
  case level
  case ageGroup = "age_group"
  case indicator
  case variable
  case province
  case rank
  case list
  case reported
  case children
  case areas
  case pctReported = "pct_reported"
  case per1000 = "per_1000"
  case achterstandswijk
  case meanReportedPerArea = "mean_reported_per_area"
  case n
  case pearsonR = "pearson_r"
  case pearsonP = "pearson_p"
  case pearsonCiLow = "pearson_ci_low"
  case pearsonCiHigh = "pearson_ci_high"
  case spearmanRho = "spearman_rho"
  case spearmanP = "spearman_p"
  case qValue = "q_value"
  case strength
  case note
  case rateRatio = "rate_ratio"
  case rrCiLow = "rr_ci_low"
  case rrCiHigh = "rr_ci_high"
  case pValue = "p_value"
  case mhRateRatio = "mh_rate_ratio"
  case mhCiLow = "mh_ci_low"
  case mhCiHigh = "mh_ci_high"
  case mhPValue = "mh_p_value"
  case mhStrata = "mh_strata"
  case firstYear = "first_year"
  case lastYear = "last_year"
  case change
  case ratio
  case rawRate = "raw_rate"
  case rawCiLow = "raw_ci_low"
  case rawCiHigh = "raw_ci_high"
  case ebRate = "eb_rate"
  case spatialEbRate = "spatial_eb_rate"
  case pExceeds = "p_exceeds"
  case referenceRate = "reference_rate"
  case moranI = "moran_i"
  case expectedI = "expected_i"
  case varianceI = "variance_i"
  case zNorm = "z_norm"
  case pNorm = "p_norm"
  case pSim = "p_sim"
  case pSimAlternative = "p_sim_alternative"
  case permutations
  case localI = "local_i"
  case quadrant
  case cluster
  case clusterRule = "cluster_rule"
  case provisional
  // The count model's tables (model.csv, model-fit.csv, model-residuals.csv).
  case years
  case family
  case chosen
  case term
  case kind
  case coefficient
  case seModel = "se_model"
  case seHC0 = "se_hc0"
  case intervalSE = "interval_se"
  case z
  case sd
  case rrPerSD = "rr_per_sd"
  case rrPerSDCiLow = "rr_per_sd_ci_low"
  case rrPerSDCiHigh = "rr_per_sd_ci_high"
  case dropped
  case parameters
  case alpha
  case alphaSE = "alpha_se"
  case logLikelihood = "log_likelihood"
  case deviance
  case pearsonChi2 = "pearson_chi2"
  case aic
  case iterations
  case conditionNumber = "condition_number"
  case lrOverdispersion = "lr_overdispersion"
  case lrP = "lr_p"
  case residualMoranI = "residual_moran_i"
  case residualMoranPSim = "residual_moran_p_sim"
  case fitted
  case pearsonResidual = "pearson_residual"

  /// The columns whose name is a symbol or a word of both languages.
  public static let sameInBothLanguages: Set<MachineColumn> = [
    .code, .indicator, .n, .pearsonR, .pearsonP, .spearmanRho, .spearmanP, .qValue, .rateRatio,
    .pValue, .moranI, .zNorm, .cluster,
  ]
}

/// The Kinderen in Tel indicators (DOMAIN.md; Kinderen in Tel databoek) and
/// Kerncijfers of the Wijk- en Buurtkaart by their usual column names (the raw
/// value): `IndicatorLabels` names them.
public enum StandardIndicator: String, Hashable, Sendable, CaseIterable {
  case kinderenInArmoede = "kinderen_in_armoede"
  case totaalscore = "totaalscore"
  case werklozeJongeren = "werkloze_jongeren"
  case jeugdzorg = "jeugdzorg"
  case tienermoeders = "tienermoeders"
  case kindersterfte = "kindersterfte"
  case zuigelingensterfte = "zuigelingensterfte"
  case jeugdigeVerdachten = "jeugdige_verdachten"
  case voortijdigSchoolverlaters = "voortijdig_schoolverlaters"
  case achterstandsleerlingen = "achterstandsleerlingen"
  case speelruimte = "speelruimte"
  case kinderenInAchterstandswijk = "kinderen_in_achterstandswijk"
  case nietWesterseMigranten = "niet_westerse_migranten"
  case eenoudergezinnen = "eenoudergezinnen"
  // Kerncijfers wijken en buurten as the Wijk- en Buurtkaart's layers name them.
  case aantalInwoners = "aantal_inwoners"
  case percentagePersonen0Tot15Jaar = "percentage_personen_0_tot_15_jaar"
  case percentageHuishoudensOnderOfRondSociaalMinimum =
    "percentage_huishoudens_onder_of_rond_sociaal_minimum"
  case percentageJongerenMetJeugdzorgInNatura = "percentage_jongeren_met_jeugdzorg_in_natura"
}
