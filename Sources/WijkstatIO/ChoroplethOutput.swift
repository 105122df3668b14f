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

  public init(
    code: String, name: String?, geometry: MultiPolygon, value: Double?, category: String? = nil,
    classNumber: Int, label: String, fill: String, status: Status
  ) {
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

  static func layer(
    name: String, variable: String, year: Int?, features: [ChoroplethFeature], simplify: Double
  ) -> OutputLayer {
    var fields = [AttributeField("code", .text), AttributeField("name", .text)]
    if year != nil { fields.append(AttributeField("year", .integer)) }
    fields += [
      AttributeField(variable, .real), AttributeField("category", .text),
      AttributeField("class", .integer), AttributeField("label", .text),
      AttributeField("status", .text), AttributeField("fill", .text),
      AttributeField("fill-opacity", .real), AttributeField("stroke", .text),
      AttributeField("stroke-width", .real),
    ]
    let rows: [[AttributeValue]] = features.map { feature in
      var row: [AttributeValue] = [.text(feature.code), feature.name.map(AttributeValue.text) ?? .null]
      if let year { row.append(.integer(year)) }
      row += [
        feature.value.map(AttributeValue.real) ?? .null,
        feature.category.map(AttributeValue.text) ?? .null, .integer(feature.classNumber),
        .text(feature.label), .text(feature.status.rawValue), .text(feature.fill), .real(0.85),
        .text("#636363"), .real(0.5),
      ]
      return row
    }
    var geometries = features.map(\.geometry)
    if simplify > 0 { geometries = SharedBorderSimplifier(tolerance: simplify).simplify(geometries) }
    return OutputLayer(name: name, fields: fields, geometries: geometries, rows: rows)
  }

  public static func writeGeoJSON(
    name: String, variable: String, year: Int?, features: [ChoroplethFeature], to path: String,
    options: Options = .init()
  ) throws {
    try VectorWriter.writeGeoJSON(
      layer(name: name, variable: variable, year: year, features: features, simplify: options.simplify),
      to: path, precision: options.precision, memo: options.memo)
  }

  /// The GeoPackage keeps full-resolution geometry in RD New.
  public static func writeGeoPackage(
    name: String, variable: String, year: Int?, features: [ChoroplethFeature], qml: String,
    title: String, to path: String
  ) throws {
    let style = LayerStyleRow(
      tableName: name, geometryColumn: "geom", styleName: name, qml: qml, sld: "",
      description: title, updateTime: "2000-01-01T00:00:00.000Z")
    try VectorWriter.writeGeoPackage(
      [layer(name: name, variable: variable, year: year, features: features, simplify: 0)],
      styles: [style], to: path)
  }
}
