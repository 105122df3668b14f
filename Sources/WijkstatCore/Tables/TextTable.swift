/// A result table written two ways from the same cells: CSV for machines and
/// Markdown for people (both deterministic).
public struct TextTable: Sendable, Equatable {
  public var title: String?
  public var header: [String]
  public var rows: [[String]]
  /// Columns right-aligned in Markdown (numbers).
  public var numeric: Set<Int>
  /// A note printed under the Markdown table (legend, source).
  public var note: String?

  public init(
    title: String? = nil, header: [String], rows: [[String]], numeric: Set<Int> = [],
    note: String? = nil
  ) {
    self.title = title
    self.header = header
    self.rows = rows
    self.numeric = numeric
    self.note = note
  }

  public var csv: String {
    var out = CSVText.line(header)
    for row in rows { out += CSVText.line(row) }
    return out
  }

  public var markdown: String {
    func cell(_ text: String) -> String {
      // Most cells hold no `|` or line break: skip Foundation's slow replacing.
      guard text.utf8.contains(where: { $0 == 124 || $0 == 10 }) else { return text }
      return text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
    var out = title.map { "### \($0)\n\n" } ?? ""
    out += "| " + header.map(cell).joined(separator: " | ") + " |\n"
    out += "|" + header.indices.map { numeric.contains($0) ? "---:" : ":---" }.joined(separator: "|") + "|\n"
    for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
    if let note { out += "\n\(note)\n" }
    return out
  }
}
