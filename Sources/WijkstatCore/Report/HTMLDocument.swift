/// A self-contained HTML page: inline CSS, inline SVG, no scripts and no network.
/// Built from sections of headings, paragraphs, tables and figures; rendered
/// deterministically so two runs give the same bytes.
public struct HTMLDocument: Sendable {
  public enum Block: Sendable {
    case heading(String, level: Int, id: String?)
    case paragraph(String)
    /// Already-escaped HTML (e.g. a list assembled by the caller with `HTMLDocument.escape`).
    case raw(String)
    case table(Table)
    case figure(svg: String, caption: String)
    /// A map with its legend under it as HTML (swatch, label, count), so the
    /// legend stays readable when the map is scaled down to a phone's width.
    case map(svg: String, legendTitle: String, legend: [MapClass], caption: String)
    case note(String)
  }

  public struct Table: Sendable {
    public var caption: String?
    public var header: [String]
    public var rows: [[String]]
    /// Columns holding numbers are right-aligned.
    public var numericColumns: Set<Int>
    /// A line under the table (what its stars or sub-columns mean).
    public var note: String?
    public init(
      caption: String? = nil, header: [String], rows: [[String]], numericColumns: Set<Int> = [],
      note: String? = nil
    ) {
      self.caption = caption
      self.header = header
      self.rows = rows
      self.numericColumns = numericColumns
      self.note = note
    }
  }

  public var title: String
  public var language: ReportLanguage
  public var blocks: [Block] = []

  public init(title: String, language: ReportLanguage) {
    self.title = title
    self.language = language
  }

  public mutating func add(_ block: Block) { blocks.append(block) }

  public static func escape(_ text: String) -> String { SVGText.escape(text) }

  /// Responsive (no horizontal scrolling of the page from 360 px: wide tables
  /// scroll in their own box, figures shrink, map legends stack under the map)
  /// and printable on A4 (headings kept with what follows, rows, figures and
  /// numbers unbroken).
  static let style = """
    *,*::before,*::after{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:1060px;margin:0 auto;padding:24px;line-height:1.45;overflow-wrap:break-word}
    h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:2px solid #ddd;padding-bottom:.2em}h3{margin-top:1.3em}
    .tablebox{margin:.6em 0 1.2em}.scroll{max-width:100%;overflow-x:auto}
    table{border-collapse:collapse;font-size:.88em}.caption{font-weight:600;font-size:.95em;margin:.3em 0}
    th,td{border-bottom:1px solid #e3e3e3;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}
    th.n,td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr:nth-child(even) td{background:#fafafa}
    th .sub{display:block;font-weight:400;font-size:.85em;color:#555}
    figure{margin:1em 0 1.6em;display:inline-block;vertical-align:top;max-width:100%}figcaption{font-size:.85em;color:#555;max-width:640px}
    figure svg{max-width:100%;height:auto;border:1px solid #eee}.note{font-size:.85em;color:#555}
    figure.map{display:block}figure.map svg{width:100%;max-width:800px}
    .legend{margin:.4em 0;padding:0;list-style:none;font-size:.92em}.legend li{display:flex;align-items:center;gap:.5em;margin:.15em 0}
    .legend .title{font-weight:600}.swatch{flex:none;width:1.6em;height:1.05em;border:1px solid #636363}
    .swatch.hatched{background:repeating-linear-gradient(45deg,#d9d9d9 0 3px,#737373 3px 4.2px)}
    .nowrap{white-space:nowrap}
    .synthetic{background:#fff3cd;border:1px solid #e0c36c;padding:8px 12px}
    nav ol{columns:2;font-size:.9em}
    @media (max-width:600px){body{padding:12px;font-size:15px}nav ol{columns:1}h1{font-size:1.4em}}
    @page{size:A4;margin:15mm 14mm}
    @media print{body{max-width:none;padding:0;font-size:10.5pt}.scroll{overflow:visible}
    h1,h2,h3,.caption{break-after:avoid;page-break-after:avoid;break-inside:avoid}
    tr,figure,.legend,li,.tablebox.keep{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}
    thead,tbody tr:nth-child(-n+2){break-after:avoid;page-break-after:avoid}
    figure svg{border:none}nav{display:none}}
    """

  /// Tables of at most this many rows are not split over two printed pages.
  static let keptRows = 40

  public var html: String {
    var out =
      "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<title>\(Self.escape(title))</title>\n<style>\(Self.style)</style>\n</head>\n<body>\n"
    for block in blocks {
      switch block {
      case .heading(let text, let level, let id):
        let l = min(max(level, 1), 4)
        out +=
          "<h\(l)\(id.map { " id=\"\(Self.escape($0))\"" } ?? "")>\(Self.escape(text))</h\(l)>\n"
      case .paragraph(let text):
        out += "<p>\(Self.escape(text))</p>\n"
      case .raw(let html):
        out += html + "\n"
      case .note(let text):
        out += "<p class=\"note\">\(Self.escape(text))</p>\n"
      case .figure(let svg, let caption):
        out += "<figure>\(svg)<figcaption>\(Self.escape(caption))</figcaption></figure>\n"
      case .map(let svg, let legendTitle, let legend, let caption):
        out +=
          "<figure class=\"map\">\(svg)<ul class=\"legend\"><li class=\"title\">\(Self.escape(legendTitle))</li>"
        for entry in legend {
          let hatched = entry.number == MapClass.noData
          out +=
            "<li><span class=\"swatch\(hatched ? " hatched" : "")\"\(hatched ? "" : " style=\"background:\(Self.escape(entry.color))\"")></span>"
          out += "<span>\(Self.escape(entry.label)) (\(entry.count))</span></li>"
        }
        out += "</ul><figcaption>\(Self.escape(caption))</figcaption></figure>\n"
      case .table(let table):
        // Wide tables scroll inside their own box, never the page; a table
        // shorter than a printed page is kept on one page.
        // The caption stays above the box, readable without scrolling.
        out +=
          table.rows.count <= Self.keptRows
          ? "<div class=\"tablebox keep\">" : "<div class=\"tablebox\">"
        if let caption = table.caption { out += "<p class=\"caption\">\(Self.escape(caption))</p>" }
        out += "<div class=\"scroll\"><table>"
        out += "<thead><tr>"
        for (index, name) in table.header.enumerated() {
          out += table.numericColumns.contains(index) ? "<th class=\"n\">" : "<th>"
          out += Self.escape(name) + "</th>"
        }
        out += "</tr></thead><tbody>"
        for row in table.rows {
          out += "<tr>"
          for (index, cell) in row.enumerated() {
            out += table.numericColumns.contains(index) ? "<td class=\"n\">" : "<td>"
            out += Self.escape(cell) + "</td>"
          }
          out += "</tr>"
        }
        out += "</tbody></table></div>"
        if let note = table.note, !note.isEmpty {
          out += "<p class=\"note\">\(Self.escape(note))</p>"
        }
        out += "</div>\n"
      }
    }
    return out + "</body>\n</html>\n"
  }
}
