import Foundation
import GDALBridge
import WijkstatCore

/// Reads any table GDAL reads (CSV, TSV, XLSX, ODS, a GeoPackage or PostgreSQL
/// table, the attributes of a vector layer) into a `RawTable` of text. Every cell
/// stays text: deciding what is a number, a decimal comma or a "secret" marker is
/// the core's job, so the driver's type guessing is switched off.
///
/// CSV conventions, as GDAL's CSV driver has them: `,`, `;` and tab separators
/// (detected from the header line), quoted fields, a UTF-8 BOM and CRLF line ends.
/// Bytes that are not valid UTF-8 are read as Windows-1252 (Latin-1). Local
/// delimited text files go through `DelimitedTextReader`; everything else
/// (spreadsheets, databases, `/vsizip/` paths) through GDAL.
public enum TableReader {
  /// `level` and `key`, when given, choose the layer of a boundary file with one
  /// layer per level (the Wijk- en Buurtkaart) and its key column; see
  /// `boundaryAttributes` for what is read of a layer with geometry.
  public static func read(
    _ source: String, layer name: String? = nil, level: AreaLevel? = nil, key: String? = nil
  ) throws -> RawTable {
    let lower = source.lowercased()
    let isDelimitedText =
      lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt")
    let openName = lower.hasSuffix(".txt") ? "CSV:" + source : source
    if !BoundaryReader.looksLikeConnection(source), !FileManager.default.fileExists(atPath: source)
    {
      throw UserError("no such file", source: source)
    }
    // A StatLine OData response saved as JSON.
    if lower.hasSuffix(".json"), name == nil, ODataJSONReader.looksLikeOData(source) {
      return try ODataJSONReader.read(source)
    }
    // Delimited text is read by wijkstat itself (same conventions, much faster).
    if isDelimitedText, name == nil, !BoundaryReader.looksLikeConnection(source) {
      return try DelimitedTextReader.read(source)
    }
    if let connection = ConnectionString(source) {
      return try readPostgres(source, connection: connection, layer: name, level: level, key: key)
    }
    let dataset: Dataset
    do {
      dataset = try Dataset.openVector(
        openName,
        openOptions: isDelimitedText
          ? [
            "HEADERS=YES", "AUTODETECT_TYPE=NO", "KEEP_GEOM_COLUMNS=YES", "EMPTY_STRING_AS_NULL=NO",
          ]
          : [])
    } catch let error as GDALError {
      throw UserError(
        "cannot read as a table: \(error.messages.last ?? "not a format GDAL reads")",
        source: source)
    }
    let layer: Layer
    if let name {
      guard let found = dataset.layer(named: name) else {
        throw UserError(
          "no table \"\(name)\"; tables are \(dataset.layers.map { "\"\($0.name)\"" }.joined(separator: ", "))",
          source: source)
      }
      layer = found
    } else if !CBSLayers.levels(of: dataset.layers.map(\.name)).isEmpty {
      // A Wijk- en Buurtkaart: the layer of the level (an error without one).
      layer = try BoundaryReader.chooseLayer(in: dataset, named: nil, level: level, source: source)
    } else {
      guard let first = dataset.layer(at: 0) else {
        throw UserError("the source holds no table", source: source)
      }
      layer = first
    }
    if layer.hasGeometry, !isDelimitedText {
      return try boundaryAttributes(layer, source: source, level: level, key: key)
    }
    let columns = layer.fields.map(\.name)
    // Record numbers: for CSV GDAL's feature id is the data row number starting
    // at 1, so the line is fid + 1 (the header is line 1); for XLSX and ODS it
    // is already the sheet's row number.
    let rowOffset: Int64 = dataset.driverName == "CSV" ? 1 : 0
    var rows = RawTable.Builder(columns: columns.count)
    var lines: [Int] = []
    do {
      try layer.forEachFeature { feature in
        for column in 0..<columns.count { rows.append(cell: feature.string(at: column) ?? "") }
        lines.append(Int(feature.fid + rowOffset))
      }
    } catch let error as GDALError {
      throw UserError(
        "the table is corrupt or truncated: \(error.messages.last ?? error.context)", source: source
      )
    }
    return RawTable(source: source, columns: columns, rows: rows.rows, lineNumbers: lines)
  }

  /// A table, view or query of a PostgreSQL database (`layer`: `schema.table` or
  /// `SELECT …`), read through GDAL's PostgreSQL driver; the record numbers of
  /// messages are the rows' order (the feature id of a table with a primary key).
  static func readPostgres(
    _ source: String, connection: ConnectionString, layer name: String?, level: AreaLevel?,
    key: String?
  ) throws -> RawTable {
    guard let name else {
      throw UserError(
        "name the table, view or query with --layer LEVEL=schema.table or `layer:` in the project",
        source: Secrets.display(source))
    }
    let dataset = try PostgresInput.open(source, connection: connection)
    let layer = try PostgresInput.layer(
      named: name, in: dataset, source: source, connection: connection)
    do {
      if layer.hasGeometry {
        return try boundaryAttributes(layer, source: source, level: level, key: key)
      }
      let columns = layer.fields.map(\.name)
      var rows = RawTable.Builder(columns: columns.count)
      var lines: [Int] = []
      var row = 0
      // Rows are named by the table's key (its feature id), else by their order.
      let fidColumn = layer.fidColumn
      try layer.forEachFeature { feature in
        for column in 0..<columns.count { rows.append(cell: feature.string(at: column) ?? "") }
        row += 1
        lines.append(fidColumn == nil ? row : Int(feature.fid))
      }
      return RawTable(
        source: PostgresInput.label(source, layer: name, rowKey: fidColumn), columns: columns,
        rows: rows.rows,
        lineNumbers: lines)
    } catch let error as GDALError {
      throw PostgresInput.readError(error, layer: name, source: source, connection: connection)
    }
  }

  /// The attributes of a boundary layer as a table (the Wijk- en Buurtkaart's
  /// Kerncijfers, the CBS PC-4 statistics): the key column first (given, or the
  /// field of `level`'s codes, or the finest CBS code field), then the number
  /// fields (text fields such as names, `water` and other levels' codes are not
  /// indicators); water parts (`water` = JA) are left out where the area has a
  /// land part, and further parts of one area after its first.
  /// CBS special values stay in the cells as written: the panel builder reads
  /// them as missing and counts them.
  static func boundaryAttributes(_ layer: Layer, source: String, level: AreaLevel?, key: String?)
    throws
    -> RawTable
  {
    let fields = layer.fields
    var cells: [[String?]] = Array(repeating: [], count: fields.count)
    var fids: [Int64] = []
    do {
      try layer.forEachFeature { feature in
        for index in fields.indices { cells[index].append(feature.string(at: index)) }
        fids.append(feature.fid)
      }
    } catch let error as GDALError {
      if let connection = ConnectionString(source) {
        throw PostgresInput.readError(
          error, layer: layer.name, source: source, connection: connection)
      }
      throw UserError(
        "the table is corrupt or truncated: \(error.messages.last ?? error.context)", source: source
      )
    }
    let location = "layer \"\(layer.name)\""
    // The key column.
    let keyIndex: Int
    if let key {
      guard let index = fields.firstIndex(where: { $0.name.lowercased() == key.lowercased() })
      else {
        throw UserError(
          "no field \"\(key)\"; fields are \(fields.map(\.name).joined(separator: ", "))",
          source: source, location: location)
      }
      keyIndex = index
    } else {
      let detected = fields.indices.compactMap { index -> (Int, AreaKeyKind)? in
        guard fields[index].type == .string || fields[index].type == .integer else { return nil }
        return AreaKey.detectKind(
          fieldName: fields[index].name, values: cells[index].prefix(500).compactMap { $0 }
        )
        .map { (index, $0) }
      }.filter { $0.1 != .gemeenteName }
      let chosen =
        level.map { level in detected.first { $0.1.level == level } }
        ?? detected.filter { [.wijkCode, .buurtCode].contains($0.1) }.min {
          $0.1.level < $1.1.level
        }
        ?? detected.first
      guard let chosen = chosen ?? nil else {
        throw UserError(
          "no field holds \(level.map { "\($0) codes" } ?? "area codes"); fields are \(fields.map(\.name).joined(separator: ", ")). Name one with --key",
          source: source, location: location)
      }
      keyIndex = chosen.0
    }
    let yearNames: Set<String> = ["jaar", "year", "peiljaar"]
    let kept =
      [keyIndex]
      + fields.indices.filter { index in
        index != keyIndex
          && ([.integer, .integer64, .real].contains(fields[index].type)
            || yearNames.contains(fields[index].name.lowercased()))
      }
    // Rows: one per area, its land part.
    let waterIndex = CBSLayers.waterField(fields)
    var hasLand = Set<String>()
    for row in fids.indices {
      if let waterIndex, CBSLayers.isWater(cells[waterIndex][row]) { continue }
      hasLand.insert(CellParser.trimmed(cells[keyIndex][row] ?? "").uppercased())
    }
    var seen = Set<String>()
    var builder = RawTable.Builder(columns: kept.count)
    var lines: [Int] = []
    for row in fids.indices {
      let code = CellParser.trimmed(cells[keyIndex][row] ?? "").uppercased()
      if let waterIndex, CBSLayers.isWater(cells[waterIndex][row]), hasLand.contains(code) {
        continue
      }
      if !code.isEmpty, waterIndex != nil, !seen.insert(code).inserted { continue }
      for index in kept { builder.append(cell: cells[index][row] ?? "") }
      lines.append(Int(fids[row]))
    }
    return RawTable(
      source: "\(source) (layer \(layer.name))", columns: kept.map { fields[$0].name },
      rows: builder.rows,
      lineNumbers: lines)
  }
}
