/// One key that did not fit, or fitted doubtfully.
public struct JoinIssue: Sendable, Equatable, Hashable {
  public enum Side: String, Sendable, Hashable {
    /// A key in a table that matched no area.
    case table
    /// An area in the boundaries that no table row gave data for.
    case boundaries
    /// An aggregate (a gemeente summed from PC-4s) built from incomplete parts.
    case aggregate
  }
  public enum Reason: String, Sendable, Hashable {
    case notInBoundaries = "not in boundaries"
    case notInTable = "not in table"
    case duplicateKey = "duplicate key"
    case invalidKey = "invalid key"
    case ambiguousName = "ambiguous name"
    case crosswalked = "mapped through crosswalk"
    case notTransferable = "indicator not transferable through a merge or split"
    case incompleteAggregate = "incomplete aggregate"
    case splitArea = "split across gemeenten"
  }
  public var level: AreaLevel
  public var side: Side
  public var key: String
  public var reason: Reason
  public var suggestion: String
  /// The table (and line) or boundary file the key comes from.
  public var source: String

  public init(
    level: AreaLevel, side: Side, key: String, reason: Reason, suggestion: String = "",
    source: String
  ) {
    self.level = level
    self.side = side
    self.key = key
    self.reason = reason
    self.suggestion = suggestion
    self.source = source
  }
}

/// How well one table joined to one level's areas.
public struct JoinSummary: Sendable, Equatable {
  public var table: String
  public var kind: TableKind
  public var level: AreaLevel
  /// Areas of the level, and how many got at least one row from the table.
  public var areas: Int
  public var areasMatched: Int
  /// Distinct keys in the table, and how many matched no area.
  public var tableKeys: Int
  public var tableKeysUnused: Int

  /// `reports (pc4): 3,990/4,038 areas matched (98.8%), 12 table keys unused`.
  public var line: String {
    let pct = areas > 0 ? 100 * Double(areasMatched) / Double(areas) : 0
    return
      "\(kind.rawValue) (\(level)) \(table): \(Self.grouped(areasMatched))/\(Self.grouped(areas)) areas matched (\(String(format: "%.1f", pct))%), \(Self.grouped(tableKeysUnused)) table keys unused"
  }

  static func grouped(_ value: Int) -> String {
    let digits = String(value)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return out
  }
}

/// How many cells of one table column held no figure, for one reason: a CBS
/// special value (`-99997`) or a marker (`x`, `.`, empty).
public struct MissingValueCount: Sendable, Equatable {
  public var table: String
  public var kind: TableKind
  public var level: AreaLevel
  public var column: String
  public var reason: MissingReason
  /// The code or marker as written (`-99997`, `x`, `.`, empty).
  public var code: String
  public var count: Int

  struct Key: Hashable {
    var table: String
    var column: String
    var reason: MissingReason
    var code: String
  }
}

/// What reading a table as CBS publishes it did beyond the keys: provisional
/// periods, half years summed or left out, dimensions selected, rows of other
/// region levels set aside. Listed with the summaries and in the join report.
public struct JoinNote: Sendable, Equatable {
  public var table: String
  public var level: AreaLevel?
  /// What the note is about: `periods`, `RegioS`, `Geslacht`, `unit`.
  public var subject: String
  public var text: String
  public init(table: String, level: AreaLevel? = nil, subject: String, text: String) {
    self.table = table
    self.level = level
    self.subject = subject
    self.text = text
  }
  /// The note as a message-table key (`Message`), for the report's language;
  /// `text` is its English text (join-report.csv, the machine file).
  public var message: Message?
  public init(table: String, level: AreaLevel? = nil, subject: String, message: Message) {
    self.init(table: table, level: level, subject: subject, text: message.machineText)
    self.message = message
  }
  /// `vt.csv: periods: 2023 provisional (2023*)`.
  public var line: String { "\(table): \(subject): \(text)" }
  /// The line in `language`: `vt.csv: perioden: 2023 voorlopig (2023*)`.
  public func line(_ language: ReportLanguage) -> String {
    guard let message else { return line }
    let subject =
      self.subject == "periods"
      ? language.text(.noteSubjectPeriods)
      : self.subject == "region keys" ? language.text(.noteSubjectRegionKeys) : self.subject
    return "\(table): \(subject): \(language.text(message))"
  }
}

/// Everything a join found: one summary per table and every doubtful key.
public struct JoinReport: Sendable, Equatable {
  public var summaries: [JoinSummary] = []
  public var issues: [JoinIssue] = []
  /// Cells without a figure, per table, column, reason and code (empty cells included).
  public var missingValues: [MissingValueCount] = []
  /// What reading StatLine tables did beyond the keys (see `JoinNote`).
  public var notes: [JoinNote] = []
  public init() {}

  /// One line per table column with special values or markers, reasons apart:
  /// `indicators (gemeente) kwb.csv: percentage_x: 24 geheim of niet aanwezig (-99997), 3 geheim (x)`.
  /// Empty cells are left out of the lines (they are in `missingValues` and the CSV).
  public var missingValueLines: [String] {
    var order: [String] = []
    var byColumn: [String: [MissingValueCount]] = [:]
    for entry in missingValues where entry.reason != .empty {
      let id = "\(entry.kind.rawValue) (\(entry.level)) \(entry.table): \(entry.column)"
      if byColumn[id] == nil { order.append(id) }
      byColumn[id, default: []].append(entry)
    }
    return order.map { id in
      let parts = byColumn[id]!.sorted { ($0.reason, $0.code) < ($1.reason, $1.code) }
        .map { "\(JoinSummary.grouped($0.count)) \($0.reason.rawValue) (\($0.code))" }
      return "\(id): " + parts.joined(separator: ", ")
    }
  }

  /// Issues that make a `--strict` join fail (everything but the informational
  /// crosswalk use and split areas).
  public var mismatches: [JoinIssue] {
    issues.filter { $0.reason != .crosswalked && $0.reason != .splitArea }
  }

  /// CSV with the columns `level,side,key,reason,suggestion,source`.
  public var csv: String {
    var out = "level,side,key,reason,suggestion,source\n"
    for issue in issues {
      out +=
        [
          issue.level.description, issue.side.rawValue, issue.key, issue.reason.rawValue,
          issue.suggestion, issue.source,
        ].map(CSVText.field).joined(separator: ",") + "\n"
    }
    for note in notes {
      out +=
        [note.level?.description ?? "", "note", note.subject, note.text, "", note.table]
        .map(CSVText.field).joined(separator: ",") + "\n"
    }
    // Cells without a figure: side "values", the column as key, the reason, and
    // the count with the code as written.
    for entry in missingValues where entry.reason != .empty {
      out +=
        [
          entry.level.description, "values", entry.column, entry.reason.rawValue,
          "\(entry.count) × \(entry.code.isEmpty ? "empty" : entry.code)", entry.table,
        ].map(CSVText.field).joined(separator: ",") + "\n"
    }
    return out
  }
}
