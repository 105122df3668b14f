import Foundation
import WijkstatCore

/// One area of a classified map, ready to write.
public struct ChoroplethFeature: Sendable {
  public enum Status: String, Sendable {
    case data
    case noData = "no data"
    case suppressed
  }
  public var code: String
  public var name: String?
  public var geometry: MultiPolygon
  /// The published value: nil when missing or suppressed (a withheld value never
  /// reaches a file).
  public var value: Double?
  /// A category label for categorical maps (`HH`, `achterstandswijk`), else nil.
  public var category: String?
  /// 1...k; 0 for no data; −1 for withheld (suppressed).
  public var classNumber: Int
  public var label: String
  public var fill: String
  public var status: Status
  /// The hover text (simplestyle `description`, the SVG `<title>`); a withheld
  /// area's has no value.
  public var description: String?

  public init(
    code: String, name: String?, geometry: MultiPolygon, value: Double?, category: String? = nil,
    classNumber: Int, label: String, fill: String, status: Status, description: String? = nil
  ) {
    self.description = description
    self.code = code
    self.name = name
    self.geometry = geometry
    self.value = value
    self.category = category
    self.classNumber = classNumber
    self.label = label
    self.fill = fill
    self.status = status
  }
}

/// Writes one classification to GeoJSON and GeoPackage with identical classes
/// and colours: the GeoJSON with simplestyle-spec properties (`fill`,
/// `fill-opacity`, `stroke`, `stroke-width`) so geojson.io shows the map as it is,
/// the GeoPackage with a QGIS style in `layer_styles` (used by default).
public enum ChoroplethOutput {
  public struct Options: Sendable {
    /// GeoJSON coordinate decimals (6 ≈ 0.1 m).
    public var precision: Int = 6
    /// Douglas–Peucker tolerance in metres, keeping shared borders shared; 0 = off.
    public var simplify: Double = 0
    /// Projected geometries shared between the maps of one run.
    public var memo: LonLatMemo?
    public init(precision: Int = 6, simplify: Double = 0, memo: LonLatMemo? = nil) {
      self.precision = precision
      self.simplify = simplify
      self.memo = memo
    }
  }

  /// The layer of a map. A unique-value map (`lisa`, `achterstandswijk`) holds
  /// its category in the value field (`HH`, `1`), a classed map the number; the
  /// GeoJSON feature `id` is the code (`code-year` on a pooled map), `title`
  /// the name or code and `description` the hover text (simplestyle).
  static func layer(
    name: String, variable: String, year: Int?, features: [ChoroplethFeature], simplify: Double
  ) -> OutputLayer {
    let categorical = features.contains { $0.category != nil }
    var fields = [AttributeField("code", .text), AttributeField("name", .text)]
    if year != nil { fields.append(AttributeField("year", .integer)) }
    fields += [
      AttributeField(variable, categorical ? .text : .real), AttributeField("category", .text),
      AttributeField("class", .integer), AttributeField("label", .text),
      AttributeField("status", .text), AttributeField("fill", .text),
      AttributeField("fill-opacity", .real), AttributeField("stroke", .text),
      AttributeField("stroke-width", .real), AttributeField("title", .text),
      AttributeField("description", .text),
    ]
    let rows: [[AttributeValue]] = features.map { feature in
      var row: [AttributeValue] = [
        .text(feature.code), feature.name.map(AttributeValue.text) ?? .null,
      ]
      if let year { row.append(.integer(year)) }
      row += [
        categorical
          ? feature.category.map(AttributeValue.text) ?? .null
          : feature.value.map(AttributeValue.real) ?? .null,
        feature.category.map(AttributeValue.text) ?? .null, .integer(feature.classNumber),
        .text(feature.label), .text(feature.status.rawValue), .text(feature.fill), .real(0.85),
        .text("#636363"), .real(0.5), .text(feature.name ?? feature.code),
        feature.description.map(AttributeValue.text) ?? .null,
      ]
      return row
    }
    var geometries = features.map(\.geometry)
    if simplify > 0 {
      geometries = SharedBorderSimplifier(tolerance: simplify).simplify(geometries)
    }
    var layer = OutputLayer(name: name, fields: fields, geometries: geometries, rows: rows)
    // Stable feature ids: the area code; on a map of several years (where a
    // code comes once per year, in year order) the code and its occurrence.
    var seen: [String: Int] = [:]
    layer.ids = features.map { feature in
      seen[feature.code, default: 0] += 1
      let n = seen[feature.code]!
      return n == 1 ? feature.code : "\(feature.code)-\(n)"
    }
    return layer
  }

  public static func writeGeoJSON(
    name: String, variable: String, year: Int?, features: [ChoroplethFeature], to path: String,
    options: Options = .init()
  ) throws {
    try VectorWriter.writeGeoJSON(
      layer(
        name: name, variable: variable, year: year, features: features, simplify: options.simplify),
      to: path, precision: options.precision, memo: options.memo)
  }

  /// The outlines drawn over a map (gemeente borders over PC-4): a second
  /// layer of the GeoPackage, `outlines_LEVEL`, with its own style.
  public struct Outlines: Sendable {
    public var level: String
    public var codes: [String]
    public var names: [String?]
    public var geometries: [MultiPolygon]
    public var title: String
    public init(
      level: String, codes: [String], names: [String?], geometries: [MultiPolygon], title: String
    ) {
      self.level = level
      self.codes = codes
      self.names = names
      self.geometries = geometries
      self.title = title
    }
  }

  /// The GeoPackage keeps full-resolution geometry in RD New, with an R-tree
  /// spatial index on every layer.
  public static func writeGeoPackage(
    name: String, variable: String, year: Int?, features: [ChoroplethFeature], qml: String,
    title: String, outlines: Outlines? = nil, to path: String
  ) throws {
    var styles = [
      LayerStyleRow(
        tableName: name, geometryColumn: "geom", styleName: name, qml: qml, sld: "",
        description: title, updateTime: "2000-01-01T00:00:00.000Z")
    ]
    var layers = [
      layer(name: name, variable: variable, year: year, features: features, simplify: 0)
    ]
    if let outlines, !outlines.geometries.isEmpty {
      let layerName = "outlines_\(outlines.level)"
      layers.append(
        OutputLayer(
          name: layerName, fields: [AttributeField("code", .text), AttributeField("name", .text)],
          geometries: outlines.geometries,
          rows: zip(outlines.codes, outlines.names).map {
            [.text($0), $1.map(AttributeValue.text) ?? .null]
          }))
      styles.append(
        LayerStyleRow(
          tableName: layerName, geometryColumn: "geom", styleName: layerName,
          qml: QMLStyle.outlines(), sld: "",
          description: outlines.title, updateTime: "2000-01-01T00:00:00.000Z"))
    }
    try VectorWriter.writeGeoPackage(layers, styles: styles, to: path)
  }

  /// The map with another GDAL vector driver (`ESRI Shapefile`, `KML`, ...),
  /// beside its GeoJSON: the same fields and features; KML placemarks styled
  /// with each area's fill. Returns the files and the field names as written.
  public static func write(
    driver: String, fileExtension: String, name: String, variable: String, year: Int?,
    features: [ChoroplethFeature], folder: String
  ) throws -> (files: [String], fieldNames: [String]) {
    let styled = ["KML", "LIBKML"].contains(driver)
    return try VectorWriter.write(
      layer(name: name, variable: variable, year: year, features: features, simplify: 0),
      driver: driver,
      fileExtension: fileExtension, folder: folder, base: name,
      styles: styled ? features.map { "BRUSH(fc:\($0.fill)d9);PEN(c:#636363,w:1px)" } : nil)
  }
}
