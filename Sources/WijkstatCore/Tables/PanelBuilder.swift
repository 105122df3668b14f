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
  /// PC-4 → gemeente still being computed (the area overlay): asked for only
  /// when PC-4 counts are summed to gemeenten, after the tables are read.
  /// Takes the place of `pc4ToGemeente` when given.
  public var pc4ToGemeenteLater: (@Sendable () throws -> [String: String])?
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
    pc4ToGemeenteLater: (@Sendable () throws -> [String: String])? = nil,
    options: TableOptions = TableOptions()
  ) {
    self.options = options
    self.pc4ToGemeenteLater = pc4ToGemeenteLater
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

    // MARK: StatLine

    /// A table as CBS publishes it, in the documented format, split by the
    /// region level of its keys; any other table as it is.
    mutating func prepare(_ levelled: LevelledTable, kind: TableKind) throws -> [LevelledTable] {
      guard
        let prepared = try StatLineTable.prepare(
          levelled.table, kind: kind, options: sources.options)
      else {
        return [levelled]
      }
      report.notes += prepared.notes
      if kind == .reports, let unit = prepared.unit { tableUnits.append(unit) }
      let parts = split(prepared.table, given: levelled.level)
      if kind == .reports { statLineReportLevels.formUnion(parts.compactMap(\.level)) }
      // Provisional figures (`2023*`) of counts and children: per level and year.
      if kind == .reports || kind == .population, !prepared.provisionalYears.isEmpty {
        for part in parts {
          if let level = part.level {
            provisional[level, default: []].formUnion(prepared.provisionalYears)
          }
        }
      }
      return parts
    }

    /// Rows of each region level into a table of their own (`RegioS` mixes NL01,
    /// LD, PV, GM and VT rows). A level the run has no areas for is listed in the
    /// join report with its count and a few keys, never used silently.
    mutating func split(_ table: RawTable, given: AreaLevel?) -> [LevelledTable] {
      var byLevel: [AreaLevel?: [Int]] = [:]
      var order: [AreaLevel?] = []
      for i in 0..<table.rows.count {
        let level = given ?? RegionKey.level(of: table.rows.cell(i, 0))
        if byLevel[level] == nil { order.append(level) }
        byLevel[level, default: []].append(i)
      }
      if order.count == 1 { return [LevelledTable(table, level: given ?? order[0])] }
      var parts: [LevelledTable] = []
      for level in order {
        let members = byLevel[level]!
        let keys = Array(Set(members.map { table.rows.cell($0, 0) })).sorted()
        let column = table.columns[0]
        // A region level of the lookup (veiligthuisregio) has areas too: 84847NED's
        // VT rows are the published figure and are used as such.
        guard let level,
          level == .gemeente || catalogs[level] != nil
            || sources.regions.contains(where: { $0.level == level })
        else {
          report.notes.append(
            JoinNote(
              table: table.source, level: level, subject: "region keys",
              message: .noteRegionKeysNotUsed(
                rows: members.count, keys: keys.count, level: level.map { "\($0)" },
                list: StatLineTable.list(keys), noCode: level == nil)))
          continue
        }
        _ = column
        let rows = members.map { i in table.rows[i].cells }
        parts.append(
          LevelledTable(
            RawTable(
              source: table.source, columns: table.columns, rows: rows,
              lineNumbers: members.map { table.lineNumbers[$0] }), level: level))
      }
      return parts
    }

    // MARK: keys

    /// Resolves the key column of a table to areas of one level and records the
    /// join summary and issues. Each distinct key is resolved once.
    mutating func resolve(_ levelled: LevelledTable, schema: TableSchema, kind: TableKind)
      throws -> ResolvedKeys
    {
      let table = levelled.table
      let column = table.columns[schema.area]
      // Distinct keys first (with the province, when the table has one), each
      // with its first row and number of rows; every row gets its key's id.
      var keyIndex: [String: Int32] = [:]
      var distinct: [(raw: String, province: String, firstRow: Int, rows: Int)] = []
      var rowKey: [Int32] = []
      rowKey.reserveCapacity(table.rows.count)
      // Tables list an area's rows together: a key equal to the previous row's
      // (compared as bytes) needs no string and no hash.
      var previous: [UInt8] = []
      var previousID: Int32 = -1
      for index in 0..<table.rows.count {
        if schema.province == nil, previousID >= 0,
          table.rows.withCellBytes(index, schema.area, { $0.elementsEqual(previous) })
        {
          rowKey.append(previousID)
          distinct[Int(previousID)].rows += 1
          continue
        }
        let raw = table.rows.cell(index, schema.area)
        let province = schema.province.map { table.rows.cell(index, $0) } ?? ""
        let cacheKey = province.isEmpty ? raw : raw + "\u{1}" + province
        let id: Int32
        if let known = keyIndex[cacheKey] {
          id = known
          distinct[Int(id)].rows += 1
        } else {
          id = Int32(distinct.count)
          keyIndex[cacheKey] = id
          distinct.append((raw, province, index, 1))
        }
        rowKey.append(id)
        previous = Array(raw.utf8)
        previousID = id
      }
      let values = distinct.map(\.raw)
      /// Share of the table's rows whose key satisfies `test`.
      func rowsWhere(_ test: (String) -> Bool) -> Int {
        distinct.reduce(0) { $0 + (test($1.raw) ? $1.rows : 0) }
      }
      var keyKind = AreaKey.detectKind(fieldName: column, values: values)
      if keyKind == nil {
        let isPresent = { (value: String) in !value.trimmingCharacters(in: .whitespaces).isEmpty }
        let present = rowsWhere(isPresent)
        let lettered = rowsWhere { isPresent($0) && $0.contains(where: \.isLetter) }
        if present > 0, Double(lettered) >= 0.8 * Double(present),
          levelled.level == nil || levelled.level == .gemeente
        {
          keyKind = .gemeenteName
        } else if let level = levelled.level {
          // The level given says which codes the column holds (a user region has
          // no codes of its own: its keys are read as gemeente codes, as before).
          keyKind = AreaKeyKind.code(of: level) ?? .gemeenteCode
        } else {
          // Most keys are codes of the areas given: that settles it, and the rest
          // are reported one by one.
          for (kind, level) in [
            (AreaKeyKind.pc4, AreaLevel.pc4), (.gemeenteCode, .gemeente), (.wijkCode, .wijk),
            (.buurtCode, .buurt),
          ] {
            guard let catalog = catalogs[level], present > 0 else { continue }
            let known = rowsWhere {
              isPresent($0) && (AreaKey.normalise($0, as: kind).map(catalog.contains) ?? false)
            }
            if Double(known) >= 0.5 * Double(present) {
              keyKind = kind
              break
            }
          }
        }
      }
      guard var keyKind else {
        let sample = Array(Set(values.prefix(50))).sorted().prefix(3).joined(separator: ", ")
        throw UserError(
          "cannot tell which areas column \"\(column)\" holds (values like \(sample)); give the level as LEVEL=FILE",
          source: table.source, location: "line 1")
      }
      // PC-6 keys in a table for PC-4 areas are summed to their PC-4.
      if keyKind == .pc6, catalogs[.pc6] == nil, levelled.level == nil || levelled.level == .pc4,
        catalogs[.pc4] != nil || levelled.level == .pc4
      {
        keyKind = .pc4
      }
      if let given = levelled.level, given != keyKind.level {
        throw UserError(
          "given as \(given) table, but column \"\(column)\" holds \(keyKind.rawValue) keys",
          source: table.source, location: "line 1")
      }
      let level = keyKind.level
      // A CBS region level of the lookup (veiligthuisregio) knows its areas: a VT
      // table is joined against them.
      if catalogs[level] == nil, level.isRegion,
        let region = sources.regions.first(where: { $0.level == level })
      {
        catalogs[level] = AreaCatalog(
          level: level, codes: region.allRegions, names: region.names, source: "lookup")
      }
      // Without boundaries for the level, the table's own valid codes are the areas.
      if catalogs[level] == nil {
        guard keyKind != .gemeenteName else {
          throw UserError(
            "gemeente names can only be matched against gemeente boundaries or a lookup table; give --areas gemeente=FILE or --lookup",
            source: table.source)
        }
        let codes = Array(Set(values.compactMap { AreaKey.normalise($0, as: keyKind) })).sorted()
        catalogs[level] = AreaCatalog(level: level, codes: codes, source: table.source)
        catalogsFromTables.insert(level)
      }
      let catalog = catalogs[level]!
      let matcher = keyKind == .gemeenteName ? GemeenteNameMatcher(catalog) : nil
      var resolved = ResolvedKeys(level: level, rowKey: rowKey, targets: [], keys: [])
      resolved.targets.reserveCapacity(distinct.count)
      var matchedAreas = Set<String>()
      var unused = 0
      for (rawCell, province, firstRow, _) in distinct {
        let raw = CellParser.trimmed(rawCell)
        let location = "\(table.source) line \(table.lineNumbers[firstRow])"
        var found: [Crosswalk.Target] = []
        var crosswalkIssued = false
        func issue(_ reason: JoinIssue.Reason, _ suggestion: String = "") {
          report.issues.append(
            JoinIssue(
              level: level, side: .table, key: raw, reason: reason, suggestion: suggestion,
              source: location))
        }
        func viaCrosswalk(_ key: String) -> [Crosswalk.Target]? {
          // Veilig Thuis regions of 2020–2022 in the 2023 indeling (VT16, VT26 → VT27).
          let builtIn: [Crosswalk.Target]? =
            level == .veiligthuisregio
            ? VeiligThuisRegions.in2023(key).flatMap {
              $0 == key ? nil : [Crosswalk.Target(code: $0, weight: 1)]
            }
            : nil
          guard let mapped = sources.crosswalk?.targets(for: key, level: level) ?? builtIn else {
            // A key the crosswalk lists at another level only (its new codes are
            // not of the table's level) is said, never dropped as if it were unknown.
            if let crosswalk = sources.crosswalk, case let rows = crosswalk.entries(naming: key),
              !rows.isEmpty
            {
              issue(
                .notInBoundaries,
                "the crosswalk maps it to \(rows.map(\.new).joined(separator: ", ")) (line \(rows[0].line) of \(crosswalk.source)), which \(rows.count == 1 ? "is no" : "are no") \(level) code\(rows.count == 1 ? "" : "s")"
              )
              crosswalkIssued = true
            }
            return nil
          }
          let outside = mapped.filter { !catalog.contains($0.code) }.map(\.code)
          guard outside.isEmpty else {
            // Mapped onto codes that are not among the areas: the rows reach no
            // area, which is said with the codes (never a silent drop).
            issue(
              .notInBoundaries,
              "the crosswalk maps it to \(outside.joined(separator: ", ")), not \(outside.count == 1 ? "a \(level) area" : "\(level) areas") of \(catalog.source)"
            )
            crosswalkIssued = true
            return nil
          }
          issue(
            .crosswalked,
            mapped.map { "\($0.code)×\(CSVText.number($0.weight, decimals: 4))" }.joined(
              separator: " + "))
          return mapped
        }
        if raw.isEmpty || CellParser.isMissingMarker(raw) {
          issue(.invalidKey, "empty key")
        } else if keyKind == .gemeenteName, let matcher {
          switch matcher.match(raw, province: province) {
          case .matched(let code): found = [.init(code: code, weight: 1)]
          case .ambiguous(let codes):
            issue(
              .ambiguousName,
              "one of " + codes.map { "\(catalog.names[$0] ?? $0) (\($0))" }.joined(separator: ", ")
                + "; add a provincie column")
          case .notFound(let suggestion):
            if let mapped = viaCrosswalk(raw) {
              found = mapped
            } else if !crosswalkIssued {
              issue(.notInBoundaries, suggestion.map { "did you mean \($0)?" } ?? "")
            }
          }
        } else if let code = AreaKey.normalise(raw, as: keyKind) {
          if catalog.contains(code) {
            found = [.init(code: code, weight: 1)]
          } else if let mapped = viaCrosswalk(code) {
            found = mapped
          } else if !crosswalkIssued {
            issue(.notInBoundaries)
          }
        } else {
          issue(.invalidKey, "not a \(keyKind.rawValue)")
        }
        if found.isEmpty { unused += 1 }
        found.forEach { matchedAreas.insert($0.code) }
        resolved.targets.append(
          found.map { Target(area: areaID(level, $0.code), weight: $0.weight) })
        resolved.keys.append(rawCell)
      }
      // A table that matches no area at all is an error, not an empty analysis.
      if matchedAreas.isEmpty, !catalog.codes.isEmpty, !catalogsFromTables.contains(level),
        resolved.keys.contains(where: { !CellParser.trimmed($0).isEmpty })
      {
        let tableKeys = Array(
          Set(resolved.keys.map { CellParser.trimmed($0) }.filter { !$0.isEmpty })
        ).sorted().prefix(3)
        throw UserError(
          "no key of column \"\(column)\" matches a \(level) area: the table has \(tableKeys.map { "\"\($0)\"" }.joined(separator: ", ")), the \(level) areas (\(catalog.source)) are \(catalog.codes.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")), ...",
          source: table.source, location: "line 1")
      }
      report.summaries.append(
        JoinSummary(
          table: table.source, kind: kind, level: level, areas: catalog.codes.count,
          areasMatched: matchedAreas.count, tableKeys: resolved.targets.count,
          tableKeysUnused: unused))
      if kind == .reports || kind == .population {
        for code in catalog.codes where !matchedAreas.contains(code) {
          report.issues.append(
            JoinIssue(
              level: level, side: .boundaries, key: code, reason: .notInTable,
              source: "\(catalog.source); no rows in \(table.source)"))
        }
      }
      return resolved
    }

    /// The year in a cell: four digits read from the bytes, else the full parser;
    /// the error names the row.
    func year(_ table: RawTable, _ row: Int, _ column: Int) throws -> Int {
      if let year = table.rows.withCellBytes(row, column, CellParser.plainYear) { return year }
      let text = table.rows.cell(row, column)
      guard let year = CellParser.year(text) else {
        throw UserError(
          "year \"\(text)\" is not a year", source: table.source,
          location: "line \(table.lineNumbers[row])")
      }
      return year
    }

    /// A number cell: plain numbers read from the bytes, the rest by
    /// `CellParser.number`. A CBS special value (`-99997`) or a marker (`x`, `.`)
    /// is missing, and counted per table, column and reason for the join report.
    mutating func number(
      _ table: RawTable, _ row: Int, _ column: Int, kind: TableKind, level: AreaLevel
    ) -> CellValue {
      if let value = table.rows.withCellBytes(row, column, CellParser.plainNumber) {
        guard let reason = sources.options.specialValues.reason(for: value) else {
          return .number(value)
        }
        countMissing(
          table, column, kind: kind, level: level, reason: reason, code: CSVText.number(value))
        return .missing
      }
      let text = table.rows.cell(row, column)
      let value = CellParser.number(text)
      switch value {
      case .missing:
        let marker = CellParser.trimmed(text)
        countMissing(
          table, column, kind: kind, level: level, reason: SpecialValues.reason(forMarker: marker),
          code: marker)
      case .number(let number):
        if let reason = sources.options.specialValues.reason(for: number) {
          countMissing(
            table, column, kind: kind, level: level, reason: reason, code: CSVText.number(number))
          return .missing
        }
      case .invalid: break
      }
      return value
    }

    mutating func countMissing(
      _ table: RawTable, _ column: Int, kind: TableKind, level: AreaLevel, reason: MissingReason,
      code: String
    ) {
      let key = MissingValueCount.Key(
        table: table.source, column: table.columns[column], reason: reason, code: code)
      if let index = missingIndex[key] {
        missingValues[index].count += 1
      } else {
        missingIndex[key] = missingValues.count
        missingValues.append(
          MissingValueCount(
            table: table.source, kind: kind, level: level, column: table.columns[column],
            reason: reason, code: code, count: 1))
      }
    }

    // MARK: tables

    mutating func readCounts(_ levelled: LevelledTable, kind: TableKind) throws {
      let table = levelled.table
      try table.checkRowWidths()
      let schema = try TableSchema.recognise(
        table, as: kind, keyColumn: levelled.keyColumn, level: levelled.level)
      let resolved = try resolve(levelled, schema: schema, kind: kind)
      if kind == .reports {
        reportLevels.insert(resolved.level)
      } else {
        populationLevels.insert(resolved.level)
      }
      originSources.append(table.source)
      let sourceIndex = originSources.count - 1
      var seen = Set<RowIdentity>()
      var seenKeys = SeenKeys(keys: resolved.targets.count)
      // This table's sums per area, year and age group (`all` = a given total).
      var given = CellGrid<Double>(slots: 4)
      var byKey = CellGrid<Double>(slots: 4)
      var totalLines = CellGrid<Double>(slots: 1)
      var origin = CellGrid<CellOrigin>(slots: 4)
      var details: [String: Int] = [:]
      var lastYear = Int.min
      var lastColumn = 0
      let what = kind == .reports ? "count" : "children"
      // A `unit` column (kinderen, meldingen, adviezen, ...): one unit per table.
      if kind == .reports,
        let unitColumn = table.columnIndex("unit") ?? table.columnIndex("eenheid")
      {
        var units = Set<String>()
        for index in 0..<table.rows.count {
          units.insert(CellParser.trimmed(table.rows.cell(index, unitColumn)).lowercased())
        }
        units.remove("")
        guard units.count <= 1 else {
          throw UserError(
            "column \"\(table.columns[unitColumn])\" holds several units (\(units.sorted().joined(separator: ", "))): one table per unit",
            source: table.source)
        }
        tableUnits += units
      }
      for (index, row) in table.rows.enumerated() {
        let line = table.lineNumbers[index]
        let year = try self.year(table, index, schema.year!)
        let plainGroup =
          schema.ageGroup.map { table.rows.withCellBytes(index, $0, CellParser.plainAgeGroup) }
          ?? .all
        guard let group = plainGroup ?? CellParser.ageGroup(row[schema.ageGroup!]) else {
          throw UserError(
            "age group \"\(row[schema.ageGroup!])\" is not one of 0-3, 4-7, 8-17 (or 0-17 / empty for the total)",
            source: table.source, location: "line \(line)")
        }
        let value: Double
        switch number(table, index, schema.value!, kind: kind, level: resolved.level) {
        case .missing: continue
        case .invalid(let text):
          throw UserError(
            "\(what) \"\(text)\" is not a number", source: table.source, location: "line \(line)")
        case .number(let number):
          guard number >= 0 else {
            throw UserError(
              "\(what) \(row[schema.value!]) is negative", source: table.source,
              location: "line \(line)")
          }
          // A count of reports or children is whole (only crosswalk splits,
          // below, make fractions): `3.7` or a decimal comma `7,5` is an error.
          guard number == number.rounded() else {
            throw UserError(
              "\(what) \(CellParser.trimmed(row[schema.value!])) is not a whole number",
              source: table.source,
              location: "line \(line)")
          }
          value = number
        }
        // Rows that differ by sex or kind of report are parts of one cell, summed.
        var detail = group.index
        if schema.sex != nil || schema.kind != nil {
          let text =
            (schema.sex.map { row[$0] } ?? "") + "\u{1}" + (schema.kind.map { row[$0] } ?? "")
          let id = details[text] ?? details.count
          details[text] = id
          detail |= id << 2
        }
        let key = resolved.rowKey[index]
        if year != lastYear {
          years.insert(year)
          lastYear = year
          lastColumn = given.column(for: year)
          _ = origin.column(for: year)
        }
        // A second row for the same key, year and age group (and sex and kind):
        // one bit per age group and key in the year's flags, or the set when the
        // table splits rows by sex or kind.
        let duplicate: Bool
        if schema.sex == nil, schema.kind == nil {
          duplicate = !seenKeys.insert(key: key, year: year, bit: group.index)
        } else {
          duplicate = !seen.insert(RowIdentity(key: key, year: Int32(year), detail: detail))
            .inserted
        }
        guard !duplicate else {
          throw UserError(
            "a second row for area \(resolved.keys[Int(key)]), year \(year), age group \(group.rawValue): duplicate rows are not summed",
            source: table.source, location: "line \(line)")
        }
        // Per key as given (before any crosswalk), for the check of a 0-17 row
        // against its age groups below.
        let keyColumn = byKey.column(for: year)
        byKey.add(value, area: key, column: keyColumn, slot: group.index)
        if group == .all {
          totalLines.set(Double(line), area: key, column: totalLines.column(for: year), slot: 0)
        }
        for target in resolved.targets[Int(key)] {
          given.add(value * target.weight, area: target.area, column: lastColumn, slot: group.index)
          if origin.value(area: target.area, column: lastColumn, slot: group.index) == nil {
            origin.set(
              CellOrigin(source: sourceIndex, line: line), area: target.area, column: lastColumn,
              slot: group.index)
          }
        }
      }
      // Totals: given, or the sum of the three age groups when all three are there.
      let all = AgeGroup.all.index
      // A given 0-17 total that disagrees with its three age groups (or is below
      // the ones given) is an error: the published total and age groups would
      // contradict each other (QA Q14, session 6).
      for column in byKey.years.indices {
        for a in 0..<byKey.areaCount(column: column) {
          let key = Int32(a)
          guard let total = byKey.value(area: key, column: column, slot: all) else { continue }
          let parts = AgeGroup.parts.compactMap {
            byKey.value(area: key, column: column, slot: $0.index)
          }
          guard !parts.isEmpty else { continue }
          let sum = parts.reduce(0, +)
          guard parts.count == 3 ? abs(total - sum) > 1e-9 : total < sum - 1e-9 else { continue }
          let line = totalLines.value(area: key, year: byKey.years[column], slot: 0).map { Int($0) }
          let groups = parts.map { CSVText.number($0) }.joined(separator: " + ")
          throw UserError(
            "the 0-17 \(what) \(CSVText.number(total)) of area \(resolved.keys[Int(key)]), year \(byKey.years[column]!), "
              + (parts.count == 3
                ? "differs from the sum of its age groups 0-3, 4-7, 8-17: \(groups) = \(CSVText.number(sum))"
                : "is below the sum of its age groups given: \(groups) = \(CSVText.number(sum))"),
            source: table.source, location: line.map { "line \($0)" })
        }
      }
      for column in given.years.indices {
        for a in 0..<given.areaCount(column: column) {
          let area = Int32(a)
          guard given.value(area: area, column: column, slot: all) == nil else { continue }
          let parts = AgeGroup.parts.compactMap {
            given.value(area: area, column: column, slot: $0.index)
          }
          guard parts.count == 3 else { continue }
          given.set(parts.reduce(0, +), area: area, column: column, slot: all)
          origin.set(
            origin.value(area: area, column: column, slot: 0), area: area, column: column, slot: all
          )
        }
      }
      // Into the panel's grids; a cell from two tables is an error.
      // Moved out and back (not copied), so the grids are mutated in place.
      var target = CellGrid<Double>(slots: 4)
      var targetOrigin = CellGrid<CellOrigin>(slots: 4)
      if kind == .reports {
        swap(&target, &reported)
        swap(&targetOrigin, &reportedOrigin)
      } else {
        swap(&target, &children)
      }
      try given.forEach { area, column, slot, value in
        let year = given.years[column]!
        let into = target.column(for: year)
        if target.value(area: area, column: into, slot: slot) != nil {
          let line = origin.value(area: area, column: column, slot: slot)?.line
          let cell = describe(area: area, year: year, group: AgeGroup.allCases[slot])
          throw UserError(
            kind == .reports
              ? "reports for \(cell) come from two tables"
              : "population for \(cell) comes from two tables",
            source: table.source, location: line.map { "line \($0)" })
        }
        target.set(value, area: area, column: into, slot: slot)
        if kind == .reports {
          let originColumn = targetOrigin.column(for: year)
          targetOrigin.set(
            origin.value(area: area, column: column, slot: slot), area: area, column: originColumn,
            slot: slot)
        }
      }
      if kind == .reports {
        swap(&target, &reported)
        swap(&targetOrigin, &reportedOrigin)
      } else {
        swap(&target, &children)
      }
    }

    mutating func readIndicators(_ levelled: LevelledTable) throws {
      let table = levelled.table
      try table.checkRowWidths()
      let schema = try TableSchema.recognise(
        table, as: .indicators, keyColumn: levelled.keyColumn, level: levelled.level)
      let resolved = try resolve(levelled, schema: schema, kind: .indicators)
      var seen = Set<RowIdentity>()
      var seenRows = SeenKeys(keys: resolved.targets.count)
      // Wide tables: the indicator of each value column, found once.
      let wide =
        schema.indicatorName == nil
        ? schema.indicators.map { (column: $0.0, index: indicator(named: $0.1)) } : []
      var lastYear: Int? = nil
      for (index, row) in table.rows.enumerated() {
        let line = table.lineNumbers[index]
        var year: Int? = nil
        if let column = schema.year {
          let parsed = try self.year(table, index, column)
          year = parsed
          if parsed != lastYear { years.insert(parsed) }
          lastYear = parsed
        }
        let key = resolved.rowKey[index]
        if let nameColumn = schema.indicatorName, let valueColumn = schema.value {
          // Long: one indicator per row.
          let name = row[nameColumn].trimmingCharacters(in: .whitespaces)
          guard !name.isEmpty else {
            throw UserError("empty indicator name", source: table.source, location: "line \(line)")
          }
          let n = indicator(named: name)
          guard seen.insert(RowIdentity(key: key, year: Int32(year ?? 0), detail: n)).inserted
          else {
            throw UserError(
              "a second value of \(name) for area \(resolved.keys[Int(key)]) in \(year.map(String.init) ?? "the table")",
              source: table.source, location: "line \(line)")
          }
          try store(
            row: index, column: valueColumn, indicator: n, key: key, year: year, resolved: resolved,
            table: table, line: line)
        } else {
          // Wide: every indicator on the row, so one check per row finds a second row.
          guard wide.isEmpty || seenRows.insert(key: key, year: year, bit: 0) else {
            throw UserError(
              "a second value of \(indicatorNames[wide.first?.index ?? 0]) for area \(resolved.keys[Int(key)]) in \(year.map(String.init) ?? "the table")",
              source: table.source, location: "line \(line)")
          }
          for (column, n) in wide {
            try store(
              row: index, column: column, indicator: n, key: key, year: year, resolved: resolved,
              table: table, line: line)
          }
        }
      }
    }

    /// One indicator cell into its grid (and, with a crosswalk, its contributors).
    mutating func store(
      row: Int, column: Int, indicator n: Int, key: Int32, year: Int?, resolved: ResolvedKeys,
      table: RawTable, line: Int
    ) throws {
      let name = indicatorNames[n]
      let value: Double
      switch number(table, row, column, kind: .indicators, level: resolved.level) {
      case .missing: return
      case .invalid(let bad):
        throw UserError(
          "\(name) \"\(bad)\" is not a number", source: table.source, location: "line \(line)")
      case .number(let number): value = number
      }
      let column = indicators[n].column(for: year)
      for target in resolved.targets[Int(key)] {
        indicators[n].set(value, area: target.area, column: column, slot: 0)
        guard sources.crosswalk != nil else { continue }
        // Only a crosswalk can feed one area from several keys.
        let areaYear = AreaYear(
          level: resolved.level, code: areaTable[Int(target.area)].code, year: year)
        indicatorContributors[areaYear, default: [:]][name, default: []].insert(
          resolved.keys[Int(key)].uppercased())
        if target.weight < 1 {
          indicatorContributors[areaYear, default: [:]][name, default: []].insert("split")
        }
      }
    }

    /// The index of an indicator, added to `indicatorNames` when new.
    mutating func indicator(named name: String) -> Int {
      if let index = indicatorIndex[name] { return index }
      indicatorNames.append(name)
      indicators.append(CellGrid(slots: 1))
      indicatorIndex[name] = indicatorNames.count - 1
      return indicatorNames.count - 1
    }

    mutating func readAchterstand(_ levelled: LevelledTable) throws {
      let table = levelled.table
      try table.checkRowWidths()
      let schema = try TableSchema.recognise(
        table, as: .achterstand, keyColumn: levelled.keyColumn, level: levelled.level)
      let resolved = try resolve(levelled, schema: schema, kind: .achterstand)
      for (index, row) in table.rows.enumerated() {
        let year = try schema.year.map { try self.year(table, index, $0) }
        let text = row[schema.value!]
        guard let parsed = CellParser.flag(text) else {
          throw UserError(
            "achterstandswijk \"\(text)\" is not 1/0, ja/nee or true/false", source: table.source,
            location: "line \(table.lineNumbers[index])")
        }
        guard let flag = parsed else { continue }
        let column = achterstand.column(for: year)
        let key = resolved.rowKey[index]
        for target in resolved.targets[Int(key)] {
          if let previous = achterstand.value(area: target.area, column: column, slot: 0),
            (previous == 1) != flag
          {
            throw UserError(
              "area \(resolved.keys[Int(key)]) is flagged both ways for \(year.map(String.init) ?? "all years")",
              source: table.source, location: "line \(table.lineNumbers[index])")
          }
          achterstand.set(flag ? 1 : 0, area: target.area, column: column, slot: 0)
        }
      }
    }

    // MARK: panel

    mutating func finish() throws -> PanelBuild {
      // Indicators that several old keys (a merge) or a split fed: not transferable.
      let contributed = indicatorContributors.sorted {
        ($0.key.level, $0.key.code, $0.key.year ?? 0) < (
          $1.key.level, $1.key.code, $1.key.year ?? 0
        )
      }
      for (key, byName) in contributed {
        for (name, contributors) in byName.sorted(by: { $0.key < $1.key })
        where contributors.count > 1 {
          if let id = existingID(key.level, key.code), let n = indicatorIndex[name],
            let column = indicators[n].columnIndex(of: key.year)
          {
            indicators[n].set(nil, area: id, column: column, slot: 0)
          }
          report.issues.append(
            JoinIssue(
              level: key.level, side: .table, key: key.code, reason: .notTransferable,
              suggestion: name, source: contributors.sorted().joined(separator: " + ")))
        }
      }
      // Reported children above the population: an error at the report's line
      // (the first such line).
      var overfull:
        (
          area: Int32, year: Int, group: AgeGroup, count: Double, population: Double,
          origin: CellOrigin?
        )?
      reported.forEach { area, column, slot, count in
        let year = reported.years[column]!
        guard let population = children.value(area: area, year: year, slot: slot),
          count > population + 1e-9
        else { return }
        let origin = reportedOrigin.value(area: area, year: year, slot: slot)
        if let current = overfull, (current.origin?.line ?? 0) <= (origin?.line ?? 0) { return }
        overfull = (area, year, AgeGroup.allCases[slot], count, population, origin)
      }
      if let overfull {
        throw UserError(
          "\(CSVText.number(overfull.count)) reported children in \(areaTable[Int(overfull.area)].level) \(areaTable[Int(overfull.area)].code), \(overfull.year), age \(overfull.group.rawValue), but only \(CSVText.number(overfull.population)) children live there",
          source: overfull.origin.map { originSources[$0.source] },
          location: overfull.origin.map { "line \($0.line)" })
      }
      let sortedYears = years.sorted()
      let sharedNames = IndicatorNames(indicatorNames)
      /// Appends the rows of one level, from the grids as they are (`gemeenteOf` for PC-4).
      func appendRows(
        _ level: AreaLevel, gemeenteOf pc4ToGemeente: [String: String], to rows: inout [PanelRow]
      ) {
        // Grid columns per year, looked up once.
        let reportedColumns = sortedYears.map { reported.columnIndex(of: $0) }
        let childrenColumns = sortedYears.map { children.columnIndex(of: $0) }
        let indicatorColumns = indicators.map { grid in
          (sortedYears.map { grid.columnIndex(of: $0) }, grid.columnIndex(of: nil))
        }
        let flagColumns = (
          sortedYears.map { achterstand.columnIndex(of: $0) }, achterstand.columnIndex(of: nil)
        )
        let catalog = catalogs[level]!
        for code in catalog.codes {
          let gemeente: String? =
            switch level {
            case .pc4: pc4ToGemeente[code]
            case .gemeente: code
            case .wijk, .buurt: AreaCode(code, level: level)?.gemeente?.code
            default: nil
            }
          let name = catalog.names[code]
          let id = existingID(level, code)
          for (y, year) in sortedYears.enumerated() {
            var row = PanelRow(level: level, area: code, name: name, gemeente: gemeente, year: year)
            if let id {
              for group in AgeGroup.allCases {
                row.reported[group] = reportedColumns[y].flatMap {
                  reported.value(area: id, column: $0, slot: group.index)
                }
                row.children[group] = childrenColumns[y].flatMap {
                  children.value(area: id, column: $0, slot: group.index)
                }
              }
              if !indicators.isEmpty {
                var values = [Double](repeating: .nan, count: indicators.count)
                for (n, (byYear, always)) in indicatorColumns.enumerated() {
                  values[n] =
                    byYear[y].flatMap { indicators[n].value(area: id, column: $0, slot: 0) }
                    ?? always.flatMap { indicators[n].value(area: id, column: $0, slot: 0) } ?? .nan
                }
                row.indicators = IndicatorValues(names: sharedNames, values: values)
              }
              let flag =
                flagColumns.0[y].flatMap { achterstand.value(area: id, column: $0, slot: 0) }
                ?? flagColumns.1.flatMap { achterstand.value(area: id, column: $0, slot: 0) }
              row.achterstandswijk = flag.map { $0 == 1 }
            }
            rows.append(row)
          }
        }
      }
      // All rows go into one array, its room reserved at once (the gemeente and
      // region levels the sums below add at most as many areas as there are
      // PC-4s and regions; room never written is never touched).
      var rows: [PanelRow] = []
      let areaCount =
        catalogs.values.reduce(0) { $0 + $1.codes.count }
        + (catalogs[.gemeente] == nil ? catalogs[.pc4]?.codes.count ?? 0 : 0)
        + sources.regions.reduce(0) { $0 + $1.allRegions.count }
      rows.reserveCapacity(areaCount * sortedYears.count)
      // The PC-4 rows (the first level) need nothing of the sums below: made
      // while a PC-4 → gemeente overlay may still run, their gemeente set after it.
      let early = sources.pc4ToGemeenteLater != nil && catalogs.keys.min() == .pc4
      if early { appendRows(.pc4, gemeenteOf: [:], to: &rows) }
      let pc4ToGemeente = try sources.pc4ToGemeenteLater?() ?? sources.pc4ToGemeente
      if early {
        for i in rows.indices { rows[i].gemeente = pc4ToGemeente[rows[i].area] }
      }

      // CBS's code hierarchy: buurt → wijk → gemeente, read from the codes, when
      // the level above got no counts of its own (and, for gemeenten, none from
      // PC-4: one path up only, never two sums in one cell). Report counts and
      // children each go their own way up: counts per wijk (a registration of its
      // own) beside children per buurt get the buurt children summed to wijken
      // and gemeenten, and the wijk counts summed to gemeenten.
      var summed = Grids<Set<AreaLevel>>(reported: [], children: [])
      let given = Grids(reported: reportLevels, children: populationLevels)
      let pc4Sums = given.map {
        $0.contains(.pc4) && !$0.contains(.gemeente) && !pc4ToGemeente.isEmpty
      }
      for (from, to) in [(AreaLevel.buurt, AreaLevel.wijk), (.wijk, .gemeente)] {
        guard let fromCatalog = catalogs[from] else { continue }
        let which = Grids(
          reported: (given.reported.contains(from) || summed.reported.contains(from))
            && !given.reported.contains(to)
            && !(to == .gemeente && pc4Sums.reported),
          children: (given.children.contains(from) || summed.children.contains(from))
            && !given.children.contains(to)
            && !(to == .gemeente && pc4Sums.children))
        guard which.reported || which.children else { continue }
        let parentOf = AreaHierarchy.parents(of: fromCatalog.codes, from: from, to: to)
        try sumUp(from: from, to: to, parentOf: parentOf, which: which)
        if which.reported { summed.reported.insert(to) }
        if which.children { summed.children.insert(to) }
        if catalogs[to] == nil {
          let codes = Array(Set(parentOf.values)).sorted()
          catalogs[to] = AreaCatalog(
            level: to, codes: codes, source: "codes of \(fromCatalog.source)")
        }
      }
      // PC-4 → gemeente sums, when the gemeente level got no counts of its own.
      if pc4Sums.reported || pc4Sums.children {
        try sumUp(from: .pc4, to: .gemeente, parentOf: pc4ToGemeente, which: pc4Sums)
        if catalogs[.gemeente] == nil {
          let codes = Array(Set(pc4ToGemeente.values)).sorted()
          catalogs[.gemeente] = AreaCatalog(level: .gemeente, codes: codes, source: "lookup")
        }
      }
      if reportLevels.contains(.gemeente) || populationLevels.contains(.gemeente)
        || catalogs[.gemeente] != nil
      {
        for region in sources.regions {
          // A region level with counts of its own (a Veilig Thuis table per VT
          // region: the published figure) keeps them, and gets its children from
          // the gemeente sums unless a population of its own was given.
          let which = Grids(
            reported: !reportLevels.contains(region.level),
            children: !populationLevels.contains(region.level))
          if which.reported || which.children {
            try sumUp(
              from: .gemeente, to: region.level, parentOf: region.regionOf, which: which,
              byYear: region.byYear.isEmpty ? nil : { region.regionOf(year: $0) })
          }
          // (Areas of a region level with counts of its own stay those its table was matched against.)
          if which.reported || catalogs[region.level] == nil {
            catalogs[region.level] = AreaCatalog(
              level: region.level, codes: region.allRegions, names: region.names, source: "lookup")
          }
        }
      }
      for level in catalogs.keys.sorted() where !(early && level == .pc4) {
        appendRows(level, gemeenteOf: pc4ToGemeente, to: &rows)
      }
      // Provisional figures, beside the figures: the levels of the provisional
      // tables and every level summed from them, in those years.
      for (from, to) in sumsMade {
        if let years = provisional[from] { provisional[to, default: []].formUnion(years) }
      }
      if !provisional.isEmpty {
        for i in rows.indices where provisional[rows[i].level]?.contains(rows[i].year) ?? false {
          rows[i].provisional = true
        }
      }
      report.missingValues = missingValues
      return PanelBuild(
        panel: Panel(rows: rows, indicatorNames: indicatorNames, countUnit: try countUnit()),
        report: report,
        regions: sources.regions, reportsSummedFrom: reportsSummedFrom,
        statLineReportLevels: statLineReportLevels)
    }

    /// What the counts count: the user's `--unit`, else what the report tables
    /// say (a `unit` column, a StatLine topic `Meldingen`), else children. Tables
    /// counting different things are an error, never summed.
    func countUnit() throws -> CountUnit {
      let ages = sources.options.populationAges.flatMap(AgeBand.init(parsing:)) ?? .children
      if let unit = sources.options.unit { return CountUnit(unit: unit, ages: ages) }
      let named = Array(
        Set(tableUnits.map { CellParser.trimmed($0).lowercased() }).subtracting([""])
      ).sorted()
      guard named.count <= 1 else {
        throw UserError(
          "the report tables count different things (\(named.joined(separator: ", "))): give one unit's tables, or say which with --unit"
        )
      }
      return CountUnit(unit: named.first ?? "kinderen", ages: ages)
    }

    /// Sums reported and/or children (`which`) of `from` into `to` via
    /// `parentOf`. A parent whose parts have the value only partly is flagged in
    /// the join report.
    mutating func sumUp(
      from: AreaLevel, to: AreaLevel, parentOf: [String: String], which: Grids<Bool>,
      byYear: ((Int?) -> [String: String])? = nil
    ) throws {
      sumsMade.append((from, to))
      if which.reported { reportsSummedFrom[to] = from }
      let fromCodes = catalogs[from]?.codes ?? []
      // Fictive water buurten (no inhabitants), and wijken made of them only, are
      // not expected to have counts.
      var waterOnly = Set<String>()
      if from == .buurt || from == .wijk, let buurten = catalogs[.buurt]?.codes {
        var land = Set<String>()
        var water = Set<String>()
        for code in buurten {
          guard let buurt = AreaCode(code, level: .buurt) else { continue }
          let key = from == .buurt ? buurt.code : buurt.parent!.code
          if buurt.isFictiveWaterBuurt { water.insert(key) } else { land.insert(key) }
        }
        waterOnly = water.subtracting(land)
      }
      // Per year when the assignment changes by year (a lookup with `jaar`),
      // else one for every year (key nil).
      let mapYears: [Int?] =
        byYear == nil || years.isEmpty ? [nil] : years.sorted().map { Optional($0) }
      var partsPerParent: [Int?: [String: Int]] = [:]
      // The parent of every interned area of level `from`, by id (−1: none).
      var parentIDs: [Int?: [Int32]] = [:]
      for mapYear in mapYears {
        let map = byYear?(mapYear) ?? parentOf
        var parts: [String: Int] = [:]
        for code in fromCodes where !waterOnly.contains(code) {
          if let parent = map[code] { parts[parent, default: 0] += 1 }
        }
        partsPerParent[mapYear] = parts
        var parentID = [Int32](repeating: -1, count: areaTable.count)
        for (id, entry) in areaTable.enumerated() where entry.level == from {
          if let parent = map[entry.code] { parentID[id] = areaID(to, parent) }
        }
        parentIDs[mapYear] = parentID
      }
      let yearly = mapYears != [nil]
      func sums(_ grid: CellGrid<Double>) -> (values: CellGrid<Double>, counts: CellGrid<Double>) {
        var values = CellGrid<Double>(slots: 4)
        var counts = CellGrid<Double>(slots: 4)
        grid.forEach { area, column, slot, value in
          let year = grid.years[column]
          guard let parentID = parentIDs[yearly ? year : nil] ?? parentIDs[mapYears[0]],
            Int(area) < parentID.count, parentID[Int(area)] >= 0
          else { return }
          let into = values.column(for: year)
          _ = counts.column(for: year)
          values.add(value, area: parentID[Int(area)], column: into, slot: slot)
          counts.add(1, area: parentID[Int(area)], column: into, slot: slot)
        }
        return (values, counts)
      }
      // Incomplete sums, in a stable order (code, year) for reproducible reports.
      var incomplete: [(code: String, year: Int, count: Int, expected: Int, what: String)] = []
      func incompleteParts(_ withValue: CellGrid<Double>, _ what: String) {
        withValue.forEach { area, column, slot, count in
          guard slot == AgeGroup.all.index else { return }
          let code = areaTable[Int(area)].code
          let year = withValue.years[column]
          let expected =
            (partsPerParent[yearly ? year : nil] ?? partsPerParent[mapYears[0]])?[code]
            ?? Int(count)
          if Int(count) < expected { incomplete.append((code, year!, Int(count), expected, what)) }
        }
      }
      // Parts that have counts but no children, or children but no counts, in a
      // cell (year and age group) of a parent that gets both summed from them:
      // the two sums would cover different parts (QA Q13, session 6), so that
      // parent's children are left empty (no rate) and the parts are named.
      var lacking: [ParentCell: (reportsOnly: [String], childrenOnly: [String])] = [:]
      if which.reported && which.children {
        let allYears = Array(Set(reported.years + children.years))
        for (id, entry) in areaTable.enumerated()
        where entry.level == from && !waterOnly.contains(entry.code) {
          for year in allYears {
            guard let parentID = parentIDs[yearly ? year : nil] ?? parentIDs[mapYears[0]],
              id < parentID.count,
              parentID[id] >= 0
            else { continue }
            for slot in 0..<4 {
              let hasReports = reported.value(area: Int32(id), year: year, slot: slot) != nil
              let hasChildren = children.value(area: Int32(id), year: year, slot: slot) != nil
              guard hasReports != hasChildren else { continue }
              let cell = ParentCell(parent: parentID[id], year: year, slot: slot)
              if hasReports {
                lacking[cell, default: ([], [])].reportsOnly.append(entry.code)
              } else {
                lacking[cell, default: ([], [])].childrenOnly.append(entry.code)
              }
            }
          }
        }
      }
      if which.reported {
        let (sumsReported, withValue) = sums(reported)
        sumsReported.forEach { area, column, slot, value in
          reported.set(
            value, area: area, column: reported.column(for: sumsReported.years[column]), slot: slot)
        }
        incompleteParts(withValue, "reports")
      }
      if which.children {
        let (sumsChildren, withValue) = sums(children)
        sumsChildren.forEach { area, column, slot, value in
          children.set(
            value, area: area, column: children.column(for: sumsChildren.years[column]), slot: slot)
        }
        // Counts summed from elsewhere over children summed from parts of the
        // area: a missing part is said, and the children are left empty (the
        // rate would be too high).
        if !which.reported {
          incompleteParts(withValue, "a population")
          withValue.forEach { area, column, slot, count in
            let year = withValue.years[column]
            let expected =
              (partsPerParent[yearly ? year : nil] ?? partsPerParent[mapYears[0]])?[
                areaTable[Int(area)].code] ?? Int(count)
            guard Int(count) < expected, reported.value(area: area, year: year, slot: slot) != nil,
              let into = children.columnIndex(of: year)
            else { return }
            children.set(nil, area: area, column: into, slot: slot)
          }
        }
      }
      var mismatches: [(code: String, year: Int, text: String)] = []
      for (cell, parts) in lacking {
        guard reported.value(area: cell.parent, year: cell.year, slot: cell.slot) != nil,
          let into = children.columnIndex(of: cell.year)
        else { continue }
        children.set(nil, area: cell.parent, column: into, slot: cell.slot)
        guard cell.slot == AgeGroup.all.index, let year = cell.year else { continue }
        func named(_ codes: [String]) -> String {
          let sorted = codes.sorted()
          return sorted.prefix(5).joined(separator: ", ")
            + (sorted.count > 5 ? " and \(sorted.count - 5) more" : "")
        }
        var said: [String] = []
        if !parts.reportsOnly.isEmpty {
          said.append(
            "\(from) \(named(parts.reportsOnly)) \(parts.reportsOnly.count == 1 ? "has" : "have") reports but no population"
          )
        }
        if !parts.childrenOnly.isEmpty {
          said.append(
            "\(from) \(named(parts.childrenOnly)) \(parts.childrenOnly.count == 1 ? "has" : "have") a population but no reports"
          )
        }
        mismatches.append(
          (
            areaTable[Int(cell.parent)].code, year,
            said.joined(separator: "; ")
              + " in \(year): the sums of reports and children cover different parts, children left empty (no rate)"
          ))
      }
      for entry in mismatches.sorted(by: { ($0.code, $0.year) < ($1.code, $1.year) }) {
        report.issues.append(
          JoinIssue(
            level: to, side: .aggregate, key: entry.code, reason: .incompleteAggregate,
            suggestion: entry.text,
            source: "sum of \(from)"))
      }
      for entry in incomplete.sorted(by: { ($0.code, $0.year) < ($1.code, $1.year) }) {
        report.issues.append(
          JoinIssue(
            level: to, side: .aggregate, key: entry.code, reason: .incompleteAggregate,
            suggestion:
              "\(entry.count) of \(entry.expected) \(from) areas have \(entry.what) in \(entry.year)",
            source: "sum of \(from)"))
      }
      // PC-4s outside every gemeente (and wijken or buurten whose code names no
      // parent) are not silently dropped.
      if from == .pc4 || from == .wijk || from == .buurt {
        for code in fromCodes where parentOf[code] == nil {
          report.issues.append(
            JoinIssue(
              level: from, side: .boundaries, key: code, reason: .notInBoundaries,
              suggestion: "lies in no \(to)", source: catalogs[from]?.source ?? ""))
        }
      }
      // Areas whose parent (by their code) is not among the parent level's
      // boundaries: their counts reach no row, which is said.
      if from == .wijk || from == .buurt, let parents = catalogs[to] {
        for code in fromCodes {
          guard let parent = parentOf[code], !parents.contains(parent) else { continue }
          report.issues.append(
            JoinIssue(
              level: from, side: .boundaries, key: code, reason: .notInBoundaries,
              suggestion: "its \(to) \(parent) is not in \(parents.source)",
              source: catalogs[from]?.source ?? ""))
        }
      }
    }
  }
}
