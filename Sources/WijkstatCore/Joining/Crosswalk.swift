/// Maps keys of an older division onto current codes: `old,new,weight`.
/// A merge is several old keys to one new code (weight 1 each: counts sum); a
/// split is one old key to several new codes whose weights (the share of the old
/// area's children going to each) sum to 1: counts are divided by weight.
/// Rates are recomputed from the mapped counts afterwards, never carried over.
///
/// The keys are read as codes of the level of the table being joined: in a PC-4
/// table `9999,3301,0.5` maps PC-4 9999 to PC-4 3301, in a gemeente table
/// `0001,0363` maps GM0001 to GM0363 (a plain four-digit key is both a PC-4 and
/// a gemeente code, so only the table's level can tell).
public struct Crosswalk: Sendable {
  public struct Target: Sendable, Equatable {
    public var code: String
    public var weight: Double
  }
  /// One row of the crosswalk as written (trimmed).
  public struct Entry: Sendable {
    public var old: String
    public var new: String
    public var weight: Double
    public var line: Int
  }
  public private(set) var entries: [Entry] = []
  /// Per level, normalised old key → targets (only rows whose old and new keys
  /// are both of that level; gemeente old keys may also be names).
  private var byLevel: [AreaLevel: [String: [Target]]] = [:]
  public var source: String

  /// The levels a crosswalk can map between (the code levels; a user region has no codes).
  static let levels: [AreaLevel] = [
    .pc6, .pc4, .gemeente, .wijk, .buurt, .landsdeel, .provincie, .veiligheidsregio,
    .veiligthuisregio, .jeugdregio,
  ]

  public init(_ table: RawTable) throws {
    source = table.source
    func column(_ names: [String], _ what: String) throws -> Int {
      for name in names { if let i = table.columnIndex(name) { return i } }
      throw UserError(
        "no \(what) column (looked for \(names.joined(separator: ", "))); columns are \(table.columns.joined(separator: ", "))",
        source: table.source, location: "line 1")
    }
    let old = try column(
      ["old", "oud", "from", "van", "old_code", "oude_code", "old_name"], "old key")
    let new = try column(["new", "nieuw", "to", "naar", "new_code", "nieuwe_code"], "new code")
    let weightColumn = ["weight", "gewicht", "aandeel", "share"].lazy.compactMap {
      table.columnIndex($0)
    }.first
    for (row, line) in zip(table.rows, table.lineNumbers) {
      let location = "line \(line)"
      let oldKey = CellParser.trimmed(row[old])
      guard !oldKey.isEmpty else {
        throw UserError("empty old key", source: source, location: location)
      }
      let newKey = CellParser.trimmed(row[new])
      guard Self.levels.contains(where: { Self.normalise(newKey, level: $0) != nil }) else {
        throw UserError(
          "new code \"\(row[new])\" is not an area code (a gemeente code, PC-4, wijk, buurt or region code)",
          source: source, location: location)
      }
      var weight = 1.0
      if let weightColumn {
        switch CellParser.number(row[weightColumn]) {
        case .number(let value) where value > 0 && value <= 1: weight = value
        case .missing: weight = 1
        default:
          throw UserError(
            "weight \"\(row[weightColumn])\" is not a number in (0, 1]", source: source,
            location: location)
        }
      }
      entries.append(Entry(old: oldKey, new: newKey, weight: weight, line: line))
    }
    for level in Self.levels {
      var map: [String: [Target]] = [:]
      var totals: [String: (Double, Int)] = [:]
      for entry in entries {
        guard let newCode = Self.normalise(entry.new, level: level) else { continue }
        // An old key of the level's codes, or (gemeenten only) an old name.
        guard Self.normalise(entry.old, level: level) != nil || level == .gemeente else { continue }
        let oldKey = Self.key(entry.old, level: level)
        map[oldKey, default: []].append(Target(code: newCode, weight: entry.weight))
        totals[oldKey, default: (0, entry.line)].0 += entry.weight
      }
      for (key, (total, line)) in totals.sorted(by: { $0.value.1 < $1.value.1 })
      where total > 1.0001 {
        throw UserError(
          "the weights of old key \"\(key)\" sum to \(total), more than 1", source: source,
          location: "line \(line)")
      }
      if !map.isEmpty { byLevel[level] = map }
    }
  }

  /// A key as a code of `level`, or nil when it is none.
  static func normalise(_ raw: String, level: AreaLevel) -> String? {
    guard let kind = AreaKeyKind.code(of: level) else { return nil }
    return AreaKey.normalise(raw, as: kind)
  }

  /// The lookup key of an old key at `level`: its code of that level, else (at
  /// gemeente level) the normalised name.
  public static func key(_ raw: String, level: AreaLevel) -> String {
    if let code = normalise(raw, level: level) { return code }
    return level == .gemeente ? GemeenteNameMatcher.parse(raw).base : CellParser.trimmed(raw)
  }

  /// The targets of an old key of a table at `level` (a code of that level, or
  /// a gemeente name), nil when the crosswalk has no row for it at that level.
  public func targets(for raw: String, level: AreaLevel) -> [Target]? {
    byLevel[level]?[Self.key(raw, level: level)]
  }

  /// The rows whose old key is `raw` read at any level: for saying why a key the
  /// crosswalk lists was not mapped (its new codes are of another level).
  public func entries(naming raw: String) -> [Entry] {
    let trimmed = CellParser.trimmed(raw)
    return entries.filter { entry in
      entry.old.caseInsensitiveCompare(trimmed) == .orderedSame
        || Self.levels.contains { level in
          Self.normalise(entry.old, level: level).map {
            $0 == Self.normalise(trimmed, level: level)
          } ?? false
        }
    }
  }
}
