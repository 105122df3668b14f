import Foundation

/// The report's age groups. `all` (0–17) is the total over the three groups.
public enum AgeGroup: String, CaseIterable, Sendable, Hashable, Comparable {
  case age0to3 = "0-3"
  case age4to7 = "4-7"
  case age8to17 = "8-17"
  case all = "0-17"

  /// The three disjoint groups that sum to `all`.
  public static let parts: [AgeGroup] = [.age0to3, .age4to7, .age8to17]

  /// Suffix for panel column names: `reported_0_3`, `pct_reported_8_17`.
  public var columnSuffix: String { rawValue.replacingOccurrences(of: "-", with: "_") }

  /// Position in `allCases` (0–3), without building the array.
  public var index: Int {
    switch self {
    case .age0to3: 0
    case .age4to7: 1
    case .age8to17: 2
    case .all: 3
    }
  }
  public static func < (a: AgeGroup, b: AgeGroup) -> Bool { a.index < b.index }
}

/// A value per age group, any of them missing: four stored doubles (NaN for
/// missing) instead of a dictionary, so a panel row costs no allocation for its
/// counts. Reads and writes like `[AgeGroup: Double]`: `counts[.all]` is nil
/// when missing, and `[.all: 5]` builds one.
public struct AgeCounts: Sendable, Equatable, Hashable, ExpressibleByDictionaryLiteral {
  private var values: (Double, Double, Double, Double) = (.nan, .nan, .nan, .nan)

  public init() {}
  public init(dictionaryLiteral elements: (AgeGroup, Double)...) {
    for (group, value) in elements { self[group] = value }
  }

  public subscript(group: AgeGroup) -> Double? {
    get {
      let value: Double
      switch group {
      case .age0to3: value = values.0
      case .age4to7: value = values.1
      case .age8to17: value = values.2
      case .all: value = values.3
      }
      return value.isNaN ? nil : value
    }
    set {
      let value = newValue ?? .nan
      switch group {
      case .age0to3: values.0 = value
      case .age4to7: values.1 = value
      case .age8to17: values.2 = value
      case .all: values.3 = value
      }
    }
  }

  public static func == (a: AgeCounts, b: AgeCounts) -> Bool {
    AgeGroup.allCases.allSatisfy { a[$0] == b[$0] }
  }
  public func hash(into hasher: inout Hasher) {
    for group in AgeGroup.allCases { hasher.combine(self[group]) }
  }
}

/// One area in one year: reported children and child population per age group,
/// the achterstandswijk flag and the Kinderen in Tel indicators. A value that is
/// nil (an absent age group or indicator) is missing; it is never read as 0. Counts are
/// `Double` because a crosswalk split divides them by a weight.
public struct PanelRow: Sendable, Equatable {
  public var level: AreaLevel
  /// Normalised area code (`"1011"`, `"GM0505"`, or a region code).
  public var area: String
  public var name: String?
  /// Code of the gemeente the area lies in (for a gemeente, its own code), when known.
  public var gemeente: String?
  public var year: Int
  public var reported: AgeCounts
  public var children: AgeCounts
  public var achterstandswijk: Bool?
  public var indicators: IndicatorValues
  /// The counts or children are provisional figures (StatLine `2023*`,
  /// voorlopig), or sums of them: marked `*` beside the figures in the panel,
  /// the maps' legends and the tables.
  public var provisional = false

  public init(
    level: AreaLevel, area: String, name: String? = nil, gemeente: String? = nil, year: Int,
    reported: AgeCounts = [:], children: AgeCounts = [:],
    achterstandswijk: Bool? = nil, indicators: IndicatorValues = [:]
  ) {
    self.level = level
    self.area = area
    self.name = name
    self.gemeente = gemeente
    self.year = year
    self.reported = reported
    self.children = children
    self.achterstandswijk = achterstandswijk
    self.indicators = indicators
  }

  /// Percentage reported = 100 × reported / children (DOMAIN.md); nil when either
  /// is missing or there are no children.
  public func pctReported(_ group: AgeGroup = .all) -> Double? {
    guard let r = reported[group], let c = children[group], c > 0 else { return nil }
    return 100 * r / c
  }
  /// Reported children per 1,000 children.
  public func perThousand(_ group: AgeGroup = .all) -> Double? {
    pctReported(group).map { $0 * 10 }
  }
}

/// The area × year panel for one or more levels.
public struct Panel: Sendable, Equatable {
  public var rows: [PanelRow]
  /// Indicator names in the order they were first met.
  public var indicatorNames: [String]
  /// What the counts count and which children the rates are over (labels only).
  public var countUnit = CountUnit()

  public init(rows: [PanelRow], indicatorNames: [String], countUnit: CountUnit = CountUnit()) {
    self.rows = rows
    self.indicatorNames = indicatorNames
    self.countUnit = countUnit
  }

  public var levels: [AreaLevel] { Array(Set(rows.map(\.level))).sorted() }
  /// Years with a provisional figure at `level` (any level when nil).
  public func provisionalYears(level: AreaLevel? = nil) -> Set<Int> {
    Set(rows.filter { $0.provisional && (level == nil || $0.level == level) }.map(\.year))
  }
  public var years: [Int] { Array(Set(rows.map(\.year))).sorted() }
  public func rows(level: AreaLevel, year: Int? = nil) -> [PanelRow] {
    rows.filter { $0.level == level && (year == nil || $0.year == year) }
  }
}

/// Indicator names shared by many rows (one per panel), with their positions.
public final class IndicatorNames: Sendable {
  public let names: [String]
  let positions: [String: Int]
  public init(_ names: [String]) {
    self.names = names
    var positions: [String: Int] = [:]
    for (n, name) in names.enumerated() where positions[name] == nil { positions[name] = n }
    self.positions = positions
  }
  static let none = IndicatorNames([])
}

/// A row's indicator values by name, any of them missing: one array of doubles
/// (NaN for missing) beside names shared by the whole panel, instead of a
/// dictionary per row (a 460,000-area, 7-year panel has 3.2 million rows).
/// Reads and writes like `[String: Double]`; `["armoede": 20]` builds one.
public struct IndicatorValues: Sendable, Equatable, ExpressibleByDictionaryLiteral {
  private var names: IndicatorNames
  private var values: [Double]

  /// Values in the order of `names` (NaN for missing).
  public init(names: IndicatorNames, values: [Double]) {
    precondition(names.names.count == values.count, "one value per name")
    self.names = names
    self.values = values
  }

  public init(dictionaryLiteral elements: (String, Double)...) {
    names = .none
    values = []
    for (name, value) in elements { self[name] = value }
  }

  public subscript(name: String) -> Double? {
    get {
      guard let n = names.positions[name] else { return nil }
      return values[n].isNaN ? nil : values[n]
    }
    set {
      if let n = names.positions[name] {
        values[n] = newValue ?? .nan
      } else if let newValue {
        names = IndicatorNames(names.names + [name])
        values.append(newValue)
      }
    }
  }

  /// The values in the order of `order` (NaN for missing): the stored array
  /// itself when `order` is the names it was built with (a panel's rows share
  /// them), so per-area loops need no lookup by name.
  public func values(orderedAs order: [String]) -> [Double] {
    if names.names == order { return values }
    return order.map { self[$0] ?? .nan }
  }

  /// The present values by name.
  public var dictionary: [String: Double] {
    var result: [String: Double] = [:]
    for (n, name) in names.names.enumerated() where !values[n].isNaN { result[name] = values[n] }
    return result
  }

  public static func == (a: IndicatorValues, b: IndicatorValues) -> Bool {
    a.dictionary == b.dictionary
  }
}
