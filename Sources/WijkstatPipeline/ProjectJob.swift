import Foundation
import WijkstatCore
import WijkstatIO

/// Everything `wijkstat run` computes and writes for one project.
///
/// The run's schedule is `write`: one task group whose child tasks run beside
/// the main line of tables and maps, all finished before the disclosure audit.
/// - beside everything: the join report, suppression log and published panel
///   (`writeJoined`, from the joined panel alone);
/// - beside the disclosure control: the spatial weights (from the boundaries
///   alone);
/// - beside the tables, from the published panel on: the permutation tests,
///   LISA (`async let local`) and Moran's I (`async let global`);
/// - beside the maps: each map's GeoPackage (`DeferredWrites`, taken after
///   every map) and the report's sections up to the small-area rates
///   (`async let middle`, from a copy of the report made at that point);
/// - beside the maps, the report and the disclosure audit, from when Moran's I
///   is in: the spreadsheets (`async let workbook`), which the audit does not
///   read.
/// Every job beside the main line runs on a thread of its own (`OwnThread`):
/// they block, and the cooperative pool has a thread per core.
/// The stages pass plain values; the analyses they share are computed once in
/// the `AnalysisContext` (typed keys). Data-parallel loops inside a stage use
/// `ParallelFor` (fixed chunks, so results never depend on the thread count).
public final class ProjectJob {
  public let project: Project
  public let context: AnalysisContext
  public let language: ReportLanguage
  public private(set) var written = 0

  public init(project: Project) async throws {
    self.project = project
    language = project.language
    var joined = try await JoinedInputs.load(project.inputs, regionSets: project.regions)
    if let years = project.years {
      joined.build.panel.rows.removeAll { !years.contains($0.year) }
    }
    guard !joined.panel.rows.isEmpty else {
      throw UserError("the project's inputs give an empty panel", source: project.file)
    }
    let rule = SuppressionRule(
      enabled: project.suppression.enabled, minimumCount: Double(project.suppression.minimumCount),
      minimumChildren: Double(project.suppression.minimumChildren))
    let a = project.analyses
    // The contrast tables the run publishes: their sums are linked to the panel's.
    var contrasts: [PublishedCells.ContrastTable] = []
    if joined.panel.rows.contains(where: { $0.level == .pc4 && $0.achterstandswijk != nil }) {
      contrasts.append(.init(name: "contrast", gemeenten: nil))
      if let within = a.contrastWithin, let members = project.regions[within] {
        contrasts.append(.init(name: "contrast-\(within)", gemeenten: Set(members)))
      }
    }
    context = AnalysisContext(
      joined: joined, rule: rule, weights: a.weights, neighbours: a.neighbours,
      permutations: a.permutations, seed: a.seed, regionSets: project.regions,
      spatialOptions: a.spatialOptions, contrastTables: contrasts,
      provenanceBase: URL(fileURLWithPath: project.file).absoluteURL.deletingLastPathComponent()
        .path)
  }

  public var panel: Panel { context.panel }

  /// The join report, suppression log, regions, count sources and published
  /// panel: they need only the joined panel (a child task of `write`).
  private static func writeJoined(_ context: AnalysisContext, into url: URL) throws {
    let tables = url.appendingPathComponent("tables")
    try FileBytes.write(
      Data(context.published.scrub(context.joined.build.report.csv).utf8),
      to: url.appendingPathComponent("join-report.csv"))
    try InternalFolder.writeSuppressionLog(context.suppression, into: url)
    try FileBytes.write(
      Data(regionsCSV(context.regionMaps).utf8), to: tables.appendingPathComponent("regions.csv"))
    // How exactly the published sums hold, where not every one is exact (the audit reads it).
    let sources = context.countSources
    if !sources.allExact {
      try FileBytes.write(
        Data(sources.csv.utf8), to: tables.appendingPathComponent("count-sources.csv"))
    }
    // The published panel the analyses use (no second copy of it).
    try PanelOutput.write(
      context.publishedPanel, boundaries: context.joined.boundaries,
      to: url.appendingPathComponent("panel.gpkg").path)
  }

  public func write(to url: URL) async throws {
    let tables = url.appendingPathComponent("tables")
    let maps = url.appendingPathComponent("maps")
    try OutputFolders.make(tables)
    try OutputFolders.make(maps)
    let collector = TableCollector(keepsLongTables: project.csvDialect == .dutchSpreadsheet)
    let folder = OutputFolder(
      url: tables, collector: collector, language: project.language)
    var report = ReportBuilder(project: project, context: context)
    let total = 8 + project.maps.count + (project.analyses.model == nil ? 0 : 1)
    var done = 0
    func step(_ message: String) {
      done += 1
      Terminal.step(done, of: total, message)
    }

    // The permutation tests (Moran's I and LISA) take longest: they start now on
    // the other cores and are collected before the LISA maps need them.
    let spatialLevel =
      project.analyses.spatialLevel
      ?? DefaultLevel.choose(
        panelLevels: panel.levels, boundaryLevels: Set(context.joined.boundaries.keys)) ?? .pc4
    let doesSpatial =
      panel.levels.contains(spatialLevel) && context.joined.boundaries[spatialLevel] != nil
    // LISA for the latest year and every year a LISA map shows.
    let lisaYears = Set(
      [panel.years.last].compactMap { $0 }
        + project.maps.filter { $0.variable == .lisa }.flatMap { $0.years ?? [] }
    ).sorted()
    let context = self.context

    try await withThrowingTaskGroup(of: Void.self) { background in
      // Beside everything: the files that need only the joined panel.
      // Each job beside the main line blocks its thread (GDAL writes, waits for
      // the published panel), so each runs on a thread of its own (OwnThread).
      background.addTask { try await OwnThread.run { try Self.writeJoined(context, into: url) } }
      // The spatial weights need only the boundaries: made beside the
      // disclosure control (most of which runs on one core) rather than after
      // it, where Moran's I, LISA and the smoothed rates wait for them.
      if doesSpatial {
        background.addTask { try await OwnThread.run { _ = try context.weights(spatialLevel) } }
      }
      // Map GeoPackages handed on by the maps, written beside the later steps.
      let mapFiles = DeferredWrites()
      func startMapFiles() {
        for write in mapFiles.take() { background.addTask { try await OwnThread.run(write) } }
      }

      // Correlations (Tabel 1 and 2).
      let levels = project.analyses.correlationLevels.filter { panel.levels.contains($0) }
      step("correlations")
      // From the published panel: a correlation over areas with a withheld count
      // would be an equation in that count.
      let published = context.publishedPanel
      // Beside the tables and the first maps, from the published panel on (not
      // beside the disclosure control: at 460,000 areas the two together held
      // more memory than either at its peak): LISA (the LISA maps wait for it)
      // and Moran's I for every year.
      async let local: SpatialAnalysis? = OwnThread.run {
        try doesSpatial ? context.spatial(spatialLevel, years: [], localYears: lisaYears) : nil
      }
      async let global: SpatialAnalysis? = OwnThread.run {
        try doesSpatial ? context.spatial(spatialLevel, years: nil, localYears: []) : nil
      }
      let correlations = CorrelationAnalysis(panel: published, levels: levels)
      // A correlation level without one usable correlation is said, never an empty table in silence.
      for entry in correlations.unusableLevels(levels, panel: published) {
        Terminal.warning(entry.reason)
      }
      try folder.write(correlations.table.csv, "correlations.csv")
      collector.add(correlations.table, "correlations")
      for level in levels {
        try folder.write(
          correlations.reportLayout(level: level, language: language), "correlations-\(level)")
      }
      report.correlations = correlations

      // Achterstandswijk contrast (Tabel 3; Tabel 4 within the region set).
      // The contrast tables sum published counts only (below): nothing in them is
      // secret, so no year of them is withheld.
      let minimum: Double? = nil
      // At the finest level with achterstandswijk flags: PC-4 (the report's), buurt or wijk.
      let contrastLevel = panel.levels.first { level in
        [.pc4, .buurt, .wijk].contains(level)
          && panel.rows.contains { $0.level == level && $0.achterstandswijk != nil }
      }
      if let contrastLevel {
        step("achterstandswijk contrast")
        // From the published panel: a contrast cell summing withheld counts would
        // be an equation in them (README.md, "Disclosure control").
        let contrast = ContrastAnalysis(
          panel: context.publishedPanel, level: contrastLevel, minimumCount: minimum)
        try folder.write(contrast.contrastTable(minimumCount: minimum), "contrast")
        try folder.write(contrast.testTable, "contrast-tests")
        report.contrast = contrast
        if let within = project.analyses.contrastWithin, let members = project.regions[within] {
          let set = Set(members)
          let inside = ContrastAnalysis(
            panel: context.publishedPanel, level: contrastLevel, minimumCount: minimum,
            include: { set.contains($0.gemeente ?? "") })
          try folder.write(inside.contrastTable(minimumCount: minimum), "contrast-\(within)")
          try folder.write(inside.testTable, "contrast-\(within)-tests")
          report.contrastWithin = (within, inside)
        }
      }

      // Count models (Tabel 5) and their residual map, from the published panel.
      if let settings = project.analyses.model, panel.levels.contains(settings.level) {
        step("count models")
        let weights =
          context.joined.boundaries[settings.level] == nil
          ? nil : try context.weights(settings.level)
        let model = try CountModelRun.analyse(
          protection: context.protection, panel: panel, level: settings.level,
          years: settings.years,
          options: settings.options, weights: weights)
        try folder.write(model.table, "model")
        try folder.write(model.fitTable, "model-fit")
        try folder.write(model.residualTable.csv, "model-residuals.csv")
        report.model = model
        if let spec = CountModelRun.residualMap(model, language: language),
          context.joined.boundaries[settings.level] != nil
        {
          report.modelMap = try MapMaker.make(
            spec, context: context, folder: maps, language: language, finishing: mapFiles,
            model: model)
          startMapFiles()
        }
      }

      // Rankings and trends.
      let rankLevel = project.analyses.rankLevel
      if let year = project.analyses.rankYear ?? panel.years.last, panel.levels.contains(rankLevel)
      {
        step("rankings and trends")
        let ranking = RankingTables(
          published: context.publishedPanel, level: rankLevel, year: year,
          top: project.analyses.rankTop, bottom: project.analyses.rankBottom,
          provinces: context.joined.inputs.parsedLookup?.provinces ?? [:])
        try folder.write(ranking.rankings, "rankings")
        try folder.write(ranking.trends, "trends")
        try folder.write(ranking.trendChanges, "trend-changes")
        report.ranking = ranking
      }

      // Small-area rates.
      step("small-area rates")
      if panel.levels.contains(spatialLevel) {
        let rates = try context.rates(spatialLevel)
        try folder.write(rates.table(level: spatialLevel), "rates")
        report.rates = rates
      }
      // The report's sections up to here (a copy of the report as it is now) are
      // made beside the maps.
      let reportUpToRates = report
      async let middle = reportUpToRates.middleBlocks()

      // The spatial tables (their permutations ran beside the tables above),
      // which the workbook waits for; then the maps, beside the workbook; the
      // report lists them in project order. Their GeoPackages are finished in
      // the background, before the report.
      var made: [MadeMap?] = Array(repeating: nil, count: project.maps.count)
      func makeMap(_ n: Int) throws {
        step("map \(project.maps[n].name)")
        made[n] = try MapMaker.make(
          project.maps[n], context: context, folder: maps, language: language, finishing: mapFiles)
        startMapFiles()
      }
      if doesSpatial {
        step("Moran's I and LISA")
        // Both were started (doesSpatial); the LISA maps (below) use them.
        guard var spatial = try await local else { preconditionFailure("LISA was started") }
        try folder.write(spatial.lisaTable, "lisa")
        guard let global = try await global else { preconditionFailure("Moran's I was started") }
        spatial.global = global.global
        spatial.warnings = global.warnings + spatial.warnings
        try folder.write(spatial.moranTable, "moran")
        // The weights every test used, as GeoDa/libpysal read them.
        var written = Set<String>()
        for file in global.weightsFiles(level: spatialLevel)
          + spatial.weightsFiles(level: spatialLevel)
        where written.insert(file.name).inserted {
          try folder.write(file.text, file.name)
        }
        report.spatial = spatial
      }
      // The spreadsheets: tables.xlsx, and tables-nl/ when asked (the same
      // published tables, all collected by now: the maps add none), written
      // beside the maps, the report and the disclosure audit, which reads
      // the maps and the report, not these copies of the tables. It starts as
      // soon as its last table is there (WorkbookWriter: 0.2 s of CPU on the
      // real PC-4 project, on both cores).
      let (tablesToWrite, rowCounts) = (collector.tables, collector.longTableRows)
      let (labels, dutchCSV, title) = (
        project.labels, project.csvDialect == .dutchSpreadsheet, project.reportTitle
      )
      let workbookLanguage = language
      async let workbook: Void = OwnThread.run {
        try Spreadsheets.write(
          tablesToWrite, language: workbookLanguage, labels: labels, dutchCSV: dutchCSV,
          title: title, into: url, rowCounts: rowCounts)
      }
      // Every map: LISA maps without the run's spatial statistics (another level,
      // or none to compute) are made, or refused with their reason, as any map.
      for n in project.maps.indices { try makeMap(n) }
      report.maps = made.compactMap { $0 }

      // The report, while the last GeoPackages are written; then those and the
      // published panel (finished in the background).
      step("report.html")
      report.middle = await middle
      try FileBytes.write(Data(report.html.utf8), to: url.appendingPathComponent("report.html"))
      // The disclosure audit reads back what is final already (the GeoJSON and
      // SVG maps, report.html) while the last GeoPackages are finished.
      let protects = context.rule.enabled
      let panelForAudit = context.panel
      async let finalFiles = OwnThread.run {
        protects
          ? try PublishedFolder.readMaps(url, panel: panelForAudit) { !$0.hasSuffix(".gpkg") }
          : PublishedFolder.MapReads()
      }
      step("panel.gpkg")
      try await background.waitForAll()
      let earlier = try await finalFiles
      // The disclosure audit of everything written: the output is moved into
      // place only when it finds nothing (or protection is off).
      step("disclosure audit")
      if context.rule.enabled {
        let audit = try FolderAudit.beforePublishing(
          url, context: context, rates: report.rates, level: spatialLevel,
          local: report.spatial?.local ?? [], earlier: earlier)
        guard audit.findings.isEmpty else {
          throw UserError(
            "not published: the disclosure audit narrows \(audit.findings.count) withheld counts below the protection interval:\n  "
              + audit.lines().prefix(20).joined(separator: "\n  "))
        }
        let secured = context.secured
        Terminal.progress(
          "disclosure control: \(secured.suppression.count) cells withheld, every one with a protection interval of at least \(CSVText.number(context.rule.minimumCount)) (\(secured.rounds) rounds, \(String(format: "%.2f", secured.seconds)) s); the maps as written show nothing of them (\(audit.checkedMapValues) map values, \(audit.checkedSVGAreas) SVG areas)"
        )
      }
      try await workbook
      written = try FileManager.default.subpathsOfDirectory(atPath: url.path).filter {
        var isDirectory: ObjCBool = false
        FileManager.default.fileExists(
          atPath: url.appendingPathComponent($0).path, isDirectory: &isDirectory)
        return !isDirectory.boolValue
      }.count
    }
  }
}

/// `tables/regions.csv`: `region_level,region,gemeente,year`, which gemeenten make
/// each region (public knowledge; the audit's region sums need it); `year` is
/// empty for an assignment of every year, else the year it holds for.
func regionsCSV(_ maps: [String: [String: String]]) -> String {
  var text = "region_level,region,gemeente,year\n"
  for level in maps.keys.sorted() {
    for (key, region) in maps[level]!.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
      let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
      let year = parts.count == 2 ? parts[1] : ""
      text +=
        "\(CSVText.field(level)),\(CSVText.field(region)),\(CSVText.field(parts[0])),\(year)\n"
    }
  }
  return text
}
