import WijkstatCore

/// Turns what `InputLoader` read into the core's `PanelSources` and builds the
/// panel: area catalogs from the boundaries (names, provinces from the lookup),
/// PC-4 → gemeente from the lookup or the overlay, region levels from the lookup
/// and from the project's own region sets.
public enum PanelAssembler {
  public static func build(
    _ inputs: LoadedInputs, regionSets: [String: [String]] = [:]
  ) throws -> PanelBuild {
    let lookup = inputs.parsedLookup
    var catalogs: [AreaLevel: AreaCatalog] = [:]
    for (level, boundaries) in inputs.boundaries {
      var catalog = AreaCatalog(
        boundaries.layer, provinces: level == .gemeente ? lookup?.provinces ?? [:] : [:])
      if level == .gemeente, let lookup {
        for code in catalog.codes where catalog.names[code] == nil {
          catalog.names[code] = lookup.gemeenteNames[code]
        }
      }
      catalogs[level] = catalog
    }
    if catalogs[.gemeente] == nil, let lookup, !lookup.gemeenten.isEmpty {
      catalogs[.gemeente] = AreaCatalog(
        level: .gemeente, codes: lookup.gemeenten, names: lookup.gemeenteNames,
        provinces: lookup.provinces, source: lookup.source)
    }
    var pc4ToGemeente = lookup?.pc4ToGemeente ?? [:]
    if pc4ToGemeente.isEmpty, let overlay = inputs.overlay { pc4ToGemeente = overlay.lookup }
    var regions = lookup?.regions ?? []
    for (name, members) in regionSets.sorted(by: { $0.key < $1.key }) {
      var regionOf: [String: String] = [:]
      for member in members {
        guard let code = AreaKey.gemeenteCode(member) ?? resolveName(member, catalogs[.gemeente])
        else {
          throw UserError("region \"\(name)\": \"\(member)\" is not a known gemeente code or name")
        }
        regionOf[code] = name
      }
      regions.append(RegionDefinition(name: name, regionOf: regionOf, names: [name: name]))
    }
    // CBS region boundaries (a PDOK veiligthuisregio layer, statcode/statnaam)
    // without a lookup column of their level: gemeenten are assigned to them by
    // overlay (each to the region holding most of its surface).
    var regionSplits: [(AreaLevel, OverlayAssignment)] = []
    if let gemeenten = inputs.boundaries[.gemeente]?.layer {
      for (level, boundaries) in inputs.boundaries.sorted(by: { $0.key < $1.key })
      where level.isRegion && level != .region(level.description)
        && !regions.contains(where: { $0.level == level })
      {
        let overlay = try AreaOverlay.assign(gemeenten, to: boundaries.layer)
        regions.append(
          RegionDefinition(
            name: level.description, regionOf: overlay.lookup, names: catalogs[level]?.names ?? [:])
        )
        regionSplits += overlay.split.map { (level, $0) }
      }
    }
    let crosswalk = try inputs.crosswalk.map { try Crosswalk($0) }
    func levelled(_ tables: [(TableInput, RawTable)]) -> [LevelledTable] {
      tables.map { LevelledTable($0.1, level: $0.0.level, keyColumn: $0.0.key) }
    }
    let sources = PanelSources(
      catalogs: catalogs, reports: levelled(inputs.reports),
      population: levelled(inputs.population), indicators: levelled(inputs.indicators),
      achterstand: levelled(inputs.achterstand), pc4ToGemeente: pc4ToGemeente, regions: regions,
      crosswalk: crosswalk, options: inputs.tableOptions)
    var build = try PanelBuilder.build(sources)
    // PC-4 areas the overlay found in more than one gemeente are listed.
    if lookup?.pc4ToGemeente.isEmpty ?? true, let overlay = inputs.overlay {
      for split in overlay.split {
        build.report.issues.append(
          JoinIssue(
            level: .pc4, side: .aggregate, key: split.code, reason: .splitArea,
            suggestion: split.parts.map { "\($0.code) \(Int(($0.share * 100).rounded()))%" }.joined(
              separator: ", "),
            source: "area overlay: assigned to \(split.assignedTo)"))
      }
    }
    for (level, split) in regionSplits {
      build.report.issues.append(
        JoinIssue(
          level: .gemeente, side: .aggregate, key: split.code, reason: .splitArea,
          suggestion: split.parts.map { "\($0.code) \(Int(($0.share * 100).rounded()))%" }.joined(
            separator: ", "),
          source: "area overlay on \(level): assigned to \(split.assignedTo)"))
    }
    return build
  }

  static func resolveName(_ name: String, _ catalog: AreaCatalog?) -> String? {
    guard let catalog else { return nil }
    if case .matched(let code) = GemeenteNameMatcher(catalog).match(name) { return code }
    return nil
  }
}
