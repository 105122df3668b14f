import Foundation

// The join, step 1: resolving table keys to areas, and reading years and numbers.

extension PanelBuilder.State {
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
}
