import Foundation
import WijkstatCore

/// Writes `tables.xlsx`: an Office Open XML workbook (ECMA-376, SpreadsheetML)
/// with one sheet per table, number columns as number cells holding the
/// table's values exactly (the shortest decimal that reads back as the same
/// double), text as shared strings, the header row bold and frozen, columns
/// as wide as their first rows need.
///
/// Written by hand (the parts, in a zip by `ZipArchive`), not through GDAL's
/// XLSX driver, which wijkstat used until session 15: that writer formats
/// every cell with printf and deflates on one thread, and on the real PC-4
/// project it was the run's longest single job (1.0 s of one core for 11 MB of
/// sheets), after every table was done, so the run waited for it. Here the
/// sheets are made and deflated in pieces on every core (BENCHMARKS.md,
/// issue 14, session 15). GDAL reads the result (WorkbookWriterTests, and a
/// user's `ogr2ogr`), as do Excel and LibreOffice (the parts and attributes
/// are those both write).
public enum WorkbookWriter {
  /// Rows per piece of a sheet (made and deflated as one job).
  static let rowsPerPiece = 4_000

  /// Sheets with more rows than Excel allows are the caller's to leave out.
  public static func write(_ sheets: [SpreadsheetTable], to path: String) throws {
    let bytes: [UInt8]
    do {
      bytes = try workbook(sheets)
    } catch let error as UserError {
      throw UserError(error.message, source: path)
    }
    try FileBytes.write(Data(bytes), to: URL(fileURLWithPath: path))
  }

  /// The workbook's bytes.
  static func workbook(_ sheets: [SpreadsheetTable]) throws -> [UInt8] {
    // Sheet names: unique (Excel compares them ignoring case), without the
    // characters Excel refuses (: \ / ? * [ ]), at most 31 characters.
    var names: [String] = []
    var used = Set<String>()
    for sheet in sheets {
      let clean = String(
        String(sheet.name.map { ":\\/?*[]".contains($0) ? "_" : $0 }).prefix(31))
      let base = clean.isEmpty ? "sheet" : clean
      var name = base
      var n = 2
      while used.contains(name.lowercased()) {
        name = String(base.prefix(28)) + "-\(n)"
        n += 1
      }
      used.insert(name.lowercased())
      names.append(name)
    }
    // The shared strings, in the order met; per sheet the index of each text
    // cell, row by row (headers first), and where each piece's rows start.
    var strings = SharedStrings()
    var sheetParts: [SheetPart] = []
    for sheet in sheets {
      var indices: [Int32] = []
      var starts: [Int] = []
      for label in sheet.header { indices.append(strings.index(label)) }
      for (r, row) in sheet.rows.enumerated() {
        if r % rowsPerPiece == 0 { starts.append(indices.count) }
        for cell in row {
          if case .text(let text) = cell { indices.append(strings.index(text)) }
        }
      }
      sheetParts.append(SheetPart(sheet: sheet, texts: indices, textStart: starts))
    }
    var entries: [ZipArchive.Entry] = [
      .init(name: "[Content_Types].xml", bytes: contentTypes(sheets: sheets.count)),
      .init(name: "_rels/.rels", bytes: packageRelationships),
      .init(name: "xl/workbook.xml", bytes: workbookPart(names)),
      .init(name: "xl/_rels/workbook.xml.rels", bytes: workbookRelationships(sheets: sheets.count)),
      .init(name: "xl/styles.xml", bytes: styles),
    ]
    for (s, part) in sheetParts.enumerated() {
      entries.append(
        .init(name: "xl/worksheets/sheet\(s + 1).xml", pieces: part.pieces) { part.piece($0) })
    }
    let sst = strings
    let stringPieces = max(1, (sst.texts.count + 19_999) / 20_000)
    entries.append(
      .init(name: "xl/sharedStrings.xml", pieces: stringPieces) {
        sst.piece($0, of: stringPieces)
      })
    // zlib level 1: on the real PC-4 project's 10.4 MB of parts 0.06 s and
    // 2.3 MB, against 0.22 s and 1.8 MB at the default level 6 (Python's zlib,
    // the same library, session 15).
    return try ZipArchive.bytes(entries, level: 1)
  }

  static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

  static func contentTypes(sheets: Int) -> [UInt8] {
    let part = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    var xml =
      declaration
      + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(part).sheet.main+xml\"/>"
    for s in 0..<sheets {
      xml +=
        "<Override PartName=\"/xl/worksheets/sheet\(s + 1).xml\" ContentType=\"\(part).worksheet+xml\"/>"
    }
    xml +=
      "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(part).styles+xml\"/>"
      + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(part).sharedStrings+xml\"/>"
      + "</Types>"
    return Array(xml.utf8)
  }

  static let packageRelationships = Array(
    (declaration
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/>"
      + "</Relationships>").utf8)

  static func workbookPart(_ names: [String]) -> [UInt8] {
    var xml =
      declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
      + "<bookViews><workbookView/></bookViews><sheets>"
    for (s, name) in names.enumerated() {
      var escaped = JSONBytes()
      XMLText.appendEscaped(name, to: &escaped, quotes: true)
      xml +=
        "<sheet name=\"\(String(decoding: escaped.bytes, as: UTF8.self))\" sheetId=\"\(s + 1)\" r:id=\"rId\(s + 1)\"/>"
    }
    xml += "</sheets></workbook>"
    return Array(xml.utf8)
  }

  static func workbookRelationships(sheets: Int) -> [UInt8] {
    var xml =
      declaration
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    for s in 0..<sheets {
      xml +=
        "<Relationship Id=\"rId\(s + 1)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\(s + 1).xml\"/>"
    }
    xml +=
      "<Relationship Id=\"rId\(sheets + 1)\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>"
      + "<Relationship Id=\"rId\(sheets + 2)\" Type=\"\(relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
      + "</Relationships>"
    return Array(xml.utf8)
  }

  /// Two cell formats: 0 plain, 1 bold (the header row).
  static let styles = Array(
    (declaration + "<styleSheet xmlns=\"\(main)\">"
      + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
      + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
      + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
      + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
      + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
      + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
      + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
      + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
      + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
      + "</styleSheet>").utf8)

  /// The workbook's shared strings: each distinct text once, in the order met.
  struct SharedStrings: Sendable {
    var texts: [String] = []
    var numbers: [String: Int32] = [:]

    mutating func index(_ text: String) -> Int32 {
      if let n = numbers[text] { return n }
      let n = Int32(texts.count)
      numbers[text] = n
      texts.append(text)
      return n
    }

    /// Piece `p` of `pieces` of sharedStrings.xml.
    func piece(_ p: Int, of pieces: Int) -> [UInt8] {
      let range = (texts.count * p / pieces)..<(texts.count * (p + 1) / pieces)
      var out = JSONBytes(capacity: range.count * 24 + 256)
      if p == 0 {
        out.appendUTF8(
          declaration + "<sst xmlns=\"\(WorkbookWriter.main)\" uniqueCount=\"\(texts.count)\">")
      }
      for i in range {
        let text = texts[i]
        let padded = text.first?.isWhitespace == true || text.last?.isWhitespace == true
        out.append(padded ? "<si><t xml:space=\"preserve\">" : "<si><t>")
        XMLText.appendEscaped(text, to: &out)
        out.append("</t></si>")
      }
      if p == pieces - 1 { out.append("</sst>") }
      return out.bytes
    }
  }

  /// One worksheet part, made in pieces of `rowsPerPiece` rows.
  struct SheetPart: Sendable {
    let sheet: SpreadsheetTable
    /// The shared string of each text cell, header first, then row by row.
    let texts: [Int32]
    /// Where each piece's rows start in `texts`.
    let textStart: [Int]
    let columns: Int
    let letters: [[UInt8]]

    init(sheet: SpreadsheetTable, texts: [Int32], textStart: [Int]) {
      self.sheet = sheet
      self.texts = texts
      self.textStart = textStart
      columns = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
      letters = (0..<columns).map { Array(Self.columnName($0).utf8) }
    }

    var pieces: Int {
      max(1, (sheet.rows.count + WorkbookWriter.rowsPerPiece - 1) / WorkbookWriter.rowsPerPiece)
    }

    /// A, B, …, Z, AA, AB, …
    static func columnName(_ index: Int) -> String {
      var n = index + 1
      var name = ""
      while n > 0 {
        let r = (n - 1) % 26
        name = String(UnicodeScalar(UInt8(65 + r))) + name
        n = (n - 1) / 26
      }
      return name
    }

    /// Column widths in characters, from the header and the first rows.
    func widths() -> [Int] {
      var widths = sheet.header.map { $0.count + 2 }
      widths += [Int](repeating: 8, count: max(0, columns - widths.count))
      for row in sheet.rows.prefix(200) {
        for (c, cell) in row.enumerated() {
          let length: Int
          switch cell {
          case .text(let text): length = text.count
          case .number(let value):
            var text = JSONBytes(capacity: 24)
            Self.appendNumber(value, to: &text)
            length = min(text.bytes.count, 12)
          case .empty: length = 0
          }
          widths[c] = max(widths[c], length + 1)
        }
      }
      return widths.map { min(max($0, 8), 50) }
    }

    /// A number cell's value: whole numbers as integers, others as the
    /// shortest decimal that reads back as the same double.
    static func appendNumber(_ value: Double, to out: inout JSONBytes) {
      if value == value.rounded(), abs(value) < 1e15 {
        out.appendInteger(Int(value))
      } else {
        out.appendShortest(value)
      }
    }

    func piece(_ p: Int) -> [UInt8] {
      let first = p * WorkbookWriter.rowsPerPiece
      let end = min(sheet.rows.count, first + WorkbookWriter.rowsPerPiece)
      var out = JSONBytes(capacity: (end - first) * columns * 24 + 1024)
      func cellStart(_ c: Int, _ row: Int) {
        out.append("<c r=\"")
        out.bytes += letters[c]
        out.appendInteger(row)
        out.append("\"")
      }
      if p == 0 {
        out.appendUTF8(WorkbookWriter.declaration + "<worksheet xmlns=\"\(WorkbookWriter.main)\">")
        if !sheet.rows.isEmpty {
          out.append(
            "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
          )
        }
        if columns > 0 {
          out.append("<cols>")
          for (c, width) in widths().enumerated() {
            out.appendUTF8(
              "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(width)\" customWidth=\"1\"/>")
          }
          out.append("</cols>")
        }
        out.append("<sheetData><row r=\"1\">")
        for c in sheet.header.indices {
          cellStart(c, 1)
          out.append(" s=\"1\" t=\"s\"><v>")
          out.appendInteger(Int(texts[c]))
          out.append("</v></c>")
        }
        out.append("</row>")
      }
      var k = sheet.rows.isEmpty ? 0 : textStart[p]
      for r in first..<end {
        let number = r + 2
        out.append("<row r=\"")
        out.appendInteger(number)
        out.append("\">")
        for (c, cell) in sheet.rows[r].enumerated() {
          switch cell {
          case .empty: continue
          case .text:
            cellStart(c, number)
            out.append(" t=\"s\"><v>")
            out.appendInteger(Int(texts[k]))
            out.append("</v></c>")
            k += 1
          case .number(let value):
            cellStart(c, number)
            out.append("><v>")
            Self.appendNumber(value, to: &out)
            out.append("</v></c>")
          }
        }
        out.append("</row>")
      }
      if p == pieces - 1 { out.append("</sheetData></worksheet>") }
      return out.bytes
    }
  }
}

/// Text for XML: escaped, with the characters XML 1.0 cannot hold (control
/// characters other than tab, line feed and carriage return) written as
/// SpreadsheetML writes them (`_x000B_`), and a literal `_xHHHH_` kept
/// literal by escaping its underscore (`_x005F_`), as ECMA-376 §22.9.2.19 says.
enum XMLText {
  /// `quotes`: for an attribute value in double quotes (`"` as `&quot;`).
  static func appendEscaped(_ text: String, to out: inout JSONBytes, quotes: Bool = false) {
    let bytes = Array(text.utf8)
    for (i, b) in bytes.enumerated() {
      switch b {
      case UInt8(ascii: "&"): out.append("&amp;")
      case UInt8(ascii: "<"): out.append("&lt;")
      case UInt8(ascii: ">"): out.append("&gt;")
      case UInt8(ascii: "\"") where quotes: out.append("&quot;")
      case 9, 10, 13: out.bytes.append(b)
      case 0..<32: out.appendUTF8(String(format: "_x%04X_", b))
      case UInt8(ascii: "_") where isEscapeLike(bytes, i): out.append("_x005F_")
      default: out.bytes.append(b)
      }
    }
  }

  /// Whether `_xHHHH_` starts at `i`.
  static func isEscapeLike(_ bytes: [UInt8], _ i: Int) -> Bool {
    guard i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "x"), bytes[i + 6] == UInt8(ascii: "_")
    else { return false }
    return bytes[(i + 2)...(i + 5)].allSatisfy {
      ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 70) || ($0 >= 97 && $0 <= 102)
    }
  }
}
