import Foundation

/// A table with the level it was given at (`--indicators gemeente=FILE`), if any.
public struct LevelledTable: Sendable {
  public var table: RawTable
  public var level: AreaLevel?
  public init(_ table: RawTable, level: AreaLevel? = nil) {
    self.table = table
    self.level = level
  }
}

/// A region level built from gemeenten (province, veiligheidsregio, a user's set).
public struct RegionDefinition: Sendable {
  public var name: String
  /// gemeente code → region code.
  public var regionOf: [String: String]
  /// region code → display name.
  public var names: [String: String]
  public init(name: String, regionOf: [String: String], names: [String: String] = [:]) {
    self.name = name
    self.regionOf = regionOf
    self.names = names
  }
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

  public init(
    catalogs: [AreaLevel: AreaCatalog] = [:], reports: [LevelledTable] = [],
    population: [LevelledTable] = [], indicators: [LevelledTable] = [],
    achterstand: [LevelledTable] = [], pc4ToGemeente: [String: String] = [:],
    regions: [RegionDefinition] = [], crosswalk: Crosswalk? = nil
  ) {
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
}

/// Joins report counts, populations, indicators and achterstand flags to the
/// areas of each level and builds the area × year panel. Counts and populations
/// are summed upward (PC-4 → gemeente → region) and rates recomputed from the
/// sums; rates are never averaged. Missing stays missing.
public enum PanelBuilder {
  /// One count cell: an interned area (see `State.areaID`), a year and an age
  /// group packed into 64 bits, so the many dictionary lookups of a join hash
  /// eight bytes instead of a level and a code.
  struct CellKey: Hashable {
    let packed: UInt64
    init(area: Int32, year: Int, group: AgeGroup) {
      packed =
        UInt64(UInt32(bitPattern: area)) << 32 | UInt64(UInt16(truncatingIfNeeded: year)) << 8
        | UInt64(AgeGroup.allCases.firstIndex(of: group)!)
    }
    var area: Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: packed >> 32)) }
    var year: Int { Int((packed >> 8) & 0xFFFF) }
    var group: AgeGroup { AgeGroup.allCases[Int(packed & 0xFF)] }
  }
  struct AreaYear: Hashable {
    var level: AreaLevel
    var code: String
    var year: Int?
  }
  /// A table row's identity for duplicate detection (the key as written).
  struct RowKey: Hashable {
    var area: String
    var year: Int
    var group: AgeGroup
    var sex: String
    var kind: String
  }
  struct IndicatorKey: Hashable {
    var area: String
    var year: Int
    var name: String
  }
  struct Origin {
    var source: String
    var line: Int
  }

  public static func build(_ sources: PanelSources) throws -> PanelBuild {
    var state = State(sources: sources)
    for table in sources.reports { try state.readCounts(table, kind: .reports) }
    for table in sources.population { try state.readCounts(table, kind: .population) }
    for table in sources.indicators { try state.readIndicators(table) }
    for table in sources.achterstand { try state.readAchterstand(table) }
    return try state.finish()
  }

  struct State {
    let sources: PanelSources
    var catalogs: [AreaLevel: AreaCatalog]
    var report = JoinReport()
    /// Interned areas: (level, code) ↔ a small integer used in `CellKey`.
    var areaIDs: [AreaLevel: [String: Int32]] = [:]
    var areaTable: [(level: AreaLevel, code: String)] = []
    var reported: [CellKey: Double] = [:]
    var children: [CellKey: Double] = [:]
    var reportedOrigin: [CellKey: Origin] = [:]
    var indicators: [AreaYear: [String: Double]] = [:]
    var indicatorContributors: [AreaYear: [String: Set<String>]] = [:]
    var indicatorNames: [String] = []
    var achterstand: [AreaYear: Bool] = [:]
    var years: Set<Int> = []
    /// Levels that got counts straight from a table (not summed from below).
    var countLevels: Set<AreaLevel> = []

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
    func level(of key: CellKey) -> AreaLevel { areaTable[Int(key.area)].level }
    func code(of key: CellKey) -> String { areaTable[Int(key.area)].code }
    func describe(_ key: CellKey) -> String {
      "\(level(of: key)) \(code(of: key)) \(key.year) \(key.group.rawValue)"
    }

    // MARK: keys

    /// Resolves the key column of a table to area codes of one level and records
    /// the join summary and issues. Returns, per row, the targets (code, weight).
    mutating func resolve(_ levelled: LevelledTable, schema: TableSchema, kind: TableKind)
      throws -> (level: AreaLevel, targets: [[Crosswalk.Target]])
    {
      let table = levelled.table
      let column = table.columns[schema.area]
      let values = table.rows.map { $0[schema.area] }
      var keyKind = AreaKey.detectKind(fieldName: column, values: values)
      if keyKind == nil {
        let present = values.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let lettered = present.filter { $0.contains(where: \.isLetter) }.count
        if !present.isEmpty, Double(lettered) >= 0.8 * Double(present.count),
          levelled.level != .pc4
        {
          keyKind = .gemeenteName
        } else if let level = levelled.level {
          keyKind = level == .pc4 ? .pc4 : .gemeenteCode
        } else {
          // Most keys are codes of the areas given: that settles it, and the rest
          // are reported one by one.
          for (kind, level) in [(AreaKeyKind.pc4, AreaLevel.pc4), (.gemeenteCode, .gemeente)] {
            guard let catalog = catalogs[level], !present.isEmpty else { continue }
            let known = present.filter { AreaKey.normalise($0, as: kind).map(catalog.contains) ?? false }
            if Double(known.count) >= 0.5 * Double(present.count) {
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
      // Without boundaries for the level, the table's own valid codes are the areas.
      if catalogs[level] == nil {
        guard keyKind != .gemeenteName else {
          throw UserError(
            "gemeente names can only be matched against gemeente boundaries or a lookup table; give --areas gemeente=FILE or --lookup",
            source: table.source)
        }
        let codes = Array(Set(values.compactMap { AreaKey.normalise($0, as: keyKind) })).sorted()
        catalogs[level] = AreaCatalog(level: level, codes: codes, source: table.source)
      }
      let catalog = catalogs[level]!
      let matcher = keyKind == .gemeenteName ? GemeenteNameMatcher(catalog) : nil
      var cache: [String: [Crosswalk.Target]] = [:]
      var targets: [[Crosswalk.Target]] = []
      var matchedAreas = Set<String>()
      var distinct = Set<String>()
      var unused = Set<String>()
      var reported = Set<String>()
      for (index, row) in table.rows.enumerated() {
        let rawCell = row[schema.area]
        let province = schema.province.map { row[$0] } ?? ""
        let cacheKey = province.isEmpty ? rawCell : rawCell + "\u{1}" + province
        distinct.insert(cacheKey)
        if let known = cache[cacheKey] {
          targets.append(known)
          known.forEach { matchedAreas.insert($0.code) }
          continue
        }
        let raw = rawCell.trimmingCharacters(in: .whitespacesAndNewlines)
        let location = "\(table.source) line \(table.lineNumbers[index])"
        var resolved: [Crosswalk.Target] = []
        func issue(_ reason: JoinIssue.Reason, _ suggestion: String = "") {
          guard reported.insert(cacheKey).inserted else { return }
          report.issues.append(
            JoinIssue(
              level: level, side: .table, key: raw, reason: reason, suggestion: suggestion,
              source: location))
        }
        func viaCrosswalk(_ key: String) -> [Crosswalk.Target]? {
          guard let mapped = sources.crosswalk?.targets(for: key),
            mapped.allSatisfy({ catalog.contains($0.code) })
          else { return nil }
          issue(
            .crosswalked,
            mapped.map { "\($0.code)×\(CSVText.number($0.weight, decimals: 4))" }.joined(
              separator: " + "))
          return mapped
        }
        if raw.isEmpty || CellParser.missingMarkers.contains(raw.lowercased()) {
          issue(.invalidKey, "empty key")
        } else if keyKind == .gemeenteName, let matcher {
          switch matcher.match(raw, province: province) {
          case .matched(let code): resolved = [.init(code: code, weight: 1)]
          case .ambiguous(let codes):
            issue(
              .ambiguousName,
              "one of " + codes.map { "\(catalog.names[$0] ?? $0) (\($0))" }.joined(separator: ", ")
                + "; add a provincie column")
          case .notFound(let suggestion):
            if let mapped = viaCrosswalk(raw) {
              resolved = mapped
            } else {
              issue(.notInBoundaries, suggestion.map { "did you mean \($0)?" } ?? "")
            }
          }
        } else if let code = AreaKey.normalise(raw, as: keyKind) {
          if catalog.contains(code) {
            resolved = [.init(code: code, weight: 1)]
          } else if let mapped = viaCrosswalk(code) {
            resolved = mapped
          } else {
            issue(.notInBoundaries)
          }
        } else {
          issue(.invalidKey, "not a \(keyKind.rawValue)")
        }
        if resolved.isEmpty { unused.insert(cacheKey) }
        cache[cacheKey] = resolved
        resolved.forEach { matchedAreas.insert($0.code) }
        targets.append(resolved)
      }
      report.summaries.append(
        JoinSummary(
          table: table.source, kind: kind, level: level, areas: catalog.codes.count,
          areasMatched: matchedAreas.count, tableKeys: distinct.count,
          tableKeysUnused: unused.count))
      if kind == .reports || kind == .population {
        for code in catalog.codes where !matchedAreas.contains(code) {
          report.issues.append(
            JoinIssue(
              level: level, side: .boundaries, key: code, reason: .notInTable,
              source: "\(catalog.source); no rows in \(table.source)"))
        }
      }
      return (level, targets)
    }

    // MARK: tables

    mutating func readCounts(_ levelled: LevelledTable, kind: TableKind) throws {
      let table = levelled.table
      let schema = try TableSchema.recognise(table, as: kind)
      let (level, targets) = try resolve(levelled, schema: schema, kind: kind)
      countLevels.insert(level)
      var seen = Set<RowKey>()
      var parts: [CellKey: Double] = [:]
      var partsOrigin: [CellKey: Origin] = [:]
      var totals: [CellKey: Double] = [:]
      var totalsOrigin: [CellKey: Origin] = [:]
      let what = kind == .reports ? "count" : "children"
      for (index, row) in table.rows.enumerated() {
        let line = table.lineNumbers[index]
        let location = "line \(line)"
        guard let year = CellParser.year(row[schema.year!]) else {
          throw UserError(
            "year \"\(row[schema.year!])\" is not a year", source: table.source, location: location)
        }
        let groupText = schema.ageGroup.map { row[$0] } ?? ""
        guard let group = CellParser.ageGroup(groupText) else {
          throw UserError(
            "age group \"\(groupText)\" is not one of 0-3, 4-7, 8-17 (or 0-17 / empty for the total)",
            source: table.source, location: location)
        }
        let valueText = row[schema.value!]
        let value: Double
        switch CellParser.number(valueText) {
        case .missing: continue
        case .invalid(let text):
          throw UserError(
            "\(what) \"\(text)\" is not a number", source: table.source, location: location)
        case .number(let number):
          guard number >= 0 else {
            throw UserError(
              "\(what) \(valueText) is negative", source: table.source, location: location)
          }
          value = number
        }
        let dedup = RowKey(
          area: row[schema.area], year: year, group: group, sex: schema.sex.map { row[$0] } ?? "",
          kind: schema.kind.map { row[$0] } ?? "")
        guard seen.insert(dedup).inserted else {
          throw UserError(
            "a second row for area \(row[schema.area]), year \(year), age group \(group.rawValue): duplicate rows are not summed",
            source: table.source, location: location)
        }
        years.insert(year)
        for target in targets[index] {
          let key = CellKey(area: areaID(level, target.code), year: year, group: group)
          if group == .all {
            totals[key, default: 0] += value * target.weight
            if totalsOrigin[key] == nil { totalsOrigin[key] = Origin(source: table.source, line: line) }
          } else {
            parts[key, default: 0] += value * target.weight
            if partsOrigin[key] == nil { partsOrigin[key] = Origin(source: table.source, line: line) }
          }
        }
      }
      // Totals: given, or the sum of the three age groups when all three are there.
      var merged = parts
      merged.merge(totals) { _, total in total }
      var origins = partsOrigin.merging(totalsOrigin) { _, total in total }
      let areaYears = Set(parts.keys.map { CellKey(area: $0.area, year: $0.year, group: .all) })
      for total in areaYears {
        guard totals[total] == nil else { continue }
        let values = AgeGroup.parts.compactMap {
          parts[CellKey(area: total.area, year: total.year, group: $0)]
        }
        if values.count == 3 {
          merged[total] = values.reduce(0, +)
          origins[total] = partsOrigin[CellKey(area: total.area, year: total.year, group: .age0to3)]
        }
      }
      for (key, value) in merged {
        if kind == .reports {
          if reported[key] != nil {
            throw UserError(
              "reports for \(describe(key)) come from two tables",
              source: table.source, location: origins[key].map { "line \($0.line)" })
          }
          reported[key] = value
          reportedOrigin[key] = origins[key]
        } else {
          if children[key] != nil {
            throw UserError(
              "population for \(describe(key)) comes from two tables",
              source: table.source, location: origins[key].map { "line \($0.line)" })
          }
          children[key] = value
        }
      }
    }

    mutating func readIndicators(_ levelled: LevelledTable) throws {
      let table = levelled.table
      let schema = try TableSchema.recognise(table, as: .indicators)
      let (level, targets) = try resolve(levelled, schema: schema, kind: .indicators)
      var seen = Set<IndicatorKey>()
      seen.reserveCapacity(table.rows.count * max(1, schema.indicators.count))
      // Only a crosswalk can feed one area from several keys.
      let tracksContributors = sources.crosswalk != nil
      for (index, row) in table.rows.enumerated() {
        let location = "line \(table.lineNumbers[index])"
        var year: Int? = nil
        if let column = schema.year {
          guard let parsed = CellParser.year(row[column]) else {
            throw UserError(
              "year \"\(row[column])\" is not a year", source: table.source, location: location)
          }
          year = parsed
          years.insert(parsed)
        }
        var values: [(String, String)] = []
        if let nameColumn = schema.indicatorName, let valueColumn = schema.value {
          values = [(row[nameColumn].trimmingCharacters(in: .whitespaces), row[valueColumn])]
        } else {
          values = schema.indicators.map { ($0.1, row[$0.0]) }
        }
        for (name, text) in values {
          guard !name.isEmpty else {
            throw UserError("empty indicator name", source: table.source, location: location)
          }
          let dedup = IndicatorKey(area: row[schema.area], year: year ?? 0, name: name)
          guard seen.insert(dedup).inserted else {
            throw UserError(
              "a second value of \(name) for area \(row[schema.area]) in \(year.map(String.init) ?? "the table")",
              source: table.source, location: location)
          }
          if !indicatorNames.contains(name) { indicatorNames.append(name) }
          let value: Double
          switch CellParser.number(text) {
          case .missing: continue
          case .invalid(let bad):
            throw UserError(
              "\(name) \"\(bad)\" is not a number", source: table.source, location: location)
          case .number(let number): value = number
          }
          for target in targets[index] {
            let key = AreaYear(level: level, code: target.code, year: year)
            indicators[key, default: [:]][name] = value
            guard tracksContributors else { continue }
            indicatorContributors[key, default: [:]][name, default: []].insert(
              row[schema.area].uppercased())
            if target.weight < 1 {
              indicatorContributors[key, default: [:]][name, default: []].insert("split")
            }
          }
        }
      }
    }

    mutating func readAchterstand(_ levelled: LevelledTable) throws {
      let table = levelled.table
      let schema = try TableSchema.recognise(table, as: .achterstand)
      let (level, targets) = try resolve(levelled, schema: schema, kind: .achterstand)
      for (index, row) in table.rows.enumerated() {
        let location = "line \(table.lineNumbers[index])"
        var year: Int? = nil
        if let column = schema.year {
          guard let parsed = CellParser.year(row[column]) else {
            throw UserError(
              "year \"\(row[column])\" is not a year", source: table.source, location: location)
          }
          year = parsed
        }
        let text = row[schema.value!]
        guard let parsed = CellParser.flag(text) else {
          throw UserError(
            "achterstandswijk \"\(text)\" is not 1/0, ja/nee or true/false", source: table.source,
            location: location)
        }
        guard let flag = parsed else { continue }
        for target in targets[index] {
          let key = AreaYear(level: level, code: target.code, year: year)
          if let previous = achterstand[key], previous != flag {
            throw UserError(
              "area \(row[schema.area]) is flagged both ways for \(year.map(String.init) ?? "all years")",
              source: table.source, location: location)
          }
          achterstand[key] = flag
        }
      }
    }

    // MARK: panel

    mutating func finish() throws -> PanelBuild {
      // Indicators that several old keys (a merge) or a split fed: not transferable.
      let contributed = indicatorContributors.sorted {
        ($0.key.level, $0.key.code, $0.key.year ?? 0) < ($1.key.level, $1.key.code, $1.key.year ?? 0)
      }
      for (key, byName) in contributed {
        for (name, contributors) in byName.sorted(by: { $0.key < $1.key }) where contributors.count > 1 {
          indicators[key]?[name] = nil
          report.issues.append(
            JoinIssue(
              level: key.level, side: .table, key: key.code, reason: .notTransferable,
              suggestion: name, source: contributors.sorted().joined(separator: " + ")))
        }
      }
      // Reported children above the population: an error at the report's line.
      let overfull = reported.filter { key, count in
        children[key].map { count > $0 + 1e-9 } ?? false
      }.sorted { (reportedOrigin[$0.key]?.line ?? 0) < (reportedOrigin[$1.key]?.line ?? 0) }
      for (key, count) in overfull {
        if let population = children[key] {
          let origin = reportedOrigin[key]
          throw UserError(
            "\(CSVText.number(count)) reported children in \(level(of: key)) \(code(of: key)), \(key.year), age \(key.group.rawValue), but only \(CSVText.number(population)) children live there",
            source: origin?.source, location: origin.map { "line \($0.line)" })
        }
      }
      let sortedYears = years.sorted()
      var rows: [PanelRow] = []
      let pc4ToGemeente = sources.pc4ToGemeente

      func row(level: AreaLevel, code: String, name: String?, gemeente: String?, year: Int)
        -> PanelRow
      {
        var result = PanelRow(level: level, area: code, name: name, gemeente: gemeente, year: year)
        if let id = existingID(level, code) {
          for group in AgeGroup.allCases {
            let key = CellKey(area: id, year: year, group: group)
            result.reported[group] = reported[key]
            result.children[group] = children[key]
          }
        }
        var values = indicators[AreaYear(level: level, code: code, year: nil)] ?? [:]
        values.merge(indicators[AreaYear(level: level, code: code, year: year)] ?? [:]) { $1 }
        result.indicators = values
        result.achterstandswijk =
          achterstand[AreaYear(level: level, code: code, year: year)]
          ?? achterstand[AreaYear(level: level, code: code, year: nil)]
        return result
      }

      // PC-4 → gemeente sums, when the gemeente level got no counts of its own.
      if countLevels.contains(.pc4), !countLevels.contains(.gemeente), !pc4ToGemeente.isEmpty {
        try sumUp(from: .pc4, to: .gemeente, parentOf: pc4ToGemeente)
        if catalogs[.gemeente] == nil {
          let codes = Array(Set(pc4ToGemeente.values)).sorted()
          catalogs[.gemeente] = AreaCatalog(level: .gemeente, codes: codes, source: "lookup")
        }
      }
      if countLevels.contains(.gemeente) || catalogs[.gemeente] != nil {
        for region in sources.regions {
          try sumUp(from: .gemeente, to: .region(region.name), parentOf: region.regionOf)
          let codes = Array(Set(region.regionOf.values)).sorted()
          catalogs[.region(region.name)] = AreaCatalog(
            level: .region(region.name), codes: codes, names: region.names, source: "lookup")
        }
      }
      // Derived at gemeente and region level: share of children in achterstandswijken.
      for level in catalogs.keys.sorted() {
        let catalog = catalogs[level]!
        for code in catalog.codes {
          for year in sortedYears {
            let gemeente: String? =
              level == .pc4 ? pc4ToGemeente[code] : level == .gemeente ? code : nil
            rows.append(
              row(level: level, code: code, name: catalog.names[code], gemeente: gemeente, year: year))
          }
        }
      }
      return PanelBuild(panel: Panel(rows: rows, indicatorNames: indicatorNames), report: report)
    }

    /// Sums reported and children of `from` into `to` via `parentOf`. A parent
    /// whose parts have the value only partly is flagged in the join report.
    mutating func sumUp(from: AreaLevel, to: AreaLevel, parentOf: [String: String]) throws {
      var partsPerParent: [String: Int] = [:]
      let fromCodes = catalogs[from]?.codes ?? []
      for code in fromCodes { if let parent = parentOf[code] { partsPerParent[parent, default: 0] += 1 } }
      // The parent of every interned area of level `from`, by id.
      var parentID: [Int32: Int32] = [:]
      for (id, entry) in areaTable.enumerated() where entry.level == from {
        if let parent = parentOf[entry.code] { parentID[Int32(id)] = areaID(to, parent) }
      }
      var sumsReported: [CellKey: Double] = [:]
      var sumsChildren: [CellKey: Double] = [:]
      var withValue: [CellKey: Int] = [:]
      for (key, value) in reported {
        guard let parent = parentID[key.area] else { continue }
        let target = CellKey(area: parent, year: key.year, group: key.group)
        sumsReported[target, default: 0] += value
        withValue[target, default: 0] += 1
      }
      for (key, value) in children {
        guard let parent = parentID[key.area] else { continue }
        sumsChildren[CellKey(area: parent, year: key.year, group: key.group), default: 0] += value
      }
      for (key, value) in sumsReported { reported[key] = value }
      for (key, value) in sumsChildren { children[key] = value }
      // Incomplete sums, in a stable order (code, year) for reproducible reports.
      let incomplete = withValue.filter { key, count in
        key.group == .all && count < (partsPerParent[code(of: key)] ?? count)
      }.sorted { (code(of: $0.key), $0.key.year) < (code(of: $1.key), $1.key.year) }
      for (key, count) in incomplete {
        let expected = partsPerParent[code(of: key)] ?? count
        report.issues.append(
          JoinIssue(
            level: to, side: .aggregate, key: code(of: key), reason: .incompleteAggregate,
            suggestion: "\(count) of \(expected) \(from) areas have reports in \(key.year)",
            source: "sum of \(from)"))
      }
      // PC-4s outside every gemeente are not silently dropped.
      if from == .pc4 {
        for code in fromCodes where parentOf[code] == nil {
          report.issues.append(
            JoinIssue(
              level: from, side: .boundaries, key: code, reason: .notInBoundaries,
              suggestion: "lies in no gemeente", source: catalogs[from]?.source ?? ""))
        }
      }
    }
  }
}
