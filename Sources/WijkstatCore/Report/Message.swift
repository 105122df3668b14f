/// The words a reader sees on maps, charts and in tables, as keys: one table
/// per language (`MessagesNL`, `MessagesEN`), each an exhaustive `switch`, so a
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

  /// Why StatLine rows of a kind were not used (`noteRowsNotUsed`).
  public enum NoteReason: Hashable, Sendable {
    /// Reports: the table also gives those years whole.
    case yearsWhole
    /// Reports with `--periods year-only`.
    case yearOnly
    /// Populations and indicators are not additive over a year.
    case notAdditive(TableKind)
  }

  /// One instance of every key (with sample values), for the tests that read
  /// both tables; a key missing here is caught by `MessageTests` comparing
  /// with the number of cases the switches handle (`caseCount`).
  public static let examples: [Message] = [
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
    }
  }
  public static let caseCount = 32
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
    case .noteRegionKeysNotUsed(let rows, let keys, let level, let list, let noCode):
      "\(rows) \(rows == 1 ? "rij" : "rijen") van \(keys) \(level ?? "onherkende") \(keys == 1 ? "sleutel" : "sleutels") (\(list)) niet gebruikt: "
        + (noCode ? "geen gebiedscode of -naam" : "geen \(level ?? "")-gebieden in deze run")
    case .noteSubjectRegionKeys: "regiosleutels"
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
}

/// The English table.
enum MessagesEN {
  static func text(_ message: Message) -> String {
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
      "\(count) area-years summed from their parts (\(text(example)))"
    case .noteRegionKeysNotUsed(let rows, let keys, let level, let list, let noCode):
      "\(rows) row\(rows == 1 ? "" : "s") of \(keys) \(level ?? "unrecognised") key\(keys == 1 ? "" : "s") (\(list)) not used: "
        + (noCode ? "no area code or title" : "no \(level ?? "") areas in this run")
    case .noteSubjectRegionKeys: "region keys"
    }
  }
}
