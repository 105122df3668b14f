import Foundation
import WijkstatCore

/// A wijkstat project: inputs, region sets, analyses, suppression and maps, read
/// from a YAML file. Paths are relative to the project file. Every unknown key,
/// missing file or wrong type is reported with file, line and key before any work.
public struct Project: Sendable {
  public var file: String
  public var title: String
  public var inputs: InputSpec
  /// Named sets of gemeente codes (e.g. `speerpuntgemeenten`).
  public var regions: [String: [String]]
  public var years: [Int]?
  public var analyses: AnalysisSettings
  public var suppression: SuppressionSettings
  public var maps: [MapSpec]
  /// `nl` (default) or `en`.
  public var language: ReportLanguage
  /// The title of an English report (`title_en`); `title` when absent.
  public var titleEnglish: String?
  /// Names people read for indicator columns (`labels:`), beside the standard ones.
  public var labels = IndicatorLabels()
  /// `.dutchSpreadsheet`: also write the tables as Dutch-locale CSV (`;`, decimal comma) in
  /// `tables-nl/` (`csv_dialect:`, or `wijkstat run --csv-dialect nl`).
  public var csvDialect: CSVDialect = .machine
  /// The map files the project names (inputs too: never written to).
  public var mapFiles: [String] = []
  /// `publish: {connection: "PG:…", schema: NAME}`: where `run` publishes into
  /// PostgreSQL/PostGIS (README, "PostgreSQL and PostGIS"); `--publish` and
  /// `--schema` override it.
  public var publish: PublishTarget?

  /// The tables' CSV: as machines read it only, or also in the Dutch spreadsheet
  /// locale (`;` between cells, decimal comma) in `tables-nl/` (`nl`: a locale,
  /// not the report's language, which `language:` chooses).
  public enum CSVDialect: String, Sendable, CaseIterable {
    case dutchSpreadsheet = "nl"
    case machine
  }

  public struct PublishTarget: Sendable, Equatable {
    public var connection: String
    public var schema: String
    public init(connection: String, schema: String) {
      self.connection = connection
      self.schema = schema
    }
  }

  public struct AnalysisSettings: Sendable, Equatable {
    public var correlationLevels: [AreaLevel] = [.gemeente, .wijk, .buurt, .pc4]
    /// Region set for Tabel 4.
    public var contrastWithin: String?
    public var rankLevel: AreaLevel = .gemeente
    public var rankYear: Int?
    public var rankTop = 50
    public var rankBottom = 50
    /// nil: the finest level with boundaries (`DefaultLevel`), so a wijk or buurt
    /// project needs no `spatial: {level: buurt}`.
    public var spatialLevel: AreaLevel?
    /// Queen, rook, knn or a weights file (its path resolved from the project's folder).
    public var weights = WeightsKind.queen
    public var neighbours = 6
    public var permutations = 999
    public var seed: UInt64 = 12345
    /// Permutation p convention and LISA cluster rule (spatial: alternative,
    /// cluster_rule, alpha).
    public var spatialOptions = SpatialAnalysis.Options()
    /// `analyses.model`: the count models (nil: none). Their permutations and
    /// seed are the spatial ones.
    public var model: ModelSettings?
    public init() {}
  }

  /// `analyses.model: {level, years, indicators, family, robust,
  /// achterstandswijk, gemeente_effects, pooled}`.
  public struct ModelSettings: Sendable, Equatable {
    public var level: AreaLevel = .pc4
    public var years: [Int]?
    public var options = CountModelAnalysis.Options()
    public init() {}
  }

  public struct SuppressionSettings: Sendable, Equatable {
    public var enabled = true
    /// Counts below this are withheld (default 5).
    public var minimumCount = 5
    /// Rates of areas with fewer children are withheld (default 50).
    public var minimumChildren = 50
    public init() {}
  }

  /// The title in the report's language.
  public var reportTitle: String { language == .en ? titleEnglish ?? title : title }

  /// Years a project may name.
  static let yearRange = 1900...2100

  static let topKeys = [
    "title", "inputs", "regions", "years", "analyses", "suppression", "maps", "language",
    "title_en", "labels", "csv_dialect", "publish",
  ]
  static let inputKeys = [
    "areas", "reports", "population", "indicators", "achterstand", "lookup", "crosswalk", "strict",
    "special_values", "where", "count_column", "children_column", "unit", "population_ages",
    "periods",
  ]
  static let analysisKeys = ["correlate", "contrast", "rank", "spatial", "model"]

  /// The table options under `inputs:` (the same as the command-line options).
  static func tableOptions(_ m: [String: YAMLValue]) throws -> TableOptions {
    var options = TableOptions()
    if let value = m["special_values"] {
      // `none`, one product, or a list of products and codes.
      let items = value.node.sequence != nil ? try value.strings() : [try value.string()]
      do { options.specialValues = try SpecialValues(parsing: items) } catch let error as UserError
      {
        throw value.error(error.message)
      }
    }
    if let value = m["where"] {
      for (dimension, selected) in try value.freeMapping() {
        options.selections[dimension] = try selected.string()
      }
    }
    options.countColumn = try m["count_column"]?.string()
    options.childrenColumn = try m["children_column"]?.string()
    options.unit = try m["unit"]?.string()
    if let value = m["population_ages"] {
      let text = try value.string()
      guard AgeBand(parsing: text) != nil else {
        throw value.error("\"\(text)\" is not an age band such as 0-17 or 0-15")
      }
      options.populationAges = text
    }
    if let value = m["periods"] {
      let text = try value.string()
      guard let mode = TableOptions.PeriodMode(rawValue: text) else {
        throw value.error(
          "periods must be \(TableOptions.PeriodMode.allCases.map(\.rawValue).joined(separator: " or "))"
        )
      }
      options.periods = mode
    }
    return options
  }

  public static func load(file: String) throws -> Project {
    let root = try YAMLValue.load(file: file)
    let folder = URL(fileURLWithPath: file).absoluteURL.deletingLastPathComponent()
    let top = try root.mapping(allowed: topKeys)

    /// Resolves a path relative to the project file and checks it exists.
    func resolve(_ value: YAMLValue, _ given: String? = nil) throws -> String {
      let text = try given ?? value.string()
      if BoundaryReader.looksLikeConnection(text) { return text }
      let path = text.hasPrefix("/") ? text : folder.appendingPathComponent(text).standardized.path
      guard FileManager.default.fileExists(atPath: path) else {
        throw value.error("no such file: \(path)")
      }
      return path
    }
    func tableInputs(_ value: YAMLValue?) throws -> [TableInput] {
      guard let value else { return [] }
      // Either a list of FILE / LEVEL=FILE, or a mapping LEVEL: FILE.
      if value.node.mapping != nil {
        return try value.freeMapping().map { level, path in
          guard let named = AreaLevel.named(level) else {
            throw path.error(
              "level must be one of \(AreaLevel.named.map(\.description).joined(separator: ", ")), not \"\(level)\""
            )
          }
          return try input(path, level: named)
        }
      }
      return try value.list().map { item in
        if item.node.mapping != nil { return try input(item, level: nil) }
        let parsed = TableInput(parsing: try item.string())
        return TableInput(path: try resolve(item, parsed.path), level: parsed.level)
      }
    }
    /// `FILE`, or `{path: FILE, layer: NAME, key: FIELD, level: LEVEL}` (layer and
    /// key as `--layer` and `--key`).
    func input(_ value: YAMLValue, level: AreaLevel?) throws -> TableInput {
      guard value.node.mapping != nil else {
        return TableInput(path: try resolve(value), level: level)
      }
      let m = try value.mapping(
        allowed: level == nil ? ["path", "layer", "key", "level"] : ["path", "layer", "key"])
      guard let path = m["path"] else { throw value.error("give the file as path:") }
      var given = level
      if let text = m["level"] {
        guard let named = AreaLevel.named(try text.string()) else {
          throw text.error(
            "level must be one of \(AreaLevel.named.map(\.description).joined(separator: ", "))")
        }
        given = named
      }
      return TableInput(
        path: try resolve(path), level: given, layer: try m["layer"]?.string(),
        key: try m["key"]?.string())
    }

    var inputs = InputSpec()
    if let value = top["inputs"] {
      let m = try value.mapping(allowed: inputKeys)
      inputs.areas = try tableInputs(m["areas"])
      inputs.reports = try tableInputs(m["reports"])
      inputs.population = try tableInputs(m["population"])
      inputs.indicators = try tableInputs(m["indicators"])
      inputs.achterstand = try tableInputs(m["achterstand"])
      // One table: FILE, or {path:, layer:, key:} (a database table, QA Q11, session 6).
      func single(_ value: YAMLValue?) throws -> TableInput? {
        if let value, value.node.mapping != nil,
          try value.freeMapping().contains(where: { $0.0 == "path" })
        {
          return try input(value, level: nil)
        }
        return try tableInputs(value).first
      }
      inputs.lookup = try single(m["lookup"])
      inputs.crosswalk = try single(m["crosswalk"])
      inputs.strict = try m["strict"]?.bool() ?? false
      inputs.tableOptions = try tableOptions(m)
    } else {
      throw root.error("a project needs an inputs section")
    }

    var regions: [String: [String]] = [:]
    if let value = top["regions"] {
      for (name, members) in try value.freeMapping() {
        regions[name] = try members.strings().map { raw in
          guard let code = AreaKey.gemeenteCode(raw) else {
            throw members.error("\"\(raw)\" is not a gemeente code (GM0505, 0505 or 505)")
          }
          return code
        }
      }
    }

    var analyses = AnalysisSettings()
    if let value = top["analyses"] {
      let m = try value.mapping(allowed: analysisKeys)
      if let c = m["correlate"] {
        let cm = try c.mapping(allowed: ["levels"])
        if let levels = cm["levels"] {
          analyses.correlationLevels = try levels.list().map { try $0.checkedLevel() }
        }
      }
      if let c = m["contrast"] {
        let cm = try c.mapping(allowed: ["within"])
        if let within = cm["within"] {
          let name = try within.string()
          guard regions[name] != nil else {
            throw within.error("no region set \"\(name)\" under regions")
          }
          analyses.contrastWithin = name
        }
      }
      if let r = m["rank"] {
        let rm = try r.mapping(allowed: ["level", "year", "top", "bottom"])
        if let level = rm["level"] { analyses.rankLevel = try level.checkedLevel() }
        analyses.rankYear = try rm["year"]?.int(in: Self.yearRange)
        analyses.rankTop = try rm["top"]?.int(in: 1...1_000_000) ?? analyses.rankTop
        analyses.rankBottom = try rm["bottom"]?.int(in: 1...1_000_000) ?? analyses.rankBottom
      }
      if let s = m["spatial"] {
        let sm = try s.mapping(allowed: [
          "level", "weights", "neighbours", "permutations", "seed", "alternative", "cluster_rule",
          "alpha",
        ])
        if let level = sm["level"] { analyses.spatialLevel = try level.checkedLevel() }
        if let weights = sm["weights"] {
          let name = try weights.string()
          guard let kind = WeightsKind(name: name) else {
            throw weights.error(WeightsKind.unknown(name))
          }
          analyses.weights = kind.file == nil ? kind : .file(try resolve(weights))
        }
        analyses.neighbours = try sm["neighbours"]?.int(in: 1...100) ?? analyses.neighbours
        analyses.permutations = try sm["permutations"]?.int(in: 0...99_999) ?? analyses.permutations
        if let seed = sm["seed"] { analyses.seed = UInt64(try seed.int(in: 0...Int.max)) }
        if let value = sm["alternative"] {
          guard let alternative = PermutationAlternative(rawValue: try value.string()) else {
            throw value.error("alternative must be two-sided, greater, lesser or directed")
          }
          analyses.spatialOptions.alternative = alternative
        }
        if let value = sm["cluster_rule"] {
          guard let rule = ClusterRule(rawValue: try value.string()) else {
            throw value.error("cluster_rule must be fdr, p or bonferroni")
          }
          analyses.spatialOptions.clusterRule = rule
        }
        if let value = sm["alpha"] {
          let alpha = try value.double()
          guard alpha > 0, alpha < 1 else { throw value.error("alpha must lie between 0 and 1") }
          analyses.spatialOptions.alpha = alpha
        }
      }
    }

    if let value = top["analyses"], let model = try value.mapping(allowed: analysisKeys)["model"] {
      var settings = ModelSettings()
      let mm = try model.mapping(allowed: [
        "level", "years", "indicators", "family", "robust", "achterstandswijk", "gemeente_effects",
        "pooled",
      ])
      if let level = mm["level"] { settings.level = try level.checkedLevel() }
      if let years = mm["years"] {
        settings.years = try years.list().map { try $0.int(in: Self.yearRange) }
      }
      if let indicators = mm["indicators"] {
        settings.options.indicators = try indicators.strings()
      }
      if let value = mm["family"] {
        guard let family = CountModelAnalysis.FamilyChoice(rawValue: try value.string()) else {
          throw value.error("family must be auto, poisson or nb2")
        }
        settings.options.family = family
      }
      settings.options.robust = try mm["robust"]?.bool() ?? false
      settings.options.achterstandswijk = try mm["achterstandswijk"]?.bool() ?? false
      settings.options.gemeenteEffects = try mm["gemeente_effects"]?.bool() ?? false
      settings.options.pooled = try mm["pooled"]?.bool() ?? false
      settings.options.permutations = analyses.permutations
      settings.options.seed = analyses.seed
      analyses.model = settings
    }

    var suppression = SuppressionSettings()
    if let value = top["suppression"] {
      let m = try value.mapping(allowed: ["enabled", "minimum_count", "minimum_children"])
      suppression.enabled = try m["enabled"]?.bool() ?? true
      // Turning disclosure control off is `enabled: false` and nothing else.
      suppression.minimumCount =
        try m["minimum_count"]?.int(
          in: 1...Int.max, hint: "; enabled: false turns disclosure control off")
        ?? suppression.minimumCount
      suppression.minimumChildren =
        try m["minimum_children"]?.int(in: 0...Int.max) ?? suppression.minimumChildren
    }

    var maps: [MapSpec] = []
    var mapFiles: [String] = []
    if let value = top["maps"] {
      var names: [String: YAMLValue] = [:]
      for item in try value.list() {
        if item.node.mapping != nil {
          maps.append(try MapSpec.parse(item, defaultName: "map\(maps.count + 1)"))
        } else {
          let path = try resolve(item)
          mapFiles.append(path)
          maps.append(try MapSpec.load(file: path))
        }
        // File names: two maps of one name (or of names differing only in
        // case) would write over each other's files.
        let key = maps.last!.name.lowercased()
        if let first = names[key] {
          throw item.error(
            "two maps are named \"\(maps.last!.name)\" (the first at line \(first.line)); give each map its own name"
          )
        }
        names[key] = item
      }
      for map in maps {
        if let within = map.within, regions[within] == nil {
          throw value.error("map \"\(map.name)\": no region set \"\(within)\" under regions")
        }
      }
    }

    let languageCode = try top["language"]?.string() ?? "nl"
    guard let language = ReportLanguage(rawValue: languageCode) else {
      throw top["language"]!.error("language must be nl or en")
    }
    var project = Project(
      file: file, title: try top["title"]?.string() ?? "wijkstat", inputs: inputs, regions: regions,
      years: try top["years"].map { node in try node.list().map { try $0.int(in: Self.yearRange) }
      },
      analyses: analyses, suppression: suppression, maps: maps, language: language)
    project.mapFiles = mapFiles
    project.titleEnglish = try top["title_en"]?.string()
    if let value = top["csv_dialect"] {
      let code = try value.string()
      guard let dialect = CSVDialect(rawValue: code) else {
        throw value.error("csv_dialect must be nl or machine, not \"\(code)\"")
      }
      project.csvDialect = dialect
    }
    if let value = top["labels"] {
      // `kinderen_in_armoede: "Kinderen in armoede (%)"` or `{nl: …, en: …}`.
      for (column, label) in try value.freeMapping() {
        if label.node.mapping != nil {
          var texts: [String: String] = [:]
          for (language, text) in try label.mapping(allowed: ["nl", "en"]) {
            texts[language] = try text.string()
          }
          project.labels.custom[column] = texts
        } else {
          project.labels.custom[column] = ["*": try label.string()]
        }
      }
    }
    if let value = top["publish"] {
      let m = try value.mapping(allowed: ["connection", "schema"])
      guard let connection = try m["connection"]?.string(), ConnectionString.isPostgres(connection)
      else {
        throw value.error("publish needs connection: \"PG:…\" (a PostgreSQL connection string)")
      }
      Secrets.register(source: connection)
      guard let schema = try m["schema"]?.string() else {
        throw value.error("publish needs schema: NAME")
      }
      if let problem = SQLText.problem(with: schema) {
        throw m["schema"]!.error("the schema name \(problem)")
      }
      project.publish = PublishTarget(connection: connection, schema: schema)
    }
    return project
  }
}
