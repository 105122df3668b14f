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
  /// Columns whose cells (full precision, for the CSV) Markdown rounds for
  /// people; cells that are not numbers stay as they are.
  public var rounding: [Int: Rounding] = [:]

  public enum Rounding: Sendable, Equatable {
    /// Up to n decimals, trailing zeros dropped (`CSVText.number`).
    case decimals(Int)
    /// p-values: 3 significant digits below 1e-4, else up to 4 decimals.
    case pValue

    public func apply(_ text: String) -> String {
      guard let value = Double(text), value.isFinite else { return text }
      switch self {
      case .decimals(let d): return CSVText.number(value, decimals: d)
      case .pValue:
        if value == 0 { return "0" }
        return value < 1e-4 ? String(format: "%.3g", value) : CSVText.number(value, decimals: 4)
      }
    }
  }

  public init(
    title: String? = nil, header: [String], rows: [[String]], numeric: Set<Int> = [],
    note: String? = nil, rounding: [Int: Rounding] = [:]
  ) {
    self.rounding = rounding
    self.title = title
    self.header = header
    self.rows = rows
    self.numeric = numeric
    self.note = note
  }

  public var csv: String { String(decoding: csvBytes, as: UTF8.self) }

  /// The rows as people read them (Markdown, HTML): `rounding` applied.
  public var roundedRows: [[String]] {
    guard !rounding.isEmpty else { return rows }
    return rows.map { row in row.enumerated().map { rounding[$0]?.apply($1) ?? $1 } }
  }

  public var markdown: String { String(decoding: markdownBytes, as: UTF8.self) }

  /// The CSV as UTF-8 bytes, written into one buffer (the rates table of the
  /// national PC-4 set has 28,000 rows; a String per line was the slow part).
  public var csvBytes: [UInt8] {
    func line(_ cells: [String], _ out: inout JSONBytes) {
      for (column, text) in cells.enumerated() {
        if column > 0 { out.append(",") }
        out.appendUTF8(CSVText.field(text))
      }
      out.append("\n")
    }
    // Rows in chunks of 16,384 on every core, joined in order (the same bytes
    // as one loop): at 460,000 PC-6 areas rates.csv is 3.2 million rows.
    let chunkRows = 16_384
    let perRow = estimatedSize / max(1, rows.count + 1) + 1
    let parts = ParallelFor.chunks(rows.count, .size(chunkRows)) { _, range -> [UInt8] in
      var out = JSONBytes(capacity: perRow * range.count)
      for r in range { line(rows[r], &out) }
      return out.bytes
    }
    var out = JSONBytes(capacity: 256)
    line(header, &out)
    var bytes = out.bytes
    bytes.reserveCapacity(bytes.count + parts.reduce(0) { $0 + $1.count })
    for part in parts { bytes.append(contentsOf: part) }
    return bytes
  }

  public var markdownBytes: [UInt8] {
    var out = JSONBytes(capacity: estimatedSize + 4 * (rows.count + 2) * (header.count + 1))
    func line(_ cells: [String], rounded: Bool = false) {
      out.append("| ")
      for (column, cell) in cells.enumerated() {
        if column > 0 { out.append(" | ") }
        let text = rounded ? rounding[column]?.apply(cell) ?? cell : cell
        // Most cells hold no `|` or line break: skip Foundation's slow replacing.
        if text.utf8.contains(where: { $0 == 124 || $0 == 10 }) {
          out.appendUTF8(
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(
              of: "\n", with: " "))
        } else {
          out.appendUTF8(text)
        }
      }
      out.append(" |\n")
    }
    if let title { out.appendUTF8("### \(title)\n\n") }
    line(header)
    out.appendUTF8(
      "|" + header.indices.map { numeric.contains($0) ? "---:" : ":---" }.joined(separator: "|")
        + "|\n")
    for row in rows { line(row, rounded: !rounding.isEmpty) }
    if let note { out.appendUTF8("\n\(note)\n") }
    return out.bytes
  }

  private var estimatedSize: Int {
    let sample = rows.prefix(64)
    let perRow =
      sample.isEmpty
      ? 0 : sample.reduce(0) { $0 + $1.reduce($1.count) { $0 + $1.utf8.count } } / sample.count
    return (rows.count + 1) * (perRow + 2) + 256
  }
}
