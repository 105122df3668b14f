import WijkstatCore

/// One table input: a path (or connection string), optionally the level its keys
/// are at (`--indicators gemeente=FILE`) and a layer or sheet name.
public struct TableInput: Sendable, Equatable {
  public var path: String
  public var level: AreaLevel?
  public var layer: String?
  /// The key field or column (`--key`); by default found from names and values.
  public var key: String?
  public init(path: String, level: AreaLevel? = nil, layer: String? = nil, key: String? = nil) {
    // A password in a `PG:` string is kept out of every message from here on.
    Secrets.register(source: path)
    self.path = path
    self.level = level
    self.layer = layer
    self.key = key
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
  /// CBS special values, StatLine dimensions and topics, unit, periods.
  public var tableOptions = TableOptions()

  public init(
    areas: [TableInput] = [], reports: [TableInput] = [], population: [TableInput] = [],
    indicators: [TableInput] = [], achterstand: [TableInput] = [], lookup: TableInput? = nil,
    crosswalk: TableInput? = nil, strict: Bool = false, tableOptions: TableOptions = TableOptions()
  ) {
    self.tableOptions = tableOptions
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

extension InputSpec {
  /// Applies `--layer` and `--key` values: `LEVEL=NAME` to every input given at
  /// that level (boundaries and tables: `--areas wijk=kaart.gpkg --indicators
  /// wijk=kaart.gpkg --layer wijk=wijken`), a bare `NAME` to the boundary
  /// sources (`--areas`). Values already set (a project's) are kept.
  public func choosing(layers: [String], keys: [String]) throws -> InputSpec {
    var spec = self
    func apply(_ values: [String], option: String, _ set: (inout TableInput, String) -> Void) throws {
      for value in values {
        var level: AreaLevel? = nil
        var name = value
        if let eq = value.firstIndex(of: "="), let parsed = AreaLevel.named(String(value[..<eq])) {
          level = parsed
          name = String(value[value.index(after: eq)...])
        }
        guard !name.isEmpty else { throw UserError("\(option) \(value): give NAME or LEVEL=NAME") }
        func update(_ inputs: inout [TableInput]) -> Int {
          var count = 0
          for i in inputs.indices where level == nil || inputs[i].level == level {
            set(&inputs[i], name)
            count += 1
          }
          return count
        }
        var used = update(&spec.areas)
        if level != nil {
          used += update(&spec.reports) + update(&spec.population) + update(&spec.indicators)
            + update(&spec.achterstand)
        } else if spec.areas.count > 1 {
          throw UserError("\(option) \(value): several --areas; say which with LEVEL=\(name)")
        }
        guard used > 0 else {
          throw UserError(
            "\(option) \(value): no input \(level.map { "given at level \($0) (\($0)=FILE)" } ?? "under --areas")")
        }
      }
    }
    try apply(layers, option: "--layer") { if $0.layer == nil { $0.layer = $1 } }
    try apply(keys, option: "--key") { if $0.key == nil { $0.key = $1 } }
    return spec
  }
}
