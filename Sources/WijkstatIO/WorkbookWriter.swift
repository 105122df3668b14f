import Foundation
import GDALBridge
import WijkstatCore

/// Writes spreadsheet workbooks (`tables.xlsx`, `tables.ods`) through GDAL's
/// XLSX and ODS drivers: one sheet per table, number columns as number cells
/// (GDAL writes Real fields as numeric cells), the header row from the field
/// names. No hand-written zip: GDAL's writer is deterministic (fixed entry
/// dates, no creation time), so two runs give the same bytes.
public enum WorkbookWriter {
  /// `driver`: `XLSX` or `ODS`. Sheets with more rows than Excel allows are the caller's to leave out.
  public static func write(_ sheets: [SpreadsheetTable], driver: String = "XLSX", to path: String)
    throws
  {
    // GDAL 3.6's XLSX writer fails ("Failure when saving") on a file name
    // that begins with a dot, so the temporary name here does not.
    let destination = URL(fileURLWithPath: path)
    let temporary = destination.deletingLastPathComponent().appendingPathComponent(
      "wijkstat-tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))-\(destination.lastPathComponent)"
    ).path
    do {
      let dataset = try Dataset.create(driver: driver, path: temporary)
      var used = Set<String>()
      for sheet in sheets {
        // Sheet names are unique (Excel compares them ignoring case).
        var name = sheet.name
        var n = 2
        while used.contains(name.lowercased()) {
          name = String(sheet.name.prefix(28)) + "-\(n)"
          n += 1
        }
        used.insert(name.lowercased())
        let layer = try dataset.createLayer(
          name: name, spatialReference: nil, geometry: .none, options: [])
        let fields = zip(sheet.header, sheet.numeric).map { AttributeField($0, $1 ? .real : .text) }
        let rows: [[AttributeValue]] = sheet.rows.map { row in
          row.map { cell in
            switch cell {
            case .number(let value): return .real(value)
            case .text(let text): return .text(text)
            case .empty: return .null
            }
          }
        }
        try VectorWriter.fill(
          layer, with: OutputLayer(name: name, fields: fields, geometries: [], rows: rows))
      }
      try dataset.close()
      guard rename(temporary, path) == 0 else {
        throw UserError(
          "cannot move the finished file into place: \(String(cString: strerror(errno)))",
          source: path)
      }
    } catch let error as GDALError {
      try? FileManager.default.removeItem(atPath: temporary)
      throw UserError("cannot write: \(error.description)", source: path)
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw error
    }
  }
}
