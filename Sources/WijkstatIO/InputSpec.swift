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
  /// The options an input can be given with, as `--layer`/`--key` name them
  /// (`--layer reports=bron.meldingen`, `--layer indicators.gemeente=bron.ind`).
  public static let roles = [
    "areas", "reports", "population", "indicators", "achterstand", "lookup", "crosswalk",
  ]

  /// Applies `--layer` and `--key` values. Each value is one of
  ///
  /// - `NAME`: the boundary source (`--areas`; several need a level), as `areas=NAME`;
  /// - `LEVEL=NAME`: every input given at that level (boundaries and tables:
  ///   `--areas wijk=kaart.gpkg --indicators wijk=kaart.gpkg --layer wijk=wijken`);
  /// - `OPTION=NAME`: every input of one option (`--layer reports=bron.meldingen`);
  /// - `OPTION.LEVEL=NAME`: the inputs of that option at that level;
  ///
  /// the most specific one wins for each input whatever their order, so
  /// `--areas pc4=PG:… --layer pc4=bron.pc4 --reports pc4=PG:… --layer
  /// reports=bron.meldingen` reads the reports from `bron.meldingen` (QA Q4,
  /// session 6). The same selector twice, or a selector no input matches, is a
  /// usage error. Values already set (a project's) are kept.
  public func choosing(layers: [String], keys: [String]) throws -> InputSpec {
    var spec = self
    func usage(_ message: String) -> UserError {
      var error = UserError(message)
      error.isUsage = true
      return error
    }
    struct Selector: Hashable {
      var role: String?
      var level: AreaLevel?
    }
    func apply(_ values: [String], option: String, _ set: (inout TableInput, String) -> Void) throws
    {
      var chosen: [Selector: String] = [:]
      var order: [(Selector, String)] = []
      for value in values {
        var selector = Selector()
        var name = value
        if let eq = value.firstIndex(of: "=") {
          let prefix = String(value[..<eq])
          let rest = String(value[value.index(after: eq)...])
          let parts = prefix.split(separator: ".", maxSplits: 1).map(String.init)
          if prefix.isEmpty {
            throw usage(
              "\(option) \(value): give NAME, LEVEL=NAME, OPTION=NAME or OPTION.LEVEL=NAME")
          } else if let level = AreaLevel.named(prefix) {
            selector.level = level
            name = rest
          } else if Self.roles.contains(prefix) {
            selector.role = prefix
            name = rest
          } else if parts.count == 2, Self.roles.contains(parts[0]) {
            guard let level = AreaLevel.named(parts[1]) else {
              throw usage(
                "\(option) \(value): \"\(parts[1])\" is not a level; give OPTION.LEVEL=NAME with LEVEL one of \(AreaLevel.named.map(\.description).joined(separator: ", "))"
              )
            }
            selector = Selector(role: parts[0], level: level)
            name = rest
          }
        }
        guard !name.isEmpty else {
          throw usage("\(option) \(value): give NAME, LEVEL=NAME, OPTION=NAME or OPTION.LEVEL=NAME")
        }
        if let earlier = chosen[selector] {
          throw usage(
            "\(option) \(value): a second value for the same inputs (the first was \(earlier)); give each once"
          )
        }
        chosen[selector] = name
        order.append((selector, value))
      }
      guard !chosen.isEmpty else { return }
      if chosen[Selector()] != nil, spec.areas.count > 1 {
        let name = chosen[Selector()]!
        throw usage("\(option) \(name): several --areas; say which with LEVEL=\(name)")
      }
      var used = Set<Selector>()
      func update(_ inputs: inout [TableInput], role: String) {
        for i in inputs.indices {
          let level = inputs[i].level
          // A bare NAME is the boundaries' `areas=NAME`: before any LEVEL=NAME.
          var candidates = [Selector(role: role, level: level), Selector(role: role, level: nil)]
          if role == "areas" { candidates.append(Selector()) }
          if role != "lookup", role != "crosswalk", level != nil {
            candidates.append(Selector(role: nil, level: level))
          }
          guard let selector = candidates.first(where: { chosen[$0] != nil }) else { continue }
          set(&inputs[i], chosen[selector]!)
          used.insert(selector)
        }
      }
      update(&spec.areas, role: "areas")
      update(&spec.reports, role: "reports")
      update(&spec.population, role: "population")
      update(&spec.indicators, role: "indicators")
      update(&spec.achterstand, role: "achterstand")
      var lookup = spec.lookup.map { [$0] } ?? []
      update(&lookup, role: "lookup")
      spec.lookup = lookup.first
      var crosswalk = spec.crosswalk.map { [$0] } ?? []
      update(&crosswalk, role: "crosswalk")
      spec.crosswalk = crosswalk.first
      for (selector, value) in order where !used.contains(selector) {
        let what: String
        switch (selector.role, selector.level) {
        case (nil, nil): what = "under --areas"
        case (nil, let level?): what = "given at level \(level) (\(level)=FILE)"
        case (let role?, nil): what = "given with --\(role)"
        case (let role?, let level?): what = "given with --\(role) \(level)=FILE"
        }
        throw usage("\(option) \(value): no input \(what)")
      }
    }
    try apply(layers, option: "--layer") { if $0.layer == nil { $0.layer = $1 } }
    try apply(keys, option: "--key") { if $0.key == nil { $0.key = $1 } }
    return spec
  }
}
