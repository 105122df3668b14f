import Foundation

/// The Markdown copy of a machine table (`tables/NAME.md`), for people: at
/// most `rowLimit` rows (longer tables show their first `shownRows` and a line
/// pointing to the CSV, which has every row: the rates of 100,000 areas made
/// 62 MB of Markdown, issue 18/19), and in a Dutch run the number columns with
/// a decimal comma (`1,388`, not `1.388`, which a Dutch reader takes for
/// 1388). Digits are kept as the CSV has them (no grouping, so years and codes
/// stay as they are); only cells that are plain decimal numbers change. A title
/// ending in `*` (a provisional year) gets the note explaining it in the copy's
/// language. The column headers are the CSV's machine names in both languages.
public enum MarkdownCopy {
  public static let rowLimit = 300
  public static let shownRows = 200

  public static func table(_ table: TextTable, name: String, language: ReportLanguage) -> TextTable
  {
    var copy = table
    // A year marked provisional in the title (StatLine's `2023*`, the rankings):
    // the catalogue's `* voorlopige cijfers` / `* provisional figures` as its note.
    if table.title?.hasSuffix("*") == true {
      copy.note = [table.note, language.text(.provisionalFigures)].compactMap { $0 }.joined(
        separator: " ")
    }
    if table.rows.count > rowLimit {
      copy.rows = Array(table.rows.prefix(shownRows))
      copy.note =
        (copy.note.map { $0 + " " } ?? "")
        + language.text(
          .markdownFirstRows(
            shown: language.integer(shownRows), total: language.integer(table.rows.count),
            csv: name + ".csv"))
    }
    if language.decimalSeparator == "," {
      // The number style is ReportLanguage's: Dutch writes the decimal comma.
      copy.rows = copy.roundedRows.map { row in
        row.enumerated().map {
          copy.numeric.contains($0.offset) ? dutchDecimal($0.element) : $0.element
        }
      }
      copy.rounding = [:]
    }
    return copy
  }

  /// `-12.345` → `-12,345`; anything that is not a plain decimal number
  /// (text, `1e-300`, an empty cell) is returned unchanged.
  public static func dutchDecimal(_ cell: String) -> String {
    var sawPoint = false
    var sawDigit = false
    for (i, byte) in cell.utf8.enumerated() {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
      case UInt8(ascii: "-") where i == 0: continue
      case UInt8(ascii: ".") where !sawPoint && sawDigit: sawPoint = true
      default: return cell
      }
    }
    guard sawPoint, sawDigit, cell.last != "." else { return cell }
    return cell.replacingOccurrences(of: ".", with: ",")
  }
}
