import Foundation
import GDALBridge
import WijkstatCore

extension BoundaryReader {
  /// One pass over a layer: the CRS and the transformation to RD New
  /// (`sourceCRS`, `transformation`), reading with geometry repair and
  /// projection (`readFeatures`), the key and name fields (`keyField`,
  /// `nameField`), the areas (`collectAreas`), the extents and the summary.
  static func scan(
    _ layer: BoundarySource, source: String, options: BoundaryOptions, keepAreas: Bool,
    keepingLonLat: Bool = false
  ) throws -> (LayerSummary, [Area], AreaKeyKind?, [(MultiPolygon, MultiPolygon)]) {
    let fields = layer.fields
    var warnings: [String] = []
    let location = "layer \"\(layer.name)\""

    let sourceExtent = layer.hasGeometry ? layer.extent : nil
    let spatialReference = try sourceCRS(
      of: layer, extent: sourceExtent, options: options, source: source, warnings: &warnings)
    let rd = try SpatialReference.rdNew()
    let wgs84 = try SpatialReference.wgs84()
    let keepLonLat = keepAreas && keepingLonLat && spatialReference?.isSame(as: wgs84) == true
    let toRD = try transformation(from: spatialReference, to: rd)

    // Fields that may hold a key or a name: text and whole numbers.
    let candidates = fields.indices.filter {
      [.string, .integer, .integer64, .real].contains(fields[$0].type)
    }
    let features = try readFeatures(
      layer, candidates: candidates, toRD: toRD, source: source, location: location,
      keepLonLat: keepLonLat)
    let prepared = features.prepared
    if prepared.invalidAfterTransform > 0 {
      warnings.append(
        "\(prepared.invalidAfterTransform) polygons became invalid when projected to RD New and were repaired"
      )
    }
    if prepared.nonPolygonal > 0 {
      warnings.append("\(prepared.nonPolygonal) features are not polygons and were read as empty")
    }

    let (keyIndex, kind) = try keyField(
      layer, candidates: candidates, values: features.values, options: options, source: source,
      location: location)
    let nameIndex = try nameField(
      layer, candidates: candidates, keyIndex: keyIndex, options: options, source: source,
      location: location)
    let found = try collectAreas(
      features, fields: fields, candidates: candidates, keyIndex: keyIndex, kind: kind,
      nameIndex: nameIndex, keepAreas: keepAreas, keepingLonLat: keepingLonLat, source: source,
      location: location, warnings: &warnings)
    let (extentWGS84, extentRD) = extents(
      source: sourceExtent, crs: spatialReference, wgs84: wgs84, featureNumber: features.count,
      geometries: prepared.shapes)

    let summary = LayerSummary(
      name: layer.name,
      geometryType: layer.geometryTypeName,
      featureCount: features.count,
      crs: spatialReference?.epsgCode,
      crsName: spatialReference?.name,
      extentWGS84: extentWGS84,
      extentRD: extentRD,
      fields: fields.map { .init(name: $0.name, type: $0.type.rawValue) },
      keyField: keyIndex.map { fields[$0].name },
      keyKind: kind,
      nameField: nameIndex.map { fields[$0].name },
      duplicateKeys: found.duplicates.sorted(),
      emptyKeys: found.emptyKeys,
      invalidKeys: found.invalidKeys,
      invalidGeometries: prepared.invalid,
      emptyGeometries: prepared.empty,
      flattened3D: prepared.flattened,
      warnings: warnings)
    return (summary, found.areas, kind, found.learnt)
  }

  /// What reading a layer gave: the text of the candidate fields per feature,
  /// the prepared geometries, and the number of features.
  struct FeatureScan {
    var values: [[String?]]
    var prepared: PreparedBatch
    var count: Int
  }

  /// Reading: every feature of `layer` in order, the text of the `candidates`
  /// fields kept, each geometry repaired and projected to RD New (`toRD`, nil
  /// for data in RD New) by `prepareGeometries`.
  static func readFeatures(
    _ layer: BoundarySource, candidates: [Int], toRD: CoordinateTransformation?, source: String,
    location: String, keepLonLat: Bool
  ) throws -> FeatureScan {
    var values: [[String?]] = Array(repeating: [], count: layer.fields.count)
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
    return FeatureScan(values: values, prepared: prepared, count: featureNumber)
  }

  /// The key field: given (`options.keyField`), or the first field whose values
  /// look like keys; with the kind of key it holds.
  static func keyField(
    _ layer: BoundarySource, candidates: [Int], values: [[String?]], options: BoundaryOptions,
    source: String, location: String
  ) throws -> (index: Int?, kind: AreaKeyKind?) {
    let fields = layer.fields
    var keyIndex: Int? = nil
    var kind: AreaKeyKind? = nil
    if let wanted = options.keyField {
      let index = try layer.requiredFieldIndex(wanted, source: source, location: location)
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

    return (keyIndex, kind)
  }

  /// The display name field: given (`options.nameField`), or the first text
  /// field called like `*naam*` or `*name*` that is not the key.
  static func nameField(
    _ layer: BoundarySource, candidates: [Int], keyIndex: Int?, options: BoundaryOptions,
    source: String, location: String
  ) throws -> Int? {
    let fields = layer.fields
    var nameIndex: Int? = nil
    if let wanted = options.nameField {
      nameIndex = try layer.requiredFieldIndex(wanted, source: source, location: location)
    } else {
      nameIndex = candidates.first { index in
        let lower = fields[index].name.lowercased()
        return index != keyIndex && fields[index].type == .string
          && (lower.contains("naam") || lower.contains("name"))
      }
    }

    return nameIndex
  }

  /// The areas of a layer, from its keys and prepared geometries.
  struct AreaScan {
    var areas: [Area] = []
    /// (geometry in RD New, the source's own) of the areas whose WGS84 points
    /// projection alone changed (with `keepingLonLat`).
    var learnt: [(MultiPolygon, MultiPolygon)] = []
    var emptyKeys = 0
    var invalidKeys: [String] = []
    var duplicates: Set<String> = []
  }

  /// Keys: normalised, empties, invalid values and duplicates counted, CBS's
  /// water parts dropped and further land parts merged; the areas made (only
  /// with `keepAreas`). What was dropped or merged is said in `warnings`; a
  /// database table with duplicate keys is an error.
  static func collectAreas(
    _ features: FeatureScan, fields: [FieldDefinition], candidates: [Int], keyIndex: Int?,
    kind: AreaKeyKind?, nameIndex: Int?, keepAreas: Bool, keepingLonLat: Bool, source: String,
    location: String, warnings: inout [String]
  ) throws -> AreaScan {
    let values = features.values
    let featureNumber = features.count
    let prepared = features.prepared
    let geometries = prepared.shapes
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

    return AreaScan(
      areas: areas, learnt: learnt, emptyKeys: emptyKeys, invalidKeys: invalidKeys,
      duplicates: duplicates)
  }

  /// The layer's extent in WGS84 (the source's extent, converted by its edges
  /// when the source is not in WGS84) and in RD New (of the prepared geometries).
  static func extents(
    source sourceExtent: (minX: Double, minY: Double, maxX: Double, maxY: Double)?,
    crs spatialReference: SpatialReference?, wgs84: SpatialReference, featureNumber: Int,
    geometries: [MultiPolygon]
  ) -> (wgs84: [Double]?, rd: [Double]?) {
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

    return (extentWGS84, extentRD)
  }
}
