import Foundation
import WijkstatCore
import WijkstatIO

/// The machine tables a run writes, kept for its spreadsheets: `tables.xlsx`
/// (a sheet per table, headers in the report's language, a README sheet) and,
/// with `csv_dialect: nl` / `--csv-dialect nl`, `tables-nl/NAME.csv` (`;`,
/// decimal comma). Tables are added from one thread at a time (the run's).
/// `@unchecked Sendable`: `collected` is read and written only while `lock` is held.
public final class TableCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var collected: [(name: String, table: TextTable)] = []
  /// Rows of the tables kept without their rows (below).
  private var longTables: [String: Int] = [:]
  /// Whether a table too long for a sheet is kept whole (the Dutch CSVs need it);
  /// otherwise only its header and row count are kept, which is all the workbook
  /// needs of it (its README names it), and its rows are freed once written: at
  /// 460,000 PC-6 areas the rates and trends tables hold 3.2 million rows each.
  public let keepsLongTables: Bool

  public init(keepsLongTables: Bool = true) { self.keepsLongTables = keepsLongTables }

  public func add(_ table: TextTable, _ name: String) {
    lock.lock()
    defer { lock.unlock() }
    if !keepsLongTables, table.rows.count > SpreadsheetTable.maximumRows {
      longTables[name] = table.rows.count
      var header = table
      header.rows = []
      collected.append((name, header))
    } else {
      collected.append((name, table))
    }
  }

  /// The number of rows of each table kept without its rows, by name.
  public var longTableRows: [String: Int] {
    lock.lock()
    defer { lock.unlock() }
    return longTables
  }

  public var tables: [(name: String, table: TextTable)] {
    lock.lock()
    defer { lock.unlock() }
    return collected
  }
}

public enum Spreadsheets {
  /// The workbook and (when asked) the Dutch-locale CSVs of `tables`, into `out`.
  /// Tables in the report's own layout (`correlations-LEVEL`) are left out: they
  /// are text for reading, and their numbers are in `correlations`.
  public static func write(
    _ tables: [(name: String, table: TextTable)], language: ReportLanguage, labels: IndicatorLabels,
    dutchCSV: Bool, title: String, into out: URL, rowCounts: [String: Int] = [:]
  ) throws {
    let machine = tables.filter { !$0.name.hasPrefix("correlations-") }
    var sheets: [SpreadsheetTable] = []
    var readme: [[String]] = []
    for (name, table) in machine {
      // `rowCounts`: tables the collector kept without their rows.
      let rows = rowCounts[name] ?? table.rows.count
      if rows > SpreadsheetTable.maximumRows {
        readme.append([
          name,
          language.text(.workbookLeftOut(name: name, rows: language.integer(rows))),
        ])
        continue
      }
      sheets.append(SpreadsheetTable(name: name, table: table, language: language, labels: labels))
      readme.append([
        name,
        language.text(.workbookRows(name: name, rows: language.integer(table.rows.count))),
      ])
    }
    let word = { (word: ReportWord) in language.text(.word(word)) }
    let notes = [
      [word(.workbook), title],
      ["wijkstat", WijkstatVersion.current],
      [word(.numbers), language.text(.workbookNumbersNote)],
      [word(.columns), language.text(.workbookColumnsNote)],
    ]
    let header = [word(.sheet), word(.contents)]
    let about = TextTable(header: header, rows: notes + readme)
    var readmeSheet = SpreadsheetTable(name: "README", table: about, language: language)
    readmeSheet.header = header
    try WorkbookWriter.write(
      [readmeSheet] + sheets, driver: "XLSX", to: out.appendingPathComponent("tables.xlsx").path)
    guard dutchCSV else { return }
    let folder = out.appendingPathComponent("tables-nl")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, table) in machine {
      try FileBytes.write(
        Data(SpreadsheetTable.dutchCSV(table)), to: folder.appendingPathComponent("\(name).csv"))
    }
  }
}
