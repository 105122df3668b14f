import Foundation
import Testing
import WijkstatCore

@testable import WijkstatIO

/// The Wijk- en Buurtkaart and the CBS PC-4 statistics as CBS publishes them:
/// fixtures in Tests/Fixtures/cbs written by make_kwb.py (layouts of the
/// Toelichting Wijk- en Buurtkaart 2021 and 2023; invented names and numbers;
/// squares in RD New, so areas are hand sums: a 500 × 1000 m wijk is 500,000 m²).
enum CBSFixtures {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/cbs")
  static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
  static let kaart2023 = path("wijkenbuurten_2023_v1.gpkg")
  static let kaart2021 = path("wijkenbuurten_2021_v1.gpkg")
}

@Suite struct WijkEnBuurtkaartTests {
  func area(_ b: Boundaries, _ code: String) throws -> Area {
    try #require(b.layer.areas.first { $0.code == code }, "\(code)")
  }

  /// Today's main: no wijk level; the `wijken` layer's key fell back to
  /// `gemeentecode`, each gemeente drawn as one arbitrary wijk.
  @Test func wijkenLayerIsReadAsWijken() throws {
    let b = try BoundaryReader.read(CBSFixtures.kaart2023, options: BoundaryOptions(level: .wijk))
    #expect(b.summary.name == "wijken")
    #expect(b.summary.keyField == "wijkcode")
    #expect(b.layer.level == .wijk)
    #expect(
      b.layer.areas.map(\.code) == ["WK0363AA", "WK0363AB", "WK036399", "WK050501", "WK050502"])
    // WK0363AA: its land part (500 × 1000 m), not its water part (500 × 200 m) listed first.
    #expect(abs(try area(b, "WK0363AA").geometry.area - 500_000) < 1)
    #expect(try area(b, "WK0363AA").name == "Burgwallen-Oude Zijde")
    // The water-only wijk stays (it has no land part).
    #expect(abs(try area(b, "WK036399").geometry.area - 200_000) < 1)
    #expect(b.summary.duplicateKeys.isEmpty)
    #expect(b.summary.warnings.contains { $0.hasPrefix("1 water parts (water = JA) dropped") })

    // The same layer chosen by name, without a level: the finest code is the key.
    let byName = try BoundaryReader.read(
      CBSFixtures.kaart2023, options: BoundaryOptions(layer: "wijken"))
    #expect(byName.layer.level == .wijk)
    #expect(byName.summary.keyField == "wijkcode")
    let buurten = try BoundaryReader.read(
      CBSFixtures.kaart2023, options: BoundaryOptions(layer: "buurten"))
    #expect(buurten.layer.level == .buurt)
    #expect(buurten.summary.keyField == "buurtcode")
  }

  @Test func gemeentenAreTheirLandPart() throws {
    let b = try BoundaryReader.read(
      CBSFixtures.kaart2023, options: BoundaryOptions(level: .gemeente))
    #expect(b.summary.name == "gemeenten")
    #expect(b.layer.areas.map(\.code) == ["GM0363", "GM0505"])
    // Amsterdam is 1000 × 1000 m of land, not its 1000 × 200 m water part (the first feature).
    #expect(abs(try area(b, "GM0363").geometry.area - 1_000_000) < 1)
    #expect(b.summary.warnings.contains { $0.hasPrefix("1 water parts") })
  }

  @Test func buurtenWithAFictiveWaterBuurt() throws {
    let b = try BoundaryReader.read(CBSFixtures.kaart2023, options: BoundaryOptions(level: .buurt))
    #expect(b.summary.name == "buurten")
    #expect(b.layer.areas.count == 7)
    #expect(b.layer.areas.contains { $0.code == "BU03639997" })
    #expect(b.layer.areas.first { $0.code == "BU0363AA01" }?.name == "Kop Zeedijk")
  }

  @Test func severalLevelsNeedALevelOrALayer() {
    #expect {
      try BoundaryReader.read(CBSFixtures.kaart2023)
    } throws: { error in
      (error as? UserError)?.message.contains(
        "layers of several levels (\"gemeenten\", \"wijken\", \"buurten\")") == true
    }
    #expect {
      try BoundaryReader.read(CBSFixtures.kaart2023, options: BoundaryOptions(level: .pc4))
    } throws: { error in
      (error as? UserError)?.message.hasPrefix("no pc4 layer") == true
    }
  }

  /// 2021 and before: `gemeente_2021_v1`, `wijk_2021_v1`, `buurt_2021_v1`, upper-case fields,
  /// `WATER` (GeoPackage) or `H2O` (shapefile).
  @Test func upperCaseLayersOf2021() throws {
    let wijken = try BoundaryReader.read(
      CBSFixtures.kaart2021, options: BoundaryOptions(level: .wijk))
    #expect(wijken.summary.name == "wijk_2021_v1")
    #expect(wijken.summary.keyField == "WK_CODE")
    #expect(
      wijken.layer.areas.map(\.code) == [
        "WK036301", "WK036302", "WK036399", "WK050501", "WK050502",
      ])
    #expect(abs(try area(wijken, "WK036301").geometry.area - 500_000) < 1)
    let buurten = try BoundaryReader.read(
      CBSFixtures.kaart2021, options: BoundaryOptions(level: .buurt))
    #expect(buurten.summary.name == "buurt_2021_v1")
    #expect(buurten.summary.keyField == "BU_CODE")
    let gemeenten = try BoundaryReader.read(
      CBSFixtures.kaart2021, options: BoundaryOptions(level: .gemeente))
    #expect(gemeenten.summary.keyField == "GM_CODE")
    #expect(abs(try area(gemeenten, "GM0363").geometry.area - 1_000_000) < 1)
    let shapefile = try BoundaryReader.read(CBSFixtures.path("wijk_2021_v1.shp"))
    #expect(shapefile.layer.level == .wijk)
    #expect(shapefile.summary.keyField == "WK_CODE")
    #expect(abs(try area(shapefile, "WK036301").geometry.area - 500_000) < 1)
    #expect(
      shapefile.summary.warnings.contains { $0.hasPrefix("1 water parts (H2O = JA) dropped") })
  }

  @Test func cbsPC4Statistics() throws {
    let gpkg = try BoundaryReader.read(CBSFixtures.path("cbs_pc4_2022_v1.gpkg"))
    #expect(gpkg.layer.level == .pc4)
    #expect(gpkg.summary.keyField == "postcode")
    #expect(gpkg.layer.areas.map(\.code) == ["1011", "1012", "3311"])
    let shp = try BoundaryReader.read(CBSFixtures.path("CBS_pc4_2020_v1.shp"))
    #expect(shp.layer.level == .pc4)
    #expect(shp.summary.keyField == "PC4")
    #expect(shp.layer.areas.map(\.code) == ["1011", "1012", "3311"])
  }

  /// The boundary file as the indicator table: the layer of the level, its key,
  /// its number fields, one row per area (the land part).
  @Test func kerncijfersAsATable() throws {
    let table = try TableReader.read(CBSFixtures.kaart2023, level: .wijk)
    #expect(
      table.columns == [
        "wijkcode", "jaar", "aantal_inwoners", "percentage_personen_0_tot_15_jaar",
        "percentage_huishoudens_onder_of_rond_sociaal_minimum",
        "percentage_jongeren_met_jeugdzorg_in_natura",
      ])
    #expect(
      table.rows.map { $0[0] } == ["WK0363AA", "WK0363AB", "WK036399", "WK050501", "WK050502"])
    // WK0363AA's row is its land part's (2155 inhabitants), not its water part's (0).
    #expect(table.rows[0][2] == "2155")
    let schema = try TableSchema.recognise(table, as: .indicators, level: .wijk)
    #expect(schema.area == 0 && schema.year == 1)
    #expect(schema.indicators.map(\.1).first == "aantal_inwoners")

    let buurten = try TableReader.read(CBSFixtures.kaart2023, level: .buurt)
    #expect(buurten.columns.first == "buurtcode")
    #expect(buurten.rows.count == 7)
    let pc4 = try TableReader.read(CBSFixtures.path("CBS_pc4_2020_v1.shp"))
    #expect(pc4.columns == ["PC4", "INWONER", "INW_014"])
    // A named key that is not there says which are.
    #expect {
      try TableReader.read(CBSFixtures.kaart2023, level: .wijk, key: "WK_CODE")
    } throws: { error in
      (error as? UserError)?.message.hasPrefix(
        "no field \"WK_CODE\"; fields are wijkcode, wijknaam") == true
    }
  }

  @Test func layerAndKeyOptionsGoToTheirInputs() throws {
    let spec = InputSpec(
      areas: [TableInput(parsing: "wijk=k.gpkg")],
      indicators: [TableInput(parsing: "wijk=k.gpkg"), TableInput(parsing: "i.csv")])
    let chosen = try spec.choosing(layers: ["wijk=wijken"], keys: ["wijk=wijkcode"])
    #expect(chosen.areas[0].layer == "wijken" && chosen.areas[0].key == "wijkcode")
    #expect(chosen.indicators[0].layer == "wijken" && chosen.indicators[0].key == "wijkcode")
    #expect(chosen.indicators[1].layer == nil && chosen.indicators[1].key == nil)
    #expect(try spec.choosing(layers: ["wijken"], keys: []).areas[0].layer == "wijken")
    #expect(throws: UserError.self) { try spec.choosing(layers: ["buurt=buurten"], keys: []) }
    let two = InputSpec(areas: [
      TableInput(parsing: "wijk=k.gpkg"), TableInput(parsing: "gemeente=g.gpkg"),
    ])
    #expect(throws: UserError.self) { try two.choosing(layers: ["wijken"], keys: []) }
  }
}
