import Foundation

/// A synthetic dataset in the layouts CBS publishes (`wijkstat demo --format cbs`):
/// a Wijk- en Buurtkaart 2023-style set of gemeenten, wijken and buurten with
/// Kerncijfers (lower-case fields, `water` JA/NEE, special values `-99997` and
/// `-99995`, a water part, a fictive water buurt `…9997`, Amsterdam-style
/// alphanumeric wijk codes), StatLine TypedDataSet-style tables per gemeente and
/// Veilig Thuis region with period codes, and buurt counts as a gemeente's own
/// registration would give them. Every number is invented; the gemeenten
/// (GM9101–GM9103) do not exist.
public struct CBSDemoDataset: Sendable {
  public struct Buurt: Sendable {
    public var code: String
    public var name: String
    public var wijk: String
    public var gemeente: String
    public var geometry: MultiPolygon
    public var water: Bool
    /// Children 0–17 per year (index into `years`).
    public var children: [Int]
    public var reported: [Int]
    public var inwoners: Int
    /// % households at or around the social minimum (the planted driver).
    public var minimum: Double
    public var young: Double
    public var jeugdzorg: Double
  }
  public struct Gemeente: Sendable {
    public var code: String
    public var name: String
    public var vt: String
  }

  public let years = [2020, 2021, 2022, 2023]
  public let gemeenten: [Gemeente] = [
    Gemeente(code: "GM9101", name: "Amstelwaard", vt: "VT15"),
    Gemeente(code: "GM9102", name: "Dordwijk aan de Merwede", vt: "VT27"),
    Gemeente(code: "GM9103", name: "Lekdal", vt: "VT27"),
  ]
  public private(set) var buurten: [Buurt] = []
  public let seed: UInt64

  /// Side of a buurt square in RD New metres; the grid starts at (120 000, 440 000).
  static let side = 500.0
  static let origin = Point(x: 120_000, y: 440_000)

  public init(seed: UInt64 = 2023) {
    self.seed = seed
    var random = SeededRandom(seed: seed)
    let wijkNames = ["Centrum", "Noord", "Oost", "Zuid"]
    let buurtNames = ["Oude Haven", "Kerkbuurt", "Molenwijk", "Sluiskwartier", "Vogelbuurt"]
    for (g, gemeente) in gemeenten.enumerated() {
      let digits = String(gemeente.code.dropFirst(2))
      for w in 0..<4 {
        // Amstelwaard numbers its wijken with letters, as Amsterdam does since 2022.
        let wijkPart =
          g == 0 ? "A" + String(UnicodeScalar(UInt8(65 + w))) : String(format: "%02d", w + 1)
        let wijk = "WK" + digits + wijkPart
        for b in 0..<5 {
          let x0 = Self.origin.x + Double(g * 5 + b) * Self.side
          let y0 = Self.origin.y + Double(w) * Self.side
          // Poverty rises to the east of each gemeente and in its first wijk (clustered).
          let minimum = (6 + 3.0 * Double(b) + (w == 0 ? 8 : 0) + 2 * random.nextNormal()).clamped(
            1, 40)
          let inwoners = Int((800 + 1_600 * random.nextUnit()) / 5).rounded5
          let youngShare = (14 + 0.25 * minimum + random.nextNormal()).clamped(5, 30)
          var children: [Int] = []
          var reported: [Int] = []
          for (y, _) in years.enumerated() {
            let kids = Int(Double(inwoners) * (youngShare + 3) / 100 * (1 + 0.01 * Double(y)))
            let rate = 0.004 + 0.0009 * minimum
            children.append(kids)
            reported.append(DemoDataset.poisson(rate * Double(kids), &random))
          }
          buurten.append(
            Buurt(
              code: "BU" + digits + wijkPart + String(format: "%02d", b + 1),
              name: "\(buurtNames[b]) \(wijkNames[w])", wijk: wijk, gemeente: gemeente.code,
              geometry: Self.square(x0, y0), water: false, children: children, reported: reported,
              inwoners: inwoners, minimum: (minimum * 10).rounded() / 10,
              young: (youngShare * 10).rounded() / 10,
              jeugdzorg: ((8 + 0.3 * minimum + random.nextNormal()) * 10).rounded() / 10))
        }
      }
    }
    // Dordwijk's river: a fictive water buurt (…9997) in a water-only wijk, north of it.
    buurten.append(
      Buurt(
        code: "BU91029997", name: "Merwede (water)", wijk: "WK910299", gemeente: "GM9102",
        geometry: Self.rectangle(
          Self.origin.x + 5 * Self.side, Self.origin.y + 4 * Self.side, 5 * Self.side, 200),
        water: true, children: years.map { _ in 0 }, reported: years.map { _ in 0 }, inwoners: 0,
        minimum: -99997,
        young: -99997, jeugdzorg: -99997))
    // Secret figures: the smallest buurten's percentages; one "comes in a later version".
    let smallest = buurten.indices.filter { !buurten[$0].water }.sorted {
      buurten[$0].inwoners < buurten[$1].inwoners
    }
    for i in smallest.prefix(2) { buurten[i].jeugdzorg = -99997 }
    if let i = smallest.dropFirst(2).first { buurten[i].minimum = -99995 }
  }

  static func square(_ x0: Double, _ y0: Double) -> MultiPolygon { rectangle(x0, y0, side, side) }
  static func rectangle(_ x0: Double, _ y0: Double, _ w: Double, _ h: Double) -> MultiPolygon {
    let ring = Ring([
      Point(x: x0, y: y0), Point(x: x0 + w, y: y0), Point(x: x0 + w, y: y0 + h),
      Point(x: x0, y: y0 + h),
      Point(x: x0, y: y0),
    ])
    return MultiPolygon([Polygon(exterior: ring)])
  }

  /// The wijken: codes in order, each the union of its buurten's squares (one rectangle).
  public var wijken:
    [(code: String, name: String, gemeente: String, geometry: MultiPolygon, water: Bool)]
  {
    var result: [(String, String, String, MultiPolygon, Bool)] = []
    var seen = Set<String>()
    for buurt in buurten where seen.insert(buurt.wijk).inserted {
      let parts = buurten.filter { $0.wijk == buurt.wijk }
      let box = parts.reduce(BoundingBox.empty) { $0.union($1.geometry.boundingBox) }
      let name =
        buurt.water ? "Merwede (water)" : String(buurt.name.split(separator: " ").last ?? "")
      result.append(
        (
          buurt.wijk, name, buurt.gemeente,
          Self.rectangle(box.minX, box.minY, box.maxX - box.minX, box.maxY - box.minY), buurt.water
        ))
    }
    return result
  }

  /// A gemeente's land as one rectangle; Amstelwaard also has a water part (its IJ, south of it).
  public func gemeenteGeometry(_ code: String) -> MultiPolygon {
    let parts = buurten.filter { $0.gemeente == code && !$0.water }
    let box = parts.reduce(BoundingBox.empty) { $0.union($1.geometry.boundingBox) }
    return Self.rectangle(box.minX, box.minY, box.maxX - box.minX, box.maxY - box.minY)
  }
  public static let waterPart = rectangle(origin.x, origin.y - 300, 5 * side, 300)

  // MARK: tables

  /// `meldingen-buurt.csv`: the gemeente's own registration per buurt and year (meldingen).
  public func buurtReports() -> String {
    var lines = ["buurtcode;jaar;meldingen"]
    for buurt in buurten where !buurt.water {
      for (y, year) in years.enumerated() {
        lines.append("\(buurt.code);\(year);\(buurt.reported[y])")
      }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// `kinderen-buurt.csv`: children aged 0–17 per buurt and year (a BRP extract).
  public func buurtChildren() -> String {
    var lines = ["buurtcode;jaar;kinderen"]
    for buurt in buurten where !buurt.water {
      for (y, year) in years.enumerated() {
        lines.append("\(buurt.code);\(year);\(buurt.children[y])")
      }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// A StatLine TypedDataSet CSV like 84847NED (Veilig Thuis kerncijfers): `ID`,
  /// `RegioS` padded to six characters, `Perioden` (half years and years),
  /// `Adviezen_1`, `Meldingen_2`, rounded to 5; rows for NL01, the gemeenten and
  /// their VT regions.
  public func statLineVeiligThuis() -> String {
    var lines = ["\"ID\";\"RegioS\";\"Perioden\";\"Adviezen_1\";\"Meldingen_2\""]
    var id = 0
    func rounded5(_ v: Int) -> Int { Int((Double(v) / 5).rounded()) * 5 }
    func row(_ region: String, _ period: String, _ meldingen: Int) {
      let padded = region.padding(toLength: 6, withPad: " ", startingAt: 0)
      lines.append(
        "\"\(id)\";\"\(padded)\";\"\(period)\";\"\(rounded5(meldingen * 2))\";\"\(rounded5(meldingen))\""
      )
      id += 1
    }
    for (y, year) in years.enumerated() {
      var byRegion: [String: Int] = [:]
      var total = 0
      for gemeente in gemeenten {
        let count = buurten.filter { $0.gemeente == gemeente.code }.reduce(0) {
          $0 + $1.reported[y]
        }
        // VT15 and VT27 in the 2023 indeling; before 2023 Dordwijk and Lekdal were VT16 and VT26.
        let vt =
          year >= VeiligThuisRegions.indeling2023 || gemeente.vt == "VT15"
          ? gemeente.vt : (gemeente.code == "GM9102" ? "VT16" : "VT26")
        byRegion[vt, default: 0] += count
        total += count
        row(gemeente.code, "\(year)HJ01", count / 2)
        row(gemeente.code, "\(year)HJ02", count - count / 2)
        row(gemeente.code, "\(year)JJ00", count)
      }
      row("NL01", "\(year)JJ00", total)
      for (vt, count) in byRegion.sorted(by: { $0.key < $1.key }) { row(vt, "\(year)JJ00", count) }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// A StatLine TypedDataSet CSV like 03759ned (population by age): `Geslacht`
  /// `T001038` (total), `Leeftijd` `70100` (0 to 18 years, CBS's key for 0–17),
  /// `RegioS` per gemeente, `Perioden` `YYYYJJ00`, `BevolkingOp1Januari_1`.
  public func statLinePopulation() -> String {
    var lines = [
      "\"ID\";\"Geslacht\";\"Leeftijd\";\"RegioS\";\"Perioden\";\"BevolkingOp1Januari_1\""
    ]
    var id = 0
    for (y, year) in years.enumerated() {
      for gemeente in gemeenten {
        let children = buurten.filter { $0.gemeente == gemeente.code }.reduce(0) {
          $0 + $1.children[y]
        }
        lines.append(
          "\"\(id)\";\"T001038\";\"70100\";\"\(gemeente.code)    \";\"\(year)JJ00\";\"\(children)\""
        )
        id += 1
      }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// `gemeenten-vt.csv`: gemeente → Veilig Thuis region (2023 indeling), as a lookup.
  public func vtLookup() -> String {
    (["gemeentecode;gemeentenaam;veiligthuisregiocode;veiligthuisregionaam"]
      + gemeenten.map {
        "\($0.code);\($0.name);\($0.vt);\(VeiligThuisRegions.knownNames(year: 2023)[$0.vt] ?? $0.vt)"
      }).joined(separator: "\r\n") + "\r\n"
  }
}

extension Double {
  fileprivate func clamped(_ low: Double, _ high: Double) -> Double {
    Swift.min(high, Swift.max(low, self))
  }
}
extension Int {
  /// To a multiple of 5 (CBS rounds wijk and buurt counts so); the input is in fives.
  fileprivate var rounded5: Int { self * 5 }
}
