import Foundation
import WijkstatCore

/// The suppression log (`internal/suppression-log.csv`, never published): one row
/// per area and year with a withheld cell, a column per age group holding a short
/// code of why that cell is withheld (empty: published):
///
///     level,area,year,0-3,4-7,8-17,0-17
///     pc4,3512,2009,c,c,a0-3,n37
///
/// | code | the cell is withheld because |
/// |---|---|
/// | `c` | its count is below the minimum (`minimum_count`) |
/// | `nN` | the area has fewer children than the minimum (`minimum_children`): N |
/// | `aG` | secondary: with the total it would reveal age group G of the same area-year |
/// | `gA` | secondary: with the gemeente total it would reveal PC-4 A |
/// | `pG` | secondary: the protection interval of age group G of the same area-year |
/// | `pT A Y G` | secondary: the protection interval of that cell (table, area, year, group) |
///
/// It says exactly what the earlier log (one row per cell, the reason in words)
/// said: the same cells, the same reasons and the figures in them (every
/// `Suppression.Reason` has its code). Rows are in the order of each area-year's
/// first withheld cell (primary suppression goes through the panel in order, so
/// mostly the panel's). A national PC-6 panel withholds millions of cells: the log
/// in words was 554 MB at 460,000 areas (BENCHMARKS.md has this one's size).
/// Hand-written: a CSV of our own cells.
public enum SuppressionLog {
  /// The header line.
  public static let header =
    "level,area,year," + AgeGroup.allCases.map(\.rawValue).joined(separator: ",") + "\n"

  /// The log as text (small panels; a run streams it with `write`).
  public static func text(_ suppression: Suppression) -> String {
    var text: [UInt8] = []
    write(suppression) { text.append(contentsOf: $0) }
    return String(decoding: text, as: UTF8.self)
  }

  /// Writes the log in chunks of about `chunkBytes` bytes to `emit`, so a national
  /// log is never held whole as text.
  public static func write(
    _ suppression: Suppression, chunkBytes: Int = 1 << 20, _ emit: ([UInt8]) throws -> Void
  ) rethrows {
    // Per area-year (in the order first met), the entry of each age group or
    // -1; area-years by the suppression's own rows (no hashing, no copy of the
    // entries: 11.7 million at 460,000 PC-6 areas).
    var lineOf = [Int32](repeating: -1, count: suppression.rowCount)
    var slots: [Int32] = []
    for e in 0..<suppression.count {
      let (own, group) = suppression.entryPlace(e)
      if lineOf[own] < 0 {
        lineOf[own] = Int32(slots.count / 4)
        slots.append(contentsOf: [-1, -1, -1, -1])
      }
      slots[Int(lineOf[own]) * 4 + group.index] = Int32(e)
    }
    lineOf = []
    var out = JSONBytes(capacity: chunkBytes + 4096)
    out.appendUTF8(header)
    for row in 0..<(slots.count / 4) {
      let first = slots[(row * 4)..<(row * 4 + 4)].first { $0 >= 0 }!
      let cell = suppression.entry(Int(first)).cell
      out.appendUTF8(CSVText.field(cell.level.description))
      out.append(",")
      out.appendUTF8(CSVText.field(cell.area))
      out.append(",")
      out.appendInteger(cell.year)
      for g in 0..<4 {
        out.append(",")
        let e = slots[row * 4 + g]
        guard e >= 0 else { continue }
        out.appendUTF8(
          CSVText.field(
            code(
              suppression.entry(Int(e)).why, level: cell.level, area: cell.area, year: cell.year)))
      }
      out.append("\n")
      if out.bytes.count >= chunkBytes {
        try emit(out.bytes)
        out.bytes.removeAll(keepingCapacity: true)
      }
    }
    if !out.bytes.isEmpty { try emit(out.bytes) }
  }

  /// The short code of the reason a cell of `level`, `area`, `year` is withheld
  /// (the table in the type's comment).
  static func code(_ reason: Suppression.Reason, level: AreaLevel, area: String, year: Int)
    -> String
  {
    switch reason {
    case .countBelow: return "c"
    case .tooFewChildren(_, let children): return "n" + CSVText.number(children)
    case .revealsAgeGroup(let group): return "a" + group.rawValue
    case .revealsArea(let other): return "g" + other
    case .protectionInterval(let key):
      if key.table == level.description, key.area == area, key.year == year {
        return "p" + key.group.rawValue
      }
      return "p" + key.description
    }
  }
}
