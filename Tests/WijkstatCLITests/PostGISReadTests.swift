import Foundation
import Testing
import WijkstatTestSupport

/// Inputs from a real PostgreSQL 15 + PostGIS 3 server (issue 20): the demo
/// project read from a table, a view and a query gives the same outputs as the
/// same data from files; errors are one line naming server and database, never
/// the password.
@Suite(.serialized) struct PostGISReadTests {
  /// The demo data loaded with ogr2ogr into schema `bron`, read back through
  /// every kind of relation: boundaries from a table (pc4) and a view
  /// (gemeenten), reports from a query, the other tables from tables. The
  /// connection string carries the password itself, so the test also shows it
  /// reaches no published file and no message.
  @Test func demoFromPostGISGivesTheFileRunsOutputs() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.demoDatabase("wijkstat_read")
    defer { PostGIS.drop(database) }
    try PostGIS.sql(database, "CREATE VIEW bron.gemeenten_v AS SELECT * FROM bron.gemeenten")
    let pg = "PG:dbname=\(database) password=\(PostGIS.password)"
    let folder = PostGIS.temporaryFolder("pg-read")
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = try PostGIS.demoProject(
      inputs: """
        inputs:
          areas:
            pc4: {path: "\(pg)", layer: bron.pc4}
            gemeente: {path: "\(pg)", layer: bron.gemeenten_v}
          reports: [{path: "\(pg)", layer: "SELECT area, year, age_group, count FROM bron.meldingen ORDER BY ogc_fid"}]
          population: [{path: "\(pg)", layer: bron.kinderen}]
          indicators:
            pc4: {path: "\(pg)", layer: bron.indicatoren_pc4}
            gemeente: {path: "\(pg)", layer: bron.indicatoren_gemeente}
          achterstand: [{path: "\(pg)", layer: bron.achterstandswijken}]

        """, in: folder)
    let out = folder.appendingPathComponent("out")
    let result = try Wijkstat.run(["run", project.path, "--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    let reference = try RunCommandTests.first.get()  // the same project from data/demo's files

    // The tables, the panel and the maps' data are byte for byte the files' run.
    let compared = try PostGIS.files(in: reference).filter {
      $0.hasPrefix("tables/") || $0 == "panel.gpkg" || $0.hasSuffix(".geojson")
        || $0.hasSuffix(".gpkg")
    }
    #expect(compared.count > 30)
    for path in compared {
      let a = try Data(contentsOf: reference.appendingPathComponent(path))
      let b = try Data(contentsOf: out.appendingPathComponent(path))
      #expect(a == b, "\(path) differs between the file and the PostGIS run")
    }
    // The legends differ only in naming the sources: the database, not a file.
    let legend = try String(
      contentsOf: out.appendingPathComponent("maps/kaart-1-pct-gemeld-pc4.legend.json"),
      encoding: .utf8)
    #expect(legend.contains("PostgreSQL database \(database)"))
    #expect(!legend.contains("meldingen.csv"))
    // QA Q9 (session 6): each source names its table or query, once.
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(legend.utf8)) as? [String: Any])
    let sources = try #require((object["provenance"] as? [String: Any])?["sources"] as? [String])
    #expect(Set(sources).count == sources.count, "\(sources)")
    #expect(sources.contains("PostgreSQL database \(database), table bron.pc4"), "\(sources)")
    let query = "SELECT area, year, age_group, count FROM bron.meldingen ORDER BY ogc_fid"
    let digest = String(try PostGIS.tool("/usr/bin/sha256sum", [], input: query).stdout.prefix(12))
    let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    for name in [
      "table bron.pc4", "table bron.gemeenten_v", "table bron.kinderen",
      "table bron.indicatoren_pc4", "query \(digest)",
    ] {
      #expect(
        report.contains("PostgreSQL database \(database), \(name)"),
        "report.html should name \(name)")
    }
    // Only the reports input has its digest withheld (the others, from a database, have none).
    let withheld =
      report.components(separatedBy: "afgeschermd (bevat meldingen)").count
      + report.components(separatedBy: "withheld (holds report counts)").count - 2
    #expect(withheld == 1)

    // The password is in no file and no message (stderr names the sources).
    #expect(!PostGIS.password.isEmpty)
    #expect(!result.stderr.contains(PostGIS.password))
    #expect(result.stderr.contains("password=***"))
    for path in try PostGIS.files(in: out) {
      let bytes = try Data(contentsOf: out.appendingPathComponent(path))
      #expect(bytes.range(of: Data(PostGIS.password.utf8)) == nil, "the password is in \(path)")
    }
  }

  /// Runs `inspect` on a PostGIS source and returns its status and stderr.
  func inspect(_ source: String, layer: String = "bron.pc4") throws -> CommandResult {
    try Wijkstat.run(["inspect", source, "--layer", layer])
  }

  /// Each failure is one line on stderr, exit 1, naming the server (the socket
  /// folder of the test server) and the database, and never the password.
  @Test func connectionErrorsAreOneLineWithoutThePassword() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.demoDatabase("wijkstat_errors")
    let bare = try PostGIS.createDatabase("wijkstat_nopostgis", postgis: false)
    defer {
      PostGIS.drop(database)
      PostGIS.drop(bare)
    }
    let host = PostGIS.environment["PGHOST"] ?? ""
    let secret = "Geheim-7;--zz"
    try PostGIS.sql(
      database,
      "CREATE ROLE lezer_\(database.suffix(8)) LOGIN PASSWORD 'Lees-\(database.suffix(8))'; GRANT USAGE ON SCHEMA bron TO lezer_\(database.suffix(8))"
    )
    defer {
      _ = try? PostGIS.sql(
        "postgres",
        "DROP OWNED BY lezer_\(database.suffix(8)); DROP ROLE lezer_\(database.suffix(8))")
    }

    func check(_ result: CommandResult, mentions: [String], password: String, _ what: String) {
      #expect(result.status == 1, "\(what): \(result.stderr)")
      let lines = result.stderr.split(separator: "\n")
      #expect(lines.count == 1, "\(what): \(result.stderr)")
      let line = String(lines.first ?? "")
      #expect(line.hasPrefix("wijkstat: error: "), "\(what): \(line)")
      for text in mentions { #expect(line.contains(text), "\(what): \(line) should name \(text)") }
      #expect(!line.contains(password), "\(what): \(line)")
      #expect(!line.contains(PostGIS.password), "\(what): \(line)")
    }
    // The server is down: nothing listens on that socket folder.
    let down = try inspect(
      "PG:host=/tmp/wijkstat-no-server dbname=\(database) password='\(secret)'")
    check(
      down, mentions: ["/tmp/wijkstat-no-server", "database \"\(database)\"", "not running"],
      password: secret, "server down")
    // A database that does not exist.
    let wrong = try inspect("PG:dbname=nosuchdb_\(database.suffix(8))")
    check(
      wrong, mentions: [host, "nosuchdb_\(database.suffix(8))", "does not exist"], password: secret,
      "wrong database")
    // A wrong password, given in the string.
    let refused = try inspect("PG:dbname=\(database) password='\(secret)'")
    check(
      refused, mentions: [host, database, "password authentication failed"], password: secret,
      "wrong password")
    #expect(refused.stderr.contains("password=***"))
    // No PostGIS in the database.
    let noPostGIS = try inspect("PG:dbname=\(bare)")
    check(
      noPostGIS, mentions: [host, bare, "no PostGIS extension"], password: secret, "no PostGIS")
    // A role without the right to read the table.
    let role = "lezer_\(database.suffix(8))"
    let denied = try inspect(
      "PG:dbname=\(database) user=\(role) password=Lees-\(database.suffix(8))")
    check(
      denied, mentions: [host, database, "permission denied for table pc4"],
      password: "Lees-\(database.suffix(8))", "no permission")
    // A table that is not there, and a query that fails.
    let missing = try inspect("PG:dbname=\(database)", layer: "bron.nothere")
    check(missing, mentions: [database, "bron.nothere"], password: secret, "missing table")
    let badQuery = try inspect("PG:dbname=\(database)", layer: "SELECT nonsense FROM bron.pc4")
    check(
      badQuery, mentions: [database, "column \"nonsense\" does not exist"], password: secret,
      "bad query")
    // A table input from PostgreSQL needs a table name.
    let folder = try PostGIS.outputFolder("unnamed")
    defer { try? FileManager.default.removeItem(at: folder) }
    let unnamed = try Wijkstat.run([
      "join", "--areas", "pc4=PG:dbname=\(database)", "--layer", "pc4=bron.pc4", "--reports",
      "PG:dbname=\(database)",
      "--out", folder.appendingPathComponent("panel.csv").path, "-q",
    ])
    #expect(unnamed.status == 1)
    #expect(unnamed.stderr.contains("name the table, view or query"))
  }

  /// A libpq service file (PGSERVICEFILE) names host, port and database; the
  /// password comes from the .pgpass file (PGPASSFILE), so the connection string
  /// is just `PG:service=…`. The environment's PGDATABASE (postgres, without the
  /// demo tables) loses to the service, as libpq orders them.
  @Test func aServiceFileAndPgpassAreEnough() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.demoDatabase("wijkstat_service")
    defer { PostGIS.drop(database) }
    let folder = PostGIS.temporaryFolder("pg-service")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("pg_service.conf")
    try """
    [wijkstat_demo]
    host=\(PostGIS.environment["PGHOST"] ?? "")
    port=\(PostGIS.environment["PGPORT"] ?? "5432")
    dbname=\(database)

    [wijkstat_missing]
    host=\(PostGIS.environment["PGHOST"] ?? "")
    dbname=nosuch_\(database.suffix(8))

    """.write(to: file, atomically: true, encoding: .utf8)
    #expect(PostGIS.environment["PGDATABASE"] == "postgres")
    let ok = try PostGIS.tool(
      Wijkstat.executable.path, ["inspect", "PG:service=wijkstat_demo", "--layer", "bron.pc4"],
      extra: ["PGSERVICEFILE": file.path], allowFailure: true)
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stdout.contains("352 features"))
    let missing = try PostGIS.tool(
      Wijkstat.executable.path, ["inspect", "PG:service=wijkstat_missing", "--layer", "bron.pc4"],
      extra: ["PGSERVICEFILE": file.path], allowFailure: true)
    #expect(missing.status == 1)
    #expect(
      missing.stderr.contains(
        "(service wijkstat_missing), database \"nosuch_\(database.suffix(8))\": database \"nosuch_\(database.suffix(8))\" does not exist"
      ), "\(missing.stderr)")
    #expect(PostGIS.errors(missing.stderr).count == 1)
  }

  /// The connection string's parts for messages, and its redaction.
  @Test func connectionStringsAreRedacted() throws {
    // Checked through `inspect`'s first output line, which names the source.
    guard PostGIS.ready() else { return }
    let database = try PostGIS.demoDatabase("wijkstat_redact")
    defer { PostGIS.drop(database) }
    let result = try inspect(
      "PG:dbname=\(database) password='\(PostGIS.password)' application_name=x")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("PG:dbname=\(database) password=*** application_name=x\n"))
    #expect(!result.stdout.contains(PostGIS.password))
    #expect(result.stdout.contains("key       pc4 → pc4; 0 duplicate"))
    #expect(result.stdout.contains("352 features"))
  }
}
