/// How tables are read, beyond their columns: CBS special values, which value of
/// each extra StatLine dimension to keep, which topic holds the counts, what the
/// counts count, and what to do with periods shorter than a year. The same keys
/// on the command line (`--where`, `--count-column`, `--unit`, ...) and under
/// `inputs:` in the project file.
public struct TableOptions: Sendable, Equatable {
  /// Numeric codes read as missing (default: every CBS product's).
  public var specialValues: SpecialValues = .cbs
  /// Dimension → the key or title to keep (`Geslacht=T001038`), for StatLine
  /// tables with dimensions besides region and period.
  public var selections: [String: String] = [:]
  /// The topic (column) of a StatLine reports table that holds the counts
  /// (`Meldingen`, matched without the `_n` suffix and without the unit).
  public var countColumn: String?
  /// The topic of a StatLine population table that holds the children.
  public var childrenColumn: String?
  /// What the report counts count (`kinderen`, `meldingen`, `adviezen`, ...);
  /// nil: from the table's `unit` column, else children as the AMK counted.
  public var unit: String?
  /// The ages the population table covers (`0-17` by default; the Kerncijfers
  /// give `0-15`): declared, never assumed.
  public var populationAges: String?
  /// Periods shorter than a year.
  public var periods: PeriodMode = .years

  public init() {}

  /// Half years, quarters and months.
  public enum PeriodMode: String, Sendable, CaseIterable {
    /// Sub-year counts summed to calendar years when the year is complete
    /// (both halves, four quarters, twelve months); a year the table gives
    /// itself (`2022JJ00`) is used as it is; incomplete years are listed, not used.
    case years
    /// Only the table's own year figures (`JJ00`); sub-year rows are listed, not used.
    case yearOnly = "year-only"
  }
}

/// The ages a population table covers, as declared by the user: `0-17` or
/// `0 t/m 17` (both ends included), `0 tot 15` (CBS's wording: up to but not
/// including 15, so 0–14). Used in labels ("meldingen per 1.000 kinderen 0 tot
/// 15 jaar"), never to rescale anything.
public struct AgeBand: Sendable, Equatable {
  public var lowest: Int
  /// The highest age included.
  public var highest: Int
  /// As the user wrote it, for labels.
  public var label: String

  /// The report's band: children 0–17.
  public static let children = AgeBand(lowest: 0, highest: 17, label: "0-17")

  public init(lowest: Int, highest: Int, label: String) {
    self.lowest = lowest
    self.highest = highest
    self.label = label
  }

  public init?(parsing raw: String) {
    let text = CellParser.trimmed(raw).lowercased().replacingOccurrences(of: "_", with: " ")
    let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    guard numbers.count == 2, numbers[0] <= numbers[1] else { return nil }
    let exclusive = text.contains("tot") && !text.contains("t/m") && !text.contains("tot en met")
    guard !exclusive || numbers[0] < numbers[1] else { return nil }
    lowest = numbers[0]
    highest = exclusive ? numbers[1] - 1 : numbers[1]
    label = exclusive ? "\(numbers[0]) tot \(numbers[1])" : "\(numbers[0])-\(numbers[1])"
  }
}
