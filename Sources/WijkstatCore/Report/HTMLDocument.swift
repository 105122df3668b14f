/// A self-contained HTML page: inline CSS, inline SVG, no scripts and no network.
/// Built from sections of headings, paragraphs, tables and figures; rendered
/// deterministically so two runs give the same bytes.
public struct HTMLDocument {
  public enum Block {
    case heading(String, level: Int, id: String?)
    case paragraph(String)
    /// Already-escaped HTML (e.g. a list assembled by the caller with `HTMLDocument.escape`).
    case raw(String)
    case table(Table)
    case figure(svg: String, caption: String)
    case note(String)
  }

  public struct Table {
    public var caption: String?
    public var header: [String]
    public var rows: [[String]]
    /// Columns holding numbers are right-aligned.
    public var numericColumns: Set<Int>
    public init(caption: String? = nil, header: [String], rows: [[String]], numericColumns: Set<Int> = []) {
      self.caption = caption
      self.header = header
      self.rows = rows
      self.numericColumns = numericColumns
    }
  }

  public var title: String
  public var language: String
  public var blocks: [Block] = []

  public init(title: String, language: String) {
    self.title = title
    self.language = language
  }

  public mutating func add(_ block: Block) { blocks.append(block) }

  public static func escape(_ text: String) -> String { SVGText.escape(text) }

  static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:1060px;margin:0 auto;padding:24px;line-height:1.45}
    h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:2px solid #ddd;padding-bottom:.2em}h3{margin-top:1.3em}
    table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.88em}caption{text-align:left;font-weight:600;padding:.3em 0}
    th,td{border-bottom:1px solid #e3e3e3;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}
    td.n{text-align:right;font-variant-numeric:tabular-nums}tr:nth-child(even) td{background:#fafafa}
    figure{margin:1em 0 1.6em;display:inline-block;vertical-align:top}figcaption{font-size:.85em;color:#555;max-width:640px}
    figure svg{max-width:100%;height:auto;border:1px solid #eee}.note{font-size:.85em;color:#555}
    .synthetic{background:#fff3cd;border:1px solid #e0c36c;padding:8px 12px}
    nav ol{columns:2;font-size:.9em}@media print{body{max-width:none}figure{page-break-inside:avoid}}
    """

  public var html: String {
    var out = "<!DOCTYPE html>\n<html lang=\"\(Self.escape(language))\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<title>\(Self.escape(title))</title>\n<style>\(Self.style)</style>\n</head>\n<body>\n"
    for block in blocks {
      switch block {
      case .heading(let text, let level, let id):
        let l = min(max(level, 1), 4)
        out += "<h\(l)\(id.map { " id=\"\(Self.escape($0))\"" } ?? "")>\(Self.escape(text))</h\(l)>\n"
      case .paragraph(let text):
        out += "<p>\(Self.escape(text))</p>\n"
      case .raw(let html):
        out += html + "\n"
      case .note(let text):
        out += "<p class=\"note\">\(Self.escape(text))</p>\n"
      case .figure(let svg, let caption):
        out += "<figure>\(svg)<figcaption>\(Self.escape(caption))</figcaption></figure>\n"
      case .table(let table):
        out += "<table>"
        if let caption = table.caption { out += "<caption>\(Self.escape(caption))</caption>" }
        out += "<thead><tr>" + table.header.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in table.rows {
          out += "<tr>"
          for (index, cell) in row.enumerated() {
            out += table.numericColumns.contains(index) ? "<td class=\"n\">" : "<td>"
            out += Self.escape(cell) + "</td>"
          }
          out += "</tr>"
        }
        out += "</tbody></table>\n"
      }
    }
    return out + "</body>\n</html>\n"
  }
}
