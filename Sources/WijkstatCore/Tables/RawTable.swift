import Foundation

/// A table as read from a file, before any interpretation: column names and
/// cells as text, with the source line of every row for error messages.
/// The GDAL bridge produces these from CSV, XLSX, ODS, GeoPackage or PostgreSQL;
/// tests build them from literal text.
public struct RawTable: Sendable, Equatable {
  /// The path or connection string, for messages and provenance.
  public var source: String
  public var columns: [String]
  public var rows: [[String]]
  /// The 1-based line (or record) number of each row in the source; the header is line 1.
  public var lineNumbers: [Int]

  public init(source: String, columns: [String], rows: [[String]], lineNumbers: [Int]? = nil) {
    self.source = source
    self.columns = columns
    self.rows = rows
    self.lineNumbers = lineNumbers ?? Array((0..<rows.count).map { $0 + 2 })
  }

  /// The index of a column, matched case-insensitively and ignoring surrounding spaces.
  public func columnIndex(_ name: String) -> Int? {
    let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
    return columns.firstIndex { $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted }
  }
}
