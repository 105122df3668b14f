import Foundation
import GDALBridge
import WijkstatCore

/// Reads a published output folder of `wijkstat run` the way an attacker
/// would (only what is published; `internal/` is not read): the panel from
/// panel.gpkg, the region memberships, the contrast tables, the rates and the
/// local statistics, for `DisclosureAudit`.
public struct PublishedFolder {
  public var panel: Panel
  public var regions: [String: [String: String]]
  public var contrasts: [PublishedCells.ContrastTable]
  public var contrastValues: [String: [PublishedCells.Key: Double?]]
  public var rates: [DisclosureAudit.RateRow]
  public var local: [DisclosureAudit.LocalRow]
  public var maps: [DisclosureAudit.MapValue]
  /// The areas of every SVG map in maps/.
  public var svg: [DisclosureAudit.SVGArea] = []
  /// How exactly the published sums hold (`tables/count-sources.csv`); nil: every one exact.
  public var sources: CountSources? = nil
  /// The files read, for the audit's first line.
  public var files: [String]

  public static func read(_ folder: String) throws -> PublishedFolder {
    let root = URL(fileURLWithPath: folder)
    let panelPath = root.appendingPathComponent("panel.gpkg").path
    guard FileManager.default.fileExists(atPath: panelPath) else {
      throw UserError("no panel.gpkg: not a wijkstat run output folder", source: folder)
    }
    var files = ["panel.gpkg"]
    let dataset = try Dataset.openVector(panelPath)
    var rows: [PanelRow] = []
    for layer in dataset.layers where layer.name.hasPrefix("panel_") {
      let table = try TableReader.read(panelPath, layer: layer.name)
      func column(_ name: String) -> Int? { table.columnIndex(name) }
      guard let level = column("level"), let area = column("area"), let year = column("year") else {
        throw UserError(
          "table \(layer.name) has no level, area and year columns", source: panelPath)
      }
      let gemeente = column("gemeente")
      let flag = column("achterstandswijk")
      let name = column("name")
      func number(_ cells: [String], _ index: Int?) -> Double? {
        guard let index, index < cells.count else { return nil }
        return Double(cells[index])
      }
      for (n, raw) in table.rows.enumerated() {
        let cells = Array(raw)
        guard let y = Int(cells[year]) ?? Double(cells[year]).map({ Int($0) }) else {
          throw UserError(
            "table \(layer.name), row \(n + 1): year \"\(cells[year])\" is not a year",
            source: panelPath)
        }
        var row = PanelRow(
          level: AreaLevel(parsing: cells[level]), area: cells[area], name: name.map { cells[$0] },
          gemeente: gemeente.flatMap { cells[$0].isEmpty ? nil : cells[$0] }, year: y)
        row.reported[.all] = number(cells, column("reported"))
        row.children[.all] = number(cells, column("children"))
        for group in AgeGroup.parts {
          row.reported[group] = number(cells, column("reported_\(group.columnSuffix)"))
          row.children[group] = number(cells, column("children_\(group.columnSuffix)"))
        }
        row.achterstandswijk = number(cells, flag).map { $0 == 1 }
        rows.append(row)
      }
    }
    let panel = Panel(rows: rows, indicatorNames: [])
    let tables = root.appendingPathComponent("tables")
    func csv(_ name: String) throws -> RawTable? {
      let path = tables.appendingPathComponent(name).path
      guard FileManager.default.fileExists(atPath: path) else { return nil }
      files.append("tables/" + name)
      return try TableReader.read(path)
    }
    var regions: [String: [String: String]] = [:]
    if let table = try csv("regions.csv"), let l = table.columnIndex("region_level"),
      let r = table.columnIndex("region"),
      let g = table.columnIndex("gemeente")
    {
      // A `year` (a lookup with a jaar column): the region of that year, `GMxxxx|YEAR`.
      let y = table.columnIndex("year")
      for cells in table.rows {
        let year = y.map { CellParser.trimmed(cells[$0]) } ?? ""
        regions[cells[l], default: [:]][year.isEmpty ? cells[g] : "\(cells[g])|\(year)"] = cells[r]
      }
    }
    let sources = try csv("count-sources.csv").map(CountSources.init(table:))
    var contrasts: [PublishedCells.ContrastTable] = []
    var contrastValues: [String: [PublishedCells.Key: Double?]] = [:]
    let names = (try? FileManager.default.contentsOfDirectory(atPath: tables.path)) ?? []
    for file in names.sorted()
    where file.hasPrefix("contrast") && file.hasSuffix(".csv") && !file.hasSuffix("-tests.csv") {
      let name = String(file.dropLast(4))
      guard let table = try csv(file), let year = table.columnIndex("year"),
        let group = table.columnIndex("age_group"),
        let flag = table.columnIndex("achterstandswijk"),
        let reported = table.columnIndex("reported")
      else { continue }
      var values: [PublishedCells.Key: Double?] = [:]
      for cells in table.rows {
        guard let y = Int(cells[year]), let g = AgeGroup(rawValue: cells[group]) else { continue }
        values[.init(table: name, area: cells[flag], year: y, group: g)] = .some(
          Double(cells[reported]))
      }
      // Tabel 4: the PC-4 areas of the region set's gemeenten.
      let within = name == "contrast" ? nil : String(name.dropFirst("contrast-".count))
      let gemeenten = within.map { set in Set(regions[set].map { Array($0.keys) } ?? []) }
      contrasts.append(.init(name: name, gemeenten: gemeenten, withheldYears: []))
      contrastValues[name] = values
    }
    var rates: [DisclosureAudit.RateRow] = []
    if let table = try csv("rates.csv") {
      func index(_ name: String) -> Int? { table.columnIndex(name) }
      if let area = index("area"), let year = index("year") {
        let columns = [
          "reported", "children", "raw_rate", "raw_ci_low", "raw_ci_high", "eb_rate", "p_exceeds",
          "reference_rate", "spatial_eb_rate",
        ].map(index)
        for cells in table.rows {
          guard let y = Int(cells[year]) else { continue }
          let v = columns.map { c in c.flatMap { Double(cells[$0]) } }
          rates.append(
            .init(
              area: cells[area], year: y, reported: v[0], children: v[1], rawRate: v[2],
              rawLow: v[3], rawHigh: v[4],
              ebRate: v[5], pExceeds: v[6], reference: v[7], spatialEBRate: v[8]))
        }
      }
    }
    var local: [DisclosureAudit.LocalRow] = []
    if let table = try csv("lisa.csv"), let area = table.columnIndex("area"),
      let year = table.columnIndex("year"),
      let variable = table.columnIndex("variable")
    {
      for cells in table.rows {
        if let y = Int(cells[year]) {
          local.append(.init(area: cells[area], year: y, variable: cells[variable]))
        }
      }
    }
    let (maps, svg, mapFiles) = try readMaps(root, panel: panel)
    files += mapFiles
    return PublishedFolder(
      panel: panel, regions: regions, contrasts: contrasts, contrastValues: contrastValues,
      rates: rates, local: local,
      maps: maps, svg: svg, sources: sources, files: files)
  }

  /// The published maps of a folder as the attacker reads them: every
  /// GeoJSON and GeoPackage map layer in maps/ (what each area shows), every
  /// SVG map in maps/ and every map embedded in report.html. `panel` gives
  /// each area's level. `wijkstat run` reads its own output with it before it
  /// moves the folder into place; `wijkstat audit` as part of `read`.
  /// `earlier`: files read before (`readMaps(_:panel:only:)`), not read again.
  public static func readMaps(_ root: URL, panel: Panel, earlier: MapReads = MapReads()) throws
    -> (maps: [DisclosureAudit.MapValue], svg: [DisclosureAudit.SVGArea], files: [String])
  {
    let sources = mapSources(root)
    let read = try readMapFiles(
      sources.filter { earlier.byName[$0.name] == nil }, root: root, panel: panel,
      levelOf: earlier.levelOf)
    var maps: [DisclosureAudit.MapValue] = []
    var svg: [DisclosureAudit.SVGArea] = []
    var files: [String] = []
    for (name, _) in sources {
      switch earlier.byName[name] ?? read.byName[name] {
      case .map(let values)?:
        files.append(name)
        maps += values
      case .svg(let areas)?:
        files.append(name)
        svg += areas
      case nil:
        // Not a map layer (no code, year and status): not a map file.
        continue
      }
    }
    return (maps, svg, files)
  }

  /// What `readMaps` reads of each file, by its name in the folder (a file
  /// that is not a map layer is left out).
  public struct MapReads: Sendable {
    public enum Read: Sendable {
      case map([DisclosureAudit.MapValue])
      case svg([DisclosureAudit.SVGArea])
    }
    var byName: [String: Read] = [:]
    /// Each area's level, as the maps' values carry it (made once from the
    /// panel, for every read that takes these reads).
    var levelOf: [String: String]? = nil
    public init() {}
  }

  /// The files `readMaps` reads whose names (`maps/NAME`, `report.html`)
  /// `include` accepts: read now, for `readMaps(earlier:)`. `wijkstat run`
  /// reads the files that are final (GeoJSON and SVG maps, report.html) while
  /// its last GeoPackages are still being written.
  public static func readMaps(_ root: URL, panel: Panel, only include: (String) -> Bool) throws
    -> MapReads
  {
    try readMapFiles(mapSources(root).filter { include($0.name) }, root: root, panel: panel)
  }

  /// Each file to read, by its name in the folder, sorted as listed.
  enum Source {
    case map(String)
    case svg(URL)
    case report(URL)
  }

  static func mapSources(_ root: URL) -> [(name: String, source: Source)] {
    // The maps: every GeoJSON and GeoPackage map layer in maps/ (what each
    // area shows, read as the attacker would, not from the tables), every
    // SVG map and report.html.
    let mapFolder = root.appendingPathComponent("maps")
    let listed = ((try? FileManager.default.contentsOfDirectory(atPath: mapFolder.path)) ?? [])
      .sorted()
    let mapFiles = listed.filter { $0.hasSuffix(".geojson") || $0.hasSuffix(".gpkg") }
    let svgFiles = listed.filter { $0.hasSuffix(".svg") }
    var sources = mapFiles.map { (name: "maps/" + $0, source: Source.map($0)) }
    sources += svgFiles.map { ("maps/" + $0, .svg(mapFolder.appendingPathComponent($0))) }
    let report = root.appendingPathComponent("report.html")
    if FileManager.default.fileExists(atPath: report.path) {
      sources.append(("report.html", .report(report)))
    }
    return sources
  }

  /// Reads `sources`, one file per item on every core (at 100,000 PC-6 areas
  /// two 60 MB GeoJSON maps, two GeoPackages and two 17 MB SVGs).
  static func readMapFiles(
    _ sources: [(name: String, source: Source)], root: URL, panel: Panel,
    levelOf known: [String: String]? = nil
  ) throws -> MapReads {
    guard !sources.isEmpty else { return MapReads() }
    let mapFolder = root.appendingPathComponent("maps")
    let levelOf =
      known
      ?? {
        var levels: [String: String] = [:]
        for row in panel.rows where levels[row.area] == nil {
          levels[row.area] = row.level.description
        }
        return levels
      }()
    let read = ParallelFor.map(sources.count, minimumChunk: 1) {
      n -> Result<MapReads.Read?, any Error> in
      Result {
        switch sources[n].source {
        case .map(let file):
          return try readMap(
            mapFolder.appendingPathComponent(file).path, file: file, levelOf: levelOf
          )
          .map { .map($0) }
        case .svg(let url):
          let text: String
          do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw UserError(
              "cannot read the SVG map: \(error.localizedDescription)", source: url.path)
          }
          return .svg(SVGAreas.read(text, map: url.lastPathComponent))
        case .report(let url):
          // The maps embedded in report.html (the same SVG as maps/, drawn again).
          let text: String
          do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw UserError(
              "cannot read the report: \(error.localizedDescription)", source: url.path)
          }
          return .svg(SVGAreas.readReport(text))
        }
      }
    }
    var reads = MapReads()
    reads.levelOf = levelOf
    for (n, result) in read.enumerated() {
      if let value = try result.get() { reads.byName[sources[n].name] = value }
    }
    return reads
  }

  /// What each area of one GeoJSON or GeoPackage map shows (every field but
  /// the frame's), or nil for a file that is not a map layer (no `code`,
  /// `year` and `status`).
  static func readMap(_ path: String, file: String, levelOf: [String: String]) throws
    -> [DisclosureAudit.MapValue]?
  {
    let frame: Set<String> = [
      "code", "name", "year", "category", "class", "label", "status", "fill", "fill-opacity",
      "stroke", "stroke-width", "fid", "id",
    ]
    // Every field as text, text fields too (TableReader keeps a boundary
    // layer's number fields only). A GeoJSON map goes through wijkstat's own
    // reader where it reads the file: its properties only, the same text per
    // value as GDAL but without the features' `id`s, which are the area codes
    // (MapReadBackTests). GDAL's driver took 4–6 s for one 60 MB map of
    // 100,000 areas (BENCHMARKS.md, session 12). Anything else through GDAL.
    let columns: [String]
    let cell: (_ row: Int, _ column: Int) -> String
    let count: Int
    if file.hasSuffix(".geojson"),
      let own = GeoJSONPolygonReader.read(path, valuesOnly: true)
    {
      columns = own.fields.map(\.name)
      count = own.shapes.count
      cell = { row, column in own.values[column][row] ?? "" }
    } else {
      let dataset = try Dataset.openVector(path)
      guard let layer = dataset.layer(at: 0) else { return nil }
      let names = layer.fields.map(\.name)
      var rows: [[String]] = []
      try layer.forEachFeature { feature in
        rows.append(names.indices.map { feature.string(at: $0) ?? "" })
      }
      columns = names
      count = rows.count
      cell = { row, column in rows[row][column] }
    }
    guard let code = columns.firstIndex(of: "code"), let year = columns.firstIndex(of: "year"),
      let status = columns.firstIndex(of: "status")
    else { return nil }
    var maps: [DisclosureAudit.MapValue] = []
    let variables = columns.indices.filter { !frame.contains(columns[$0].lowercased()) }
    for row in 0..<count {
      let yearText = cell(row, year)
      guard let y = Int(yearText) ?? Double(yearText).map({ Int($0) }) else { continue }
      let area = cell(row, code)
      // A map's level by its codes: GM0014 a gemeente, 1011 a PC-4 area, ...
      let level = levelOf[area] ?? "pc4"
      let shown = cell(row, status)
      for v in variables {
        let text = CellParser.trimmed(cell(row, v))
        maps.append(
          .init(
            map: file, level: level, area: area, year: y, variable: columns[v].lowercased(),
            value: Double(text), status: shown))
      }
    }
    return maps
  }

  /// The published cells and their sums, as the attacker has them.
  public var cells: PublishedCells {
    PublishedCells(
      panel: panel, suppression: nil, regions: regions, contrasts: contrasts,
      contrastValues: contrastValues, sources: sources)
  }
}

/// The areas of a wijkstat SVG map (SVGMap): every `<path … data-code="…"
/// data-class="…">` with its `<title>`. Read by hand: the audit needs these three
/// attributes of wijkstat's own output, not an SVG renderer.
enum SVGAreas {
  /// Scans the UTF-8 bytes once, front to back: linear in the file's size. (A
  /// search with Foundation's `range(of:)` on the rest of the text, as before,
  /// re-indexed that rest on every call: quadratic, so that at 100,000 PC-6 areas
  /// a 17 MB map did not finish in an hour.)
  static func read(_ text: String, map: String) -> [DisclosureAudit.SVGArea] {
    let bytes = Array(text.utf8)
    var areas: [DisclosureAudit.SVGArea] = []
    var at = 0
    while let start = UTF8Bytes.find("<path ", in: bytes, from: at) {
      let tagStart = start + 6
      guard let end = UTF8Bytes.find(">", in: bytes, from: tagStart) else { break }
      let tag = tagStart..<end
      at = end + 1
      func attribute(_ name: String) -> String? {
        guard
          let open = UTF8Bytes.find(
            " \(name)=\"", in: bytes, from: tag.lowerBound - 1, before: tag.upperBound)
        else { return nil }
        let valueStart = open + name.utf8.count + 3
        guard let close = UTF8Bytes.find("\"", in: bytes, from: valueStart, before: tag.upperBound)
        else {
          return nil
        }
        return unescape(String(decoding: bytes[valueStart..<close], as: UTF8.self))
      }
      guard let code = attribute("data-code"),
        let number = attribute("data-class").flatMap({ Int($0) })
      else { continue }
      var title: String? = nil
      let selfClosing = end > tag.lowerBound && bytes[end - 1] == UInt8(ascii: "/")
      if !selfClosing, hasPrefix("<title>", in: bytes, at: at),
        let close = UTF8Bytes.find("</title>", in: bytes, from: at)
      {
        title = unescape(String(decoding: bytes[(at + 7)..<close], as: UTF8.self))
      }
      areas.append(.init(map: map, area: code, classNumber: number, title: title))
    }
    return areas
  }

  static func hasPrefix(_ pattern: String, in bytes: [UInt8], at: Int) -> Bool {
    let needle = Array(pattern.utf8)
    guard at + needle.count <= bytes.count else { return false }
    return bytes[at..<(at + needle.count)].elementsEqual(needle)
  }

  /// The maps embedded in report.html: each `<figure class="map">` holds the
  /// SVG of a map, and its caption names the map's files (`kaart-1.geojson,
  /// …` or `maps/kaart-1.geojson`); its areas are named "report.html (FILE)"
  /// and matched by the file's stem. A figure whose caption names no map file
  /// keeps the stem "report.html": the audit lists it as not checked.
  static func readReport(_ text: String) -> [DisclosureAudit.SVGArea] {
    var areas: [DisclosureAudit.SVGArea] = []
    let bytes = Array(text.utf8)
    let opening = "<figure class=\"map\">"
    var at = 0
    while let start = UTF8Bytes.find(opening, in: bytes, from: at) {
      let figureStart = start + opening.utf8.count
      let end = UTF8Bytes.find("</figure>", in: bytes, from: figureStart) ?? bytes.count
      let figure = String(decoding: bytes[figureStart..<end], as: UTF8.self)
      at = end
      var stem = "report.html"
      var file = "report.html"
      // Found in the bytes: Foundation's range(of:) on the figure went through
      // its whole SVG (before the caption) character by character.
      let captionTag = "<figcaption>"
      if let open = UTF8Bytes.find(captionTag, in: bytes, from: figureStart, before: end) {
        let caption = unescape(
          String(decoding: bytes[(open + captionTag.utf8.count)..<end], as: UTF8.self))
        // The first word ending in .geojson, .gpkg or .svg.
        let words = caption.split(whereSeparator: { " ,;:()\n".contains($0) })
        if let word = words.first(where: { w in
          [".geojson", ".gpkg", ".svg"].contains { w.hasSuffix($0) || w.hasSuffix($0 + ".") }
        }) {
          var name = String(word)
          if name.hasSuffix(".") { name.removeLast() }
          name = String(name.split(separator: "/").last ?? Substring(name))
          if let dot = name.lastIndex(of: ".") {
            stem = String(name[..<dot])
            file = "report.html (\(stem).svg)"
          }
        }
      }
      for var area in read(figure, map: file) {
        area.stem = stem
        areas.append(area)
      }
    }
    return areas
  }

  static func unescape(_ text: String) -> String {
    guard text.contains("&") else { return text }
    return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(
      of: "&gt;", with: ">"
    )
    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
    .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
  }
}
