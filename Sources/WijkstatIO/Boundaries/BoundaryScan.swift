import Foundation
import GDALBridge
import WijkstatCore

extension BoundaryReader {
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
