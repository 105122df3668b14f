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
  public static func read(_ source: String, layer name: String? = nil) throws -> RawTable {
    let lower = source.lowercased()
    let isDelimitedText =
      lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt")
    let openName = lower.hasSuffix(".txt") ? "CSV:" + source : source
    if !BoundaryReader.looksLikeConnection(source), !FileManager.default.fileExists(atPath: source) {
      throw UserError("no such file", source: source)
    }
    // Delimited text is read by wijkstat itself (same conventions, much faster).
    if isDelimitedText, name == nil, !BoundaryReader.looksLikeConnection(source) {
      return try DelimitedTextReader.read(source)
    }
    let dataset: Dataset
    do {
      dataset = try Dataset.openVector(
        openName,
        openOptions: isDelimitedText
          ? ["HEADERS=YES", "AUTODETECT_TYPE=NO", "KEEP_GEOM_COLUMNS=YES", "EMPTY_STRING_AS_NULL=NO"]
          : [])
    } catch let error as GDALError {
      throw UserError(
        "cannot read as a table: \(error.messages.last ?? "not a format GDAL reads")", source: source)
    }
    let layer: Layer
    if let name {
      guard let found = dataset.layer(named: name) else {
        throw UserError(
          "no table \"\(name)\"; tables are \(dataset.layers.map { "\"\($0.name)\"" }.joined(separator: ", "))",
          source: source)
      }
      layer = found
    } else {
      guard let first = dataset.layer(at: 0) else {
        throw UserError("the source holds no table", source: source)
      }
      layer = first
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
        "the table is corrupt or truncated: \(error.messages.last ?? error.context)", source: source)
    }
    return RawTable(source: source, columns: columns, rows: rows.rows, lineNumbers: lines)
  }
}
