import Foundation
import Testing
import WijkstatCore

@testable import WijkstatIO

@Suite struct ProjectTests {
  func project(_ text: String, files: [String] = ["pc4.geojson", "reports.csv"]) throws -> (
    TemporaryFolder, String
  ) {
    let folder = try TemporaryFolder()
    for name in files { try folder.write(name, "x") }
    return (folder, try folder.write("project.yaml", text))
  }

  @Test func readsInputsRegionsAnalysesAndMaps() throws {
    let (folder, path) = try project(
      """
      title: Demo
      inputs:
        areas: [pc4=pc4.geojson]
        reports: reports.csv
      regions:
        speerpunt: [GM0505, "363", 0014]
      analyses:
        contrast: {within: speerpunt}
        spatial: {weights: rook, permutations: 99, seed: 7}
      suppression: {minimum_count: 10}
      maps:
        - {name: kaart1, level: pc4, year: 2009, variable: pct_reported, within: speerpunt, outlines: gemeente}
      language: en
      """)
    let p = try Project.load(file: path)
    #expect(p.title == "Demo")
    #expect(p.inputs.areas == [TableInput(path: folder.path("pc4.geojson"), level: .pc4)])
    #expect(p.inputs.reports.map(\.path) == [folder.path("reports.csv")])
    #expect(p.regions["speerpunt"] == ["GM0505", "GM0363", "GM0014"])
    #expect(p.analyses.contrastWithin == "speerpunt")
    #expect(p.analyses.weights == .rook && p.analyses.permutations == 99 && p.analyses.seed == 7)
    #expect(p.suppression.minimumCount == 10 && p.suppression.minimumChildren == 50)
    #expect(p.maps.count == 1)
    #expect(p.maps[0].years == [2009] && p.maps[0].outlines == .gemeente && p.maps[0].level == .pc4)
    #expect(p.language == .en)
  }

  /// `formats:` in a map: a list or one name; all three by default; an unknown
  /// format names the line.
  @Test func mapFormats() throws {
    let (folder, path) = try project(
      """
      inputs:
        areas: [pc4.geojson]
      maps:
        - {name: a, level: pc4, variable: pct_reported, formats: [geojson, svg]}
        - {name: b, level: pc4, variable: pct_reported, formats: gpkg}
        - {name: c, level: pc4, variable: pct_reported}
      """)
    let p = try Project.load(file: path)
    #expect(p.maps.map(\.formats) == [[.geojson, .svg], [.gpkg], [.geojson, .gpkg, .svg]])
    let bad = try folder.write(
      "bad.yaml",
      """
      inputs:
        areas: [pc4.geojson]
      maps:
        - name: a
          level: pc4
          variable: pct_reported
          formats: [geojson, shp]
      """)
    let error = try #require(throws: UserError.self) { try Project.load(file: bad) }
    #expect(
      error.message.contains("map format \"shp\" is not geojson, gpkg, svg or a GDAL vector driver")
    )
    #expect(error.location == "line 7")
  }

  @Test func unknownKeyNamesFileLineAndKey() throws {
    let (folder, path) = try project(
      """
      inputs:
        areas: [pc4.geojson]
        reprots: reports.csv
      """)
    let error = try #require(throws: UserError.self) { try Project.load(file: path) }
    #expect(error.source == path)
    #expect(error.location == "line 3")
    #expect(
      error.message.hasPrefix("unknown key \"inputs.reprots\"; known keys here: areas, reports"))
    withExtendedLifetime(folder) {}
  }

  @Test func missingFileAndTypeErrorsAreReportedBeforeWork() throws {
    let (folder1, missing) = try project(
      """
      inputs:
        areas: [pc4.geojson]
        population: population.csv
      """)
    let e1 = try #require(throws: UserError.self) { try Project.load(file: missing) }
    #expect(e1.location == "line 3")
    #expect(e1.message.contains("no such file") && e1.message.contains("population.csv"))

    let (folder2, typed) = try project(
      """
      inputs:
        areas: [pc4.geojson]
      analyses:
        spatial:
          permutations: many
      """)
    let e2 = try #require(throws: UserError.self) { try Project.load(file: typed) }
    #expect(
      e2.description.hasSuffix(
        "line 5: analyses.spatial.permutations: expected a whole number, found \"many\""))
    withExtendedLifetime((folder1, folder2)) {}
  }

  @Test func invalidYAMLSaysWhere() throws {
    let (folder, path) = try project("inputs:\n  areas: [pc4.geojson\n")
    let error = try #require(throws: UserError.self) { try Project.load(file: path) }
    #expect(error.message.hasPrefix("not valid YAML: line"))
    withExtendedLifetime(folder) {}
  }

  /// Wijk- en Buurtkaart inputs in the project: levels wijk and buurt, and a file
  /// with its layer and key, as `--layer` and `--key`.
  @Test func wijkLevelInputsWithLayerAndKey() throws {
    let (folder, path) = try project(
      """
      inputs:
        areas:
          wijk: {path: kaart.gpkg, layer: wijken, key: wijkcode}
          buurt: kaart.gpkg
        indicators:
          - {path: kaart.gpkg, level: wijk, layer: wijken}
        reports: [veiligthuisregio=reports.csv]
      """, files: ["kaart.gpkg", "reports.csv"])
    let p = try Project.load(file: path)
    let areas = p.inputs.areas.sorted { $0.level! < $1.level! }
    #expect(
      areas == [
        TableInput(path: folder.path("kaart.gpkg"), level: .buurt),
        TableInput(path: folder.path("kaart.gpkg"), level: .wijk, layer: "wijken", key: "wijkcode"),
      ])
    #expect(
      p.inputs.indicators == [
        TableInput(path: folder.path("kaart.gpkg"), level: .wijk, layer: "wijken")
      ])
    #expect(p.inputs.reports.first?.level == .veiligthuisregio)
    #expect(p.analyses.correlationLevels == [.gemeente, .wijk, .buurt, .pc4])
    // A level that is none: the line and the levels there are.
    let (badFolder, bad) = try project(
      "inputs:\n  areas: {wjik: kaart.gpkg}\n", files: ["kaart.gpkg"])
    #expect {
      try Project.load(file: bad)
    } throws: { error in
      "\(error)".contains("level must be one of pc6, pc4, buurt, wijk, gemeente")
    }
    _ = badFolder
  }
}
