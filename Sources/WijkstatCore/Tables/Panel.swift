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

  private var order: Int { AgeGroup.allCases.firstIndex(of: self)! }
  public static func < (a: AgeGroup, b: AgeGroup) -> Bool { a.order < b.order }
}

/// One area in one year: reported children and child population per age group,
/// the achterstandswijk flag and the Kinderen in Tel indicators. A missing key in
/// a dictionary means the value is missing; it is never read as 0. Counts are
/// `Double` because a crosswalk split divides them by a weight.
public struct PanelRow: Sendable, Equatable {
  public var level: AreaLevel
  /// Normalised area code (`"1011"`, `"GM0505"`, or a region code).
  public var area: String
  public var name: String?
  /// Code of the gemeente the area lies in (for a gemeente, its own code), when known.
  public var gemeente: String?
  public var year: Int
  public var reported: [AgeGroup: Double]
  public var children: [AgeGroup: Double]
  public var achterstandswijk: Bool?
  public var indicators: [String: Double]

  public init(
    level: AreaLevel, area: String, name: String? = nil, gemeente: String? = nil, year: Int,
    reported: [AgeGroup: Double] = [:], children: [AgeGroup: Double] = [:],
    achterstandswijk: Bool? = nil, indicators: [String: Double] = [:]
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

  public init(rows: [PanelRow], indicatorNames: [String]) {
    self.rows = rows
    self.indicatorNames = indicatorNames
  }

  public var levels: [AreaLevel] { Array(Set(rows.map(\.level))).sorted() }
  public var years: [Int] { Array(Set(rows.map(\.year))).sorted() }
  public func rows(level: AreaLevel, year: Int? = nil) -> [PanelRow] {
    rows.filter { $0.level == level && (year == nil || $0.year == year) }
  }
}
