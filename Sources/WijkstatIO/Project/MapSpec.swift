import Foundation
import GDALBridge
import WijkstatCore

/// The files a map is written as (its legend JSON is always written).
public enum MapFormat: String, Sendable, CaseIterable, Comparable {
  case geojson, gpkg, svg
  public static func < (a: MapFormat, b: MapFormat) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
  /// `geojson,svg` → [.geojson, .svg]; a clear error for anything else.
  public static func list(_ text: String) throws -> Set<MapFormat> {
    let formats = try text.split(separator: ",").map { part -> MapFormat in
      let name = part.trimmingCharacters(in: .whitespaces).lowercased()
      guard let format = MapFormat(rawValue: name == "geopackage" ? "gpkg" : name) else {
        throw UserError("map format \"\(part)\" is not one of geojson, gpkg, svg")
      }
      return format
    }
    guard !formats.isEmpty else {
      throw UserError("no map format given; formats are geojson, gpkg, svg")
    }
    return Set(formats)
  }

  /// `geojson,svg,ESRI Shapefile,KML` → the built-in formats and the other GDAL
  /// vector drivers (by short name) that can write a file; a clear error for a
  /// name that is neither.
  public static func parse(_ names: [String]) throws -> (formats: Set<MapFormat>, drivers: [String])
  {
    var formats = Set<MapFormat>()
    var drivers: [String] = []
    for part in names {
      let name = part.trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty else { continue }
      let lower = name.lowercased()
      if let format = MapFormat(rawValue: lower == "geopackage" ? "gpkg" : lower) {
        formats.insert(format)
      } else if let driver = GDALLibrary.vectorDriver(named: name) {
        switch driver.shortName {
        case "GeoJSON": formats.insert(.geojson)
        case "GPKG": formats.insert(.gpkg)
        default:
          guard !driver.fileExtension.isEmpty, driver.shortName != "Memory" else {
            throw UserError(
              "map format \"\(name)\": GDAL's \(driver.shortName) driver does not write a file")
          }
          if !drivers.contains(driver.shortName) { drivers.append(driver.shortName) }
        }
      } else {
        throw UserError(
          "map format \"\(name)\" is not geojson, gpkg, svg or a GDAL vector driver that writes files (e.g. \"ESRI Shapefile\", FlatGeobuf, KML, \"MapInfo File\", CSV; `ogrinfo --formats` lists them)"
        )
      }
    }
    guard !formats.isEmpty || !drivers.isEmpty else {
      throw UserError("no map format given; formats are geojson, gpkg, svg")
    }
    return (formats, drivers)
  }
}

/// One published map: what to show and how to classify and colour it. Kept as a
/// small YAML file in `maps/` (or inline in a project file).
public struct MapSpec: Sendable, Equatable {
  public var name: String
  public var title: String
  /// The title in an English report and its maps (`title_en`); `title` when absent.
  public var titleEnglish: String?
  public var level: AreaLevel
  /// One year, or several for pooled breaks; nil means the latest year with data.
  public var years: [Int]?
  /// `pct_reported`, `eb_rate`, `spatial_eb_rate`, `achterstandswijk`, `lisa`, or an indicator column.
  public var variable: MapVariable
  public var method: ClassificationMethod
  public var classes: Int
  /// A ColorBrewer scheme name or `#RRGGBB` colours.
  public var colors: [String]
  public var reverse: Bool
  /// User breaks for method `breaks`.
  public var breaks: [Double]?
  /// Only areas inside these gemeenten: a region set name from the project or gemeente codes.
  public var within: String?
  /// Draw this level's outlines on top (the report's Kaart 1: gemeente outlines over PC-4).
  public var outlines: AreaLevel?
  /// The files to write: GeoJSON, GeoPackage and SVG unless fewer are asked for.
  public var formats: Set<MapFormat>
  /// Other GDAL vector drivers to write the map with (`ESRI Shapefile`, `KML`), by short name.
  public var drivers: [String] = []

  public init(
    name: String, title: String, level: AreaLevel, years: [Int]? = nil, variable: MapVariable,
    method: ClassificationMethod = .quantiles, classes: Int = 5, colors: [String] = [],
    reverse: Bool = false,
    breaks: [Double]? = nil, within: String? = nil, outlines: AreaLevel? = nil,
    titleEnglish: String? = nil,
    formats: Set<MapFormat> = Set(MapFormat.allCases)
  ) {
    self.name = name
    self.title = title
    self.titleEnglish = titleEnglish
    self.level = level
    self.years = years
    self.variable = variable
    self.method = method
    self.classes = classes
    self.colors = colors
    self.reverse = reverse
    self.breaks = breaks
    self.within = within
    self.outlines = outlines
    self.formats = formats
  }

  static let keys = [
    "name", "title", "title_en", "level", "year", "years", "variable", "method", "classes",
    "colors", "reverse",
    "breaks", "within", "outlines", "formats",
  ]

  /// Reads a map file (`maps/kaart1.yaml`); the name defaults to the file name.
  public static func load(file: String) throws -> MapSpec {
    let defaultName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    return try parse(YAMLValue.load(file: file), defaultName: defaultName)
  }

  static func parse(_ value: YAMLValue, defaultName: String) throws -> MapSpec {
    let m = try value.mapping(allowed: keys)
    guard let variable = (try m["variable"]?.string()).map(MapVariable.init(name:)) else {
      throw value.error("a map needs a variable")
    }
    guard let levelValue = m["level"] else { throw value.error("a map needs a level") }
    let name = try m["name"]?.string() ?? defaultName
    var years = try m["years"].map { node in try node.list().map { try $0.int(in: 1900...2100) } }
    if let year = try m["year"]?.int(in: 1900...2100) { years = (years ?? []) + [year] }
    var spec = MapSpec(
      name: name,
      title: try m["title"]?.string() ?? name,
      level: try levelValue.checkedLevel(),
      years: years,
      variable: variable,
      method: try m["method"].map { node in
        let text = try node.string()
        guard let method = ClassificationMethod(name: text) else {
          throw node.error("map \"\(name)\": \(ClassificationMethod.unknown(text))")
        }
        return method
      } ?? .quantiles,
      classes: try m["classes"]?.int() ?? 5,
      colors: try m["colors"]?.strings() ?? [],
      reverse: try m["reverse"]?.bool() ?? false,
      breaks: try m["breaks"]?.doubles(),
      within: try m["within"]?.string(),
      outlines: try m["outlines"].map { try $0.checkedLevel() },
      titleEnglish: try m["title_en"]?.string(),
      formats: [])
    if let node = m["formats"] {
      do {
        let names =
          try (try? node.strings())
          ?? [node.string()].flatMap { $0.split(separator: ",").map(String.init) }
        (spec.formats, spec.drivers) = try MapFormat.parse(names)
      } catch let error as UserError {
        throw node.error(error.message)
      }
    } else {
      spec.formats = Set(MapFormat.allCases)
    }
    guard (1...12).contains(spec.classes) else {
      throw (m["classes"] ?? value).error("classes must be 1 to 12, not \(spec.classes)")
    }
    do {
      return try spec.checked()
    } catch let error as UserError {
      var located = value.error("map \"\(spec.name)\": \(error.message)")
      located.isUsage = error.isUsage
      throw located
    }
  }
}

extension MapSpec {
  /// The title in the report's language: `title_en` in English when given.
  public func title(in language: ReportLanguage) -> String {
    language == .en ? titleEnglish ?? title : title
  }
}

extension MapSpec {
  /// The spec, after checking every value that can be checked without the
  /// data: the name is a file name (`FileName`) that no GeoPackage reserves
  /// (`GeoPackageLayerName`), 1–12 classes
  /// and no more than the colour scheme has, colours a scheme or `#RRGGBB`,
  /// breaks for method `breaks`. `what` names the name's source (`--name`).
  public func checked(nameOption: String = "map name") throws -> MapSpec {
    try FileName.validate(name, what: nameOption)
    try GeoPackageLayerName.validate(name, what: nameOption)
    guard (1...12).contains(classes) else {
      throw UserError("classes must be 1 to 12, not \(classes)")
    }
    if colors.count == 1, !colors[0].hasPrefix("#") {
      guard ColorBrewer.kind(of: colors[0]) != nil else {
        throw UserError(
          "unknown colour scheme \"\(colors[0])\"; schemes are \(ColorBrewer.names.joined(separator: ", ")) or a list of #RRGGBB colours"
        )
      }
      if ![.unique, .stdDev, .box, .breaks].contains(method),
        ![.achterstandswijk, .lisa].contains(variable)
      {
        _ = try ColorBrewer.colors(colors[0], k: classes)
      }
    } else if !colors.isEmpty {
      _ = try ColorBrewer.validate(colors)
    }
    if method == .breaks {
      guard let breaks, !breaks.isEmpty else {
        throw UserError("method breaks needs breaks (upper bounds)")
      }
      guard breaks.allSatisfy(\.isFinite), zip(breaks, breaks.dropFirst()).allSatisfy({ $0 < $1 })
      else {
        throw UserError("breaks must be finite numbers in increasing order")
      }
    }
    if let years, years.isEmpty { throw UserError("years is an empty list") }
    return self
  }
}
