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
      var name = clean.isEmpty ? "sheet" : clean
      var n = 2
      while used.contains(name.lowercased()) {
        name = String(clean.prefix(28)) + "-\(n)"
        n += 1
      }
      used.insert(name.lowercased())
      names.append(name)
    }
    // The shared strings, in the order met, and per sheet the index of each
    // text cell, row by row (headers first).
    var strings = SharedStrings()
    var textIndices: [[Int32]] = []
    for sheet in sheets {
      var indices: [Int32] = []
      for label in sheet.header { indices.append(strings.index(label)) }
      for row in sheet.rows {
        for cell in row {
          if case .text(let text) = cell { indices.append(strings.index(text)) }
        }
      }
      textIndices.append(indices)
    }
    let sheetParts = sheets.indices.map { s in
      SheetPart(sheet: sheets[s], texts: textIndices[s], headerTexts: sheets[s].header.count)
    }
    textIndices = []
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
      xml +=
        "<sheet name=\"\(XMLText.attribute(name))\" sheetId=\"\(s + 1)\" r:id=\"rId\(s + 1)\"/>"
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
      var out: [UInt8] = []
      out.reserveCapacity(range.count * 24 + 256)
      if p == 0 {
        out += Array(
          (declaration
            + "<sst xmlns=\"\(WorkbookWriter.main)\" uniqueCount=\"\(texts.count)\">").utf8)
      }
      for i in range {
        let text = texts[i]
        let padded = text.first?.isWhitespace == true || text.last?.isWhitespace == true
        out += padded ? Array("<si><t xml:space=\"preserve\">".utf8) : Array("<si><t>".utf8)
        XMLText.appendEscaped(text, to: &out)
        out += Array("</t></si>".utf8)
      }
      if p == pieces - 1 { out += Array("</sst>".utf8) }
      return out
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

    init(sheet: SpreadsheetTable, texts: [Int32], headerTexts: Int) {
      self.sheet = sheet
      self.texts = texts
      columns = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
      letters = (0..<columns).map { Array(Self.columnName($0).utf8) }
      var starts: [Int] = []
      var k = headerTexts
      for (r, row) in sheet.rows.enumerated() {
        if r % WorkbookWriter.rowsPerPiece == 0 { starts.append(k) }
        for cell in row {
          if case .text = cell { k += 1 }
        }
      }
      textStart = starts
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
          case .number(let value): length = min(Self.number(value).count, 12)
          case .empty: length = 0
          }
          widths[c] = max(widths[c], length + 1)
        }
      }
      return widths.map { min(max($0, 8), 50) }
    }

    /// A number cell's value: whole numbers as integers, others as the
    /// shortest decimal that reads back as the same double.
    static func number(_ value: Double) -> String {
      if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
      return value.description
    }

    func piece(_ p: Int) -> [UInt8] {
      var out: [UInt8] = []
      let first = p * WorkbookWriter.rowsPerPiece
      let end = min(sheet.rows.count, first + WorkbookWriter.rowsPerPiece)
      out.reserveCapacity((end - first) * columns * 24 + 1024)
      func append(_ text: StaticString) {
        out.append(
          contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
      }
      func append(_ text: String) { out.append(contentsOf: text.utf8) }
      /// A whole number ≥ 0 in decimal, without making a String.
      func decimal(_ value: Int) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var n = value
        while divisor > 0 {
          out.append(UInt8(48 + n / divisor))
          n %= divisor
          divisor /= 10
        }
      }
      func cellStart(_ c: Int, _ row: Int) {
        append("<c r=\"")
        out += letters[c]
        decimal(row)
        out.append(34)  // "
      }
      if p == 0 {
        append(WorkbookWriter.declaration + "<worksheet xmlns=\"\(WorkbookWriter.main)\">")
        if !sheet.rows.isEmpty {
          append(
            "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
          )
        }
        if columns > 0 {
          append("<cols>")
          for (c, width) in widths().enumerated() {
            append("<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(width)\" customWidth=\"1\"/>")
          }
          append("</cols>")
        }
        append("<sheetData><row r=\"1\">")
        for c in sheet.header.indices {
          cellStart(c, 1)
          append(" s=\"1\" t=\"s\"><v>")
          decimal(Int(texts[c]))
          append("</v></c>")
        }
        append("</row>")
      }
      var k = sheet.rows.isEmpty ? 0 : textStart[p]
      for r in first..<end {
        let number = r + 2
        append("<row r=\"")
        decimal(number)
        append("\">")
        for (c, cell) in sheet.rows[r].enumerated() {
          switch cell {
          case .empty: continue
          case .text:
            cellStart(c, number)
            append(" t=\"s\"><v>")
            decimal(Int(texts[k]))
            append("</v></c>")
            k += 1
          case .number(let value):
            cellStart(c, number)
            append("><v>")
            if value == value.rounded(), abs(value) < 1e15 {
              if value < 0 { out.append(45) }
              decimal(Int(abs(value)))
            } else {
              append(value.description)
            }
            append("</v></c>")
          }
        }
        append("</row>")
      }
      if p == pieces - 1 { append("</sheetData></worksheet>") }
      return out
    }
  }
}

/// Text for XML: escaped, with the characters XML 1.0 cannot hold (control
/// characters other than tab, line feed and carriage return) written as
/// SpreadsheetML writes them (`_x000B_`), and a literal `_xHHHH_` kept
/// literal by escaping its underscore (`_x005F_`), as ECMA-376 §22.9.2.19 says.
enum XMLText {
  static func appendEscaped(_ text: String, to out: inout [UInt8]) {
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      switch b {
      case 38: out += Array("&amp;".utf8)
      case 60: out += Array("&lt;".utf8)
      case 62: out += Array("&gt;".utf8)
      case 9, 10, 13: out.append(b)
      case 0..<32: out += Array(String(format: "_x%04X_", b).utf8)
      case 95 where isEscapeLike(bytes, i): out += Array("_x005F_".utf8)
      default: out.append(b)
      }
      i += 1
    }
  }

  /// Whether `_xHHHH_` starts at `i`.
  static func isEscapeLike(_ bytes: [UInt8], _ i: Int) -> Bool {
    guard i + 6 < bytes.count, bytes[i + 1] == 120, bytes[i + 6] == 95 else { return false }
    return bytes[(i + 2)...(i + 5)].allSatisfy {
      ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 70) || ($0 >= 97 && $0 <= 102)
    }
  }

  /// Text for an attribute value in double quotes.
  static func attribute(_ text: String) -> String {
    var out: [UInt8] = []
    appendEscaped(text, to: &out)
    return String(decoding: out, as: UTF8.self).replacingOccurrences(of: "\"", with: "&quot;")
  }
}
