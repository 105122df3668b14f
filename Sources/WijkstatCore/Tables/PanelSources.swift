import Foundation

/// A table with the level it was given at (`--indicators gemeente=FILE`), if any.
public struct LevelledTable: Sendable {
  public var table: RawTable
  public var level: AreaLevel?
  /// The key column named by the user (`--key`), else found by `TableSchema`.
  public var keyColumn: String?
  public init(_ table: RawTable, level: AreaLevel? = nil, keyColumn: String? = nil) {
    self.table = table
    self.level = level
    self.keyColumn = keyColumn
  }
}

/// A region level built from gemeenten (province, veiligheidsregio, a user's set).
public struct RegionDefinition: Sendable {
  public var name: String
  /// gemeente code → region code (every year, or the years `byYear` lacks).
  public var regionOf: [String: String]
  /// region code → display name.
  public var names: [String: String]
  /// gemeente code → region code per year, from a lookup with a `jaar` column
  /// (a gemeente that moves to another Veilig Thuis region counts in the region
  /// of each year). Empty: `regionOf` holds for every year.
  public var byYear: [Int: [String: String]]
  public init(
    name: String, regionOf: [String: String], names: [String: String] = [:],
    byYear: [Int: [String: String]] = [:]
  ) {
    self.name = name
    self.regionOf = regionOf
    self.names = names
    self.byYear = byYear
  }

  /// The assignment of `year`: the lookup's rows of that year; for a year the
  /// lookup does not list, those of the latest listed year before it, else of
  /// the first listed year; `regionOf` without years.
  public func regionOf(year: Int?) -> [String: String] {
    guard !byYear.isEmpty else { return regionOf }
    let listed = byYear.keys.sorted()
    guard let year else { return regionOf }
    let chosen = listed.last { $0 <= year } ?? listed[0]
    return byYear[chosen]!
  }

  /// Every region code of any year.
  public var allRegions: [String] {
    Array(Set(regionOf.values).union(byYear.values.flatMap(\.values))).sorted()
  }
  /// The level: a CBS region level when the name is one (`provincie`,
  /// `veiligheidsregio`, `vt`), else a user region of that name.
  public var level: AreaLevel { AreaLevel(regionNamed: name) ?? .region(name) }
}

/// Everything the panel is built from, already read from disk.
public struct PanelSources: Sendable {
  public var catalogs: [AreaLevel: AreaCatalog]
  public var reports: [LevelledTable]
  public var population: [LevelledTable]
  public var indicators: [LevelledTable]
  public var achterstand: [LevelledTable]
  /// PC-4 → gemeente code, from a lookup table or the area overlay.
  public var pc4ToGemeente: [String: String]
  public var regions: [RegionDefinition]
  public var crosswalk: Crosswalk?
  /// How the tables are read: CBS special values read as missing (`-99997`,
  /// every CBS product's by default), StatLine dimensions, topics, unit, periods.
  public var options = TableOptions()

  public init(
    catalogs: [AreaLevel: AreaCatalog] = [:], reports: [LevelledTable] = [],
    population: [LevelledTable] = [], indicators: [LevelledTable] = [],
    achterstand: [LevelledTable] = [], pc4ToGemeente: [String: String] = [:],
    regions: [RegionDefinition] = [], crosswalk: Crosswalk? = nil,
    options: TableOptions = TableOptions()
  ) {
    self.options = options
    self.catalogs = catalogs
    self.reports = reports
    self.population = population
    self.indicators = indicators
    self.achterstand = achterstand
    self.pc4ToGemeente = pc4ToGemeente
    self.regions = regions
    self.crosswalk = crosswalk
  }
}

/// The joined panel with its join report.
public struct PanelBuild: Sendable {
  public var panel: Panel
  public var report: JoinReport
  /// The region levels the panel was built with (lookup, overlay, region sets):
  /// the disclosure check links each gemeente to its region through them.
  public var regions: [RegionDefinition] = []
  /// Per level whose report counts wijkstat summed from another level, that
  /// level (the rest got theirs from a table); and the levels whose counts came
  /// from a StatLine table. CountSources (the disclosure check's sums) is made from these.
  public var reportsSummedFrom: [AreaLevel: AreaLevel] = [:]
  public var statLineReportLevels: Set<AreaLevel> = []
}
