import Foundation

// The join, step 4: the panel from the grids.

extension PanelBuilder.State {
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
    let pc4ToGemeente = sources.pc4ToGemeente

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
    for level in catalogs.keys.sorted() {
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
}
