/// Areas of one level and year ranked by % reported, highest first, as in the
/// report's 2009 tables of gemeenten (§2.1.5). Ties share a rank (standard
/// competition ranking, "1224"); areas without a rate are left out.
public struct Ranking: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    public var rank: Int
    public var area: String
    public var name: String?
    /// The region the area lies in (province for gemeenten), when known.
    public var region: String?
    public var pctReported: Double
    public var reported: Double
    public var children: Double
  }
  public var level: AreaLevel
  public var year: Int
  /// Every ranked area, highest rate first.
  public var entries: [Entry]

  public init(panel: Panel, level: AreaLevel, year: Int, regionOf: [String: String] = [:]) {
    self.level = level
    self.year = year
    // Positions first: `Panel.rows(level:year:)` would copy every row of the year.
    let positions = panel.rows.indices.filter {
      panel.rows[$0].level == level && panel.rows[$0].year == year
    }
    let rows = positions.compactMap { position -> Entry? in
      let row = panel.rows[position]
      guard let pct = row.pctReported(), let r = row.reported[.all], let c = row.children[.all]
      else { return nil }
      return Entry(
        rank: 0, area: row.area, name: row.name, region: regionOf[row.area], pctReported: pct,
        reported: r, children: c)
    }.sorted {
      $0.pctReported != $1.pctReported ? $0.pctReported > $1.pctReported : $0.area < $1.area
    }
    var ranked: [Entry] = []
    for (index, var entry) in rows.enumerated() {
      if let previous = ranked.last, previous.pctReported == entry.pctReported {
        entry.rank = previous.rank
      } else {
        entry.rank = index + 1
      }
      ranked.append(entry)
    }
    entries = ranked
  }

  /// The `top` highest and `bottom` lowest (without repeating an area).
  public func extremes(top: Int, bottom: Int) -> (top: [Entry], bottom: [Entry]) {
    let head = Array(entries.prefix(top))
    let tail = Array(entries.suffix(min(bottom, max(0, entries.count - head.count))))
    return (head, tail)
  }
}
