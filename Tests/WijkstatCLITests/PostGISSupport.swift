import Foundation
import Testing
import WijkstatTestSupport

/// The throwaway PostgreSQL 15 + PostGIS 3 server of `scripts/with-postgis.sh`
/// (which `scripts/test.sh` runs the suite beside): it exports libpq's PGHOST,
/// PGPORT, PGUSER, PGPASSFILE and WIJKSTAT_TEST_POSTGIS=1. Without it the
/// database tests skip with a message, and fail under CI=true.
enum PostGIS {
  static let environment = ProcessInfo.processInfo.environment
  /// The superuser's password (from the server's .pgpass), to check it never
  /// appears in wijkstat's output.
  static let password = environment["WIJKSTAT_TEST_PGPASSWORD"] ?? ""

  /// Whether the server is there; records a failure under CI when it is not.
  static func ready(_ test: String = #function) -> Bool {
    if environment["WIJKSTAT_TEST_POSTGIS"] == "1", environment["PGHOST"] != nil { return true }
    if environment["CI"] == "true" {
      Issue.record(
        "no PostgreSQL/PostGIS test server: run the suite through scripts/test.sh (scripts/with-postgis.sh)"
      )
    } else {
      print(
        "skipped \(test): no PostgreSQL/PostGIS test server (run bash scripts/test.sh, or scripts/with-postgis.sh swift test)"
      )
    }
    return false
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs a program with the test server's environment (plus `extra`).
  @discardableResult
  static func tool(
    _ program: String, _ arguments: [String], extra: [String: String] = [:],
    allowFailure: Bool = false,
    input: String? = nil
  ) throws -> CommandResult {
    let result = try ChildProcess.run(
      URL(fileURLWithPath: program), arguments, environment: environment.merging(extra) { $1 },
      input: input)
    if result.status != 0, !allowFailure {
      throw Failure(description: "\(program) \(arguments.joined(separator: " ")): \(result.stderr)")
    }
    return result
  }

  /// `psql` on `database`: the rows of the last statement, `|`-separated.
  @discardableResult
  static func sql(_ database: String, _ statements: String, user: String? = nil) throws -> [String]
  {
    // A long statement goes through stdin (an argument has a size limit).
    let long = statements.utf8.count > 100_000
    var arguments =
      ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database]
      + (long ? [] : ["-c", statements])
    if let user { arguments += ["-U", user] }
    let result = try tool("/usr/bin/psql", arguments, input: long ? statements : nil)
    return result.stdout.split(separator: "\n").map(String.init)
  }

  /// A new database (with PostGIS unless `postgis` is false), dropped by `drop`.
  static func createDatabase(_ prefix: String, postgis: Bool = true) throws -> String {
    let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    try sql("postgres", "CREATE DATABASE \"\(name)\"")
    if postgis { try sql(name, "CREATE EXTENSION postgis") }
    return name
  }

  static func drop(_ database: String) {
    _ = try? sql("postgres", "DROP DATABASE IF EXISTS \"\(database)\" WITH (FORCE)")
  }

  /// Loads a file into `schema.table` with ogr2ogr (GDAL's own copy; CSV
  /// columns typed from their values, geometries as they are in the file).
  static func load(_ file: String, into database: String, table: String, options: [String] = [])
    throws
  {
    let csv = file.hasSuffix(".csv")
    try tool(
      "/usr/bin/ogr2ogr",
      [
        "-f", "PostgreSQL", "PG:dbname=\(database)", file, "-nln", table, "-lco",
        "GEOMETRY_NAME=geom",
      ]
        + (csv ? ["-oo", "AUTODETECT_TYPE=YES"] : []) + options)
  }

  /// The demo inputs in schema `bron` of a new database: `bron.pc4`,
  /// `bron.gemeenten`, `bron.meldingen`, `bron.kinderen`, `bron.indicatoren_pc4`,
  /// `bron.indicatoren_gemeente`, `bron.achterstandswijken`.
  static func demoDatabase(_ prefix: String) throws -> String {
    let database = try createDatabase(prefix)
    try sql(database, "CREATE SCHEMA bron")
    let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo").path
    for (file, table) in [
      ("pc4.geojson", "pc4"), ("gemeenten.geojson", "gemeenten"), ("meldingen.csv", "meldingen"),
      ("kinderen.csv", "kinderen"), ("indicatoren-pc4.csv", "indicatoren_pc4"),
      ("indicatoren-gemeente.csv", "indicatoren_gemeente"),
      ("achterstandswijken.csv", "achterstandswijken"),
    ] {
      try load("\(demo)/\(file)", into: database, table: "bron.\(table)")
    }
    return database
  }

  /// The demo project (data/demo/wijkstat.yaml) with its `inputs:` replaced and
  /// its map paths made absolute, written into `folder`.
  static func demoProject(inputs: String, in folder: URL, extra: String = "") throws -> URL {
    let root = Wijkstat.packageRoot
    var text = try String(
      contentsOf: root.appendingPathComponent("data/demo/wijkstat.yaml"), encoding: .utf8)
    let start = try #require(text.range(of: "\ninputs:"))
    let end = try #require(text.range(of: "\nregions:"))
    text.replaceSubrange(start.lowerBound..<end.lowerBound, with: "\n" + inputs)
    text = text.replacingOccurrences(
      of: "../../maps/", with: root.appendingPathComponent("maps").path + "/")
    text += extra
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("wijkstat.yaml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  static func temporaryFolder(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-\(name)-\(UUID().uuidString.prefix(8))")
  }

  /// A new empty folder for one test's outputs (the caller removes it). Never
  /// /tmp itself: an output written straight into /tmp makes /tmp the output
  /// folder, whose lock any other wijkstat process writing there holds at times,
  /// and the command then stops with status 75 ("another wijkstat command is
  /// writing to this folder").
  static func outputFolder(_ name: String) throws -> URL {
    let folder = PostGIS.temporaryFolder(name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
    return folder
  }

  /// The error lines of a command's stderr (warnings of the analyses may come before them).
  static func errors(_ stderr: String) -> [Substring] {
    stderr.split(separator: "\n").filter { !$0.hasPrefix("wijkstat: warning: ") }
  }

  /// Every regular file under `folder`, relative paths.
  static func files(in folder: URL) throws -> [String] {
    (FileManager.default.subpaths(atPath: folder.path) ?? []).filter { path in
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(
        atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
        && !isDirectory.boolValue
    }.sorted()
  }
}
