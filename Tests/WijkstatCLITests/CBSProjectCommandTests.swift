import Foundation
import Testing
import WijkstatTestSupport

/// A whole run from StatLine and Kerncijfers files, with the table options in the
/// project file: the unit (meldingen, from the project) reaches the report's
/// sentences and the map legend; the notes and the cells without a figure are in
/// the report. Fixtures: Tests/Fixtures/cbs (see make_statline.py).
@Suite struct CBSProjectCommandTests {
  @Test(.needsSharedData) func aRunFromStatLineTablesNamesWhatIsCounted() throws {
    let gemeenten = Wijkstat.shared("gemeenten-2023.geojson")
    let folder = try SpecialValuesCommandTests.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fixtures = SpecialValuesCommandTests.fixtures.path
    try """
    title: Veilig Thuis per gemeente
    inputs:
      areas: {gemeente: \(gemeenten)}
      reports: [\(fixtures)/84847NED-typeddataset.csv]
      population: [\(fixtures)/kinderen-2022.csv]
      indicators: {gemeente: \(fixtures)/kwb-2022-gemeenten.csv}
      count_column: Meldingen_2
      unit: meldingen
      special_values: [kwb]
      periods: years
    analyses:
      correlate: {levels: [gemeente]}
      rank: {level: gemeente, year: 2022, top: 10, bottom: 10}
      spatial: {level: gemeente, permutations: 99}
    maps:
      - {name: vt, level: gemeente, variable: per_1000, formats: [svg]}
    """.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(["run", "p.yaml", "--out", "out", "-q"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let html = try String(
      contentsOf: folder.appendingPathComponent("out/report.html"), encoding: .utf8)
    #expect(html.contains("meldingen, "), "summary sentence")
    #expect(html.contains(" per 1.000 kinderen 0-17 ("))
    #expect(html.contains("het aantal meldingen per 100 kinderen"))
    #expect(!html.contains("gemelde kinderen"))
    // The StatLine note in the report's language (issue 18); stderr and join-report.csv keep English.
    #expect(
      html.contains(
        "perioden: 770 rijen per halfjaar niet gebruikt: de tabel geeft die jaren ook in hun geheel"
      ))
    #expect(!html.contains("half-year rows not used"))
    #expect(html.contains("24 geheim of niet aanwezig (-99997)"))
    let svg = try String(
      contentsOf: folder.appendingPathComponent("out/maps/vt.svg"), encoding: .utf8)
    #expect(svg.contains(">meldingen per 1.000 kinderen 0-17</text>"))
    let correlations = try String(
      contentsOf: folder.appendingPathComponent("out/tables/correlations-gemeente.md"),
      encoding: .utf8)
    #expect(
      correlations.contains(
        "Verband tussen meldingen per 100 kinderen 0-17 en andere variabelen (gemeente)"))
  }

  @Test func aTableOptionOfTheWrongKindNamesItsLine() throws {
    let folder = try SpecialValuesCommandTests.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    try """
    inputs:
      reports: [\(SpecialValuesCommandTests.fixtures.path)/meldingen-2022.csv]
      special_values: [kwb, abc]
    """.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(["run", "p.yaml", "--out", "out"], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "p.yaml: line 3: inputs.special_values: special value \"abc\" is neither a CBS product"),
      "\(result.stderr)")
    try """
    inputs:
      reports: [\(SpecialValuesCommandTests.fixtures.path)/meldingen-2022.csv]
      periods: halfjaren
    """.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    let periods = try Wijkstat.run(["run", "p.yaml", "--out", "out"], in: folder)
    #expect(periods.status == 1)
    #expect(
      periods.stderr.contains("inputs.periods: periods must be years or year-only"),
      "\(periods.stderr)")
  }
}
