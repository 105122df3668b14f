/// A machine table (`tables/NAME.csv`) as a spreadsheet reads it: column
/// headers in the report's language, each column typed (numbers as numbers),
/// and the same table as a Dutch-locale CSV (`;` between cells, decimal
/// comma) for Excel and LibreOffice set to Dutch and R's `read.csv2`.
public struct SpreadsheetTable: Sendable {
  public enum Cell: Sendable, Equatable {
    case number(Double)
    case text(String)
    case empty
  }
  /// The sheet's name (at most 31 characters, as Excel allows).
  public var name: String
  public var header: [String]
  /// Per column: true when every cell is a number or empty.
  public var numeric: [Bool]
  public var rows: [[Cell]]

  /// The most rows a sheet of tables.xlsx holds: a sheet is for a person to
  /// read, sort and chart, and the CSV (`tables/NAME.csv`) holds every row. A
  /// longer table is cut to its first `sheetRowLimit` rows and the README sheet
  /// says so and points to the CSV. The one rule for every table: it also keeps
  /// every sheet well inside Excel's own limit of 1,048,576 rows a sheet
  /// (`excelRowLimit`, header included), which a run of 460,000 PC-6 areas
  /// passes (3.2 million rows of rates) and which Excel would cut without a word.
  public static let sheetRowLimit = 100_000
  /// Excel's limit of rows per sheet, less the header (`sheetRowLimit` is below it).
  public static let excelRowLimit = 1_048_575

  /// From a machine table; `labels` names the columns for people.
  public init(
    name: String, table: TextTable, language: ReportLanguage,
    labels: IndicatorLabels = IndicatorLabels()
  ) {
    self.name = String(name.prefix(31))
    header = table.header.map { ColumnLabels.label($0, language, indicators: labels) }
    let columns = table.header.count
    // Codes stay text (`3300` is a PC-4, not a number); names too.
    let codes: Set<String> = ["area", "code", "name", "gemeente", "region"]
    // Each cell parsed once (row by row, flat: NaN where it is no number or
    // empty): a column is numeric when every cell is a number or empty and
    // one is not empty.
    var numeric = (0..<columns).map { !codes.contains(table.header[$0]) }
    var filled = [Bool](repeating: false, count: columns)
    var values = [Double](repeating: .nan, count: columns * table.rows.count)
    for (r, row) in table.rows.enumerated() {
      for column in 0..<min(columns, row.count) where numeric[column] && !row[column].isEmpty {
        filled[column] = true
        if let value = Self.number(row[column]) {
          values[r * columns + column] = value
        } else {
          numeric[column] = false
        }
      }
    }
    for column in 0..<columns where !filled[column] { numeric[column] = false }
    self.numeric = numeric
    rows = table.rows.enumerated().map { r, row in
      (0..<columns).map { column in
        let cell = column < row.count ? row[column] : ""
        if cell.isEmpty { return .empty }
        if numeric[column] { return .number(values[r * columns + column]) }
        return .text(cell)
      }
    }
  }

  /// A machine cell as a number: a decimal (`0.62`, `-1e-05`), or a p-value
  /// that underflows (`<1e-300`), which a spreadsheet cell holds as 1e-300 (an
  /// upper bound; the README sheet says so).
  static func number(_ text: String) -> Double? {
    if text == "<1e-300" { return 1e-300 }
    guard CSVText.isNumber(text) else { return nil }
    return Double(text)
  }

  /// The Dutch-locale CSV: UTF-8 with a byte-order mark (so Excel reads it as
  /// UTF-8), `;` between cells, the decimal comma in number cells (`0,62`, full
  /// precision, no thousands separator), the machine column names, the same
  /// quoting and formula neutralising as the machine CSV (`CSVText`).
  public static func dutchCSV(_ table: TextTable) -> [UInt8] {
    var out: [UInt8] = [0xEF, 0xBB, 0xBF]
    func field(_ text: String) -> String {
      if CSVText.isNumber(text) { return text.replacingOccurrences(of: ".", with: ",") }
      let safe = CSVText.neutralised(text)
      if safe.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "," })
      {
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      }
      return safe
    }
    func line(_ cells: [String]) {
      out += Array(cells.map(field).joined(separator: ";").utf8)
      out += [13, 10]
    }
    line(table.header)
    for row in table.rows { line(row) }
    return out
  }
}

/// Human names of the machine tables' columns (`pct_reported` → `% gemeld`),
/// from the message catalogue (`Message.column`, one table per language);
/// indicators by `IndicatorLabels`; a year column of the trends
/// (`pct_reported_2009`) as `% gemeld 2009`.
public enum ColumnLabels {
  public static func label(
    _ column: String, _ language: ReportLanguage, indicators: IndicatorLabels = IndicatorLabels()
  ) -> String {
    if let known = MachineColumn(rawValue: column) { return language.text(.column(known)) }
    if column.hasPrefix("pct_reported_"), let year = Int(column.dropFirst("pct_reported_".count)) {
      return language.text(.yearColumn(year: year))
    }
    if column.isEmpty { return column }
    return indicators.label(column, language)
  }
}
