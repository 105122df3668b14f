import Foundation
import WijkstatCore
import WijkstatIO

/// A written map: what the HTML report shows of it.
struct MadeMap {
  var spec: MapSpec
  /// The report's drawing: the map without its legend (the report draws the
  /// legend as HTML under it, `legendClasses`), every area with its hover title.
  var svg: String
  var legend: MapLegend
  var files: [String]
  /// The title in the report's language.
  var title = ""
  var legendTitle = ""
  var legendClasses: [MapClass] = []
}

/// Builds one map from a `MapSpec`: the values per area and year (with
/// disclosure control), one classification, and the four outputs written from
/// it into `folder`: NAME.geojson, NAME.gpkg, NAME.svg (and NAME-YEAR.svg for
/// the other years of a pooled map) and NAME.legend.json.
enum MapMaker {
  /// The LISA classes with their labels in the map's language.
  static func lisaCategories(_ language: String) -> [(value: String, label: String, color: String)] {
    let nl = language == "nl"
    return [
      ("HH", nl ? "hoog-hoog (HH)" : "high-high (HH)", "#d7191c"), ("LL", nl ? "laag-laag (LL)" : "low-low (LL)", "#2c7bb6"),
      ("LH", nl ? "laag-hoog (LH)" : "low-high (LH)", "#abd9e9"), ("HL", nl ? "hoog-laag (HL)" : "high-low (HL)", "#fdae61"),
      ("ns", nl ? "niet significant" : "not significant", "#f7f7f7"),
    ]
  }

  static func make(
    _ spec: MapSpec, context: AnalysisContext, folder: URL, precision: Int = 6, simplify: Double = 0,
    language: String = "nl", drawsSVG: Bool = true, finishing: BackgroundGroup? = nil,
    model: CountModelAnalysis? = nil
  ) throws -> MadeMap {
    let panel = context.panel
    guard let layer = context.joined.boundaries[spec.level] else {
      throw UserError("map \"\(spec.name)\": no \(spec.level) boundaries to draw; give --areas \(spec.level)=FILE")
    }
    // A numeric attribute of the boundary file itself (e.g. `density`) needs no panel.
    let known = ["pct_reported", "per_1000", "reported", "children", "eb_rate", "spatial_eb_rate", "achterstandswijk", "lisa"]
      + (model == nil ? [] : ["model_residual"])
    let isAttribute =
      !known.contains(spec.variable) && !panel.indicatorNames.contains(spec.variable)
      && layer.areas.contains { $0.attributes[spec.variable] != nil }
    let years = isAttribute ? [0] : spec.years ?? panel.years.last.map { [$0] } ?? []
    guard !years.isEmpty else { throw UserError("map \"\(spec.name)\": the panel has no years") }
    for year in years where !isAttribute && !panel.years.contains(year) {
      throw UserError("map \"\(spec.name)\": no data for \(year); years are \(panel.years.map(String.init).joined(separator: ", "))")
    }
    guard let method = ClassificationMethod(rawValue: spec.method) else {
      throw UserError(
        "map \"\(spec.name)\": method \"\(spec.method)\" is not one of \(ClassificationMethod.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard isAttribute || known.contains(spec.variable) || panel.indicatorNames.contains(spec.variable) else {
      throw UserError(
        "map \"\(spec.name)\": no variable \"\(spec.variable)\"; variables are \((known + panel.indicatorNames).joined(separator: ", "))")
    }
    let within = try spec.within.map { try context.gemeenten(within: $0) }
    // A PC-4 without a panel row is placed by the overlay (only `within` asks).
    let overlayLookup = within != nil && spec.level == .pc4 ? try context.joined.inputs.overlay()?.lookup : nil
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
    let rule = context.suppression.rule
    var rates: [AreaYear: SmallAreaRates.Row] = [:]
    if spec.variable == "eb_rate" || spec.variable == "spatial_eb_rate" {
      for row in try context.rates(spec.level).rows where years.contains(row.year) {
        rates[AreaYear(area: row.area, year: row.year)] = row
      }
    }
    var clusters: [AreaYear: String] = [:]
    if spec.variable == "lisa" {
      for local in try context.spatial(spec.level, years: [], localYears: years).local where local.variable == "pct_reported" {
        if let cluster = local.cluster { clusters[AreaYear(area: local.area, year: local.year)] = cluster }
      }
    }
    // The count model's Pearson residuals (of published counts only: a withheld
    // count takes no part in the fit, and its area shows as withheld).
    let residuals = Dictionary(uniqueKeysWithValues: years.map { ($0, model?.residuals(year: $0) ?? [:]) })
    var entries: [ChoroplethMap.Entry] = []
    for year in years {
      for area in layer.areas {
        let key = AreaYear(area: area.code, year: year)
        let row = rowIndex[key]
        let gemeente = row?.gemeente ?? (spec.level == .gemeente ? area.code : overlayLookup?[area.code])
        guard included(area.code, gemeente) else { continue }
        var value: Double? = nil
        var category: String? = nil
        var status = ChoroplethMap.Status.data
        let withheld = context.suppression.isSuppressed(level: spec.level, area: area.code, year: year)
        switch spec.variable {
        case "pct_reported":
          // A rate is withheld with its count: the children per area are
          // published, so rate × children would give the count back.
          value = row?.pctReported()
          if withheld { status = .suppressed }
        case "per_1000":
          // The same rate per 1,000 (Veilig Thuis counts: meldingen per 1.000 kinderen); withheld alike.
          value = row?.perThousand()
          if withheld { status = .suppressed }
        case "reported":
          value = row?.reported[.all]
          if withheld { status = .suppressed }
        case "children": value = row?.children[.all]
        case "eb_rate", "spatial_eb_rate":
          let r = rates[key]
          value = spec.variable == "eb_rate" ? r?.ebRate : r?.spatialEBRate
          // Published for every area: from published counts only, a withheld
          // area's being its prior mean (Protection), so it gives no count away.
        case "achterstandswijk":
          category = row?.achterstandswijk.map { $0 ? "1" : "0" }
        case "lisa":
          category = clusters[key]
        case "model_residual":
          value = residuals[year]?[area.code]
          if withheld { status = .suppressed }
        default:
          if isAttribute {
            // A boundary attribute: CBS special values (-99997) are no data, never a class.
            value = area.attributes[spec.variable].flatMap { context.joined.inputs.tableOptions.specialValues.value(ofCell: $0).number }
          } else {
            value = row?.indicators[spec.variable]
          }
        }
        if let v = value, !v.isFinite { value = nil }
        if status == .data, value == nil, category == nil { status = .noData }
        if status == .suppressed { value = nil }
        entries.append(
          ChoroplethMap.Entry(
            code: area.code, name: area.name ?? row?.name, geometry: area.geometry, year: year,
            value: value, category: category, status: status))
      }
    }
    guard !entries.isEmpty else {
      throw UserError("map \"\(spec.name)\": no \(spec.level) areas in \(spec.within ?? "the boundaries")")
    }
    var categories: [(value: String, label: String, color: String)]? = nil
    if spec.variable == "lisa" { categories = lisaCategories(language) }
    if spec.variable == "achterstandswijk" {
      let colors = spec.colors.count == 2 ? try ColorBrewer.validate(spec.colors) : ["#f0f0f0", "#b2182b"]
      categories = [
        ("0", language == "nl" ? "geen achterstandswijk" : "other area", colors[0]),
        ("1", language == "nl" ? "achterstandswijk" : "deprived area", colors[1]),
      ]
    }
    let decimals = spec.variable == "reported" || spec.variable == "children" ? 0 : 2
    let map: ChoroplethMap
    do {
      map = try ChoroplethMap(
        entries: entries, method: categories != nil ? .unique : method, classes: spec.classes,
        colors: categories != nil ? [] : spec.colors, reverse: spec.reverse, breaks: spec.breaks,
        categories: categories, decimals: decimals, language: language)
    } catch let error as UserError {
      throw UserError("map \"\(spec.name)\": \(error.message)")
    }
    for warning in map.classification.warnings { Terminal.warning("map \"\(spec.name)\": \(warning)") }

    // The outputs, all from `map`.
    let people = ReportLanguage(code: language)
    let legendTitle = legendTitle(spec.variable, language, spatial: context.spatialOptions, unit: panel.countUnit)
    // The hover text of every area (SVG `<title>`, GeoJSON `description`): from
    // the published value only (nil when withheld). An area without a name (a
    // PC-4) is named by its level: `PC-4 3300`.
    let hovers = map.entries.enumerated().map { i, entry in
      SVGMap.hoverTitle(
        name: entry.name, code: entry.name == nil ? "\(spec.level == .pc4 ? "PC-4" : spec.level.description) \(entry.code)" : entry.code,
        valueLabel: legendTitle,
        value: entry.category == nil ? entry.value.map { people.number($0, decimals: decimals) } : nil,
        classLabel: map.label(of: map.classNumbers[i]), classNumber: map.classNumbers[i], language: people)
    }
    let features = map.entries.enumerated().map { i, e in
      ChoroplethFeature(
        code: e.code, name: e.name, geometry: e.geometry, value: e.value, category: e.category,
        classNumber: map.classNumbers[i], label: map.label(of: map.classNumbers[i]),
        fill: map.color(of: map.classNumbers[i]),
        status: ChoroplethFeature.Status(rawValue: e.status.rawValue) ?? .data, description: hovers[i])
    }
    let base = folder.appendingPathComponent(spec.name)
    let title = spec.title(in: language)
    // QGIS styles: categorised on the value field of a unique-value map, graduated
    // on the value of a classed one (each with the no-data and withheld classes).
    let styled = map.legend.filter { $0.number > 0 || $0.count > 0 }
    let qml =
      categories != nil
      ? QMLStyle.categorized(categories: categories!, field: spec.variable, noData: map.legend.first { $0.number == MapClass.noData }!)
      : method == .unique
        ? QMLStyle.graduated(classes: styled)
        : QMLStyle.graduated(classes: styled, valueField: spec.variable)
    let outlineLayer: ChoroplethOutput.Outlines? = {
      guard let level = spec.outlines, let layer = context.joined.boundaries[level] else { return nil }
      let areas = layer.areas.filter { within == nil || level != .gemeente || within!.contains($0.code) }
      return ChoroplethOutput.Outlines(
        level: level.description, codes: areas.map(\.code), names: areas.map(\.name), geometries: areas.map(\.geometry),
        title: people.pick("Grenzen (\(level))", "Outlines (\(level))"))
    }()
    let singleYear = years.count == 1 && !isAttribute ? years[0] : nil
    // Pooled maps (several years) carry the year per feature. The GeoPackage is
    // written on the second core while the GeoJSON and SVG are made here.
    var files: [String] = []
    let geoPackage: BackgroundTask<Void>? =
      spec.formats.contains(.gpkg)
      ? BackgroundTask { [features] in
        try ChoroplethOutput.writeGeoPackage(
          name: spec.name, variable: spec.variable, year: singleYear, features: features, qml: qml,
          title: title, outlines: outlineLayer, to: base.path + ".gpkg")
      } : nil
    // The GeoPackage is finished by `finishing` when given (the caller goes on
    // meanwhile), else here; on an error below still before the output folder
    // is discarded.
    if let geoPackage, let finishing { finishing.add(geoPackage) }
    defer { if finishing == nil { _ = try? geoPackage?.value() } }
    if spec.formats.contains(.geojson) {
      try ChoroplethOutput.writeGeoJSON(
        name: spec.name, variable: spec.variable, year: singleYear ?? nil, features: features,
        to: base.path + ".geojson", options: .init(precision: precision, simplify: simplify, memo: context.lonLat))
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
      // KML through LIBKML where GDAL has it: GDAL 3.6's KML writer drops the
      // fill of an OGR style (PolyStyle fill 0), LIBKML writes it.
      let wanted = driver == "KML" && VectorDrivers.named("LIBKML") != nil ? "LIBKML" : driver
      guard let info = VectorDrivers.named(wanted) else { continue }
      let subfolder = folder.appendingPathComponent(driver.lowercased().replacingOccurrences(of: " ", with: "-"))
      try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
      let written = try ChoroplethOutput.write(
        driver: info.shortName, fileExtension: info.fileExtension, name: spec.name, variable: spec.variable,
        year: singleYear, features: features, folder: subfolder.path)
      files += written.files
      guard !["KML", "LIBKML"].contains(info.shortName) else { continue }
      let offset = singleYear == nil ? 2 : 3  // code, name[, year], then the value field
      let field = written.fieldNames.count > offset ? written.fieldNames[offset] : spec.variable
      let sidecar =
        categories != nil
        ? QMLStyle.categorized(categories: categories!, field: field, noData: map.legend.first { $0.number == MapClass.noData }!)
        : method == .unique ? QMLStyle.graduated(classes: styled) : QMLStyle.graduated(classes: styled, valueField: field)
      let path = subfolder.appendingPathComponent(spec.name + ".qml")
      try FileBytes.write(Data(sidecar.utf8), to: path)
      files.append(path.path)
    }

    let sources = context.joined.inputs.provenance.map { context.published.name($0.path) }
    let imputation = "; prior from the published areas only, a withheld area gets the prior mean (its neighbours' pooled published rate for spatial EB), so no smoothed value depends on a withheld count"
    let smoothing: String? =
      spec.variable == "eb_rate" ? "global empirical Bayes (Marshall 1991)\(rule.enabled ? imputation : "")"
      : spec.variable == "spatial_eb_rate" ? "spatial empirical Bayes (Marshall 1991), \(context.weightsKind) neighbours\(rule.enabled ? imputation : "")" : nil
    // Provisional figures (StatLine `2023*`): the year is marked `*` beside the
    // map and the source line says what the star means.
    let provisionalYears = isAttribute ? [] : panel.provisionalYears(level: spec.level).intersection(years).sorted()
    func yearLabel(_ year: Int) -> String { provisionalYears.contains(year) ? "\(year)*" : "\(year)" }
    let sourceLine =
      (provisionalYears.isEmpty ? "" : language == "nl" ? "* voorlopige cijfers · " : "* provisional figures · ")
      + (language == "nl" ? "Bron: " : "Source: ")
      + sources.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
      + " · \((categories != nil ? ClassificationMethod.unique : method).name(people)), \(map.classification.k) \(language == "nl" ? "klassen" : "classes")"
      + (rule.enabled ? (language == "nl" ? " · kleine aantallen afgeschermd" : " · small numbers withheld") : "")
      + " · wijkstat \(WijkstatVersion.current)"
    let outlines = outlineLayer?.geometries ?? []
    // The SVG of the latest year is drawn even when not written if the caller
    // shows it (the report does).
    var svgLatest = ""
    let legendClasses = map.legend.filter { $0.number > 0 || $0.count > 0 }
    for (n, year) in years.enumerated() where spec.formats.contains(.svg) || (drawsSVG && n == years.count - 1) {
      let indexes = map.entries.indices.filter { map.entries[$0].year == year }
      var drawing = SVGMap(
        title: title,
        subtitle: years.count > 1 || provisionalYears.contains(year) ? yearLabel(year) : nil,
        areas: indexes.map { i in
          SVGMap.Area(
            code: map.entries[i].code, geometry: map.entries[i].geometry,
            fill: map.color(of: map.classNumbers[i]), classNumber: map.classNumbers[i], title: hovers[i])
        }, outlines: outlines, legendTitle: legendTitle,
        legend: legendClasses, source: sourceLine)
      drawing.language = people
      if n == years.count - 1, drawsSVG {
        var inReport = drawing
        inReport.drawsLegend = false
        svgLatest = inReport.svg
      }
      guard spec.formats.contains(.svg) else { continue }
      let name = n == years.count - 1 ? base.path + ".svg" : base.path + "-\(year).svg"
      try FileBytes.write(Data(drawing.svg.utf8), to: URL(fileURLWithPath: name))
      files.append(name)
    }
    if let geoPackage {
      if finishing == nil { try geoPackage.value() }
      files.insert(base.path + ".gpkg", at: spec.formats.contains(.geojson) ? 1 : 0)
    }
    let dataClasses = map.legend.filter { $0.number > 0 }
    var legend = MapLegend(
      title: title, method: categories != nil ? "unique" : method.rawValue, k: dataClasses.count,
      breaks: map.classification.breaks, categories: map.classification.categories,
      labels: dataClasses.map(\.label), colors: dataClasses.map(\.color),
      counts: dataClasses.map(\.count),
      noData: .init(count: map.legend.first { $0.number == 0 }!.count, color: ColorBrewer.noDataColor, label: map.label(of: 0), classValue: 0),
      suppressed: .init(count: map.legend.first { $0.number == -1 }!.count, color: ColorBrewer.suppressedColor, label: map.label(of: -1), classValue: -1),
      warnings: map.classification.warnings,
      provenance: .init(
        sources: sources, level: spec.level.description, years: isAttribute ? [] : years, variable: spec.variable,
        smoothing: smoothing, suppression: rule.summary, wijkstatVersion: WijkstatVersion.current))
    if !provisionalYears.isEmpty { legend.provenance.provisionalYears = provisionalYears }
    if spec.variable == "lisa" {
      let options = context.spatialOptions
      legend.provenance.clusterRule = "\(options.ruleLabel), \(options.alternative.rawValue) permutation p"
    }
    try FileBytes.write(Data(legend.json().utf8), to: URL(fileURLWithPath: base.path + ".legend.json"))
    files.append(base.path + ".legend.json")
    return MadeMap(
      spec: spec, svg: svgLatest, legend: legend, files: files, title: title, legendTitle: legendTitle,
      legendClasses: legendClasses)
  }

  /// The legend title of a variable, naming what the counts count (`meldingen
  /// per 100 kinderen 0-17` for Veilig Thuis counts, `% gemelde kinderen` for the AMK's).
  static func legendTitle(
    _ variable: String, _ language: String, spatial: SpatialAnalysis.Options = SpatialAnalysis.Options(),
    unit: CountUnit = CountUnit()
  ) -> String {
    let nl = language == "nl"
    switch variable {
    case "pct_reported": return unit.rateLabel(nl)
    case "per_1000": return unit.perThousandLabel(nl)
    case "eb_rate", "spatial_eb_rate": return "\(unit.shortRateLabel(nl)) (\(nl ? "gladgestreken" : "smoothed"))"
    case "reported": return unit.countLabel(nl)
    case "children": return unit.childrenLabel(nl)
    case "achterstandswijk": return nl ? "achterstandswijk" : "deprived area"
    case "model_residual": return nl ? "Pearson-residu van het telmodel" : "count model's Pearson residual"
    case "lisa":
      let a = CSVText.full(spatial.alpha)
      let alpha = nl ? a.replacingOccurrences(of: ".", with: ",") : a
      switch spatial.clusterRule {
      case .fdr: return nl ? "LISA-cluster (FDR q < \(alpha))" : "LISA cluster (FDR q < \(alpha))"
      case .p: return nl ? "LISA-cluster (p < \(alpha), ongecorrigeerd)" : "LISA cluster (p < \(alpha), uncorrected)"
      case .bonferroni: return nl ? "LISA-cluster (Bonferroni p < \(alpha)/m)" : "LISA cluster (Bonferroni p < \(alpha)/m)"
      }
    default: return variable
    }
  }
}
