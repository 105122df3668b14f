import Foundation

/// Disclosure control for everything meant for publication (maps, GeoJSON,
/// GeoPackage, SVG, HTML, published CSVs). Counts of reported children below
/// `minimumCount` and the cells of areas with fewer than `minimumChildren`
/// children are withheld (primary suppression); where a total and the other
/// published parts would reveal a withheld cell, one more cell is withheld
/// (secondary suppression): among the age groups of an area-year, and among the
/// PC-4 areas of a gemeente-year. Analyses still use the full data.
///
/// Rule as in CBS's *Statistische beveiliging* practice for small counts
/// (threshold rule plus complementary suppression); hand-written because it
/// follows the panel's own hierarchy.
public struct SuppressionRule: Sendable, Equatable {
  public var enabled: Bool
  public var minimumCount: Double
  public var minimumChildren: Double
  public init(enabled: Bool = true, minimumCount: Double = 5, minimumChildren: Double = 50) {
    self.enabled = enabled
    self.minimumCount = minimumCount
    self.minimumChildren = minimumChildren
  }

  /// "counts below 5 and areas with fewer than 50 children withheld" or "off".
  public var summary: String {
    enabled
      ? "counts below \(CSVText.number(minimumCount)) and areas with fewer than \(CSVText.number(minimumChildren)) children withheld, with secondary suppression"
      : "off (--no-suppress): all counts published"
  }
}

/// What was withheld, per cell, and why.
public struct Suppression: Sendable {
  public struct Cell: Hashable, Sendable {
    public var level: AreaLevel
    public var area: String
    public var year: Int
    public var ageGroup: AgeGroup
  }
  /// Why a cell is withheld: a closed set, stored as such (no text per
  /// entry: a national PC-6 panel withholds over ten million cells), and said
  /// in words by `text` (the log's codes are SuppressionLog's).
  public enum Reason: Sendable, Equatable {
    /// Its count is below `minimum_count`.
    case countBelow(minimum: Double)
    /// The area-year has fewer children than `minimum_children` in this age
    /// group: `children` of them.
    case tooFewChildren(minimum: Double, children: Double)
    /// Secondary: with the total it would reveal this age group of the same area-year.
    case revealsAgeGroup(AgeGroup)
    /// Secondary: with the gemeente total it would reveal this PC-4 area.
    case revealsArea(String)
    /// Secondary: the protection interval of this cell (IntervalAttack's rule).
    case protectionInterval(of: PublishedCells.Key)

    public var text: String {
      switch self {
      case .countBelow(let minimum): "count below \(CSVText.number(minimum))"
      case .tooFewChildren(let minimum, let children):
        "fewer than \(CSVText.number(minimum)) children (\(CSVText.number(children)))"
      case .revealsAgeGroup(let group):
        "secondary: with the total it would reveal age group \(group.rawValue)"
      case .revealsArea(let area): "secondary: with the gemeente total it would reveal PC-4 \(area)"
      case .protectionInterval(let key): "secondary: protection interval of \(key.description)"
      }
    }
  }
  public struct Entry: Sendable, Equatable {
    public var cell: Cell
    public var why: Reason
    /// The reason in words.
    public var reason: String { why.text }
  }
  /// A panel row's identity, to find a row's withheld groups by level, area and year.
  struct RowKey: Hashable, Sendable {
    var level: AreaLevel
    var area: String
    var year: Int
  }
  public var rule: SuppressionRule
  /// The withheld cells in the order withheld, one `Stored` (12 bytes) each:
  /// the row (into `keys`), the age group, the reason's case and where its
  /// values are. As `Entry` values (a cell's key and a reason of up to a
  /// published key, about 100 bytes) the 11.7 million cells of 460,000 PC-6
  /// areas × 7 years held over a gigabyte for the whole run (issue 19;
  /// heaptrack at 100,000 areas: 403 MB, the largest single allocation at the
  /// run's peak).
  private var stored: [Stored] = []
  private var numbers: [Double] = []
  private var revealedAreas: [String] = []
  private var protectedCells: [PublishedCells.Key] = []
  private struct Stored: Sendable {
    var row: Int32
    /// Into `numbers`, `revealedAreas` or `protectedCells` (by `kind`).
    var payload: Int32
    var group: UInt8
    var kind: Kind
  }
  private enum Kind: UInt8, Sendable {
    /// countBelow with the rule's minimum; countBelow with `numbers[payload]`.
    case countBelow, countBelowOther
    /// tooFewChildren with the rule's minimum and `numbers[payload]` children;
    /// with the minimum `numbers[payload]` and `numbers[payload + 1]` children.
    case tooFewChildren, tooFewChildrenOther
    /// revealsAgeGroup(AgeGroup.allCases[payload]); revealsArea(revealedAreas[payload]);
    /// protectionInterval(of: protectedCells[payload]).
    case revealsAgeGroup, revealsArea, protectionInterval
  }

  /// How many cells are withheld.
  public var count: Int { stored.count }
  /// Every withheld cell and why, in the order withheld (made on each call:
  /// for tests and small panels; `entry(_:)` gives one).
  public var entries: [Entry] { stored.indices.map(entry) }
  /// The `n`th withheld cell and why.
  public func entry(_ n: Int) -> Entry {
    let e = stored[n]
    let key = keys[Int(e.row)]
    return Entry(
      cell: Cell(
        level: key.level, area: key.area, year: key.year,
        ageGroup: AgeGroup.allCases[Int(e.group)]),
      why: reason(e))
  }
  /// Where the `n`th withheld cell is: the suppression's row (the same for
  /// every withheld cell of one area-year, below `rowCount`) and its age group.
  public func entryPlace(_ n: Int) -> (row: Int, group: AgeGroup) {
    (Int(stored[n].row), AgeGroup.allCases[Int(stored[n].group)])
  }
  /// The number of rows `entryPlace` counts in (the panel's rows).
  public var rowCount: Int { keys.count }

  private func reason(_ e: Stored) -> Reason {
    let p = Int(e.payload)
    switch e.kind {
    case .countBelow: return .countBelow(minimum: rule.minimumCount)
    case .countBelowOther: return .countBelow(minimum: numbers[p])
    case .tooFewChildren:
      return .tooFewChildren(minimum: rule.minimumChildren, children: numbers[p])
    case .tooFewChildrenOther:
      return .tooFewChildren(minimum: numbers[p], children: numbers[p + 1])
    case .revealsAgeGroup: return .revealsAgeGroup(AgeGroup.allCases[p])
    case .revealsArea: return .revealsArea(revealedAreas[p])
    case .protectionInterval: return .protectionInterval(of: protectedCells[p])
    }
  }
  /// Per panel row, a bit per age group (`AgeGroup.index`) that is withheld:
  /// the passes below test bits by row index instead of hashing cells.
  private var masks: [UInt8] = []
  private var keys: [RowKey] = []
  private var rowOf: [RowKey: Int] = [:]

  public func isSuppressed(level: AreaLevel, area: String, year: Int, group: AgeGroup = .all)
    -> Bool
  {
    guard let row = rowOf[RowKey(level: level, area: area, year: year)] else { return false }
    return isWithheld(row, group)
  }

  func isWithheld(_ row: Int, _ group: AgeGroup) -> Bool { masks[row] & (1 << group.index) != 0 }

  /// This suppression's row for row `index` of a panel: matched by position
  /// when it is the panel this suppression was made for (the usual case: no
  /// hashing), else by key; nil for a row it does not know.
  func ownRow(_ row: PanelRow, at index: Int) -> Int? {
    let key = RowKey(level: row.level, area: row.area, year: row.year)
    return index < keys.count && keys[index] == key ? index : rowOf[key]
  }

  /// `isSuppressed` for row `index` of a panel (see `ownRow`).
  func isSuppressed(_ row: PanelRow, at index: Int, group: AgeGroup) -> Bool {
    guard let own = ownRow(row, at: index) else { return false }
    return isWithheld(own, group)
  }

  mutating func withhold(_ row: Int, _ group: AgeGroup, _ reason: Reason) {
    guard !isWithheld(row, group) else { return }
    masks[row] |= 1 << group.index
    let next = Int32(numbers.count)
    let (kind, payload): (Kind, Int32)
    switch reason {
    case .countBelow(let minimum) where minimum == rule.minimumCount:
      (kind, payload) = (.countBelow, 0)
    case .countBelow(let minimum):
      numbers.append(minimum)
      (kind, payload) = (.countBelowOther, next)
    case .tooFewChildren(let minimum, let children) where minimum == rule.minimumChildren:
      numbers.append(children)
      (kind, payload) = (.tooFewChildren, next)
    case .tooFewChildren(let minimum, let children):
      numbers += [minimum, children]
      (kind, payload) = (.tooFewChildrenOther, next)
    case .revealsAgeGroup(let hidden): (kind, payload) = (.revealsAgeGroup, Int32(hidden.index))
    case .revealsArea(let area):
      revealedAreas.append(area)
      (kind, payload) = (.revealsArea, Int32(revealedAreas.count - 1))
    case .protectionInterval(let key):
      protectedCells.append(key)
      (kind, payload) = (.protectionInterval, Int32(protectedCells.count - 1))
    }
    stored.append(Stored(row: Int32(row), payload: payload, group: UInt8(group.index), kind: kind))
  }

  public init(panel: Panel, rule: SuppressionRule) {
    self.rule = rule
    guard rule.enabled else { return }
    keys = panel.rows.map { RowKey(level: $0.level, area: $0.area, year: $0.year) }
    masks = Array(repeating: 0, count: keys.count)
    rowOf.reserveCapacity(keys.count)
    for (index, key) in keys.enumerated() where rowOf[key] == nil { rowOf[key] = index }
    // Primary.
    for index in panel.rows.indices {
      let children = panel.rows[index].children
      let reported = panel.rows[index].reported
      for group in AgeGroup.allCases {
        if let count = children[group], count < rule.minimumChildren, reported[group] != nil {
          withhold(
            index, group, .tooFewChildren(minimum: rule.minimumChildren, children: count))
        } else if let count = reported[group], count < rule.minimumCount {
          withhold(index, group, .countBelow(minimum: rule.minimumCount))
        }
      }
    }
    // The PC-4 rows of each gemeente-year with a gemeente row, in the order of
    // "GEMEENTE|YEAR" keys.
    var members: [Int: [Int]] = [:]
    for index in panel.rows.indices where panel.rows[index].level == .pc4 {
      guard let gemeente = panel.rows[index].gemeente,
        let gemeenteRow = rowOf[
          RowKey(level: .gemeente, area: gemeente, year: panel.rows[index].year)]
      else { continue }
      members[gemeenteRow, default: []].append(index)
    }
    let groups = members.map { gemeente, rows in
      (
        key: "\(panel.rows[gemeente].area)|\(panel.rows[gemeente].year)", gemeente: gemeente,
        rows: rows
      )
    }.sorted { $0.key < $1.key }.map { (gemeente: $0.gemeente, rows: $0.rows) }
    // Secondary suppression until nothing changes (one pass can expose another).
    var before = -1
    while before != count {
      before = count
      secondaryWithinRows(panel)
      secondaryWithinGemeenten(panel, groups: groups)
    }
  }

  /// The three age-group bits of a row's mask (not the total's).
  static let partBits: UInt8 = AgeGroup.parts.reduce(0) { $0 | 1 << $1.index }

  mutating func secondaryWithinRows(_ panel: Panel) {
    // Secondary, within an area-year: the total and two published age groups
    // would give away a single withheld age group. (Bit tests on the row's mask:
    // this visits every row with anything withheld, on every pass.)
    for index in panel.rows.indices where masks[index] != 0 {
      let hiddenBits = masks[index] & Self.partBits
      guard hiddenBits.nonzeroBitCount == 1, !isWithheld(index, .all) else { continue }
      let hidden = AgeGroup.allCases[hiddenBits.trailingZeroBitCount]
      // Withhold the smallest other age group (the first of equal ones).
      let reported = panel.rows[index].reported
      var other: AgeGroup? = nil
      for group in AgeGroup.parts where !isWithheld(index, group) {
        if let best = other,
          !((reported[group] ?? .infinity, group) < (reported[best] ?? .infinity, best))
        {
          continue
        }
        other = group
      }
      if let other { withhold(index, other, .revealsAgeGroup(hidden)) }
    }
  }

  mutating func secondaryWithinGemeenten(_ panel: Panel, groups: [(gemeente: Int, rows: [Int])]) {
    // Secondary, within a gemeente-year: a published gemeente total and all but one
    // published PC-4 would give away the withheld one.
    for (gemeente, rows) in groups {
      for group in AgeGroup.allCases where !isWithheld(gemeente, group) {
        // Among the PC-4s with a count: the withheld ones, and the smallest
        // published one (by count, then code; the first of equal ones).
        var hidden: Int? = nil
        var hiddenCount = 0
        var other: Int? = nil
        var otherKey = (0.0, "")
        for row in rows {
          guard let count = panel.rows[row].reported[group] else { continue }
          if isWithheld(row, group) {
            hiddenCount += 1
            hidden = row
          } else {
            let key = (count, panel.rows[row].area)
            if other == nil || key < otherKey {
              other = row
              otherKey = key
            }
          }
        }
        guard hiddenCount == 1, let hidden, let other else { continue }
        withhold(other, group, .revealsArea(panel.rows[hidden].area))
      }
    }
  }

  /// The suppression log: `level,area,year,age_group,reason`.
  /// Built as bytes: a national panel withholds tens of thousands of cells.
  public var csv: String {
    var out = JSONBytes(capacity: 64 * (count + 1))
    out.append("level,area,year,age_group,reason\n")
    func field(_ text: String) { out.appendUTF8(CSVText.field(text)) }
    for n in 0..<count {
      let entry = entry(n)
      field(entry.cell.level.description)
      out.append(",")
      field(entry.cell.area)
      out.append(",")
      out.appendInteger(entry.cell.year)
      out.append(",")
      field(entry.cell.ageGroup.rawValue)
      out.append(",")
      field(entry.reason)
      out.append("\n")
    }
    return String(decoding: out.bytes, as: UTF8.self)
  }
}

extension Suppression {
  /// The panel as it may be published: withheld counts removed (so the rates
  /// derived from them are empty too). Populations and indicators stay.
  public func applied(to panel: Panel) -> Panel {
    guard count > 0 else { return panel }
    var published = panel
    for index in published.rows.indices {
      guard let withheld = ownRow(published.rows[index], at: index), masks[withheld] != 0
      else { continue }
      for group in AgeGroup.allCases where isWithheld(withheld, group) {
        published.rows[index].reported[group] = nil
      }
    }
    return published
  }
}

extension Suppression {
  /// Secondary suppression that guarantees the protection interval
  /// (IntervalAttack's rule) over every linked published table: the panel's
  /// rows, the PC-4 → gemeente → region sums and the contrast tables. Starting
  /// from the primary and simple secondary suppression of `init`, it attacks
  /// the published cells and, for each cell whose range breaks the rule,
  /// withholds one more published cell of a sum it is in (a cell of at least
  /// `minimumCount` first, the smallest such: it adds the most room for the
  /// least information; then the largest smaller one), and again until no
  /// range breaks the rule. Returns the last attack (its ranges are those of
  /// the published result), and the rounds it took.
  /// Rounds of one well-chosen cell per failing cell before the loop withholds
  /// every published cell of a failing cell's sums.
  static let patientRounds = 4

  public mutating func secureIntervals(
    panel: Panel, regions: [String: [String: String]] = [:],
    contrasts: [PublishedCells.ContrastTable] = [],
    sources: CountSources? = nil, solver: any IntervalSolver
  ) -> (cells: PublishedCells, attack: IntervalAttack.Result, rounds: Int) {
    let m = rule.minimumCount
    // The ranges that passed, carried from round to round (PassedRanges).
    let memory = PassedRanges()
    // A contrast table of the published areas only is a function of published
    // counts: it links no withheld cell (and its members change as cells are
    // withheld here), so only tables over every area take part.
    let contrasts = contrasts.filter { $0.members == .all }
    guard rule.enabled else {
      let cells = PublishedCells(
        panel: panel, suppression: self, regions: regions, contrasts: contrasts, sources: sources)
      return (
        cells, IntervalAttack.Result(ranges: CellRanges(), failing: [], inconsistentYears: []), 0
      )
    }
    var rounds = 0
    // The cells and sums once; each round only the withheld ones change.
    var cells = PublishedCells(
      panel: panel, suppression: self, regions: regions, contrasts: contrasts, minimumCount: m,
      sources: sources)
    // The narrow sums each cell is in, and the wide ones it is a part of (the
    // sums stay; only which cells are withheld changes).
    let sumsOf = SumsOfCells(cells, wide: false)
    let wideOf = SumsOfCells(cells, wide: true)
    while true {
      rounds += 1
      if rounds > 1, let truth = cells.truth {
        for i in cells.keys.indices where cells.rows[i] >= 0 {
          cells.values[i] = isWithheld(cells.rows[i], cells.keys[i].group) ? nil : truth[i]
        }
      }
      let started = Date()
      let attack = IntervalAttack.run(cells, minimumCount: m, solver: solver, memory: memory)
      if ProcessInfo.processInfo.environment["WIJKSTAT_DEBUG"] != nil {
        FileHandle.standardError.write(
          Data(
            "round \(rounds) (attack \(Date().timeIntervalSince(started)) s, \(attack.singleSumComponents) single-sum / \(attack.networkComponents) network / \(attack.programmeComponents) GLPK / \(attack.rememberedComponents) passed before components, \(attack.solvedCells) cells solved): \(attack.failing.count) failing, \(count) withheld, first \(attack.failing.prefix(3).map { cells.keys[$0].description + " \(attack.ranges[$0]!)" })\n"
              .utf8))
      }
      guard !attack.failing.isEmpty else { return (cells, attack, rounds) }
      func gemeente(_ cell: Int) -> String? {
        let row = cells.rows[cell]
        return row >= 0 ? panel.rows[row].gemeente ?? panel.rows[row].area : nil
      }
      // Withheld cells per sum, as this round's choices go.
      var hidden = cells.sums.map { sum in
        sum.parts.reduce(cells.values[sum.total] == nil ? 1 : 0) {
          $0 + (cells.values[$1] == nil ? 1 : 0)
        }
      }
      var added = 0
      // One more cell per sum and round: it may protect the other failing cells
      // of that sum too (the next round sees).
      var touched: Set<Int> = []
      for failing in attack.failing {
        let sums = sumsOf[failing]
        _ = touched
        var best: (score: (Int, Double, Int), cell: Int)? = nil
        // Published cells that share a contrast sum with the failing one, in its
        // gemeente: withholding one of them gives room in that sum too.
        let home = gemeente(failing)
        var alsoWide: Set<Int> = []
        for w in wideOf[failing] {
          for part in cells.sums[w].parts where cells.values[part] != nil && gemeente(part) == home
          { alsoWide.insert(part) }
        }
        // A candidate that would be the only withheld cell of another of its
        // sums would be given away by that sum: such candidates come last.
        func consider(_ cell: Int, _ rank: Int) {
          guard let value = cells.values[cell], cells.rows[cell] >= 0 else { return }
          guard !isWithheld(cells.rows[cell], cells.keys[cell].group) else { return }
          let lonely = sumsOf[cell].contains { !sums.contains($0) && hidden[$0] == 0 }
          let score = (
            (lonely ? 16 : 0) + (value >= m ? rank : 8 + rank), value >= m ? value : -value, cell
          )
          if best == nil || score < best!.score { best = (score, cell) }
        }
        for s in sums {
          let sum = cells.sums[s]
          for part in sum.parts { consider(part, alsoWide.contains(part) ? 0 : 1) }
          consider(sum.total, 3)
        }
        for cell in alsoWide { consider(cell, 2) }
        // After a few rounds, a cell that still fails gets every published cell
        // of its sums withheld: more than needed, but every round then makes
        // progress and the loop ends.
        if rounds > Self.patientRounds {
          for s in sums {
            for cell in cells.sums[s].parts + [cells.sums[s].total]
            where cells.values[cell] != nil && cells.rows[cell] >= 0 {
              guard !isWithheld(cells.rows[cell], cells.keys[cell].group) else { continue }
              withhold(
                cells.rows[cell], cells.keys[cell].group,
                .protectionInterval(of: cells.keys[failing]))
              added += 1
            }
          }
          continue
        }
        guard let best else { continue }
        let row = cells.rows[best.cell]
        let group = cells.keys[best.cell].group
        withhold(row, group, .protectionInterval(of: cells.keys[failing]))
        added += 1
        for s in sumsOf[best.cell] {
          touched.insert(s)
          hidden[s] += 1
        }
      }
      // Nothing left in the failing cells' own sums: the sums of the cells in
      // those sums too (one ring further out), until nothing is left there either.
      if added == 0 {
        for failing in attack.failing {
          for s in sumsOf[failing] {
            for member in cells.sums[s].parts + [cells.sums[s].total] {
              for t in sumsOf[member] {
                for cell in cells.sums[t].parts + [cells.sums[t].total]
                where cells.values[cell] != nil && cells.rows[cell] >= 0 {
                  guard !isWithheld(cells.rows[cell], cells.keys[cell].group) else { continue }
                  withhold(
                    cells.rows[cell], cells.keys[cell].group,
                    .protectionInterval(of: cells.keys[failing]))
                  added += 1
                }
              }
            }
          }
        }
      }
      // Still failing with nothing left to withhold in the panel's sums: a
      // contrast table over every area is what narrows them (its year-wide
      // sums cross the gemeenten). Withhold the contrast tables' cells of
      // those years whole (the run then withholds those years of the tables,
      // ContrastAnalysis.withheldByProtection), and attack again.
      if added == 0 {
        let years = Set(attack.failing.map { cells.keys[$0].year })
        for i in cells.keys.indices
        where cells.rows[i] < 0 && !cells.isSlack[i] && years.contains(cells.keys[i].year)
          && cells.values[i] != nil
        {
          cells.values[i] = nil
          added += 1
        }
        // Fewer published cells only widen the ranges: what passed, passes.
      }
      if added == 0 { return (cells, attack, rounds) }
    }
  }
}

/// Per cell, the sums it is in, as compressed rows (one array of offsets and
/// one of sums, not an array per cell: a national panel has millions of cells):
/// the narrow sums it totals or is a part of, or the wide sums it is a part of.
struct SumsOfCells {
  private var start: [Int]
  private var list: [Int]

  init(_ cells: PublishedCells, wide: Bool) {
    var count = [Int](repeating: 0, count: cells.keys.count + 1)
    func members(_ sum: PublishedCells.Sum, _ body: (Int) -> Void) {
      guard sum.wide == wide else { return }
      if !wide { body(sum.total) }
      for part in sum.parts { body(part) }
    }
    for sum in cells.sums { members(sum) { count[$0 + 1] += 1 } }
    for c in 0..<cells.keys.count { count[c + 1] += count[c] }
    var fill = count
    var list = [Int](repeating: 0, count: count[cells.keys.count])
    for (s, sum) in cells.sums.enumerated() {
      members(sum) { cell in
        list[fill[cell]] = s
        fill[cell] += 1
      }
    }
    self.start = count
    self.list = list
  }

  subscript(cell: Int) -> ArraySlice<Int> { list[start[cell]..<start[cell + 1]] }
}

extension PublishedCells {
  /// The years whose cells of contrast table `name` are withheld (a cell
  /// below the minimum, or withheld whole by `secureIntervals`).
  public func withheldYears(contrast name: String) -> Set<Int> {
    var years: Set<Int> = []
    for (i, key) in keys.enumerated() where key.table == name && values[i] == nil {
      years.insert(key.year)
    }
    return years
  }
}
