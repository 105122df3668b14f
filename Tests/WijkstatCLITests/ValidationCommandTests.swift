import Foundation
import Testing
import WijkstatTestSupport

/// Issue 13: every project value and every option is checked before any input
/// is read: one line, the right status (1 for a project file, 64 for the
/// command line), never a signal, never a silent default.
@Suite struct ValidationCommandTests {
  static let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo").path

  static var inputs: String {
    """
    inputs:
      areas: {pc4: \(demo)/pc4.geojson, gemeente: \(demo)/gemeenten.geojson}
      reports: [\(demo)/meldingen.csv]
      population: [\(demo)/kinderen.csv]
    """
  }

  /// Runs `wijkstat run` on a project of `inputs` + `text`; returns status and stderr.
  static func runProject(_ text: String) throws -> CommandResult {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-val-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try (inputs + "\n" + text + "\n").write(
      to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(["run", "p.yaml", "--out", "out"], in: folder)
    // Nothing was written: the value was refused before the output folder.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["p.yaml"], "\(text)")
    return result
  }

  @Test(arguments: [
    (
      "years: " + String(repeating: "[", count: 5000) + "2009"
        + String(repeating: "]", count: 5000), "brackets nested more than 32 deep"
    ),
    ("analyses: {rank: {top: -5}}", "analyses.rank.top: must be 1 to 1000000, not -5"),
    ("analyses: {rank: {bottom: 0}}", "analyses.rank.bottom: must be 1 to 1000000, not 0"),
    (
      "analyses: {spatial: {permutations: 1000000000000}}",
      "analyses.spatial.permutations: must be 0 to 99999, not 1000000000000"
    ),
    (
      "analyses: {spatial: {permutations: -1}}",
      "analyses.spatial.permutations: must be 0 to 99999, not -1"
    ),
    (
      "analyses: {spatial: {permutations: 99999999999999999999999}}",
      "analyses.spatial.permutations: expected a whole number"
    ),
    (
      "analyses: {spatial: {neighbours: 0}}", "analyses.spatial.neighbours: must be 1 to 100, not 0"
    ),
    ("analyses: {spatial: {seed: -1}}", "analyses.spatial.seed: must be 0 or more, not -1"),
    (
      "analyses: {spatial: {weights: hexagon}}",
      "weights must be queen, rook, knn or a .gal/.gwt file, not \"hexagon\""
    ),
    (
      "suppression: {minimum_count: -5}",
      "suppression.minimum_count: must be 1 or more, not -5; enabled: false turns disclosure control off"
    ),
    ("suppression: {minimum_count: 0}", "suppression.minimum_count: must be 1 or more, not 0"),
    (
      "suppression: {minimum_children: -1}",
      "suppression.minimum_children: must be 0 or more, not -1"
    ),
    ("years: [2009, 20090]", "years[1]: must be 1900 to 2100, not 20090"),
    ("language: xx", "language must be nl or en"),
    (
      "maps:\n  - {name: a, level: pc4, variable: pct_reported, classes: 0}",
      "classes must be 1 to 12, not 0"
    ),
    (
      "maps:\n  - {name: a, level: pc4, variable: pct_reported, method: nonsense}",
      "method \"nonsense\" is not one of quantiles, equal-interval, fisher-jenks"
    ),
    (
      "maps:\n  - {name: a, level: pc4, variable: pct_reported, colors: Foo}",
      "unknown colour scheme \"Foo\""
    ),
    (
      "maps:\n  - {name: a, level: pc4, variable: pct_reported, colors: Blues, classes: 12}",
      "colour scheme Blues has at most 9 classes, not 12"
    ),
    (
      "maps:\n  - {name: a, level: pc4, variable: pct_reported, formats: [png]}",
      "map format \"png\" is not geojson, gpkg, svg or a GDAL vector driver"
    ),
    (
      "maps:\n  - {name: a, level: pc4, variable: pct_reported}\n  - {name: A, level: pc4, variable: children}",
      "two maps are named \"A\""
    ),
    ("maps:\n  - {name: .x, level: pc4, variable: pct_reported}", "begins with \".\""),
    (
      "maps:\n  - {level: pc4, variable: pct_reported, method: breaks}",
      "method breaks needs breaks"
    ),
  ])
  func aMalformedProjectValueIsOneLineWithStatusOne(_ text: String, _ message: String) throws {
    let result = try Self.runProject(text)
    #expect(result.status == 1, "\(text.prefix(80)): \(result.stderr)")
    #expect(
      result.stderr.hasPrefix("wijkstat: error: p.yaml: line "), "\(result.stderr.prefix(300))")
    #expect(result.stderr.contains(message), "\(result.stderr.prefix(300))")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr.prefix(300))")
  }

  @Test func deepBlockNestingAndDashesAreRefusedToo() throws {
    var deep = "regions:\n"
    for level in 0..<40 { deep += String(repeating: "  ", count: level + 1) + "k\(level):\n" }
    deep += String(repeating: "  ", count: 41) + "x: 1\n"
    let result = try Self.runProject(deep)
    #expect(result.status == 1 && result.stderr.contains("levels"), "\(result.stderr.prefix(300))")
    let dashes = try Self.runProject("years: " + String(repeating: "- ", count: 5000) + "2009")
    #expect(
      dashes.status == 1 && dashes.stderr.split(separator: "\n").count == 1,
      "\(dashes.stderr.prefix(300))")
  }

  @Test func aMethodAliasIsAcceptedAndPublishedUnderItsName() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-alias-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Wijkstat.run(
      [
        "map", "--areas", "pc4=\(Self.demo)/pc4.geojson", "--reports", "\(Self.demo)/meldingen.csv",
        "--population",
        "\(Self.demo)/kinderen.csv", "--method", "jenks", "--format", "geojson", "--out", "out",
        "-q",
      ], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let legend = try String(
      contentsOf: folder.appendingPathComponent("out/pct_reported.legend.json"), encoding: .utf8)
    #expect(legend.contains("\"method\" : \"fisher-jenks\""))
  }

  /// Usage errors exit 64 before any input is read: the inputs named here do
  /// not exist, so reading them first would end with status 1 instead.
  @Test(arguments: [
    (
      ["map", "--method", "nonsense"],
      "The value 'nonsense' is invalid for '--method <method>'. Please provide one of the following:\n  - quantiles\n  - equal-interval\n  - fisher-jenks\n  - std-dev\n  - box\n  - breaks\n  - unique\n"
    ),
    (["map", "--colors", "Foo"], "unknown colour scheme \"Foo\""),
    (["map", "--classes", "0"], "classes must be 1 to 12, not 0"),
    (
      ["map", "--lang", "xx"],
      "The value 'xx' is invalid for '--lang <lang>'. Please provide one of 'nl' and 'en'."
    ),
    (["map", "--name", "../x"], "--name \"../x\" contains a path separator"),
    (
      ["map", "--name", "layer_styles"],
      "--name \"layer_styles\" is reserved in a GeoPackage (QGIS's style table)"
    ),
    (["map", "--name", "sqlite_master"], "--name \"sqlite_master\" is reserved in a GeoPackage"),
    (["map", "--name", "GPKG_contents"], "--name \"GPKG_contents\" is reserved in a GeoPackage"),
    (["map", "--variable", "gpkg_x"], "--variable (the default --name) \"gpkg_x\" is reserved"),
    (["map", "--format", "png"], "map format \"png\""),
    (["map", "--breaks", "1,x", "--method", "breaks"], "--breaks: \"x\" is not a number"),
    (["map", "--permutations=-1"], "--permutations must be 0 to 99999"),
    (["spatial", "--permutations=-1"], "--permutations must be 0 to 99999, not -1"),
    (["spatial", "--permutations", "-1"], "Missing value for '--permutations"),
    (
      ["spatial", "--weights", "hexagon"],
      "The value 'hexagon' is invalid for '--weights <weights>'. Please provide one of 'queen', 'rook', 'knn', 'FILE.gal' or 'FILE.gwt'."
    ),
    (
      ["rates", "--reference", "world"],
      "The value 'world' is invalid for '--reference <reference>'"
    ),
    (["rank", "--top", "0"], "--top must be 1 or more"),
    (["correlate", "--lang", "xx"], "The value 'xx' is invalid for '--lang <lang>'"),
    (["correlate", "--years", "1-1000000000"], "--years 1-1000000000"),
    (["contrast", "--minimum-count", "0"], "--minimum-count must be 1 or more"),
    (["contrast", "--within", " , "], "--within \" , \" names no gemeente"),
    (["rates", "--minimum-children=-1"], "--minimum-children must be 0 or more"),
    (["correlate", "--out", ""], "--out is empty"),
  ])
  func aUsageErrorExits64BeforeAnyInputIsRead(_ arguments: [String], _ message: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-use-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var full = arguments + ["--areas", "pc4=missing.geojson", "--reports", "missing.csv"]
    if !arguments.contains("--out") { full += ["--out", "out"] }
    let result = try Wijkstat.run(full, in: folder)
    #expect(result.status == 64, "\(arguments): \(result.stderr)")
    #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  /// A negative --examples would end the audit with a trap when it lists the
  /// first examples of a finding; it is a usage error before the folder is read.
  @Test func auditExamplesBelowZeroIsAUsageError() throws {
    let audit = try Wijkstat.run(["audit", "/nonexistent/out", "--examples=-1"])
    #expect(audit.status == 64, "\(audit.stderr)")
    #expect(audit.stderr.contains("--examples must be 0 or more, not -1"), "\(audit.stderr)")
  }

  @Test func runLangAndJoinExtensionAreUsageErrors() throws {
    let run = try Wijkstat.run(["run", "--lang", "xx", "--out", "/nonexistent/x"])
    #expect(
      run.status == 64 && run.stderr.contains("The value 'xx' is invalid for '--lang <lang>'"),
      "\(run.stderr)")
    let join = try Wijkstat.run(["join", "--reports", "missing.csv", "--out", "panel.txt"])
    #expect(
      join.status == 64 && join.stderr.contains("must end in .csv or .gpkg"), "\(join.stderr)")
  }

  /// Q16 through a project: a map named `layer_styles` is refused at its line
  /// with exit 64 before any input is read (the inputs here are not even
  /// boundary files) and no output folder is made.
  @Test func aReservedMapNameInAProjectExits64BeforeInput() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-q16-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in ["pc4.geojson", "reports.csv"] {
      try Data("x".utf8).write(to: folder.appendingPathComponent(name))
    }
    try Data(
      """
      title: Q16
      inputs:
        areas: [pc4=pc4.geojson]
        reports: reports.csv
      maps:
        - {name: layer_styles, level: pc4, variable: pct_reported}

      """.utf8
    ).write(to: folder.appendingPathComponent("project.yaml"))
    let result = try Wijkstat.run(["run", "project.yaml", "--out", "out", "-q"], in: folder)
    #expect(result.status == 64, "\(result.stderr)")
    #expect(
      result.stderr.contains("line 6")
        && result.stderr.contains(
          "map \"layer_styles\": map name \"layer_styles\" is reserved in a GeoPackage"),
      "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
  }
}
