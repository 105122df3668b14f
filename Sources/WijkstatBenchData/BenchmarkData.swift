import Foundation
import WijkstatCore

/// Inputs for `wijkstat bench`: a jittered-grid tessellation of any size with
/// shared borders inside a Dutch extent in RD New, keyed by PC-6-like codes,
/// and a generated panel (years × age groups, indicators) for any list of area
/// codes. Everything from a seed; nothing here is real data.
public enum BenchmarkData {
  /// `count` quadrilateral cells on a jittered grid over RD x 13,000–278,000,
  /// y 306,000–620,000 (the Netherlands' extent); neighbouring cells share
  /// their vertices exactly.
  public static func tessellation(count: Int, seed: UInt64 = 7) -> (
    codes: [String], geometries: [MultiPolygon]
  ) {
    var random = SeededRandom(seed: seed)
    let width = 265_000.0
    let height = 314_000.0
    let columns = max(1, Int((Double(count) * width / height).squareRoot().rounded(.up)))
    let rows = (count + columns - 1) / columns
    let dx = width / Double(columns)
    let dy = height / Double(rows)
    var vertices = [Point]()
    vertices.reserveCapacity((columns + 1) * (rows + 1))
    for j in 0...rows {
      for i in 0...columns {
        let edge = i == 0 || j == 0 || i == columns || j == rows
        let jitter = edge ? 0.0 : 0.3
        vertices.append(
          Point(
            x: (13_000 + (Double(i) + (random.nextUnit() - 0.5) * jitter) * dx).rounded(),
            y: (306_000 + (Double(j) + (random.nextUnit() - 0.5) * jitter) * dy).rounded()))
      }
    }
    var codes: [String] = []
    var geometries: [MultiPolygon] = []
    codes.reserveCapacity(count)
    geometries.reserveCapacity(count)
    let letters = Array("ABCDEFGHJKLMNPRSTVWXYZ")  // as PostNL: no I, O, Q, U
    for index in 0..<count {
      let i = index % columns
      let j = index / columns
      let a = vertices[j * (columns + 1) + i]
      let b = vertices[j * (columns + 1) + i + 1]
      let c = vertices[(j + 1) * (columns + 1) + i + 1]
      let d = vertices[(j + 1) * (columns + 1) + i]
      geometries.append(MultiPolygon([Polygon(exterior: Ring([a, b, c, d, a]))]))
      let number = 1000 + index / (letters.count * letters.count)
      let pair = index % (letters.count * letters.count)
      codes.append("\(number)\(letters[pair / letters.count])\(letters[pair % letters.count])")
    }
    return (codes, geometries)
  }

  /// Indicator names of the generated panel.
  public static let indicators = (1...10).map { "indicator_\($0)" }

  /// A panel for `codes` (one level): `years` × three age groups, children a few
  /// hundred per area, reports Poisson around 0.5%, 10 indicators of which the
  /// first two relate to the rate.
  public static func panel(codes: [String], level: AreaLevel, years: [Int], seed: UInt64 = 11)
    -> Panel
  {
    var rows: [PanelRow] = []
    rows.reserveCapacity(codes.count * years.count)
    forEachRow(codes: codes, level: level, years: years, seed: seed) { rows.append($0) }
    return Panel(rows: rows, indicatorNames: indicators)
  }

  /// The rows of `panel(codes:level:years:seed:)` one at a time, for inputs too
  /// large to hold as a panel and as text at once.
  public static func forEachRow(
    codes: [String], level: AreaLevel, years: [Int], seed: UInt64 = 11,
    _ body: (PanelRow) throws -> Void
  ) rethrows {
    var random = SeededRandom(seed: seed)
    let names = IndicatorNames(indicators)
    for code in codes {
      let risk = random.nextNormal()
      let size = 150 + random.nextUnit() * 1500
      for year in years {
        var row = PanelRow(level: level, area: code, year: year)
        var totalReported = 0.0
        for (k, group) in AgeGroup.parts.enumerated() {
          let children = (size * [0.21, 0.22, 0.57][k]).rounded()
          let count = Double(DemoDataset.poisson(children * 0.005 * exp(0.3 * risk), &random))
          row.children[group] = children
          row.reported[group] = count
          totalReported += count
        }
        row.children[.all] = AgeGroup.parts.reduce(0) { $0 + (row.children[$1] ?? 0) }
        row.reported[.all] = totalReported
        row.achterstandswijk = risk > 1.1
        row.indicators = IndicatorValues(
          names: names,
          values: (0..<indicators.count).map { n in
            10 + (n < 2 ? 3 * risk : 0) + 2 * random.nextNormal()
          })
        try body(row)
      }
    }
  }

  /// Header lines of the four CSV tables (reports, population, indicators, achterstand).
  public static var tableHeaders: [String] {
    [
      "area,year,age_group,count\n", "area,year,age_group,children\n",
      "area,year," + indicators.joined(separator: ",") + "\n", "area,year,achterstandswijk\n",
    ]
  }

  /// One panel row's lines in the four tables, in the order of `tableHeaders`.
  public static func tableLines(_ row: PanelRow) -> [String] {
    var reports = ""
    var population = ""
    for group in AgeGroup.parts {
      reports +=
        "\(row.area),\(row.year),\(group.rawValue),\(CSVText.number(row.reported[group]))\n"
      population +=
        "\(row.area),\(row.year),\(group.rawValue),\(CSVText.number(row.children[group]))\n"
    }
    let values = indicators.map { CSVText.number(row.indicators[$0], decimals: 3) }.joined(
      separator: ",")
    return [
      reports, population, "\(row.area),\(row.year),\(values)\n",
      "\(row.area),\(row.year),\(row.achterstandswijk == true ? 1 : 0)\n",
    ]
  }
}
