import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// The input options shared by every command that joins data (`join`, `correlate`,
/// `contrast`, `rank`, `rates`, `spatial`, `map`); the same keys as the project file.
struct InputOptions: ParsableArguments {
  @Option(
    name: .customLong("areas"),
    help: ArgumentHelp(
      "Boundaries: FILE or LEVEL=FILE with LEVEL pc4, pc6, gemeente, wijk, buurt or a CBS region level (repeatable).",
      valueName: "source"))
  var areas: [String] = []

  @Option(
    help: ArgumentHelp(
      "Report counts: area,year,age_group,count (repeatable; LEVEL=FILE allowed).",
      valueName: "table"))
  var reports: [String] = []

  @Option(
    help: ArgumentHelp(
      "Child population: area,year,age_group,children (repeatable).", valueName: "table"))
  var population: [String] = []

  @Option(
    help: ArgumentHelp(
      "Kinderen in Tel indicators: area,year,<indicator>... or area,year,indicator,value (repeatable).",
      valueName: "table"))
  var indicators: [String] = []

  @Option(
    help: ArgumentHelp(
      "Achterstandswijk flags: area,year,achterstandswijk (repeatable).", valueName: "table"))
  var achterstand: [String] = []

  @Option(
    help: ArgumentHelp(
      "Area → gemeente / region lookup table (e.g. the CBS koppeltabel).", valueName: "table"))
  var lookup: String?

  @Option(
    help: ArgumentHelp(
      "Crosswalk from older codes or names to current codes: old,new,weight.", valueName: "table"))
  var crosswalk: String?

  @Option(
    help: ArgumentHelp(
      "Layer of a file with several (the Wijk- en Buurtkaart's gemeenten, wijken, buurten): NAME for --areas, or LEVEL=NAME for every input given at LEVEL (repeatable). By default the layer of the level asked for.",
      valueName: "layer"))
  var layer: [String] = []

  @Option(
    help: ArgumentHelp(
      "Key field or column: NAME for --areas, or LEVEL=NAME for every input given at LEVEL (repeatable). By default found from names and values.",
      valueName: "field"))
  var key: [String] = []

  @Flag(help: "Treat any key that does not match as an error.")
  var strict = false

  @Option(
    name: .customLong("where"),
    help: ArgumentHelp(
      "StatLine tables: the value to keep of a dimension besides region and period, DIMENSION=KEY (e.g. Geslacht=T001038; repeatable). Perioden=HJ01 keeps the first half years.",
      valueName: "dim=key"))
  var selections: [String] = []

  @Option(
    help: ArgumentHelp(
      "StatLine reports table: the topic holding the counts (e.g. Meldingen; matched without the _n suffix).",
      valueName: "topic"))
  var countColumn: String?

  @Option(
    help: ArgumentHelp(
      "StatLine population table: the topic holding the children.", valueName: "topic"))
  var childrenColumn: String?

  @Option(
    help: ArgumentHelp(
      "What the report counts count: kinderen (default), meldingen, adviezen, casussen, ...",
      valueName: "unit"))
  var unit: String?

  @Option(
    help: ArgumentHelp(
      "The ages the population table covers, as declared (default 0-17; e.g. \"0 tot 15\" for the Kerncijfers).",
      valueName: "band"))
  var populationAges: String?

  @Option(
    help: ArgumentHelp(
      "Half years, quarters and months: years (summed to complete years) or year-only (only the table's own year figures).",
      valueName: "mode"))
  var periods: TableOptions.PeriodMode = .years

  @Option(
    help: ArgumentHelp(
      "Numeric codes read as missing: CBS products kwb, kwb-2021, pc4, statline, cbs (all, the default), none, or numbers, comma-separated.",
      valueName: "list"))
  var specialValues: String = "cbs"

  @Flag(name: .shortAndLong, help: "No progress messages on stderr.")
  var quiet = false

  var spec: InputSpec {
    InputSpec(
      areas: areas.map(TableInput.init(parsing:)),
      reports: reports.map(TableInput.init(parsing:)),
      population: population.map(TableInput.init(parsing:)),
      indicators: indicators.map(TableInput.init(parsing:)),
      achterstand: achterstand.map(TableInput.init(parsing:)),
      lookup: lookup.map(TableInput.init(parsing:)),
      crosswalk: crosswalk.map(TableInput.init(parsing:)),
      strict: strict, tableOptions: tableOptions
    ).choosingOrAsGiven(layers: layer, keys: key)
  }

  /// The table options (checked in `validate`).
  var tableOptions: TableOptions {
    var options = TableOptions()
    options.specialValues =
      (try? SpecialValues(parsing: specialValues.split(separator: ",").map(String.init))) ?? .cbs
    for selection in selections {
      guard let eq = selection.firstIndex(of: "=") else { continue }
      options.selections[String(selection[..<eq])] = String(
        selection[selection.index(after: eq)...])
    }
    options.countColumn = countColumn
    options.childrenColumn = childrenColumn
    options.unit = unit
    options.populationAges = populationAges
    options.periods = periods
    return options
  }

  func validate() throws {
    do {
      _ = try SpecialValues(parsing: specialValues.split(separator: ",").map(String.init))
    } catch let error as UserError {
      throw ValidationError("--special-values: \(error.message)")
    }
    for selection in selections where !selection.contains("=") || selection.hasPrefix("=") {
      throw ValidationError("--where \(selection): give DIMENSION=KEY, e.g. Geslacht=T001038")
    }
    if let populationAges, AgeBand(parsing: populationAges) == nil {
      throw ValidationError(
        "--population-ages \(populationAges): not an age band such as 0-17 or \"0 tot 15\"")
    }
    do {
      _ = try InputSpec(
        areas: areas.map(TableInput.init(parsing:)),
        reports: reports.map(TableInput.init(parsing:)),
        population: population.map(TableInput.init(parsing:)),
        indicators: indicators.map(TableInput.init(parsing:)),
        achterstand: achterstand.map(TableInput.init(parsing:))
      ).choosing(layers: layer, keys: key)
    } catch let error as UserError {
      throw ValidationError(error.message)
    }
    if areas.isEmpty && reports.isEmpty {
      throw ValidationError("give at least --areas or --reports (see --help)")
    }
    let levels = AreaLevel.named.map(\.description).joined(separator: ", ")
    for text in areas {
      if let eq = text.firstIndex(of: "="), !text.hasPrefix("PG:"),
        AreaLevel.named(String(text[..<eq])) == nil, !text.contains(":")
      {
        throw ValidationError("--areas \(text): the level before '=' must be one of \(levels)")
      }
    }
    // `bogus=PG:…` or `bogus=meldingen.csv` (no file of the whole name): a
    // misspelt level, refused before any input is read (QA Q2, session 6).
    let tables: [(String, [String])] = [
      ("--areas", areas), ("--reports", reports), ("--population", population),
      ("--indicators", indicators),
      ("--achterstand", achterstand), ("--lookup", lookup.map { [$0] } ?? []),
      ("--crosswalk", crosswalk.map { [$0] } ?? []),
    ]
    for (option, texts) in tables {
      for text in texts {
        guard let eq = text.firstIndex(of: "="), !ConnectionString.isPostgres(text),
          AreaLevel.named(String(text[..<eq])) == nil
        else { continue }
        let rest = String(text[text.index(after: eq)...])
        if ConnectionString.isPostgres(rest)
          || (!FileManager.default.fileExists(atPath: text)
            && FileManager.default.fileExists(atPath: rest))
        {
          throw ValidationError(
            "\(option) \(Secrets.scrub(text)): \"\(text[..<eq])\" is not a level; the level before '=' must be one of \(levels)"
          )
        }
      }
    }
  }
}

extension InputSpec {
  /// `choosing`, checked already in `InputOptions.validate`.
  fileprivate func choosingOrAsGiven(layers: [String], keys: [String]) -> InputSpec {
    (try? choosing(layers: layers, keys: keys)) ?? self
  }
}
