import Foundation

/// Joins report counts, populations, indicators and achterstand flags to the
/// areas of each level and builds the area × year panel. Counts and populations
/// are summed upward (PC-4 → gemeente → region) and rates recomputed from the
/// sums; rates are never averaged. Missing stays missing.
public enum PanelBuilder {
  /// One value for each of the two count grids: reported and children.
  struct Grids<Value> {
    var reported: Value
    var children: Value
    func map<T>(_ transform: (Value) -> T) -> Grids<T> {
      Grids<T>(reported: transform(reported), children: transform(children))
    }
  }
  /// A table row's identity for duplicate detection: the interned key as written,
  /// the year, and a detail (age group, sex and kind of report, or indicator).
  struct RowIdentity: Hashable {
    var key: Int32
    var year: Int32
    var detail: Int
  }
  /// A parent's cell in `sumUp`: area id, year and age-group slot.
  struct ParentCell: Hashable {
    var parent: Int32
    var year: Int?
    var slot: Int
  }

  struct AreaYear: Hashable {
    var level: AreaLevel
    var code: String
    var year: Int?
  }
  /// A resolved table key: the interned areas it feeds, with weights.
  struct Target {
    var area: Int32
    var weight: Double
  }
  /// The keys of a table resolved once per distinct key: `rowKey[i]` indexes
  /// `targets` and `keys` (the key as written).
  struct ResolvedKeys {
    var level: AreaLevel
    var rowKey: [Int32]
    var targets: [[Target]]
    var keys: [String]
  }

  /// Which (key, year, bit) a table has had: a byte of flags per key and year, so
  /// finding a second row costs an index, not a hash (ten million rows at PC-6).
  struct SeenKeys {
    let keys: Int
    var years: [Int?] = []
    var flags: [[UInt8]] = []
    var last = -1
    init(keys: Int) { self.keys = keys }

    /// Marks the bit (0–7); false when it was marked already.
    mutating func insert(key: Int32, year: Int?, bit: Int) -> Bool {
      if last < 0 || years[last] != year {
        if let found = years.firstIndex(of: year) {
          last = found
        } else {
          years.append(year)
          flags.append([UInt8](repeating: 0, count: keys))
          last = years.count - 1
        }
      }
      let mask = UInt8(1) << bit
      if flags[last][Int(key)] & mask != 0 { return false }
      flags[last][Int(key)] |= mask
      return true
    }
  }

  public static func build(_ sources: PanelSources) throws -> PanelBuild {
    var state = State(sources: sources)
    // StatLine tables are read into the documented format first, and a region
    // column mixing levels is split into one table per level.
    for table in sources.reports {
      for part in try state.prepare(table, kind: .reports) {
        try state.readCounts(part, kind: .reports)
      }
    }
    for table in sources.population {
      for part in try state.prepare(table, kind: .population) {
        try state.readCounts(part, kind: .population)
      }
    }
    for table in sources.indicators {
      for part in try state.prepare(table, kind: .indicators) { try state.readIndicators(part) }
    }
    for table in sources.achterstand {
      for part in try state.prepare(table, kind: .achterstand) { try state.readAchterstand(part) }
    }
    return try state.finish()
  }

  struct State {
    // PanelBuilder's helper types by their short names, for State's extensions in
    // PanelBuilder+*.swift (an extension of State does not see PanelBuilder's members).
    typealias Grids<Value> = PanelBuilder.Grids<Value>
    typealias RowIdentity = PanelBuilder.RowIdentity
    typealias ParentCell = PanelBuilder.ParentCell
    typealias AreaYear = PanelBuilder.AreaYear
    typealias Target = PanelBuilder.Target
    typealias ResolvedKeys = PanelBuilder.ResolvedKeys
    typealias SeenKeys = PanelBuilder.SeenKeys

    let sources: PanelSources
    var catalogs: [AreaLevel: AreaCatalog]
    var report = JoinReport()
    /// Cells without a figure, per table, column, reason and code (in the order met).
    var missingValues: [MissingValueCount] = []
    var missingIndex: [MissingValueCount.Key: Int] = [:]
    /// Interned areas: (level, code) ↔ a small integer indexing the grids.
    var areaIDs: [AreaLevel: [String: Int32]] = [:]
    var areaTable: [(level: AreaLevel, code: String)] = []
    /// Counts per area, year and age group (slot `AgeGroup.index`).
    var reported = CellGrid<Double>(slots: 4)
    var children = CellGrid<Double>(slots: 4)
    var reportedOrigin = CellGrid<CellOrigin>(slots: 4)
    /// Table sources, indexed by `CellOrigin.source` (index 0 is unused).
    var originSources: [String] = [""]
    /// One grid per indicator (in `indicatorNames` order); year nil = every year.
    var indicators: [CellGrid<Double>] = []
    var indicatorIndex: [String: Int] = [:]
    var indicatorContributors: [AreaYear: [String: Set<String>]] = [:]
    var indicatorNames: [String] = []
    /// 1 achterstandswijk, 0 not; year nil = every year.
    var achterstand = CellGrid<Double>(slots: 1)
    var years: Set<Int> = []
    /// Levels whose areas are a table's own codes (no boundaries or lookup).
    var catalogsFromTables: Set<AreaLevel> = []
    /// Units named by StatLine report tables (`meldingen` from a topic `Meldingen`).
    var tableUnits: [String] = []
    /// Levels that got report counts straight from a table (not summed from below).
    var reportLevels: Set<AreaLevel> = []
    /// Levels that got a population straight from a table. Kept apart from
    /// `reportLevels`: counts per wijk beside children per buurt still get their
    /// wijk and gemeente children summed from the buurten.
    var populationLevels: Set<AreaLevel> = []
    /// Years whose counts or children are provisional (StatLine `2023*`), per
    /// level; a sum over a provisional figure is provisional too.
    var provisional: [AreaLevel: Set<Int>] = [:]
    /// The sums made, in order (from, to), for carrying `provisional` upward.
    var sumsMade: [(from: AreaLevel, to: AreaLevel)] = []
    /// The report-count sums made (to → from), and the levels of StatLine report tables.
    var reportsSummedFrom: [AreaLevel: AreaLevel] = [:]
    var statLineReportLevels: Set<AreaLevel> = []

    init(sources: PanelSources) {
      self.sources = sources
      self.catalogs = sources.catalogs
    }

    mutating func areaID(_ level: AreaLevel, _ code: String) -> Int32 {
      if let id = areaIDs[level]?[code] { return id }
      let id = Int32(areaTable.count)
      areaTable.append((level, code))
      areaIDs[level, default: [:]][code] = id
      return id
    }
    func existingID(_ level: AreaLevel, _ code: String) -> Int32? { areaIDs[level]?[code] }
    func describe(area: Int32, year: Int, group: AgeGroup) -> String {
      "\(areaTable[Int(area)].level) \(areaTable[Int(area)].code) \(year) \(group.rawValue)"
    }
  }
}
