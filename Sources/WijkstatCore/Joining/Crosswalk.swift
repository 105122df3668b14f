/// Maps keys of an older municipal division onto current codes: `old,new,weight`.
/// A merge is several old keys to one new code (weight 1 each: counts sum); a
/// split is one old key to several new codes whose weights (the share of the old
/// area's children going to each) sum to 1: counts are divided by weight.
/// Rates are recomputed from the mapped counts afterwards, never carried over.
public struct Crosswalk: Sendable {
  public struct Target: Sendable, Equatable {
    public var code: String
    public var weight: Double
  }
  /// Normalised old key (a code such as `GM0140`, a PC-4, or a parsed name) → targets.
  public private(set) var targets: [String: [Target]] = [:]
  public var source: String

  public init(_ table: RawTable) throws {
    source = table.source
    func column(_ names: [String], _ what: String) throws -> Int {
      for name in names { if let i = table.columnIndex(name) { return i } }
      throw UserError(
        "no \(what) column (looked for \(names.joined(separator: ", "))); columns are \(table.columns.joined(separator: ", "))",
        source: table.source, location: "line 1")
    }
    let old = try column(["old", "oud", "from", "van", "old_code", "oude_code", "old_name"], "old key")
    let new = try column(["new", "nieuw", "to", "naar", "new_code", "nieuwe_code"], "new code")
    let weightColumn = ["weight", "gewicht", "aandeel", "share"].lazy.compactMap {
      table.columnIndex($0)
    }.first
    var totals: [String: (Double, Int)] = [:]
    for (row, line) in zip(table.rows, table.lineNumbers) {
      let location = "line \(line)"
      let oldKey = Self.key(row[old])
      guard !oldKey.isEmpty else { throw UserError("empty old key", source: source, location: location) }
      guard let newCode = AreaKey.gemeenteCode(row[new]) ?? AreaKey.pc4(row[new]) else {
        throw UserError(
          "new code \"\(row[new])\" is not a gemeente code or PC-4", source: source, location: location)
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
      targets[oldKey, default: []].append(Target(code: newCode, weight: weight))
      totals[oldKey, default: (0, line)].0 += weight
    }
    for (key, (total, line)) in totals where total > 1.0001 {
      throw UserError(
        "the weights of old key \"\(key)\" sum to \(total), more than 1", source: source,
        location: "line \(line)")
    }
  }

  /// The lookup key of an old key: a gemeente code or PC-4 when it is one, else
  /// the normalised name.
  public static func key(_ raw: String) -> String {
    if let code = AreaKey.gemeenteCode(raw) { return code }
    if let pc4 = AreaKey.pc4(raw) { return pc4 }
    return GemeenteNameMatcher.parse(raw).base
  }

  public func targets(for raw: String) -> [Target]? { targets[Self.key(raw)] }
}
