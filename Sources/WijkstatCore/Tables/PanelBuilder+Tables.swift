import Foundation

// The join, step 2: reading the tables (StatLine preparation, counts,
// indicators, achterstand flags) into the grids.

extension PanelBuilder.State {
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
}
