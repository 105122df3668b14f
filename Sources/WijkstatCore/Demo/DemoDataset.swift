import Foundation

/// The synthetic demo data in `data/demo/`: fictional gemeenten and PC-4-like
/// areas in RD New with reports, children, indicators and achterstand flags for
/// 2003–2009, generated from a seed. Every value is invented; the effects planted
/// are of the size the Kinderen in Tel report found (% reported correlates about
/// 0.4 with children in poverty and 0.5 with the overall score at PC-4 level, and
/// is about 2.4 times as high in achterstandswijken), so every analysis has
/// something to find.
///
/// Areas: a jittered grid of 22 × 16 cells of about 1 km (each edge bent at a
/// shared, jittered midpoint, so polygons are irregular but borders are shared
/// exactly), grouped into 8 gemeenten by the nearest of 8 seats; gemeente
/// polygons are the exact unions of their cells, so the two layers nest.
public struct DemoDataset: Sendable {
  public struct Gemeente: Sendable {
    public var code: String
    public var name: String
    public var speerpunt: Bool
    public var geometry: MultiPolygon
  }
  public struct PC4: Sendable {
    public var code: String
    public var gemeente: String
    public var geometry: MultiPolygon
    /// The latent deprivation that drives indicators and reports (standardised).
    var deprivation: Double
    var achterstandswijk: Bool
    var children: [Double]
  }

  public var seed: UInt64
  public var gemeenten: [Gemeente]
  public var areas: [PC4]
  public var years: [Int] { Array(2003...2009) }

  public static let indicatorNames = [
    "kinderen_in_armoede", "totaalscore", "werkloze_jongeren", "jeugdzorg", "tienermoeders",
  ]
  static let gemeenteNames = [
    "Dordwijk", "Havenstad", "Noorderveen", "Lindebroek", "Zandmeer", "Oosterhout aan de Lek",
    "Kranswoude", "Bremhorst",
  ]
  /// Dordwijk reports about three times as much as the others, like Dordrecht.
  static let gemeenteEffect: [Double] = [2.6, 1.2, 1.1, 1.0, 0.9, 0.85, 1.0, 0.8]
  static let speerpunt: Set<Int> = [0, 2]

  public init(seed: UInt64) {
    self.seed = seed
    var random = SeededRandom(seed: seed)
    let columns = 22
    let rows = 16
    let size = 1000.0
    let origin = Point(x: 98_000, y: 418_000)
    // Jittered grid vertices and jittered edge midpoints, rounded to whole metres
    // so the written files reproduce the shared borders exactly.
    func rounded(_ p: Point) -> Point { Point(x: p.x.rounded(), y: p.y.rounded()) }
    var vertex: [[Point]] = []
    for j in 0...rows {
      var line: [Point] = []
      for i in 0...columns {
        let border = i == 0 || j == 0 || i == columns || j == rows
        let jitter = border ? 0.12 : 0.3
        line.append(
          rounded(
            Point(
              x: origin.x + (Double(i) + (random.nextUnit() - 0.5) * jitter) * size,
              y: origin.y + (Double(j) + (random.nextUnit() - 0.5) * jitter) * size)))
      }
      vertex.append(line)
    }
    func bent(_ a: Point, _ b: Point) -> Point {
      let dx = b.x - a.x
      let dy = b.y - a.y
      let t = 0.5 + (random.nextUnit() - 0.5) * 0.3
      let off = (random.nextUnit() - 0.5) * 0.25
      return rounded(Point(x: a.x + t * dx - off * dy, y: a.y + t * dy + off * dx))
    }
    var horizontal: [[Point]] = []  // midpoint of edge (i,j)–(i+1,j)
    for j in 0...rows {
      horizontal.append((0..<columns).map { bent(vertex[j][$0], vertex[j][$0 + 1]) })
    }
    var vertical: [[Point]] = []  // midpoint of edge (i,j)–(i,j+1)
    for j in 0..<rows {
      vertical.append((0...columns).map { bent(vertex[j][$0], vertex[j + 1][$0]) })
    }

    // Gemeente seats; cells go to the nearest (with weights so sizes differ).
    let seats: [(Double, Double, Double)] = [
      (4.5, 4.0, 0.8), (15.0, 11.0, 1.3), (17.5, 3.5, 1.0), (5.0, 12.0, 1.1), (10.5, 7.5, 0.9),
      (20.0, 8.0, 0.8), (10.0, 14.0, 0.9), (1.5, 8.0, 0.7),
    ]
    var cells: [(polygon: Polygon, gemeente: Int, column: Int, row: Int)] = []
    for j in 0..<rows {
      for i in 0..<columns {
        let ring = Ring([
          vertex[j][i], horizontal[j][i], vertex[j][i + 1], vertical[j][i + 1],
          vertex[j + 1][i + 1],
          horizontal[j + 1][i], vertex[j + 1][i], vertical[j][i], vertex[j][i],
        ])
        let cx = Double(i) + 0.5
        let cy = Double(j) + 0.5
        let g = seats.indices.min { a, b in
          let da = hypot(cx - seats[a].0, cy - seats[a].1) / seats[a].2
          let db = hypot(cx - seats[b].0, cy - seats[b].1) / seats[b].2
          return da < db
        }!
        cells.append((Polygon(exterior: ring), g, i, j))
      }
    }
    gemeenten = seats.indices.map { g in
      Gemeente(
        code: String(format: "GM%04d", 9001 + g), name: Self.gemeenteNames[g],
        speerpunt: Self.speerpunt.contains(g),
        geometry: CellUnion.union(cells.filter { $0.gemeente == g }.map(\.polygon)))
    }

    // Latent deprivation: white noise smoothed over the grid (spatially clustered).
    var noise = (0..<(rows * columns)).map { _ in random.nextNormal() }
    for _ in 0..<2 {
      var smooth = noise
      for j in 0..<rows {
        for i in 0..<columns {
          var sum = noise[j * columns + i] * 2
          var n = 2.0
          for (di, dj) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
            let (x, y) = (i + di, j + dj)
            if x >= 0, y >= 0, x < columns, y < rows {
              sum += noise[y * columns + x]
              n += 1
            }
          }
          smooth[j * columns + i] = sum / n
        }
      }
      noise = smooth
    }
    let mean = noise.reduce(0, +) / Double(noise.count)
    let sd = (noise.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(noise.count))
      .squareRoot()
    // Speerpunt gemeenten are poorer on average.
    let deprivation = cells.indices.map { c in
      (noise[c] - mean) / sd + (Self.speerpunt.contains(cells[c].gemeente) ? 0.5 : -0.15)
    }

    // Achterstandswijken: a third of the areas in speerpunt gemeenten, about 14% overall.
    var flagged = Set<Int>()
    for inSpeerpunt in [true, false] {
      let members = cells.indices.filter {
        Self.speerpunt.contains(cells[$0].gemeente) == inSpeerpunt
      }
      .sorted { deprivation[$0] > deprivation[$1] }
      let share = inSpeerpunt ? 1.0 / 3 : 0.05
      for c in members.prefix(Int((Double(members.count) * share).rounded())) { flagged.insert(c) }
    }

    // Codes: per gemeente a block of PC-4 numbers, cells in row-major order.
    var next = seats.indices.map { 3300 + 100 * $0 }
    areas = []
    for c in cells.indices {
      let g = cells[c].gemeente
      let code = String(next[g])
      next[g] += 1
      // Children: a few hundred to a few thousand; three tiny areas.
      var total = (exp(6.8 + 0.6 * random.nextNormal())).rounded()
      total = min(max(total, 150), 4200)
      if c == 40 || c == 161 || c == 300 { total = 18 + (random.nextUnit() * 25).rounded() }
      areas.append(
        PC4(
          code: code, gemeente: gemeenten[g].code,
          geometry: MultiPolygon([cells[c].polygon]).rightHandRule(),
          deprivation: deprivation[c], achterstandswijk: flagged.contains(c), children: [total]))
    }
    areas.sort { $0.code < $1.code }
  }

  // MARK: tables

  /// Age shares of the child population (0–3, 4–7, 8–17).
  static let ageShares = [0.21, 0.22, 0.57]
  /// Relative report rates by age, as in the report (young children reported most).
  static let ageRates = [1.15, 1.2, 0.82]

  /// The tables as CSV text: reports, population, PC-4 and gemeente indicators,
  /// achterstand flags. Gemeente indicators are written Dutch style (`;`, decimal
  /// comma) as CBS and Kinderen in Tel publish them.
  public func tables() -> [String: String] {
    var random = SeededRandom(seed: seed &+ 1)
    var reports = "area,year,age_group,count\n"
    var population = "area,year,age_group,children\n"
    var indicators = "area,year," + Self.indicatorNames.joined(separator: ",") + "\n"
    var achterstand = "area,year,achterstandswijk\n"
    var gemeenteSums: [String: [Int: (weights: Double, sums: [Double])]] = [:]
    let gemeenteIndex = Dictionary(
      uniqueKeysWithValues: gemeenten.enumerated().map { ($1.code, $0) })
    for area in areas {
      let g = gemeenteIndex[area.gemeente]!
      let d = area.deprivation
      // Area-level heterogeneity that persists over the years.
      let areaEffect = exp(0.25 * random.nextNormal())
      for year in years {
        let t = Double(year - 2003)
        let children = Self.ageShares.map {
          max(1, (area.children[0] * $0 * (1 + 0.01 * t)).rounded())
        }
        // % reported: 0.30% in 2003 rising to about 0.55% in 2009 outside
        // achterstandswijken; deprivation and the achterstand flag raise it.
        let base = 0.0026 * (1 + 0.11 * t)
        let rate =
          base * exp(0.26 * d) * (area.achterstandswijk ? 1.03 : 1) * Self.gemeenteEffect[g]
          * areaEffect
        for (k, group) in AgeGroup.parts.enumerated() {
          let count = Self.poisson(rate * Self.ageRates[k] * children[k], &random)
          reports += "\(area.code),\(year),\(group.rawValue),\(count)\n"
          population += "\(area.code),\(year),\(group.rawValue),\(CSVText.number(children[k]))\n"
        }
        let values = [
          min(max(9 + 4.5 * d + 4 * random.nextNormal(), 0.5), 60),
          50 + 10 * d + 2 * random.nextNormal(),
          min(max(5 + 1.8 * d + 1.5 * random.nextNormal(), 0.2), 40),
          min(max(3 + 0.9 * d + 1.2 * random.nextNormal(), 0.1), 30),
          min(max(1.2 + 0.5 * d + 0.8 * random.nextNormal(), 0), 15),
        ]
        // A few missing values (CBS `x`), never zero.
        let cells = values.map { value -> String in
          random.nextUnit() < 0.01 ? "x" : CSVText.number(value, decimals: 1)
        }
        indicators += "\(area.code),\(year),\(cells.joined(separator: ","))\n"
        achterstand += "\(area.code),\(year),\(area.achterstandswijk ? 1 : 0)\n"
        let weight = children.reduce(0, +)
        var entry =
          gemeenteSums[area.gemeente, default: [:]][year] ?? (
            0, Array(repeating: 0, count: values.count)
          )
        entry.weights += weight
        for i in values.indices { entry.sums[i] += weight * (values[i] * 10).rounded() / 10 }
        gemeenteSums[area.gemeente, default: [:]][year] = entry
      }
    }
    var gemeenteIndicators =
      "gemeentecode;gemeentenaam;jaar;" + Self.indicatorNames.joined(separator: ";") + "\n"
    for gemeente in gemeenten {
      for year in years {
        let entry = gemeenteSums[gemeente.code]![year]!
        let cells = entry.sums.map {
          CSVText.number($0 / entry.weights, decimals: 2).replacingOccurrences(of: ".", with: ",")
        }
        gemeenteIndicators +=
          "\(gemeente.code);\(gemeente.name);\(year);\(cells.joined(separator: ";"))\n"
      }
    }
    return [
      "meldingen.csv": reports, "kinderen.csv": population, "indicatoren-pc4.csv": indicators,
      "indicatoren-gemeente.csv": gemeenteIndicators, "achterstandswijken.csv": achterstand,
    ]
  }

  /// A Poisson draw by sequential inversion (Devroye 1986, §X.3): exact and fine
  /// for the means below a few hundred used here.
  public static func poisson(_ mean: Double, _ random: inout SeededRandom) -> Int {
    guard mean > 0 else { return 0 }
    var k = 0
    var p = exp(-mean)
    var cumulative = p
    let u = random.nextUnit()
    while u > cumulative && k < 10_000 {
      k += 1
      p *= mean / Double(k)
      cumulative += p
    }
    return k
  }
}
