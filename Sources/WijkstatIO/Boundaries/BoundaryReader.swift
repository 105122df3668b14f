import Foundation
import GDALBridge
import WijkstatCore

/// How to read a boundary source.
public struct BoundaryOptions: Sendable {
  /// Layer name; by default the only or first polygon layer.
  public var layer: String?
  /// Field holding the area key; by default detected from names and values.
  public var keyField: String?
  /// Field holding the display name; by default the first field called like `*naam*` or `*name*`.
  public var nameField: String?
  /// CRS to assume when the source declares none (or a wrong one): `EPSG:28992`, WKT, PROJ.
  public var crs: String?
  /// The level asked for (`--areas wijk=FILE`): picks the layer of a file with
  /// several (the Wijk- en Buurtkaart's `gemeenten`, `wijken`, `buurten`) and the
  /// key field of that level.
  public var level: AreaLevel?

  public init(
    layer: String? = nil, keyField: String? = nil, nameField: String? = nil, crs: String? = nil,
    level: AreaLevel? = nil
  ) {
    self.layer = layer
    self.keyField = keyField
    self.nameField = nameField
    self.crs = crs
    self.level = level
  }
}

/// A boundary layer read into core values, with what was found on the way.
public struct Boundaries: Sendable {
  public var layer: AreaLayer
  public var summary: LayerSummary
  /// Only when read with `keepingLonLat`: (geometry in RD New, the same before
  /// projection) of every area of a WGS84 source that reading changed only by
  /// the projection, for a `LonLatMemo` (GeoJSON maps then keep the source's own
  /// coordinates). Empty otherwise.
  public var sourceLonLat: [(MultiPolygon, MultiPolygon)] = []
}

/// Reads polygon layers from any OGR vector source into `AreaLayer`s in RD New
/// (EPSG:28992): 3D coordinates flattened, curves linearised, invalid polygons
/// repaired with GEOS MakeValid, multipolygons kept. Never writes to the source.
public enum BoundaryReader {
  /// Reads the chosen polygon layer. The level comes from the detected key kind.
  /// With `keepingLonLat`, `sourceLonLat` keeps the source's own
  /// longitude/latitude of every area of a WGS84 source that reading did not
  /// change, so a GeoJSON map of them needs no projection back (see `LonLatMemo`).
  public static func read(
    _ source: String, options: BoundaryOptions = .init(), keepingLonLat: Bool = false
  ) throws -> Boundaries {
    let layer: BoundarySource
    if options.layer == nil, let file = GeoJSONPolygonReader.read(source) {
      layer = file
    } else {
      let dataset = try open(source)
      layer = try chooseLayer(
        in: dataset, named: options.layer, level: options.level, source: source)
    }
    let (summary, areas, kind, sourceLonLat) = try scan(
      layer, source: source, options: options, keepAreas: true, keepingLonLat: keepingLonLat)
    guard let kind else {
      throw UserError(
        "no area key found; fields are \(summary.fields.map(\.name).joined(separator: ", ")). Name one with --key",
        source: source, location: "layer \"\(summary.name)\"")
    }
    return Boundaries(
      layer: AreaLayer(
        level: kind.level, areas: areas, source: "\(source) (layer \(summary.name))"),
      summary: summary, sourceLonLat: sourceLonLat)
  }

  /// Summaries of every layer (or only `options.layer`), without keeping the areas.
  public static func inspect(_ source: String, options: BoundaryOptions = .init()) throws
    -> [LayerSummary]
  {
    let dataset = try open(source)
    let layers: [Layer]
    if let name = options.layer {
      layers = [try chooseLayer(in: dataset, named: name, level: nil, source: source)]
    } else {
      layers = dataset.layers
    }
    return try layers.map { try scan($0, source: source, options: options, keepAreas: false).0 }
  }

  // MARK: - opening

  /// Opens `source` read-only, turning GDAL's failure into a user error.
  static func open(_ source: String) throws -> Dataset {
    if !looksLikeConnection(source), !FileManager.default.fileExists(atPath: source) {
      throw UserError("no such file", source: source)
    }
    if let connection = ConnectionString(source) {
      return try PostgresInput.open(source, connection: connection)
    }
    do {
      return try Dataset.openVector(source)
    } catch let error as GDALError {
      let detail = error.messages.last ?? "GDAL cannot read it as a vector source"
      throw UserError(
        "cannot open as a vector source (corrupt, truncated or not a format GDAL reads): \(detail)",
        source: source)
    }
  }

  /// `PG:dbname=x`, `WFS:https://...`, `/vsizip/...` and URLs are not checked on disk.
  static func looksLikeConnection(_ source: String) -> Bool {
    if source.hasPrefix("/vsi") { return true }
    guard let colon = source.firstIndex(of: ":") else { return false }
    let prefix = source[..<colon]
    return prefix.count >= 2 && prefix.allSatisfy { $0.isLetter }
  }

  static func chooseLayer(
    in dataset: Dataset, named name: String?, level: AreaLevel?, source: String
  ) throws -> Layer {
    if let name, let connection = ConnectionString(source) {
      return try PostgresInput.layer(
        named: name, in: dataset, source: source, connection: connection)
    }
    if name == nil, ConnectionString.isPostgres(source) {
      throw UserError(
        "name the table, view or query with --layer (schema.table) or `layer:` in the project",
        source: Secrets.display(source))
    }
    let layers = dataset.layers
    if let name {
      guard let layer = dataset.layer(named: name) else {
        throw UserError(
          "no layer \"\(name)\"; layers are \(layers.map { "\"\($0.name)\"" }.joined(separator: ", "))",
          source: source)
      }
      return layer
    }
    guard !layers.isEmpty else { throw UserError("the source has no layers", source: source) }
    // The Wijk- en Buurtkaart: one layer per level, by CBS's names.
    let byLevel = CBSLayers.levels(of: layers.map(\.name))
    if let level, let found = byLevel.first(where: { $0.value == level }) {
      return layers.first { $0.name == found.key }!
    }
    let names = layers.map { "\"\($0.name)\"" }.joined(separator: ", ")
    if let level, !byLevel.isEmpty {
      throw UserError("no \(level) layer; layers are \(names): give --layer", source: source)
    }
    if level == nil, Set(byLevel.values).count > 1 {
      throw UserError(
        "layers of several levels (\(names)): give the level (wijk=FILE) or --layer", source: source
      )
    }
    if let polygons = layers.first(where: { $0.declaresPolygons }) { return polygons }
    // Declared "Unknown" (GeoJSON with mixed Polygon and MultiPolygon): check a feature.
    for layer in layers where layer.declaresUnknownGeometry && layerHoldsPolygons(layer) {
      return layer
    }
    let described = layers.map { "\"\($0.name)\" (\($0.geometryTypeName))" }
    throw UserError(
      "no polygon layer; layers are \(described.joined(separator: ", "))", source: source)
  }

  private static func layerHoldsPolygons(_ layer: Layer) -> Bool {
    var found = false
    struct Stop: Error {}
    try? layer.forEachFeature { feature in
      if let geometry = feature.geometry, !geometry.isEmpty {
        found = geometry.isPolygonal
        throw Stop()
      }
    }
    return found
  }
}
