import Foundation
import WijkstatCore
import WijkstatIO

/// A written map: what the HTML report shows of it.
public struct MadeMap: Sendable {
  public var spec: MapSpec
  /// The report's drawing: the map without its legend (the report draws the
  /// legend as HTML under it, `legendClasses`), every area with its hover title.
  public var svg: String
  public var legend: MapLegend
  public var files: [String]
  /// The title in the report's language.
  public var title = ""
  public var legendTitle = ""
  public var legendClasses: [MapClass] = []
  /// Set when the report draws the map as a picture (`ReportMapImage`): says so.
  public var pictureNote: String? = nil
}

/// Builds one map from a `MapSpec`: the values per area and year (with
/// disclosure control), one classification, and the four outputs written from
/// it into `folder`: NAME.geojson, NAME.gpkg, NAME.svg (and NAME-YEAR.svg for
/// the other years of a pooled map) and NAME.legend.json.
public enum MapMaker {
  public static func make(
    _ spec: MapSpec, context: AnalysisContext, folder: URL, precision: Int = 6,
    simplify: Double = 0,
    language: ReportLanguage = .nl, drawsSVG: Bool = true, finishing: DeferredWrites? = nil,
    model: CountModelAnalysis? = nil
  ) throws -> MadeMap {
    let plan = try Plan(spec, context: context, model: model)
    let entries = try self.entries(spec, plan: plan, context: context, model: model)
    let classed = try Classed(spec, entries: entries, context: context, language: language)
    let base = folder.appendingPathComponent(spec.name)
    let outlines = self.outlines(spec, plan: plan, context: context, language: language)
    let layers = try writeLayers(
      classed, plan: plan, outlines: outlines, base: base, folder: folder,
      options: .init(precision: precision, simplify: simplify, memo: context.lonLat),
      finishing: finishing)
    let source = SourceNote(classed, plan: plan, context: context)
    let drawings = try drawSVGs(
      classed, plan: plan, source: source, outlines: outlines, base: base, drawsSVG: drawsSVG)
    var files = layers.files + drawings.files
    if let geoPackage = layers.geoPackage {
      // The GeoPackage is handed to `finishing` when given (the caller writes it
      // beside its next steps), else written here after the other files.
      if finishing == nil { try geoPackage() }
      files.insert(base.path + ".gpkg", at: spec.formats.contains(.geojson) ? 1 : 0)
    }
    let legend = self.legend(classed, plan: plan, source: source, context: context)
    try FileBytes.write(
      Data(legend.json().utf8), to: URL(fileURLWithPath: base.path + ".legend.json"))
    files.append(base.path + ".legend.json")
    return MadeMap(
      spec: spec, svg: drawings.latest, legend: legend, files: files, title: classed.title,
      legendTitle: classed.legendTitle,
      legendClasses: classed.legendClasses, pictureNote: drawings.pictureNote)
  }

  /// The map's classification and what every output draws from it: the classes
  /// (categories for the LISA and achterstandswijk maps), each area's hover text
  /// and feature, the titles and the QGIS style.
  struct Classed {
    var spec: MapSpec
    var language: ReportLanguage
    var map: ChoroplethMap
    var categories: [(value: String, label: String, color: String)]?
    /// The method the classes came from (`unique` for categories).
    var method: ClassificationMethod
    var title: String
    var legendTitle: String
    /// The hover text of every entry (SVG `<title>`, GeoJSON `description`).
    var hovers: [String]
    var features: [ChoroplethFeature]

    init(
      _ spec: MapSpec, entries: [ChoroplethMap.Entry], context: AnalysisContext,
      language: ReportLanguage
    ) throws {
      self.spec = spec
      self.language = language
      let variable = spec.variable
      var categories: [(value: String, label: String, color: String)]? = nil
      if variable == .lisa { categories = MapVariableRules.lisaCategories(language) }
      if variable == .achterstandswijk {
        let colors =
          spec.colors.count == 2 ? try ColorBrewer.validate(spec.colors) : ["#f0f0f0", "#b2182b"]
        categories = [
          ("0", language.text(.otherArea), colors[0]),
          ("1", language.text(.deprivedArea), colors[1]),
        ]
      }
      self.categories = categories
      method = categories != nil ? .unique : spec.method
      let decimals = MapVariableRules.decimals(variable)
      let map: ChoroplethMap
      do {
        map = try ChoroplethMap(
          entries: entries, method: method, classes: spec.classes,
          colors: categories != nil ? [] : spec.colors, reverse: spec.reverse, breaks: spec.breaks,
          categories: categories, decimals: decimals, language: language)
      } catch let error as UserError {
        throw UserError("map \"\(spec.name)\": \(error.message)")
      }
      self.map = map
      for warning in map.classification.warnings {
        Terminal.warning("map \"\(spec.name)\": \(warning)")
      }
      title = spec.title(in: language)
      let legendTitle = MapVariableRules.legendTitle(
        variable, language, spatial: context.spatialOptions, unit: context.panel.countUnit)
      self.legendTitle = legendTitle
      // From the published value only (nil when withheld). An area without a
      // name (a PC-4) is named by its level: `PC-4 3300`.
      let hovers = map.entries.enumerated().map { i, entry in
        SVGMap.hoverTitle(
          name: entry.name,
          code: entry.name == nil
            ? "\(spec.level == .pc4 ? "PC-4" : spec.level.description) \(entry.code)" : entry.code,
          valueLabel: legendTitle,
          value: entry.category == nil
            ? entry.value.map { language.number($0, decimals: decimals) } : nil,
          classLabel: map.label(of: map.classNumbers[i]), classNumber: map.classNumbers[i],
          language: language)
      }
      self.hovers = hovers
      features = map.entries.enumerated().map { i, e in
        ChoroplethFeature(
          code: e.code, name: e.name, geometry: e.geometry, value: e.value, category: e.category,
          classNumber: map.classNumbers[i], label: map.label(of: map.classNumbers[i]),
          fill: map.color(of: map.classNumbers[i]),
          status: ChoroplethFeature.Status(rawValue: e.status.rawValue) ?? .data,
          description: hovers[i])
      }
    }

    /// The classes a legend lists: the data classes, and no data and withheld where
    /// an area falls in them.
    var legendClasses: [MapClass] { map.legend.filter { $0.number > 0 || $0.count > 0 } }

    /// The QGIS style: categorised on the value field `field` of a unique-value
    /// map, graduated on the value of a classed one (each with the no-data and
    /// withheld classes).
    func qml(field: String) -> String {
      if let categories {
        return QMLStyle.categorized(
          categories: categories, field: field,
          noData: map.legend.first { $0.number == MapClass.noData }!)
      }
      return spec.method == .unique
        ? QMLStyle.graduated(classes: legendClasses)
        : QMLStyle.graduated(classes: legendClasses, valueField: field)
    }
  }

  /// The outlines drawn on top (`outlines:`, the report's Kaart 1: gemeente
  /// outlines over PC-4), inside `within` where the outlines are gemeenten.
  static func outlines(
    _ spec: MapSpec, plan: Plan, context: AnalysisContext, language: ReportLanguage
  ) -> ChoroplethOutput.Outlines? {
    guard let level = spec.outlines, let layer = context.joined.boundaries[level] else {
      return nil
    }
    let areas = layer.areas.filter {
      plan.within == nil || level != .gemeente || plan.within!.contains($0.code)
    }
    return ChoroplethOutput.Outlines(
      level: level.description, codes: areas.map(\.code), names: areas.map(\.name),
      geometries: areas.map(\.geometry),
      title: language.text(.outlineLayerTitle(level: "\(level)")))
  }

  /// The vector files: NAME.geojson with its NAME.qml, the other GDAL drivers
  /// asked for, each in a folder of its own with a sidecar style, and the
  /// GeoPackage's write (the caller runs it, or hands it to `finishing`).
  static func writeLayers(
    _ classed: Classed, plan: Plan, outlines outlineLayer: ChoroplethOutput.Outlines?, base: URL,
    folder: URL, options: ChoroplethOutput.Options, finishing: DeferredWrites?
  ) throws -> (files: [String], geoPackage: DeferredWrites.Write?) {
    let spec = classed.spec
    let features = classed.features
    let qml = classed.qml(field: spec.variable.name)
    // Pooled maps (several years) carry the year per feature.
    let singleYear = plan.years.count == 1 && !plan.isAttribute ? plan.years[0] : nil
    var files: [String] = []
    let title = classed.title
    let geoPackage: DeferredWrites.Write? =
      spec.formats.contains(.gpkg)
      ? { @Sendable [features] in
        try ChoroplethOutput.writeGeoPackage(
          name: spec.name, variable: spec.variable.name, year: singleYear, features: features,
          qml: qml,
          title: title, outlines: outlineLayer, to: base.path + ".gpkg")
      } : nil
    if let geoPackage, let finishing { finishing.add(geoPackage) }
    if spec.formats.contains(.geojson) {
      try ChoroplethOutput.writeGeoJSON(
        name: spec.name, variable: spec.variable.name, year: singleYear ?? nil, features: features,
        to: base.path + ".geojson", options: options)
      files.append(base.path + ".geojson")
      // QGIS applies NAME.qml when it opens NAME.geojson.
      try FileBytes.write(Data(qml.utf8), to: URL(fileURLWithPath: base.path + ".qml"))
      files.append(base.path + ".qml")
    }
    // Any other GDAL vector driver asked for (`ESRI Shapefile`, `KML`, ...): the
    // same features, in a folder per driver (`maps/esri-shapefile/NAME.shp`), with
    // a `NAME.qml` sidecar that QGIS applies on open, on the field names as the
    // driver wrote them (a Shapefile cuts `pct_reported` to `pct_report`); KML
    // placemarks carry their own style.
    for driver in spec.drivers {
      // KML through LIBKML where GDAL has it (MapDrivers).
      guard let info = MapDrivers.driver(for: driver) else { continue }
      let subfolder = folder.appendingPathComponent(
        driver.lowercased().replacingOccurrences(of: " ", with: "-"))
      try OutputFolders.make(subfolder)
      let written = try ChoroplethOutput.write(
        driver: info.shortName, fileExtension: info.fileExtension, name: spec.name,
        variable: spec.variable.name,
        year: singleYear, features: features, folder: subfolder.path)
      files += written.files
      guard !["KML", "LIBKML"].contains(info.shortName) else { continue }
      let offset = singleYear == nil ? 2 : 3  // code, name[, year], then the value field
      let field =
        written.fieldNames.count > offset ? written.fieldNames[offset] : spec.variable.name
      let path = subfolder.appendingPathComponent(spec.name + ".qml")
      try FileBytes.write(Data(classed.qml(field: field).utf8), to: path)
      files.append(path.path)
    }
    return (files, geoPackage)
  }

  /// Where the map's figures come from, as its legend and source line say: the
  /// inputs by their published names, the smoothing of a smoothed rate, the
  /// provisional years (StatLine `2023*`, marked `*` beside the map).
  struct SourceNote {
    var sources: [String] = []
    var smoothing: String?
    var provisionalYears: [Int]
    /// The line under the map: sources, method and classes, withheld, version.
    var line: String

    init(_ classed: Classed, plan: Plan, context: AnalysisContext) {
      let spec = classed.spec
      let language = classed.language
      let rule = context.suppression.rule
      for input in context.joined.inputs.provenance {
        let name = context.published.name(input.path, layer: input.layer)
        // Each once (several inputs can come from one database).
        if !sources.contains(name) { sources.append(name) }
      }
      let imputation =
        "; prior from the published areas only, a withheld area gets the prior mean (its neighbours' pooled published rate for spatial EB), so no smoothed value depends on a withheld count"
      smoothing =
        spec.variable == .ebRate
        ? "global empirical Bayes (Marshall 1991)\(rule.enabled ? imputation : "")"
        : spec.variable == .spatialEBRate
          ? "spatial empirical Bayes (Marshall 1991), \(context.weightsKind.publishedName) neighbours\(rule.enabled ? imputation : "")"
          : nil
      provisionalYears =
        plan.isAttribute
        ? [] : context.panel.provisionalYears(level: spec.level).intersection(plan.years).sorted()
      line =
        (provisionalYears.isEmpty ? "" : language.text(.provisionalFigures) + " · ")
        + language.text(.source) + ": "
        + sources.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        + " · \(classed.method.name(language)), \(classed.map.classification.k) \(language.text(.classes))"
        + (rule.enabled ? " · " + language.text(.smallNumbersWithheld) : "")
        + " · wijkstat \(WijkstatVersion.current)"
    }

    func yearLabel(_ year: Int) -> String {
      provisionalYears.contains(year) ? "\(year)*" : "\(year)"
    }
  }

  /// NAME.svg (the latest year) and NAME-YEAR.svg (the other years of a pooled
  /// map) when SVG is asked for; the latest year's drawing for the report
  /// (without its legend, which the report draws as HTML) whenever `drawsSVG`,
  /// as a picture where the SVG would be too large (`ReportMapImage`).
  static func drawSVGs(
    _ classed: Classed, plan: Plan, source: SourceNote, outlines: ChoroplethOutput.Outlines?,
    base: URL, drawsSVG: Bool
  ) throws -> (latest: String, pictureNote: String?, files: [String]) {
    let (spec, map, years) = (classed.spec, classed.map, plan.years)
    var latest = ""
    var pictureNote: String? = nil
    var files: [String] = []
    for (n, year) in years.enumerated()
    where spec.formats.contains(.svg) || (drawsSVG && n == years.count - 1) {
      let indexes = map.entries.indices.filter { map.entries[$0].year == year }
      var drawing = SVGMap(
        title: classed.title,
        subtitle: years.count > 1 || source.provisionalYears.contains(year)
          ? source.yearLabel(year) : nil,
        areas: indexes.map { i in
          SVGMap.Area(
            code: map.entries[i].code, geometry: map.entries[i].geometry,
            fill: map.color(of: map.classNumbers[i]), classNumber: map.classNumbers[i],
            title: classed.hovers[i])
        }, outlines: outlines?.geometries ?? [], legendTitle: classed.legendTitle,
        legend: classed.legendClasses, source: source.line)
      drawing.language = classed.language
      if n == years.count - 1, drawsSVG {
        var inReport = drawing
        inReport.drawsLegend = false
        (latest, pictureNote) = try ReportMapImage.drawing(inReport)
      }
      guard spec.formats.contains(.svg) else { continue }
      let name = n == years.count - 1 ? base.path + ".svg" : base.path + "-\(year).svg"
      try FileBytes.write(Data(drawing.svg.utf8), to: URL(fileURLWithPath: name))
      files.append(name)
    }
    return (latest, pictureNote, files)
  }

  /// NAME.legend.json: the classes with their counts, and where the figures
  /// come from (`SourceNote`), the suppression rule and the LISA cluster rule.
  static func legend(
    _ classed: Classed, plan: Plan, source: SourceNote, context: AnalysisContext
  ) -> MapLegend {
    let (spec, map) = (classed.spec, classed.map)
    let rule = context.suppression.rule
    let dataClasses = map.legend.filter { $0.number > 0 }
    var legend = MapLegend(
      title: classed.title, method: classed.method.rawValue, k: dataClasses.count,
      breaks: map.classification.breaks, categories: map.classification.categories,
      labels: dataClasses.map(\.label), colors: dataClasses.map(\.color),
      counts: dataClasses.map(\.count),
      noData: .init(
        count: map.legend.first { $0.number == 0 }!.count, color: ColorBrewer.noDataColor,
        label: map.label(of: 0), classValue: 0),
      suppressed: .init(
        count: map.legend.first { $0.number == -1 }!.count, color: ColorBrewer.suppressedColor,
        label: map.label(of: -1), classValue: -1),
      warnings: map.classification.warnings,
      provenance: .init(
        sources: source.sources, level: spec.level.description,
        years: plan.isAttribute ? [] : plan.years, variable: spec.variable.name,
        smoothing: source.smoothing, suppression: rule.summary,
        wijkstatVersion: WijkstatVersion.current))
    if !source.provisionalYears.isEmpty {
      legend.provenance.provisionalYears = source.provisionalYears
    }
    if spec.variable == .lisa {
      let options = context.spatialOptions
      legend.provenance.clusterRule =
        "\(options.ruleLabel), \(options.alternative.rawValue) permutation p"
    }
    return legend
  }

  /// What a map draws, checked against the panel and the boundaries: the layer,
  /// whether the variable is an attribute of the boundary file itself, the
  /// years and the gemeenten of `within`.
  struct Plan {
    var layer: AreaLayer
    var isAttribute: Bool
    var years: [Int]
    var within: Set<String>?

    init(_ spec: MapSpec, context: AnalysisContext, model: CountModelAnalysis?) throws {
      let panel = context.panel
      guard let layer = context.joined.boundaries[spec.level] else {
        throw UserError(
          "map \"\(spec.name)\": no \(spec.level) boundaries to draw; give --areas \(spec.level)=FILE"
        )
      }
      // A numeric attribute of the boundary file itself (e.g. `density`) needs no panel.
      let known =
        (MapVariableRules.panelVariables
        + (model == nil ? [] : [MapVariableRules.modelVariable])).map(\.name)
      let isAttribute =
        !known.contains(spec.variable.name) && !panel.indicatorNames.contains(spec.variable.name)
        && layer.areas.contains { $0.attributes[spec.variable.name] != nil }
      let years = isAttribute ? [0] : spec.years ?? panel.years.last.map { [$0] } ?? []
      guard !years.isEmpty else { throw UserError("map \"\(spec.name)\": the panel has no years") }
      for year in years where !isAttribute && !panel.years.contains(year) {
        throw UserError(
          "map \"\(spec.name)\": no data for \(year); years are \(panel.years.map(String.init).joined(separator: ", "))"
        )
      }
      guard
        isAttribute || known.contains(spec.variable.name)
          || panel.indicatorNames.contains(spec.variable.name)
      else {
        throw UserError(
          "map \"\(spec.name)\": no variable \"\(spec.variable.name)\"; variables are \((known + panel.indicatorNames).joined(separator: ", "))"
        )
      }
      let within = try spec.within.map { try context.gemeenten(within: $0) }
      self.layer = layer
      self.isAttribute = isAttribute
      self.years = years
      self.within = within
    }
  }

  /// The map's entries, every area of every year (of `within`), each with the
  /// value or class the variable's rules give it (MapVariableRules) from the
  /// panel row, the small-area rates, LISA or the count model.
  static func entries(
    _ spec: MapSpec, plan: Plan, context: AnalysisContext, model: CountModelAnalysis?
  ) throws -> [ChoroplethMap.Entry] {
    let (panel, layer, isAttribute, years, within) = (
      context.panel, plan.layer, plan.isAttribute, plan.years, plan.within
    )
    // A PC-4 without a panel row is placed by the overlay (only `within` asks).
    let overlayLookup =
      within != nil && spec.level == .pc4 ? context.joined.inputs.overlay?.lookup : nil
    func included(_ code: String, _ gemeente: String?) -> Bool {
      guard let within else { return true }
      return spec.level == .gemeente ? within.contains(code) : within.contains(gemeente ?? "")
    }
    // Keyed by area and year; only the map's years are indexed.
    struct AreaYear: Hashable {
      var area: String
      var year: Int
    }
    var rowIndex: [AreaYear: PanelRow] = [:]
    for row in panel.rows where row.level == spec.level && years.contains(row.year) {
      rowIndex[AreaYear(area: row.area, year: row.year)] = row
    }
    let variable = spec.variable
    var rates: [AreaYear: SmallAreaRates.Row] = [:]
    if variable == .ebRate || variable == .spatialEBRate {
      for row in try context.rates(spec.level).rows where years.contains(row.year) {
        rates[AreaYear(area: row.area, year: row.year)] = row
      }
    }
    var clusters: [AreaYear: String] = [:]
    if variable == .lisa {
      for local in try context.spatial(spec.level, years: [], localYears: years).local
      where local.variable == .pctReported {
        if let cluster = local.cluster {
          clusters[AreaYear(area: local.area, year: local.year)] = cluster
        }
      }
    }
    // The count model's Pearson residuals (of published counts only: a withheld
    // count takes no part in the fit, and its area shows as withheld).
    let residuals = Dictionary(
      uniqueKeysWithValues: years.map { ($0, model?.residuals(year: $0) ?? [:]) })
    var entries: [ChoroplethMap.Entry] = []
    for year in years {
      for area in layer.areas {
        let key = AreaYear(area: area.code, year: year)
        let row = rowIndex[key]
        let gemeente =
          row?.gemeente ?? (spec.level == .gemeente ? area.code : overlayLookup?[area.code])
        guard included(area.code, gemeente) else { continue }
        let withheld = context.suppression.isSuppressed(
          level: spec.level, area: area.code, year: year)
        // A boundary attribute: CBS special values (-99997) are no data, never a class.
        let attribute =
          isAttribute
          ? area.attributes[spec.variable.name].flatMap {
            context.joined.inputs.tableOptions.specialValues.value(ofCell: $0).number
          }
          : nil
        let shown = MapVariableRules.shown(
          variable, row: row, rate: rates[key], cluster: clusters[key],
          residual: residuals[year]?[area.code],
          attribute: attribute, isAttribute: isAttribute, withheld: withheld)
        let (value, category, status) = (shown.value, shown.category, shown.status)
        entries.append(
          ChoroplethMap.Entry(
            code: area.code, name: area.name ?? row?.name, geometry: area.geometry, year: year,
            value: value, category: category, status: status))
      }
    }
    guard !entries.isEmpty else {
      throw UserError(
        "map \"\(spec.name)\": no \(spec.level) areas in \(spec.within ?? "the boundaries")")
    }
    return entries
  }
}
