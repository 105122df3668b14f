import Foundation
import GDALBridge
import WijkstatCore

/// A value for an attribute of a written feature.
public enum AttributeValue: Sendable, Equatable {
  case text(String)
  case real(Double)
  case integer(Int)
  case null
}

/// The schema of a written layer: attribute names and types.
public struct AttributeField: Sendable, Equatable {
  public enum Kind: Sendable { case text, real, integer }
  public var name: String
  public var kind: Kind
  public init(_ name: String, _ kind: Kind) {
    self.name = name
    self.kind = kind
  }
}

/// A layer to write: features with a geometry in RD New and one value per field.
public struct OutputLayer: Sendable {
  public var name: String
  public var fields: [AttributeField]
  public var geometries: [MultiPolygon]
  public var rows: [[AttributeValue]]
  /// GeoJSON feature ids (`"id": "3300"`), one per row; nil for none.
  public var ids: [String]?
  /// Rows made one at a time as they are written, instead of `rows` (GeoPackage
  /// and the other GDAL drivers; not GeoJSON): a national PC-6 panel table has
  /// 3.2 million rows, whose values all at once took over a gigabyte.
  public var rowSource: (count: Int, row: @Sendable (Int) -> [AttributeValue])?

  public init(
    name: String, fields: [AttributeField], geometries: [MultiPolygon], rows: [[AttributeValue]]
  ) {
    precondition(geometries.isEmpty || geometries.count == rows.count, "one geometry per row")
    self.name = name
    self.fields = fields
    self.geometries = geometries
    self.rows = rows
  }

  /// A table without geometries whose `count` rows `row` makes while it is written.
  public init(
    name: String, fields: [AttributeField], count: Int,
    row: @escaping @Sendable (Int) -> [AttributeValue]
  ) {
    self.name = name
    self.fields = fields
    self.geometries = []
    self.rows = []
    self.rowSource = (count, row)
  }

  /// The number of features (`rows`, or the rows `rowSource` makes).
  public var featureCount: Int { rowSource?.count ?? rows.count }
}

/// Writes layers through GDAL's drivers. Every file is written to a temporary
/// name beside its destination and renamed into place only when complete, so a
/// failure never leaves a partial file.
public enum VectorWriter {
  /// RFC 7946 GeoJSON: WGS84 longitude/latitude, exterior rings
  /// counter-clockwise, no `crs` member, `bbox` members; written by
  /// `GeoJSONWriter` (the same output as GDAL's driver with `RFC7946=YES`, an
  /// order of magnitude faster on large layers).
  ///
  /// With `rfc7946: false` the coordinates stay in RD New and the file carries a
  /// legacy `crs` member (EPSG:28992), as the demo boundaries are published;
  /// that small case goes through GDAL's driver.
  ///
  /// `memo` remembers projected geometries across calls (see `LonLatMemo`).
  public static func writeGeoJSON(
    _ layer: OutputLayer, to path: String, precision: Int = 6, rfc7946: Bool = true,
    memo: LonLatMemo? = nil
  ) throws {
    if rfc7946 {
      try atomically(path) { temporary in
        try GeoJSONWriter.write(layer, toTemporary: temporary, precision: precision, memo: memo)
      }
    } else {
      try writeGeoJSONWithGDAL(layer, to: path, precision: precision, rfc7946: false)
    }
  }

  /// GeoJSON through GDAL's GeoJSON driver (`RFC7946=YES` reprojects to WGS84
  /// and fixes the winding); the reference the tests compare `GeoJSONWriter` to.
  static func writeGeoJSONWithGDAL(
    _ layer: OutputLayer, to path: String, precision: Int, rfc7946: Bool
  ) throws {
    try atomically(path) { temporary in
      let dataset = try Dataset.create(driver: "GeoJSON", path: temporary)
      let out = try dataset.createLayer(
        name: layer.name, spatialReference: try SpatialReference.rdNew(), geometry: .multiPolygon,
        options: [
          "RFC7946=\(rfc7946 ? "YES" : "NO")", "WRITE_BBOX=YES",
          "COORDINATE_PRECISION=\(precision)",
          "WRITE_NAME=\(rfc7946 ? "NO" : "YES")",
        ])
      try fill(out, with: layer)
      try dataset.close()
    }
  }

  /// Layers with at least this many features get an R-tree spatial index: every
  /// layer, as every GIS tool writes them (QGIS warns `SpatialIndexNotPresent`
  /// without one). It costs a little time (GDAL 3.6 fills SQLite's R-tree row by
  /// row; BENCHMARKS.md records how much); a test may ask for none.
  public static let spatialIndexMinimum = 0

  /// A GeoPackage with one table per layer (geometry in RD New, or no geometry
  /// when `geometries` is empty), plus optional QGIS `layer_styles` rows.
  public static func writeGeoPackage(
    _ layers: [OutputLayer], styles: [LayerStyleRow] = [], to path: String,
    spatialIndexMinimum: Int = spatialIndexMinimum
  ) throws {
    // A fixed gpkg_contents.last_change keeps the file byte-identical across runs.
    try GDALLibrary.withConfigOption("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z") {
      try atomically(path) { temporary in
        let dataset = try Dataset.create(driver: "GPKG", path: temporary)
        for layer in layers {
          let out = try dataset.createLayer(
            name: layer.name,
            spatialReference: layer.geometries.isEmpty ? nil : try SpatialReference.rdNew(),
            geometry: layer.geometries.isEmpty ? .none : .multiPolygon,
            options: ["SPATIAL_INDEX=\(layer.featureCount >= spatialIndexMinimum ? "YES" : "NO")"])
          try out.inTransaction { try fill(out, with: layer) }
        }
        if !styles.isEmpty { try insertStyles(styles, into: dataset) }
        try dataset.close()
      }
    }
  }

  /// Writes `layer` with any GDAL vector driver that writes files (`ESRI
  /// Shapefile`, `FlatGeobuf`, `KML`, `MapInfo File`, `CSV`, ...) as
  /// `folder/base.EXT`, in RD New (KML, which is WGS84 by definition, is
  /// reprojected by GDAL; CSV carries the geometry as WKT). `styles`: one OGR
  /// style string per feature (KML writes them as placemark styles). Drivers
  /// that write several files (a Shapefile's .shp, .shx, .dbf, .prj, .cpg) write
  /// into a temporary folder beside, and every file is moved into place only
  /// when all are written. Returns the paths written and the field names as the
  /// driver stored them (a Shapefile cuts them to 10 characters).
  public static func write(
    _ layer: OutputLayer, driver: String, fileExtension: String, folder: String, base: String,
    styles: [String]? = nil
  ) throws -> (files: [String], fieldNames: [String]) {
    let destination = URL(fileURLWithPath: folder)
    let temporary = destination.appendingPathComponent(
      ".\(base).\(driver.replacingOccurrences(of: " ", with: "_")).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    )
    try OutputFolders.make(temporary)
    defer { try? FileManager.default.removeItem(at: temporary) }
    var fieldNames: [String] = []
    do {
      let target = temporary.appendingPathComponent("\(base).\(fileExtension)").path
      let dataset = try Dataset.create(driver: driver, path: target)
      var options: [String] = []
      if driver == "CSV" { options = ["GEOMETRY=AS_WKT"] }
      let out = try dataset.createLayer(
        name: base, spatialReference: layer.geometries.isEmpty ? nil : try SpatialReference.rdNew(),
        geometry: layer.geometries.isEmpty ? .none : .multiPolygon, options: options)
      // 32-bit integers: MapInfo and others have no Integer64 (years and classes fit).
      try fill(out, with: layer, styles: styles, integers: .integer)
      fieldNames = out.fields.map(\.name)
      try dataset.close()
    } catch let error as GDALError {
      throw UserError(
        "cannot write with GDAL's \(driver) driver: \(error.description)",
        source: destination.appendingPathComponent("\(base).\(fileExtension)").path)
    }
    var written: [String] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted() {
      let final = destination.appendingPathComponent(name).path
      guard rename(temporary.appendingPathComponent(name).path, final) == 0 else {
        throw UserError(
          "cannot move the finished file into place: \(String(cString: strerror(errno)))",
          source: final)
      }
      written.append(final)
    }
    return (written, fieldNames)
  }

  static func fill(
    _ out: Layer, with layer: OutputLayer, styles: [String]? = nil, integers: FieldType = .integer64
  ) throws {
    var indexes: [Int] = []
    for field in layer.fields {
      let type: FieldType
      switch field.kind {
      case .text: type = .string
      case .real: type = .real
      case .integer: type = integers
      }
      let before = out.fields.count
      try out.createField(FieldDefinition(name: field.name, type: type))
      let after = out.fields
      // Where the driver put the field: appended, or (KML's Name and
      // Description, which every KML layer has) an existing field of that
      // name; −1 when it has none. Values are set by these indexes, never by
      // position, so a driver that reorders or drops fields cannot shift them.
      if after.count > before {
        indexes.append(after.count - 1)
      } else {
        indexes.append(after.firstIndex { $0.name.lowercased() == field.name.lowercased() } ?? -1)
      }
    }
    for index in 0..<layer.featureCount {
      let row = layer.rowSource?.row(index) ?? layer.rows[index]
      let feature = out.makeFeature()
      for (position, value) in row.enumerated() {
        let column = indexes[position]
        guard column >= 0 else { continue }
        switch value {
        case .text(let text): feature.set(text, at: column)
        case .real(let number):
          if number.isFinite {
            feature.set(number, at: column)
          } else {
            feature.setNull(at: column)
          }
        case .integer(let number): feature.set(Int64(number), at: column)
        case .null: feature.setNull(at: column)
        }
      }
      if !layer.geometries.isEmpty {
        try feature.setGeometry(try Geometry(wkb: WKB.bytes(of: layer.geometries[index])))
      }
      if let styles { feature.setStyle(styles[index]) }
      try out.add(feature)
    }
  }

  /// The QGIS `layer_styles` table (the schema QGIS itself creates) and its rows.
  static func insertStyles(_ styles: [LayerStyleRow], into dataset: Dataset) throws {
    try dataset.execute(
      """
      CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, \
      f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), \
      f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, \
      useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME)
      """)
    for style in styles {
      try dataset.execute(
        """
        INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, \
        styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) VALUES \
        ('', '', \(sql(style.tableName)), \(sql(style.geometryColumn)), \(sql(style.styleName)), \
        \(sql(style.qml)), \(sql(style.sld)), 1, \(sql(style.description)), '', NULL, \
        \(sql(style.updateTime)))
        """)
    }
  }

  /// An SQL string literal with quotes doubled.
  static func sql(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// Runs `write` on a temporary path in the destination's folder, then moves
  /// the result over `path`. On failure the temporary file is removed.
  public static func atomically(_ path: String, _ write: (String) throws -> Void) throws {
    let destination = URL(fileURLWithPath: path)
    let folder = destination.deletingLastPathComponent()
    try OutputFolders.make(folder)
    let temporary = folder.appendingPathComponent(
      ".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))\(destination.pathExtension.isEmpty ? "" : "." + destination.pathExtension)"
    )
    do {
      try write(temporary.path)
      // rename(2) replaces an existing file atomically (Foundation's
      // replaceItemAt is unreliable on Linux).
      guard rename(temporary.path, destination.path) == 0 else {
        throw UserError(
          "cannot move the finished file into place: \(String(cString: strerror(errno)))",
          source: path)
      }
    } catch let error as GDALError {
      try? FileManager.default.removeItem(at: temporary)
      throw UserError("cannot write: \(error.description)", source: path)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }
}

/// One row of QGIS's `layer_styles` table.
public struct LayerStyleRow: Sendable, Equatable {
  public var tableName: String
  public var geometryColumn: String
  public var styleName: String
  public var qml: String
  public var sld: String
  public var description: String
  /// ISO 8601; fixed by the caller so outputs are reproducible.
  public var updateTime: String
  public init(
    tableName: String, geometryColumn: String = "geom", styleName: String, qml: String,
    sld: String = "", description: String, updateTime: String
  ) {
    self.tableName = tableName
    self.geometryColumn = geometryColumn
    self.styleName = styleName
    self.qml = qml
    self.sld = sld
    self.description = description
    self.updateTime = updateTime
  }
}
