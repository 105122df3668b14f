/// How each level's report counts came about, as the published files declare
/// it (`tables/count-sources.csv`): the one model of which published sums an
/// attacker can use, and how exactly they hold, that both the run's own check
/// (`Suppression.secureIntervals`) and `wijkstat audit` build their programme
/// from (PublishedCells). Nothing in it comes from the withheld counts.
///
/// - A level wijkstat **summed** from another level: each of its figures is
///   exactly the sum of its parts' figures (`total = Σ parts`).
/// - A level **given** by a table (its own registration, a StatLine table):
///   its figure F and the sum of the published figures of its parts agree up
///   to their rounding: with ρ(c) the rounding radius of a figure (2 for a
///   figure rounded to 5, 0 for a whole count; for a summed figure the sum of
///   its parts' radii), `|F − Σ parts| ≤ ρ(F) + Σ ρ(part)`. With ρ = 0 that is an
///   exact sum: the attacker is assumed to know that the registrations agree.
/// - A region figure that **includes unplaced** reports (a Veilig Thuis figure:
///   VT counts meldingen it cannot place in a gemeente in the region only) is at
///   least the sum of its gemeenten: `F − Σ parts ≥ −(ρ(F) + Σ ρ(part))`, with no
///   upper limit.
/// - Within an area, 0–17 = 0–3 + 4–7 + 8–17 up to the same rounding.
///
/// A figure is taken as rounded to 5 when it comes from a StatLine table and
/// every figure of its level is a multiple of 5 (CBS rounds its Veilig Thuis
/// figures, 84847NED, to 5 and says so); the attacker then also knows that a
/// withheld figure is a multiple of 5 (see README, "Disclosure control").
///
/// A published sum that the published figures themselves contradict (no value
/// of its withheld cells within their bounds satisfies it) tells the attacker
/// that it does not hold: both the check and the audit leave it out
/// (IntervalAttack), so both see the same sums.
public struct CountSources: Sendable, Equatable {
  public struct Level: Sendable, Equatable {
    /// The level's name (`AreaLevel.description`).
    public var level: String
    /// The level wijkstat summed this level's counts from; nil: given by a table.
    public var summedFrom: String?
    /// 1: whole counts; 5: rounded to 5.
    public var roundedTo: Int
    /// A given region figure that includes reports placed in no gemeente.
    public var includesUnplaced: Bool
    public init(
      level: String, summedFrom: String?, roundedTo: Int = 1, includesUnplaced: Bool = false
    ) {
      self.level = level
      self.summedFrom = summedFrom
      self.roundedTo = roundedTo
      self.includesUnplaced = includesUnplaced
    }
    /// The rounding radius of a figure given at this level: ⌊roundedTo / 2⌋.
    public var radius: Double { summedFrom == nil ? Double(roundedTo / 2) : 0 }
  }
  public var levels: [String: Level]

  public init(levels: [Level] = []) {
    self.levels = Dictionary(levels.map { ($0.level, $0) }, uniquingKeysWith: { a, _ in a })
  }

  /// The run's declaration: from how the panel was built (which levels were
  /// summed, which came from a StatLine table) and the figures themselves.
  public init(panel: Panel, summedFrom: [AreaLevel: AreaLevel], statLineLevels: Set<AreaLevel>) {
    var multiplesOf5: [AreaLevel: Bool] = [:]
    for row in panel.rows {
      for group in AgeGroup.allCases {
        guard let value = row.reported[group] else { continue }
        let multiple = value == value.rounded() && Int(value) % 5 == 0
        multiplesOf5[row.level] = (multiplesOf5[row.level] ?? true) && multiple
      }
    }
    var list: [Level] = []
    for level in panel.levels {
      let from = summedFrom[level]
      let rounded = from == nil && statLineLevels.contains(level) && (multiplesOf5[level] ?? false)
      list.append(
        Level(
          level: level.description, summedFrom: from?.description, roundedTo: rounded ? 5 : 1,
          includesUnplaced: from == nil && level == .veiligthuisregio))
    }
    self.init(levels: list)
  }

  /// Whether every published sum is exact whatever the levels' origins (no
  /// rounding, no region figure with unplaced reports): the audit's default,
  /// so the declaration need not be published.
  public var allExact: Bool {
    levels.values.allSatisfy { $0.roundedTo <= 1 && !$0.includesUnplaced }
  }

  /// The slack of a sum of `total`'s level over parts of `parts`' level (nil
  /// for parts of the same area, its age groups): `total − Σ parts` lies in the
  /// returned range given the radius `radius` (ρ(F) + Σ ρ(part)); nil when the
  /// sum is exact.
  public func slack(total: String, parts: String?, radius: Double) -> ClosedRange<Double>? {
    let summed = parts != nil && levels[total]?.summedFrom == parts
    if summed { return nil }
    let unplaced = parts != nil && (levels[total]?.includesUnplaced ?? false)
    guard radius > 0 || unplaced else { return nil }
    return -radius...(unplaced ? .infinity : radius)
  }

  /// The published declaration: `level,counts,summed_from,rounded_to,total`.
  public var csv: String {
    var text = "level,counts,summed_from,rounded_to,total\n"
    for level in levels.keys.sorted() {
      let l = levels[level]!
      text +=
        "\(CSVText.field(level)),\(l.summedFrom == nil ? "given" : "summed"),\(CSVText.field(l.summedFrom ?? "")),\(l.roundedTo),\(l.includesUnplaced ? "at_least_sum" : "sum")\n"
    }
    return text
  }

  /// Reads the published declaration (`csv`); a row that is not one is an error
  /// naming its line.
  public init(table: RawTable) throws {
    guard let level = table.columnIndex("level"), let from = table.columnIndex("summed_from"),
      let rounded = table.columnIndex("rounded_to"), let total = table.columnIndex("total")
    else {
      throw UserError(
        "count sources: no level, summed_from, rounded_to and total columns", source: table.source)
    }
    var list: [Level] = []
    for (n, cells) in table.rows.enumerated() {
      let name = CellParser.trimmed(cells[level])
      let step = Int(CellParser.trimmed(cells[rounded]))
      let kind = CellParser.trimmed(cells[total])
      guard !name.isEmpty, let step, step >= 1, kind == "sum" || kind == "at_least_sum" else {
        throw UserError(
          "count sources: row \(n + 1) (\(cells.joined(separator: ","))) is not a level with rounded_to ≥ 1 and total sum or at_least_sum",
          source: table.source, location: "line \(table.lineNumbers[n])")
      }
      let summed = CellParser.trimmed(cells[from])
      list.append(
        Level(
          level: name, summedFrom: summed.isEmpty ? nil : summed, roundedTo: step,
          includesUnplaced: kind == "at_least_sum"))
    }
    self.init(levels: list)
  }
}

extension CountSources {
  /// The declaration of a built panel.
  public init(build: PanelBuild) {
    self.init(
      panel: build.panel, summedFrom: build.reportsSummedFrom,
      statLineLevels: build.statLineReportLevels)
  }
}
