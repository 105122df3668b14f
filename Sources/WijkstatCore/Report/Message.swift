/// The words a reader sees on maps, charts and in tables, as keys: one table
/// per language (`MessagesNL`, `MessagesEN`), each an exhaustive `switch`, so a
/// key without a translation in either language does not compile — never a
/// silent English string in a Dutch report (issue 18, "one vocabulary, two
/// languages"). `ReportLanguage.text(_:)` picks the table.
///
/// Values in a message (`year`, `range`) are passed already written for
/// people (`ReportLanguage.number`).
public enum Message: Hashable, Sendable {
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
  // Markdown copies of long tables.
  case markdownFirstRows(shown: String, total: String, csv: String)

  /// One instance of every key (with sample values), for the tests that read
  /// both tables; a key missing here is caught by `MessageTests` comparing
  /// with the number of cases the switches handle (`caseCount`).
  public static let examples: [Message] = [
    .noData, .withheld, .classWord, .lisaHighHigh, .lisaLowLow, .lisaLowHigh, .lisaHighLow, .lisaNotSignificant,
    .deprivedArea, .otherArea, .provisionalFigures, .source, .classes, .smallNumbersWithheld, .scatterDensityKey,
    .scatterDensityCell(range: "2–4"), .scatterDotsCaption, .scatterDensityCaption,
    .mapAsImage(areas: "460.000", hoverable: "12"), .markdownFirstRows(shown: "200", total: "460.000", csv: "rates.csv"),
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
    }
  }
  public static let caseCount = 20
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
      "De \(areas) gebieden zijn als afbeelding getekend (te veel voor een vlak per gebied in deze pagina); \(hoverable) grote gebieden tonen hun waarde bij aanwijzen. Elk gebied met zijn waarde: de GeoPackage en GeoJSON in maps/."
    case .markdownFirstRows(let shown, let total, let csv):
      "De eerste \(shown) van \(total) rijen; elke rij staat in \(csv)."
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
      "The \(areas) areas are drawn as a picture (too many for a shape each in this page); \(hoverable) large areas show their value on pointing. Every area with its value: the GeoPackage and GeoJSON in maps/."
    case .markdownFirstRows(let shown, let total, let csv):
      "The first \(shown) of \(total) rows; every row is in \(csv)."
    }
  }
}
