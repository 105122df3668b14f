/// The positions in `panel.rows` of each level and year, found in one pass, so
/// an analysis that walks years and levels reads the rows it needs by position
/// instead of filtering (and copying) the whole panel per year as
/// `Panel.rows(level:year:)` does. Positions keep panel order, so every result
/// built from them keeps the order `Panel.rows(level:year:)` gives.
public struct PanelIndex: Sendable {
  /// The panel's years, sorted (as `Panel.years`).
  public let years: [Int]
  /// The panel's levels, sorted (as `Panel.levels`).
  public let levels: [AreaLevel]
  private var keys: [Key] = []
  private var positions: [[Int]] = []

  private struct Key: Equatable, Sendable {
    var level: AreaLevel
    var year: Int
  }

  public init(_ panel: Panel) {
    // The (level, year) pairs are few, so a row finds its list by comparing with
    // the previous row's pair and then the pairs seen so far, without hashing.
    var last = -1
    for position in panel.rows.indices {
      let key = Key(level: panel.rows[position].level, year: panel.rows[position].year)
      if last < 0 || keys[last] != key {
        if let seen = keys.firstIndex(of: key) {
          last = seen
        } else {
          keys.append(key)
          positions.append([])
          last = keys.count - 1
        }
      }
      positions[last].append(position)
    }
    years = Array(Set(keys.map(\.year))).sorted()
    levels = Array(Set(keys.map(\.level))).sorted()
  }

  /// Positions of the rows of `level` in `year`, in panel order.
  public func rows(level: AreaLevel, year: Int) -> [Int] {
    keys.firstIndex(of: Key(level: level, year: year)).map { positions[$0] } ?? []
  }

  /// Positions of the rows of `level` in every year, in panel order.
  public func rows(level: AreaLevel) -> [Int] {
    let lists = keys.indices.filter { keys[$0].level == level }.map { positions[$0] }
    return lists.count == 1 ? lists[0] : lists.joined().sorted()
  }
}
