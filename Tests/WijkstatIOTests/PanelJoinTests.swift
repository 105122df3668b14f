import Foundation
import Testing
import WijkstatCore
import WijkstatIO
import WijkstatTestSupport

/// Joins with the real boundary files in ../shared/data/nl and the report's
/// own 2009 tables in data/reference.
@Suite struct PanelJoinTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static func reference(_ name: String) -> String {
    repository.appendingPathComponent("data/reference/\(name)").path
  }

  @Test(.needsSharedData) func reportNamesOf2009MatchThe2023Gemeenten() async throws {
    let inputs = try await InputLoader.load(
      InputSpec(
        areas: [TableInput(path: SharedData.path("gemeenten-2023.geojson"))],
        indicators: [
          TableInput(path: Self.reference("gemeenten-2009-hoogste.csv")),
          TableInput(path: Self.reference("gemeenten-2009-laagste.csv")),
        ],
        lookup: TableInput(path: SharedData.path("gemeenten-2023-koppeltabel.csv"))))
    let build = try PanelAssembler.build(inputs)
    var pct: [String: Double] = [:]
    for row in build.panel.rows {
      if let value = row.indicators["pct_reported"] { pct[row.area] = value }
    }
    // Codes from the koppeltabel; percentages as printed in the report (§2.1.5).
    #expect(pct["GM0518"] == 1.67)  // s-Gravenhage
    #expect(pct["GM0888"] == 0.12)  // Beek → Beek (L.)
    #expect(pct["GM0687"] == 1.28)  // Middelburg → Middelburg (Z.)
    #expect(pct["GM0505"] == 4.41)  // Dordrecht
    #expect(pct["GM0080"] == 2.05)  // Leeuwarden
    #expect(pct["GM0484"] == 1.74)  // Alphen aan den Rijn
    #expect(pct.count == 30 + 35)
    // Gemeenten merged since 2009 are reported, never joined elsewhere.
    let unmatched = Set(
      build.report.issues.filter { $0.side == .table && $0.reason == .notInBoundaries }.map(\.key))
    for merged in [
      "Sneek", "Kollumerland c.a.", "Wûnseradiel", "het Bildt", "Franekeradeel", "Dongeradeel",
      "Boskoop", "Bodegraven", "Wieringen", "Margraten", "Eijsden", "Nuth", "Schinnen", "Ten Boer",
      "Oud-Beijerland", "Leerdam", "Muiden", "Maasdonk", "Loenen",
    ] {
      #expect(unmatched.contains(merged), "\(merged)")
    }
    #expect(unmatched.count == 31)
  }

  @Test func messyCsvGivesTheSamePanelAsItsCleanTwin() async throws {
    let folder = try TemporaryFolder()
    let clean = try folder.write(
      "clean.csv",
      "area,year,age_group,count\n1011,2009,0-3,2\n1011,2009,4-7,3\n1011,2009,8-17,5\n1012,2009,0-17,4\n3311,2009,0-17,\n"
    )
    // The same data: BOM, `;`, CRLF, a PC-6 key, quoted fields, an `x` marker.
    let messy = try folder.write(
      "messy.csv",
      "\u{FEFF}Area;Jaar;Leeftijd;Aantal\r\n1011;2009;\"0-3\";2\r\n1011;2009;4 t/m 7;3,0\r\n1011;2009;8-17;5\r\n\"1012 AB\";2009;totaal;4\r\n3311;2009;;x\r\n"
    )
    let population = try folder.write(
      "population.csv", "area;year;children\n1011;2009;1000,0\n1012;2009;300\n3311;2009;2000\n")
    func panel(_ reports: String) async throws -> [PanelRow] {
      let inputs = try await InputLoader.load(
        InputSpec(reports: [TableInput(path: reports)], population: [TableInput(path: population)]))
      return try PanelAssembler.build(inputs).panel.rows
    }
    let a = try await panel(clean)
    let b = try await panel(messy)
    #expect(a == b)
    #expect(a.count == 3)
    #expect(a.first { $0.area == "1011" }?.reported[.all] == 10)
    #expect(a.first { $0.area == "3311" }?.reported[.all] == nil)
  }
}
