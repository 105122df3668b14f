import WijkstatCore

/// One table input: a path (or connection string), optionally the level its keys
/// are at (`--indicators gemeente=FILE`) and a layer or sheet name.
public struct TableInput: Sendable, Equatable {
  public var path: String
  public var level: AreaLevel?
  public var layer: String?
  public init(path: String, level: AreaLevel? = nil, layer: String? = nil) {
    self.path = path
    self.level = level
    self.layer = layer
  }

  /// Parses `FILE` or `LEVEL=FILE` (LEVEL a named level: `pc4`, `gemeente`,
  /// `wijk`, `buurt`, `veiligthuisregio`, …; `AreaLevel.named`). A path that
  /// merely contains `=` (`PG:dbname=x`) is kept whole.
  public init(parsing text: String) {
    if let eq = text.firstIndex(of: "="), let level = AreaLevel.named(String(text[..<eq])) {
      self.init(path: String(text[text.index(after: eq)...]), level: level)
    } else {
      self.init(path: text)
    }
  }
}

/// Every input of an analysis, as named on the command line or in a project file.
public struct InputSpec: Sendable, Equatable {
  /// Boundary sources; the level is given or detected from the key.
  public var areas: [TableInput]
  public var reports: [TableInput]
  public var population: [TableInput]
  public var indicators: [TableInput]
  public var achterstand: [TableInput]
  /// Area → gemeente / region table (e.g. the CBS koppeltabel).
  public var lookup: TableInput?
  /// Old code or name → new code, weight.
  public var crosswalk: TableInput?
  /// Any unmatched key is an error.
  public var strict: Bool

  public init(
    areas: [TableInput] = [], reports: [TableInput] = [], population: [TableInput] = [],
    indicators: [TableInput] = [], achterstand: [TableInput] = [], lookup: TableInput? = nil,
    crosswalk: TableInput? = nil, strict: Bool = false
  ) {
    self.areas = areas
    self.reports = reports
    self.population = population
    self.indicators = indicators
    self.achterstand = achterstand
    self.lookup = lookup
    self.crosswalk = crosswalk
    self.strict = strict
  }
}
