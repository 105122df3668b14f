import Foundation
import WijkstatCore

/// Reads a local CSV, TSV or TXT file straight from its bytes into a packed
/// `RawTable`, with the conventions of GDAL's CSV driver as `TableReader` opens
/// it (`HEADERS=YES`, `AUTODETECT_TYPE=NO`, `EMPTY_STRING_AS_NULL=NO`): the
/// separator is the first of `,` `;` tab outside quotes on the header line (`,`
/// when they are mixed, a space when there is none but spaces), tab for `.tsv`;
/// RFC 4180 quoting with `""` for a quote and line breaks inside quotes; a UTF-8
/// byte order mark; LF, CRLF or CR line ends; empty lines skipped; missing
/// trailing cells empty and rows of another width listed in `fieldCounts`; cells that are not valid UTF-8 read as Windows-1252.
///
/// Hand-written because GDAL's driver builds an OGR feature per row and copies
/// every cell through a C string: 2.35 s for the 2.1 million rows of the
/// 50,000-area benchmark tables (BENCHMARKS.md), too slow for national PC-6
/// tables. The CSV packages at hand (SwiftCSV, CSV.swift) return an array or a
/// dictionary per row, which at ten million rows costs more memory than the text.
/// Line numbers are physical lines (a quoted line break counts), so messages
/// point at the right line in an editor.
enum DelimitedTextReader {
  static func read(_ path: String) throws -> RawTable {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
      throw UserError("cannot read: \(error.localizedDescription)", source: path)
    }
    guard data.count < Int(UInt32.max) else {
      throw UserError("the table has more than 4 GiB of text; split it by year", source: path)
    }
    return try data.withUnsafeBytes { raw -> RawTable in
      let bytes = raw.bindMemory(to: UInt8.self)
      return try parse(bytes, source: path, tabSeparated: path.lowercased().hasSuffix(".tsv"))
    }
  }

  static let quote = UInt8(ascii: "\"")
  static let newline = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String, tabSeparated: Bool) throws
    -> RawTable
  {
    var position = 0
    let count = bytes.count
    // UTF-8 byte order mark.
    if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    var line = 1
    (position, line) = skipEmptyLines(bytes, from: position, line: line)
    guard position < count else {
      throw UserError("the file is empty: a table needs a header line", source: source)
    }
    // StatLine's "volgens tabelindeling" download puts title rows (one quoted
    // cell each) above the header: the header is the first line with a
    // separator outside quotes, when one comes within the first lines.
    if !tabSeparated, !hasSeparator(bytes, from: position) {
      var probe = position
      var probeLine = line
      for _ in 0..<30 {
        let end = lineEnd(bytes, from: probe)
        guard end < count else { break }
        var next = end + 1
        if bytes[end] == carriageReturn, next < count, bytes[next] == newline { next += 1 }
        (probe, probeLine) = skipEmptyLines(bytes, from: next, line: probeLine + 1)
        guard probe < count else { break }
        if hasSeparator(bytes, from: probe) {
          (position, line) = (probe, probeLine)
          break
        }
      }
    }
    let separator = tabSeparated ? UInt8(ascii: "\t") : detectSeparator(bytes, from: position)

    var scratch: [UInt8] = []
    var cells: [String] = []
    // The header record.
    (position, line) = record(
      bytes, from: position, line: line, separator: separator, scratch: &scratch
    ) { cell in
      let name = text(cell)
      cells.append(name.isEmpty ? "field_\(cells.count + 1)" : name)
    }
    let width = cells.count
    var builder = RawTable.Builder(columns: width, expectedBytes: count)
    var lines: [Int] = []
    var fieldCounts: [Int: Int] = [:]
    lines.reserveCapacity(count / 24)
    while true {
      (position, line) = skipEmptyLines(bytes, from: position, line: line)
      guard position < count else { break }
      let first = line
      var column = 0
      var fields = 0
      var extraText = false
      var anyText = false
      (position, line) = record(
        bytes, from: position, line: line, separator: separator, scratch: &scratch
      ) { cell in
        fields += 1
        if !cell.isEmpty { anyText = true }
        // Cells beyond the header are not kept; a row with text in them, or
        // with fewer fields than the header, is listed (`RawTable.fieldCounts`).
        guard column < width else {
          if !cell.isEmpty { extraText = true }
          return
        }
        column += 1
        if cell.allSatisfy({ $0 < 0x80 }) || String(validating: cell, as: UTF8.self) != nil {
          builder.append(cellBytes: cell)
        } else {
          builder.append(cell: text(cell))
        }
      }
      builder.finishRow()
      if anyText, extraText || fields < width { fieldCounts[lines.count] = fields }
      lines.append(first)
    }
    var table = RawTable(source: source, columns: cells, rows: builder.rows, lineNumbers: lines)
    table.fieldCounts = fieldCounts
    return table
  }

  /// Whether the byte at `i` ends a line: LF, or a CR not followed by LF (the
  /// LF of a CRLF ends it).
  static func endsLine(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
    bytes[i] == newline
      || (bytes[i] == carriageReturn && !(i + 1 < bytes.count && bytes[i + 1] == newline))
  }

  /// Past any empty lines (skipped, as GDAL does), counting them.
  static func skipEmptyLines(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int) -> (
    Int, Int
  ) {
    var (position, line) = (start, line)
    while position < bytes.count, bytes[position] == newline || bytes[position] == carriageReturn {
      if endsLine(bytes, at: position) { line += 1 }
      position += 1
    }
    return (position, line)
  }

  /// Whether the line at `start` has a `,` `;` or tab outside quotes.
  static func hasSeparator(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
    var inQuotes = false
    var i = start
    while i < bytes.count, inQuotes || (bytes[i] != newline && bytes[i] != carriageReturn) {
      let byte = bytes[i]
      if byte == quote {
        inQuotes.toggle()
      } else if !inQuotes,
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\t")
      {
        return true
      }
      i += 1
    }
    return false
  }

  /// The position of the line end (LF or CR outside quotes) of the line at `start`.
  static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var inQuotes = false
    var i = start
    while i < bytes.count, inQuotes || (bytes[i] != newline && bytes[i] != carriageReturn) {
      if bytes[i] == quote { inQuotes.toggle() }
      i += 1
    }
    return i
  }

  /// GDAL's CSVDetectSeperator: the first `,` `;` or tab outside quotes, `,` when
  /// two different ones occur, a space when there is none but a space, else `,`.
  static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
    var inQuotes = false
    var found: UInt8? = nil
    var spaces = false
    var i = start
    while i < bytes.count, bytes[i] != newline, bytes[i] != carriageReturn {
      let byte = bytes[i]
      if byte == quote {
        inQuotes.toggle()
      } else if !inQuotes {
        if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\t") {
          if let found, found != byte { return UInt8(ascii: ",") }
          found = byte
        } else if byte == UInt8(ascii: " ") {
          spaces = true
        }
      }
      i += 1
    }
    return found ?? (spaces ? UInt8(ascii: " ") : UInt8(ascii: ","))
  }

  /// Reads one record from `start`, calling `cell` with each cell's bytes (quotes
  /// removed, `""` unescaped). Returns the position after the record's line end
  /// and the line number there.
  static func record(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, separator: UInt8,
    scratch: inout [UInt8], cell: (UnsafeBufferPointer<UInt8>) -> Void
  ) -> (Int, Int) {
    var i = start
    var line = line
    let count = bytes.count
    while true {
      if i < count, bytes[i] == quote {
        // Quoted cell: up to the closing quote; "" is a quote; line breaks kept.
        scratch.removeAll(keepingCapacity: true)
        i += 1
        while i < count {
          let byte = bytes[i]
          if byte == quote {
            if i + 1 < count, bytes[i + 1] == quote {
              scratch.append(quote)
              i += 2
              continue
            }
            i += 1
            break
          }
          if endsLine(bytes, at: i) { line += 1 }
          scratch.append(byte)
          i += 1
        }
        // Text after the closing quote belongs to the cell (lenient, as GDAL).
        while i < count, bytes[i] != separator, bytes[i] != newline, bytes[i] != carriageReturn {
          if bytes[i] != quote { scratch.append(bytes[i]) }
          i += 1
        }
        scratch.withUnsafeBufferPointer { cell($0) }
      } else {
        let cellStart = i
        while i < count, bytes[i] != separator, bytes[i] != newline, bytes[i] != carriageReturn {
          i += 1
        }
        cell(UnsafeBufferPointer(rebasing: bytes[cellStart..<i]))
      }
      if i < count, bytes[i] == separator {
        i += 1
        continue
      }
      // End of the record: its line break (CRLF, LF or CR) or the end of the file.
      if i < count {
        if bytes[i] == carriageReturn, i + 1 < count, bytes[i + 1] == newline { i += 1 }
        i += 1
        line += 1
      }
      return (i, line)
    }
  }

  /// A cell's text: UTF-8, or Windows-1252 when the bytes are not valid UTF-8.
  static func text(_ cell: UnsafeBufferPointer<UInt8>) -> String {
    String(validating: cell, as: UTF8.self)
      ?? String(data: Data(cell), encoding: .windowsCP1252) ?? String(decoding: cell, as: UTF8.self)
  }
}
