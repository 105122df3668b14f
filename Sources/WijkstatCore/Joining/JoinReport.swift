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

/// Everything a join found: one summary per table and every doubtful key.
public struct JoinReport: Sendable, Equatable {
  public var summaries: [JoinSummary] = []
  public var issues: [JoinIssue] = []
  public init() {}

  /// Issues that make a `--strict` join fail (everything but the informational
  /// crosswalk use and split areas).
  public var mismatches: [JoinIssue] { issues.filter { $0.reason != .crosswalked && $0.reason != .splitArea } }

  /// CSV with the columns `level,side,key,reason,suggestion,source`.
  public var csv: String {
    var out = "level,side,key,reason,suggestion,source\n"
    for issue in issues {
      out += [
        issue.level.description, issue.side.rawValue, issue.key, issue.reason.rawValue,
        issue.suggestion, issue.source,
      ].map(CSVText.field).joined(separator: ",") + "\n"
    }
    return out
  }
}
