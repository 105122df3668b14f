import Foundation

/// A table as read from a file, before any interpretation: column names and
/// cells as text, with the source line of every row for error messages.
/// The GDAL bridge produces these from CSV, XLSX, ODS, GeoPackage or PostgreSQL;
/// tests build them from literal text.
///
/// The cells are stored as one UTF-8 byte buffer with an end offset per cell,
/// not as a `[String]` per row: a 460,000-area, 7-year report table has ten
/// million rows, and an array per row would cost more than the text itself.
/// `rows[i][j]` gives the cell as a `String`.
public struct RawTable: Sendable, Equatable {
  /// The path or connection string, for messages and provenance.
  public var source: String
  public var columns: [String]
  public var rows: Rows
  /// The 1-based line (or record) number of each row in the source; the header is line 1.
  public var lineNumbers: [Int]
  /// Rows of a delimited text file with more or fewer fields than the header
  /// (by row index: the number of fields), as the reader found them; the rows
  /// themselves are padded or cut to the header's width. Extra fields that are
  /// all empty (a spreadsheet export's trailing separators) and rows with no
  /// text at all are not listed. See `checkRowWidths`.
  public var fieldCounts: [Int: Int] = [:]

  public init(source: String, columns: [String], rows: [[String]], lineNumbers: [Int]? = nil) {
    var builder = Builder(columns: columns.count)
    for row in rows {
      for column in 0..<columns.count {
        builder.append(cell: column < row.count ? row[column] : "")
      }
    }
    self.init(
      source: source, columns: columns, rows: builder.rows,
      lineNumbers: lineNumbers ?? Array((0..<rows.count).map { $0 + 2 }))
  }

  public init(source: String, columns: [String], rows: Rows, lineNumbers: [Int]) {
    precondition(rows.count == lineNumbers.count, "one line number per row")
    self.source = source
    self.columns = columns
    self.rows = rows
    self.lineNumbers = lineNumbers
  }

  /// Throws for the first row whose number of fields differs from the header's
  /// (QA Q7, session 6: `1,234` in a count was read as 1, a missing count
  /// vanished). Called where a table is read as counts, after a StatLine
  /// download's footer (a one-cell `Bron: CBS` row) has been left out.
  public func checkRowWidths() throws {
    guard let (row, fields) = fieldCounts.min(by: { $0.key < $1.key }) else { return }
    throw UserError(
      "\(fields) fields where the header has \(columns.count): a row must have one field per column (quote a value that holds the separator)",
      source: source, location: row < lineNumbers.count ? "line \(lineNumbers[row])" : nil)
  }

  /// The index of a column, matched case-insensitively and ignoring surrounding spaces.
  public func columnIndex(_ name: String) -> Int? {
    let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
    return columns.firstIndex { $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted }
  }

  /// Every row's cells, packed: `ends[i × width + j]` is where cell (i, j) ends
  /// in `bytes` (it starts where the previous cell ends).
  public struct Rows: RandomAccessCollection, Sendable, Equatable {
    let width: Int
    let bytes: [UInt8]
    let ends: [UInt32]

    public var startIndex: Int { 0 }
    public var endIndex: Int { width == 0 ? 0 : ends.count / width }
    public subscript(row: Int) -> Row { Row(rows: self, row: row) }

    /// Cell (row, column) as text; "" beyond the row's width.
    public func cell(_ row: Int, _ column: Int) -> String {
      withCellBytes(row, column) { String(decoding: $0, as: UTF8.self) }
    }

    /// Cell (row, column) as its UTF-8 bytes, without making a `String` (for the
    /// join's fast paths on numbers, years and age groups).
    public func withCellBytes<R>(
      _ row: Int, _ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
      guard column < width else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
      let index = row * width + column
      let start = index == 0 ? 0 : Int(ends[index - 1])
      let end = Int(ends[index])
      return try bytes.withUnsafeBufferPointer {
        try body(UnsafeBufferPointer(rebasing: $0[start..<end]))
      }
    }

    public static func == (a: Rows, b: [[String]]) -> Bool { a.map(\.cells) == b }
  }

  /// One row: `row[column]` is the cell's text.
  public struct Row: RandomAccessCollection, Sendable, Equatable {
    let rows: Rows
    let row: Int
    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.width }
    public subscript(column: Int) -> String { rows.cell(row, column) }
    public var cells: [String] { Array(self) }

    public static func == (a: Row, b: Row) -> Bool { a.cells == b.cells }
    public static func == (a: Row, b: [String]) -> Bool { a.cells == b }
  }

  /// Collects cells row by row (the reader's side).
  public struct Builder: Sendable {
    let width: Int
    var bytes: [UInt8] = []
    var ends: [UInt32] = []
    public init(columns: Int, expectedBytes: Int = 0) {
      width = columns
      bytes.reserveCapacity(expectedBytes)
    }
    public mutating func append(cell text: String) {
      bytes.append(contentsOf: text.utf8)
      ends.append(UInt32(bytes.count))
    }
    public mutating func append(cellBytes: UnsafeBufferPointer<UInt8>) {
      bytes.append(contentsOf: cellBytes)
      ends.append(UInt32(bytes.count))
    }
    /// Fills the current row up to the table's width with empty cells.
    public mutating func finishRow() {
      while ends.count % max(width, 1) != 0 { ends.append(UInt32(bytes.count)) }
    }
    public var rows: Rows { Rows(width: width, bytes: bytes, ends: ends) }
  }
}
