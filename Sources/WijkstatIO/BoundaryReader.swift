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

  // MARK: - geometry

  /// Geometries ready for the core, with what was found on the way.
  struct PreparedBatch {
    var shapes: [MultiPolygon] = []
    /// Per shape, its points before projection when projection was its only
    /// change (kept only when asked for).
    var lonLat: [MultiPolygon?] = []
    /// Per shape, the geometry before repair (in RD New) when it was repaired.
    var unrepaired: [MultiPolygon?] = []
    var invalid = 0
    var empty = 0
    var flattened = 0
    var nonPolygonal = 0
    var invalidAfterTransform = 0

    /// Appends a later batch.
    mutating func append(_ other: PreparedBatch) {
      shapes += other.shapes
      unrepaired += other.unrepaired
      lonLat += other.lonLat
      invalid += other.invalid
      empty += other.empty
      flattened += other.flattened
      nonPolygonal += other.nonPolygonal
      invalidAfterTransform += other.invalidAfterTransform
    }
  }

  /// Flattens, linearises, repairs and projects a batch of geometries to RD New
  /// (`transformations`: nil for data already in RD New, else one per part) and
  /// converts them to Swift values, on all cores; feature numbers start at
  /// `firstFeature` (for messages). A part's first error is thrown, the lowest
  /// feature first.
  static func prepareGeometries(
    _ batch: [Geometry?], firstFeature: Int, transformations: [CoordinateTransformation?],
    source: String,
    location: String, keepLonLat: Bool = false
  ) throws -> PreparedBatch {
    // One part per transformation (each part uses its own).
    let parts = try ParallelFor.chunks(
      batch.count, .parts(batch.count < 256 ? 1 : transformations.count)
    ) { part, range in
      var result = PreparedBatch()
      result.shapes.reserveCapacity(range.count)
      for index in range {
        let featureNumber = firstFeature + index
        // Every path below appends one shape; `lonLat` gets one entry with it.
        var beforeProjection: MultiPolygon? = nil
        var beforeRepair: Geometry? = nil
        defer { result.lonLat.append(beforeProjection) }
        defer {
          // The unrepaired geometry, projected like the repaired one.
          if let beforeRepair, let shape = try? WKB.multiPolygon(from: beforeRepair.wkb()) {
            result.unrepaired.append(shape)
          } else {
            result.unrepaired.append(nil)
          }
        }
        guard var geometry = batch[index], !geometry.isEmpty else {
          result.empty += 1
          result.shapes.append(MultiPolygon([]))
          continue
        }
        if geometry.hasZOrM {
          result.flattened += 1
          geometry.flattenTo2D()
        }
        if geometry.hasCurves { geometry = geometry.linearised() }
        if !geometry.isPolygonal && geometry.typeName != "GeometryCollection" {
          result.nonPolygonal += 1
          result.shapes.append(MultiPolygon([]))
          continue
        }
        if !geometry.isValid {
          result.invalid += 1
          do {
            beforeRepair = geometry.clone()
            geometry = try geometry.makeValid()
          } catch let error as GDALError {
            throw UserError(
              "feature \(featureNumber): invalid geometry that cannot be repaired: \(error.messages.joined(separator: "; "))",
              source: source, location: location)
          }
        }
        if let toRD = transformations[part] {
          do {
            if keepLonLat { beforeProjection = try WKB.multiPolygon(from: geometry.wkb()) }
            try geometry.transform(toRD)
            if let original = beforeRepair, (try? original.transform(toRD)) == nil {
              beforeRepair = nil
            }
            // Reprojection can make a valid ring touch itself (vertices a few
            // centimetres apart); measurement in RD needs valid polygons.
            if !geometry.isValid {
              result.invalidAfterTransform += 1
              if beforeRepair == nil { beforeRepair = geometry.clone() }
              geometry = try geometry.makeValid()
              beforeProjection = nil
            }
          } catch let error as GDALError {
            throw UserError(
              "feature \(featureNumber): cannot transform to RD New: \(error.messages.joined(separator: "; "))",
              source: source, location: location)
          }
        }
        let shape = try WKB.multiPolygon(from: geometry.wkb())
        if shape.isEmpty { result.empty += 1 }
        result.shapes.append(shape)
      }
      return result
    }
    var total = PreparedBatch()
    total.shapes.reserveCapacity(batch.count)
    for part in parts { total.append(part) }
    return total
  }

  // MARK: - scanning

  /// One pass over a layer: geometry checks and repair, key detection, summary.
  static func scan(
    _ layer: BoundarySource, source: String, options: BoundaryOptions, keepAreas: Bool,
    keepingLonLat: Bool = false
  ) throws -> (LayerSummary, [Area], AreaKeyKind?, [(MultiPolygon, MultiPolygon)]) {
    let fields = layer.fields
    var warnings: [String] = []
    let location = "layer \"\(layer.name)\""

    // The CRS: declared, overridden, or guessed from the coordinates.
    var spatialReference = try layer.spatialReference()
    if let definition = options.crs {
      do {
        spatialReference = try SpatialReference(definition: definition)
      } catch let error as GDALError {
        throw UserError("--crs: \(error.description)", source: source)
      }
    }
    let sourceExtent = layer.hasGeometry ? layer.extent : nil
    if spatialReference == nil, let extent = sourceExtent {
      spatialReference = try guessCRS(extent: extent, warnings: &warnings)
    }
    let rd = try SpatialReference.rdNew()
    let wgs84 = try SpatialReference.wgs84()
    let keepLonLat = keepAreas && keepingLonLat && spatialReference?.isSame(as: wgs84) == true
    let toRD: CoordinateTransformation?
    if let spatialReference, !spatialReference.isSame(as: rd) {
      toRD = try CoordinateTransformation.shared(from: spatialReference, to: rd)
    } else {
      toRD = nil
    }

    // Fields that may hold a key or a name: text and whole numbers.
    let candidates = fields.indices.filter {
      [.string, .integer, .integer64, .real].contains(fields[$0].type)
    }
    var values: [[String?]] = Array(repeating: [], count: fields.count)
    var prepared = PreparedBatch()
    var featureNumber = 0

    // Features are read in batches; the geometry work of a batch (validity,
    // repair, projection, conversion) runs on all cores, each part with its own
    // transformation object. Counts and the first error are kept per feature.
    var batch: [Geometry?] = []
    let batchSize = 4096
    // OGR transformations are not thread-safe: one per core, cloned once.
    let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let transformations: [CoordinateTransformation?] = try (0..<cores).map { core in
      try toRD.map { core == 0 ? $0 : try $0.clone() }
    }
    func finishBatch() throws {
      let first = featureNumber - batch.count + 1
      let processed = try prepareGeometries(
        batch, firstFeature: first, transformations: transformations, source: source,
        location: location,
        keepLonLat: keepLonLat)
      prepared.append(processed)
      batch.removeAll(keepingCapacity: true)
    }
    do {
      try layer.forEachFeature { text, geometry in
        featureNumber += 1
        for index in candidates { values[index].append(text(index)) }
        guard layer.hasGeometry else { return }
        batch.append(geometry)
        if batch.count == batchSize { try finishBatch() }
      }
      if !batch.isEmpty { try finishBatch() }
    } catch let error as GDALError {
      if let connection = ConnectionString(source) {
        throw PostgresInput.readError(
          error, layer: layer.name, source: source, connection: connection)
      }
      throw UserError(
        "the file is corrupt or truncated: \(error.messages.last ?? error.context)", source: source,
        location: location)
    }
    let geometries = prepared.shapes
    if prepared.invalidAfterTransform > 0 {
      warnings.append(
        "\(prepared.invalidAfterTransform) polygons became invalid when projected to RD New and were repaired"
      )
    }
    if prepared.nonPolygonal > 0 {
      warnings.append("\(prepared.nonPolygonal) features are not polygons and were read as empty")
    }

    // The key field: given, or the first field whose values look like keys.
    var keyIndex: Int? = nil
    var kind: AreaKeyKind? = nil
    if let wanted = options.keyField {
      guard let index = layer.fieldIndex(wanted) else {
        throw UserError(
          "no field \"\(wanted)\"; fields are \(fields.map(\.name).joined(separator: ", "))",
          source: source, location: location)
      }
      keyIndex = index
      let present = values[index].compactMap { $0 }
      kind = AreaKey.detectKind(fieldName: fields[index].name, values: present)
      // The level asked for says how to read the field's codes.
      if let level = options.level, kind?.level != level, let wanted = AreaKeyKind.code(of: level) {
        let distinct = Set(present.filter { !CellParser.trimmed($0).isEmpty })
        let parsed = distinct.filter { AreaKey.normalise($0, as: wanted) != nil }.count
        if !distinct.isEmpty, Double(parsed) >= 0.95 * Double(distinct.count) { kind = wanted }
      }
      if kind == nil || (options.level != nil && kind?.level != options.level) {
        let sample = values[index].compactMap { $0 }.prefix(3).map { "\"\($0)\"" }
        throw UserError(
          "field \"\(wanted)\" holds no \(options.level.map { "\($0) codes" } ?? "PC-4 codes, gemeente codes or gemeente names") (values such as \(sample.joined(separator: ", ")))",
          source: source, location: location)
      }
    } else {
      var detectedFields: [(Int, AreaKeyKind)] = []
      var nameCandidate: (Int, AreaKeyKind)? = nil
      for index in candidates {
        guard
          let detected = AreaKey.detectKind(
            fieldName: fields[index].name, values: values[index].compactMap { $0 })
        else { continue }
        if detected == .gemeenteName {
          if nameCandidate == nil { nameCandidate = (index, detected) }
          continue
        }
        detectedFields.append((index, detected))
      }
      if let level = options.level {
        // The field of the level asked for (a buurten layer also has wijkcode
        // and gemeentecode).
        if let found = detectedFields.first(where: { $0.1.level == level })
          ?? (level == .gemeente ? nameCandidate : nil)
        {
          keyIndex = found.0
          kind = found.1
        } else {
          throw UserError(
            "no field holds \(level) codes; fields are \(fields.map(\.name).joined(separator: ", ")). Name one with --key",
            source: source, location: location)
        }
      } else if let first = detectedFields.first {
        keyIndex = first.0
        kind = first.1
        // A wijk or buurt layer also carries the gemeente's code (and a buurt layer
        // the wijk's): the finest CBS code is the layer's own key.
        if let finest = detectedFields.filter({ [.wijkCode, .buurtCode].contains($0.1) }).min(by: {
          $0.1.level < $1.1.level
        }),
          finest.1.level < first.1.level
        {
          keyIndex = finest.0
          kind = finest.1
        }
      }
      if keyIndex == nil, let nameCandidate {
        keyIndex = nameCandidate.0
        kind = nameCandidate.1
      }
    }

    // The display name field.
    var nameIndex: Int? = nil
    if let wanted = options.nameField {
      guard let index = layer.fieldIndex(wanted) else {
        throw UserError(
          "no field \"\(wanted)\"; fields are \(fields.map(\.name).joined(separator: ", "))",
          source: source, location: location)
      }
      nameIndex = index
    } else {
      nameIndex = candidates.first { index in
        let lower = fields[index].name.lowercased()
        return index != keyIndex && fields[index].type == .string
          && (lower.contains("naam") || lower.contains("name"))
      }
    }

    // Keys: normalise, count empties, invalid values and duplicates.
    var areas: [Area] = []
    var learnt: [(MultiPolygon, MultiPolygon)] = []
    var seen: [String: Int] = [:]
    var emptyKeys = 0
    var invalidKeys: [String] = []
    var duplicates: Set<String> = []
    // CBS layers hold land and water parts of one area (`water` JA/NEE/B): the
    // water parts are dropped where a land part exists (counted), further land
    // parts are added to the first.
    let waterIndex = CBSLayers.waterField(fields)
    var waterDropped = 0
    var landMerged = 0
    var hasLand = Set<String>()
    var areaIndex: [String: Int] = [:]
    if let keyIndex, let kind, let waterIndex, let waterValues = Optional(values[waterIndex]),
      !waterValues.isEmpty
    {
      for row in 0..<featureNumber where !CBSLayers.isWater(waterValues[row]) {
        if let raw = values[keyIndex][row], let code = AreaKey.normalise(raw, as: kind) {
          hasLand.insert(code)
        }
      }
    }
    if let keyIndex, let kind {
      for row in 0..<featureNumber {
        guard let raw = values[keyIndex][row],
          !raw.trimmingCharacters(in: .whitespaces).isEmpty
        else {
          emptyKeys += 1
          continue
        }
        guard let code = AreaKey.normalise(raw, as: kind) else {
          if invalidKeys.count < 20 { invalidKeys.append(raw) }
          continue
        }
        if let waterIndex, !values[waterIndex].isEmpty {
          let water = CBSLayers.isWater(values[waterIndex][row])
          if water, hasLand.contains(code) {
            waterDropped += 1
            continue
          }
          if !water, seen[code] != nil {
            landMerged += 1
            if keepAreas, let index = areaIndex[code], row < geometries.count {
              areas[index].geometry.polygons += geometries[row].polygons
            }
            continue
          }
        }
        if seen[code] != nil {
          duplicates.insert(code)
          continue
        }
        seen[code] = row
        areaIndex[code] = areas.count
        if keepAreas {
          var attributes: [String: String] = [:]
          for index in candidates where index != keyIndex {
            if let value = values[index][row] { attributes[fields[index].name] = value }
          }
          let name = nameIndex.flatMap { values[$0][row] }
          let geometry = row < geometries.count ? geometries[row] : MultiPolygon([])
          if keepingLonLat, row < prepared.lonLat.count, let source = prepared.lonLat[row] {
            learnt.append((geometry, source))
          }
          let unrepaired = row < prepared.unrepaired.count ? prepared.unrepaired[row] : nil
          areas.append(
            Area(
              code: code, name: name, geometry: geometry, attributes: attributes,
              unrepaired: unrepaired))
        }
      }
    }
    if waterDropped > 0 {
      warnings.append(
        "\(waterDropped) water parts (\(fields[waterIndex!].name) = JA) dropped: their areas have a land part"
      )
    }
    if landMerged > 0 {
      warnings.append("\(landMerged) further land parts added to their area's first part")
    }
    if !duplicates.isEmpty {
      // A database table has no first row without ORDER BY (QA Q11, session 6).
      if ConnectionString.isPostgres(source) {
        let sorted = duplicates.sorted()
        throw UserError(
          "\(sorted.count) key\(sorted.count == 1 ? "" : "s") in more than one row (\(sorted.prefix(5).joined(separator: ", "))\(sorted.count > 5 ? ", …" : "")): a boundary table needs one row per area (a database returns rows in no fixed order, so \"the first\" is not defined)",
          source: Secrets.display(source), location: location)
      }
      warnings.append(
        "\(duplicates.count) duplicate keys; the first feature of each is used")
    }
    if emptyKeys > 0, ConnectionString.isPostgres(source) {
      warnings.append("\(emptyKeys) rows without a key (NULL or empty) left out")
    }

    // Extents in WGS84 and RD New.
    var extentWGS84: [Double]? = nil
    var extentRD: [Double]? = nil
    if let sourceExtent, let spatialReference, featureNumber > 0 {
      if spatialReference.isSame(as: wgs84) {
        extentWGS84 = [sourceExtent.minX, sourceExtent.minY, sourceExtent.maxX, sourceExtent.maxY]
      } else if let t = try? CoordinateTransformation.shared(from: spatialReference, to: wgs84),
        let b = try? t.transformBounds(
          minX: sourceExtent.minX, minY: sourceExtent.minY, maxX: sourceExtent.maxX,
          maxY: sourceExtent.maxY)
      {
        extentWGS84 = [b.0, b.1, b.2, b.3]
      }
      let box = geometries.reduce(BoundingBox.empty) { $0.union($1.boundingBox) }
      if !box.isEmpty { extentRD = box.array }
    }

    let summary = LayerSummary(
      name: layer.name,
      geometryType: layer.geometryTypeName,
      featureCount: featureNumber,
      crs: spatialReference?.epsgCode,
      crsName: spatialReference?.name,
      extentWGS84: extentWGS84,
      extentRD: extentRD,
      fields: fields.map { .init(name: $0.name, type: $0.type.rawValue) },
      keyField: keyIndex.map { fields[$0].name },
      keyKind: kind,
      nameField: nameIndex.map { fields[$0].name },
      duplicateKeys: duplicates.sorted(),
      emptyKeys: emptyKeys,
      invalidKeys: invalidKeys,
      invalidGeometries: prepared.invalid,
      emptyGeometries: prepared.empty,
      flattened3D: prepared.flattened,
      warnings: warnings)
    return (summary, areas, kind, learnt)
  }

  /// A source without a CRS: longitude/latitude when the numbers fit, RD New when
  /// they fit the Dutch grid; otherwise the user must say.
  static func guessCRS(
    extent: (minX: Double, minY: Double, maxX: Double, maxY: Double), warnings: inout [String]
  ) throws -> SpatialReference {
    if extent.minX >= -180, extent.maxX <= 180, extent.minY >= -90, extent.maxY <= 90 {
      warnings.append(
        "no CRS declared; coordinates look like longitude/latitude, read as EPSG:4326")
      return try SpatialReference.wgs84()
    }
    if extent.minX >= -7_000, extent.maxX <= 300_000, extent.minY >= 289_000,
      extent.maxY <= 629_000
    {
      warnings.append("no CRS declared; coordinates fit the Dutch grid, read as EPSG:28992")
      return try SpatialReference.rdNew()
    }
    throw UserError("no CRS declared and the coordinates fit neither WGS84 nor RD New; give --crs")
  }
}

/// The layer and field names of CBS's Wijk- en Buurtkaart: 2022 and later one
/// GeoPackage with layers `gemeenten`, `wijken`, `buurten` and lower-case fields;
/// 2021 and before `gemeente_2021_v1`, `wijk_2021_v1`, `buurt_2021_v1` (shapefiles,
/// 2021 also a GeoPackage) with upper-case fields (`GM_CODE`, `WK_CODE`, `BU_CODE`,
/// `WATER` or `H2O`). Source: CBS, Toelichting Wijk- en Buurtkaart 2021 and 2023.
enum CBSLayers {
  /// Layer name → level, for the layers named as CBS names them.
  static func levels(of names: [String]) -> [String: AreaLevel] {
    var result: [String: AreaLevel] = [:]
    for name in names {
      var base = Substring(name.lowercased())
      // gemeente_2021_v1 → gemeente
      if let range = base.range(of: #"_[0-9]{4}(_v[0-9]+)?$"#, options: .regularExpression) {
        base = base[..<range.lowerBound]
      }
      switch base {
      case "gemeenten", "gemeente", "gem": result[name] = .gemeente
      case "wijken", "wijk": result[name] = .wijk
      case "buurten", "buurt": result[name] = .buurt
      default: break
      }
    }
    return result
  }

  /// The water field (`water` since 2022, `WATER` or `H2O` before), if any.
  static func waterField(_ fields: [FieldDefinition]) -> Int? {
    fields.firstIndex { ["water", "h2o"].contains($0.name.lowercased()) && $0.type == .string }
  }

  /// `JA` marks a water part; `NEE` land; `B` Belgian territory around Baarle-Nassau (land).
  static func isWater(_ value: String?) -> Bool {
    value.map { CellParser.trimmed($0).uppercased() == "JA" } ?? false
  }
}

/// What `BoundaryReader.scan` needs of a polygon layer: its schema, CRS and
/// extent, and its features in order, each as the text of its fields and its
/// geometry (owned). A GDAL layer, or a GeoJSON file wijkstat reads itself.
protocol BoundarySource {
  var name: String { get }
  var fields: [FieldDefinition] { get }
  var hasGeometry: Bool { get }
  var geometryTypeName: String { get }
  var extent: (minX: Double, minY: Double, maxX: Double, maxY: Double)? { get }
  func spatialReference() throws -> SpatialReference?
  func forEachFeature(_ body: (_ text: (Int) -> String?, _ geometry: Geometry?) throws -> Void)
    throws
}

extension BoundarySource {
  /// Index of the field called `name` (case-insensitive), or nil.
  func fieldIndex(_ name: String) -> Int? {
    let wanted = name.lowercased()
    return fields.firstIndex { $0.name.lowercased() == wanted }
  }
}

extension Layer: BoundarySource {
  func spatialReference() throws -> SpatialReference? { spatialReference }

  func forEachFeature(_ body: (_ text: (Int) -> String?, _ geometry: Geometry?) throws -> Void)
    throws
  {
    try forEachFeature { (feature: Feature) in
      try body({ feature.string(at: $0) }, feature.takeGeometry())
    }
  }
}
