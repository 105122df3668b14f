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
  /// Rows of the tables kept cut to a sheet's rows (below).
  private var longTables: [String: Int] = [:]
  /// Whether a table too long for a sheet is kept whole (the Dutch CSVs need it);
  /// otherwise only its first `SpreadsheetTable.sheetRowLimit` rows and its row
  /// count are kept, which is all the workbook needs of it (its README points to
  /// the CSV), and the other rows are freed once written: at 460,000 PC-6 areas
  /// the rates and trends tables hold 3.2 million rows each.
  public let keepsLongTables: Bool

  public init(keepsLongTables: Bool = true) { self.keepsLongTables = keepsLongTables }

  public func add(_ table: TextTable, _ name: String) {
    lock.lock()
    defer { lock.unlock() }
    if !keepsLongTables, table.rows.count > SpreadsheetTable.sheetRowLimit {
      longTables[name] = table.rows.count
      var cut = table
      cut.rows = Array(table.rows.prefix(SpreadsheetTable.sheetRowLimit))
      collected.append((name, cut))
    } else {
      collected.append((name, table))
    }
  }

  /// The number of rows of each table kept cut to a sheet's rows, by name.
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
  /// are text for reading, and their numbers are in `correlations`. A table of
  /// more than `SpreadsheetTable.sheetRowLimit` rows gets a sheet of its first
  /// rows and a README line pointing to its CSV (the Dutch-locale CSV keeps
  /// every row).
  public static func write(
    _ tables: [(name: String, table: TextTable)], language: ReportLanguage, labels: IndicatorLabels,
    dutchCSV: Bool, title: String, into out: URL, rowCounts: [String: Int] = [:]
  ) throws {
    let machine = tables.filter { !$0.name.hasPrefix("correlations-") }
    var sheets: [SpreadsheetTable] = []
    var readme: [[String]] = []
    for (name, table) in machine {
      // `rowCounts`: tables the collector kept cut to a sheet's rows.
      let rows = rowCounts[name] ?? table.rows.count
      let limit = SpreadsheetTable.sheetRowLimit
      var sheet = table
      if rows > limit {
        sheet.rows = Array(table.rows.prefix(limit))
        readme.append([
          name,
          language.text(
            .workbookFirstRows(
              name: name, shown: language.integer(limit), rows: language.integer(rows))),
        ])
      } else {
        readme.append([
          name, language.text(.workbookRows(name: name, rows: language.integer(rows))),
        ])
      }
      sheets.append(SpreadsheetTable(name: name, table: sheet, language: language, labels: labels))
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
      [readmeSheet] + sheets, to: out.appendingPathComponent("tables.xlsx").path)
    guard dutchCSV else { return }
    let folder = out.appendingPathComponent("tables-nl")
    try OutputFolders.make(folder)
    for (name, table) in machine {
      try FileBytes.write(
        Data(SpreadsheetTable.dutchCSV(table)), to: folder.appendingPathComponent("\(name).csv"))
    }
  }
}
