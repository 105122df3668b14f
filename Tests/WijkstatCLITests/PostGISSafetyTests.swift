import Foundation
import Testing

/// Issue 20 after the session-6 hostile test (/work/notes/s6-qa.md): secrets of
/// every connection-string form stay out of every line (Q1, Q2, Q12), input
/// connections cannot write (Q3), `--layer` per option (Q4), rows of a
/// database table named by their key (Q8), messages name the right database
/// (Q10), a forged manifest row drops nothing (Q15), and the small ones (Q11).
@Suite(.serialized) struct PostGISSafetyTests {
  static let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo").path

  /// Secrets on the command line are not echoed by usage errors, which exit 64
  /// before any input is read; no server is needed (nothing is opened).
  @Test func usageErrorsNeverEchoASecret() throws {
    let secret = "S3cr3tPw9-usage"
    let folder = try PostGIS.outputFolder("usage")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("panel.csv").path
    func check(_ arguments: [String], status: Int32 = 64, mentions: [String], _ what: String) throws
    {
      let result = try Wijkstat.run(arguments)
      #expect(result.status == status, "\(what): \(result.stderr)")
      #expect(
        !result.stderr.contains(secret) && !result.stdout.contains(secret),
        "\(what): \(result.stderr)")
      for text in mentions {
        #expect(result.stderr.contains(text), "\(what): \(result.stderr) should say \(text)")
      }
    }
    // Q2: a misspelt level before a PG string: 64, naming the levels, no password.
    try check(
      [
        "join", "--areas", "bogus=PG:dbname=gis user=alice password=\(secret)", "--reports",
        "pc4=\(Self.demo)/meldingen.csv", "--out", out,
      ],
      mentions: ["\"bogus\" is not a level", "pc6, pc4", "password=***"], "unknown level before PG:"
    )
    try check(
      [
        "join", "--areas", "pc4=\(Self.demo)/pc4.geojson", "--reports",
        "bogus=\(Self.demo)/meldingen.csv", "--out", out,
      ],
      mentions: ["--reports bogus=", "\"bogus\" is not a level"], "unknown level before a file")
    // Q2: ArgumentParser's own echo of an option value.
    try check(
      [
        "join", "--areas", "pc4=\(Self.demo)/pc4.geojson", "--reports",
        "\(Self.demo)/meldingen.csv",
        "--out", "PG:dbname=gis user=alice password=\(secret)",
      ],
      mentions: ["--out PG:dbname=gis user=alice password=***"], "--out PG:…")
    try check(
      [
        "run", "--out", folder.appendingPathComponent("run").path, "--publish",
        "PG:postgresql://alice:\(secret)@db.example/gis",
      ],
      mentions: ["--publish needs --schema"], "--publish URI without --schema")
    try check(
      [
        "run", "--out", folder.appendingPathComponent("run").path, "--publish",
        "postgresql://alice:\(secret)@db/gis", "--schema", "s",
      ],
      mentions: ["--publish takes a PostgreSQL connection"], "--publish without PG:")
    // Q4 / Q11: a second --layer for the same inputs, and `--layer =x`.
    try check(
      [
        "join", "--areas", "pc4=PG:dbname=gis", "--layer", "pc4=m_frac", "--layer",
        "pc4=bron.m_frac", "--reports", "pc4=PG:dbname=gis", "--out", out,
      ],
      mentions: ["a second value for the same inputs (the first was m_frac)"], "--layer twice")
    try check(
      [
        "join", "--areas", "PG:dbname=gis", "--layer", "=x", "--reports",
        "\(Self.demo)/meldingen.csv", "--out", out,
      ],
      mentions: ["--layer =x: give NAME"], "--layer =x")
    try check(
      [
        "join", "--areas", "pc4=PG:dbname=gis", "--layer", "reports.nowhere=x", "--reports",
        "\(Self.demo)/meldingen.csv", "--out", out,
      ],
      mentions: ["\"nowhere\" is not a level"], "--layer OPTION.bad=")
  }

  /// A connection that cannot be made (no server on that socket folder): the
  /// progress lines and the error name the source without any secret, for
  /// every form (Q1 URI `?password=`, Q12 quoted with escapes, `sslpassword`),
  /// and the error names the URI's database (Q10). No server needed.
  @Test func failedConnectionsNeverEchoASecret() throws {
    let folder = try PostGIS.outputFolder("noserver")
    defer { try? FileManager.default.removeItem(at: folder) }
    let socket = "/tmp/wijkstat-no-server-\(UUID().uuidString.prefix(6))"
    let encoded = socket.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    let sources = [
      "PG:postgresql:///wijkdb?host=\(socket)&user=alice&password=S3cr-uri-query",
      "PG:postgresql://alice:S3cr-uri-user@\(encoded)/wijkdb",
      #"PG:host=\#(socket) dbname=wijkdb user=carol password='Q9 S3cr\'yz\\w'"#,
      "PG:host=\(socket) dbname=wijkdb sslpassword=S3crCertKey1",
    ]
    for source in sources {
      let result = try Wijkstat.run([
        "join", "--areas", "pc4=\(source)", "--layer", "bron.pc4", "--reports",
        "\(Self.demo)/meldingen.csv",
        "--out", folder.appendingPathComponent("panel.csv").path,
      ])
      #expect(result.status == 1, "\(source): \(result.stderr)")
      #expect(!result.stderr.contains("S3cr"), "\(source): \(result.stderr)")
      #expect(result.stderr.contains("reading boundaries PG:"), "\(source): \(result.stderr)")
      #expect(result.stderr.contains("database \"wijkdb\""), "\(source): \(result.stderr)")
      #expect(result.stderr.contains("socket \(socket)"), "\(source): \(result.stderr)")
      #expect(result.stderr.contains("not running"), "\(source): \(result.stderr)")
    }
  }

  /// A map whose table name PostgreSQL cannot take (70 bytes > 63) stops a
  /// `run --publish` before any input is read or the folder is made, not after
  /// the whole run (QA Q16, aside). No server needed: names come first.
  @Test func mapNamesAreCheckedBeforeTheRun() throws {
    let folder = try PostGIS.outputFolder("pg-mapname")
    defer { try? FileManager.default.removeItem(at: folder) }
    let name = String(repeating: "k", count: 70)
    let project = folder.appendingPathComponent("wijkstat.yaml")
    try """
    title: lange naam
    inputs:
      areas: {pc4: \(Self.demo)/pc4.geojson}
      reports: [\(Self.demo)/meldingen.csv]
      population: [\(Self.demo)/kinderen.csv]
    years: [2009]
    maps:
      - {name: \(name), level: pc4, variable: pct_reported}

    """.write(to: project, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("out")
    let result = try Wijkstat.run([
      "run", project.path, "--out", out.path, "--publish",
      "PG:host=/tmp/wijkstat-no-server dbname=x", "--schema", "s",
    ])
    #expect(result.status == 1)
    #expect(PostGIS.errors(result.stderr).count == 1, "\(result.stderr)")
    #expect(
      result.stderr.contains("cannot publish map \"\(name)\": its table name is 70 bytes long"),
      "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  /// Against the server: a working connection in every secret-bearing form reads
  /// the data and prints no secret (Q1, Q12); a wrong URI password names the
  /// URI's database (Q10).
  @Test func workingConnectionsNeverEchoASecret() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.demoDatabase("wijkstat_secret")
    let suffix = String(database.suffix(8))
    let alice = "alice_\(suffix)"
    let carol = "carol_\(suffix)"
    defer {
      PostGIS.drop(database)
      for role in [alice, carol] { _ = try? PostGIS.sql("postgres", "DROP ROLE IF EXISTS \(role)") }
    }
    let folder = try PostGIS.outputFolder("secret")
    defer { try? FileManager.default.removeItem(at: folder) }
    let alicePassword = "S3cr3tPw9-\(suffix)"
    // carol's password holds a quote, a backslash and a space: Q9 x'yz\w…
    let carolPassword = #"Q9 x'yz\w-"# + suffix
    try PostGIS.sql(
      database,
      """
      CREATE ROLE \(alice) LOGIN PASSWORD '\(alicePassword)'; CREATE ROLE \(carol) LOGIN PASSWORD '\(carolPassword.replacingOccurrences(of: "'", with: "''"))';
      GRANT USAGE ON SCHEMA bron TO \(alice), \(carol); GRANT SELECT ON ALL TABLES IN SCHEMA bron TO \(alice), \(carol)
      """)
    let host = PostGIS.environment["PGHOST"] ?? ""
    let encodedHost = host.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    // libpq's quoting of carol's password: '…' with \' and \\.
    let carolQuoted =
      "'"
      + carolPassword.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
        of: "'", with: "\\'") + "'"
    let sources = [
      "PG:postgresql:///\(database)?host=\(encodedHost)&user=\(alice)&password=\(alicePassword)",
      "PG:postgresql://\(alice):\(alicePassword)@\(encodedHost)/\(database)",
      "PG:dbname=\(database) user=\(carol) password=\(carolQuoted)",
    ]
    for source in sources {
      let out = folder.appendingPathComponent("panel.csv")
      defer { try? FileManager.default.removeItem(at: out) }
      let result = try Wijkstat.run([
        "join", "--areas", "pc4=\(source)", "--layer", "bron.pc4", "--reports",
        "\(Self.demo)/meldingen.csv",
        "--population", "\(Self.demo)/kinderen.csv", "--out", out.path,
      ])
      #expect(result.status == 0, "\(source): \(result.stderr)")
      #expect(result.stderr.contains("reading boundaries PG:"), "\(result.stderr)")
      for secret in [
        alicePassword, carolPassword, String(carolQuoted.dropFirst().dropLast()), "Q9 x",
      ] {
        #expect(!result.stderr.contains(secret), "\(source): \(result.stderr)")
        #expect(!(try String(contentsOf: out, encoding: .utf8)).contains(secret))
      }
      let inspect = try Wijkstat.run(["inspect", source, "--layer", "bron.pc4"])
      #expect(inspect.status == 0, "\(inspect.stderr)")
      #expect(inspect.stdout.contains("352 features"))
      #expect(
        !inspect.stdout.contains(alicePassword) && !inspect.stdout.contains("Q9 x"),
        "\(inspect.stdout)")
      // GDAL's own debug lines (CPL_DEBUG=ON) name the dataset whole; GDAL masks
      // only `password=` there, not a URI's user:password@.
      let debug = try PostGIS.tool(
        Wijkstat.executable.path, ["inspect", source, "--layer", "bron.pc4"],
        extra: ["CPL_DEBUG": "ON"], allowFailure: true)
      #expect(
        debug.status == 0 && debug.stderr.contains("GDALClose(PG:"), "\(debug.stderr.prefix(500))")
      #expect(
        !debug.stderr.contains(alicePassword) && !debug.stderr.contains("Q9 x"),
        "\(debug.stderr.prefix(2000))")
    }
    // Q10: a wrong password in a URI names the URI's database, not PGDATABASE's.
    let wrong = try Wijkstat.run([
      "inspect", "PG:postgresql://\(alice):Wr0ngPw-\(suffix)@\(encodedHost)/\(database)", "--layer",
      "bron.pc4",
    ])
    #expect(wrong.status == 1)
    #expect(wrong.stderr.contains("database \"\(database)\""), "\(wrong.stderr)")
    #expect(wrong.stderr.contains("password authentication failed"), "\(wrong.stderr)")
    #expect(!wrong.stderr.contains("Wr0ngPw"), "\(wrong.stderr)")
  }

  /// Q3: an input query that tries to write fails with one line and changes
  /// nothing: the connection's transactions are read-only.
  @Test func inputQueriesCannotWrite() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.demoDatabase("wijkstat_readonly")
    defer { PostGIS.drop(database) }
    let folder = try PostGIS.outputFolder("ro")
    defer { try? FileManager.default.removeItem(at: folder) }
    try PostGIS.sql(
      database,
      "CREATE TABLE bron.victim (x int); INSERT INTO bron.victim VALUES (1); CREATE SEQUENCE bron.teller"
    )
    let pg = "PG:dbname=\(database)"
    let attempts = [
      "WITH d AS (DELETE FROM bron.victim RETURNING 1) SELECT m.* FROM bron.meldingen m, (SELECT count(*) FROM d) z",
      "SELECT m.*, nextval('bron.teller') AS n FROM bron.meldingen m",
    ]
    for query in attempts {
      let result = try Wijkstat.run([
        // The session-6 QA command (a bare NAME for the boundaries, LEVEL=NAME for the reports).
        "join", "--areas", "pc4=\(pg)", "--layer", "bron.pc4", "--reports", "pc4=\(pg)", "--layer",
        "pc4=\(query)",
        "--out", folder.appendingPathComponent("panel.csv").path, "-q",
      ])
      #expect(result.status == 1, "\(query): \(result.stderr)")
      #expect(PostGIS.errors(result.stderr).count == 1, "\(result.stderr)")
      #expect(result.stderr.contains("in a read-only transaction"), "\(result.stderr)")
    }
    #expect(try PostGIS.sql(database, "SELECT count(*) FROM bron.victim") == ["1"])
    #expect(
      try PostGIS.sql(database, "SELECT last_value || ':' || is_called FROM bron.teller") == [
        "1:false"
      ])
  }

  /// Q4: the README's join (`--layer pc4=` for the boundaries, `--layer
  /// reports=` for the reports table of the same database) gives the file
  /// join's panel; Q8: a bad row names the table and the row's key; Q11: a
  /// table called `with x` is a table, duplicate keys in a database boundary
  /// table are an error, and the lookup can come from the database.
  @Test func joinExampleRowNamesAndSmallOnes() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.demoDatabase("wijkstat_join")
    defer { PostGIS.drop(database) }
    let pg = "PG:dbname=\(database)"
    let folder = try PostGIS.outputFolder("pg-join")
    defer { try? FileManager.default.removeItem(at: folder) }
    let fromPG = try Wijkstat.run([
      "join", "--areas", "pc4=\(pg)", "--layer", "pc4=bron.pc4", "--reports", "pc4=\(pg)",
      "--layer", "reports=bron.meldingen",
      "--population", "\(Self.demo)/kinderen.csv", "--out",
      folder.appendingPathComponent("pg.csv").path, "-q",
    ])
    #expect(fromPG.status == 0, "\(fromPG.stderr)")
    let fromFiles = try Wijkstat.run([
      "join", "--areas", "pc4=\(Self.demo)/pc4.geojson", "--reports", "\(Self.demo)/meldingen.csv",
      "--population", "\(Self.demo)/kinderen.csv", "--out",
      folder.appendingPathComponent("files.csv").path, "-q",
    ])
    #expect(fromFiles.status == 0, "\(fromFiles.stderr)")
    let a = try String(contentsOf: folder.appendingPathComponent("pg.csv"), encoding: .utf8)
    let b = try String(contentsOf: folder.appendingPathComponent("files.csv"), encoding: .utf8)
    #expect(
      a == b && a.split(separator: "\n").count > 1000,
      "the panel from PostGIS differs from the files'")
    // A boundary file beside a database table at the same level (only the project could before).
    let mixed = try Wijkstat.run([
      "join", "--areas", "pc4=\(Self.demo)/pc4.geojson", "--reports", "pc4=\(pg)", "--layer",
      "reports=bron.meldingen",
      "--population", "\(Self.demo)/kinderen.csv", "--out",
      folder.appendingPathComponent("mixed.csv").path, "-q",
    ])
    #expect(mixed.status == 0, "\(mixed.stderr)")
    #expect(
      try String(contentsOf: folder.appendingPathComponent("mixed.csv"), encoding: .utf8) == b)

    // Q8: the row of a negative count, by the table's key.
    try PostGIS.sql(
      database,
      "CREATE TABLE bron.m_neg AS SELECT * FROM bron.meldingen; ALTER TABLE bron.m_neg ADD PRIMARY KEY (ogc_fid); UPDATE bron.m_neg SET count = -4 WHERE area = 3300 AND year = 2009 AND age_group = '0-3'"
    )
    let fid = try PostGIS.sql(database, "SELECT ogc_fid FROM bron.m_neg WHERE count = -4")
    #expect(fid.count == 1)
    let negative = try Wijkstat.run([
      "join", "--areas", "pc4=\(pg)", "--layer", "pc4=bron.pc4", "--reports", "pc4=\(pg)",
      "--layer", "reports=bron.m_neg",
      "--out", folder.appendingPathComponent("neg.csv").path, "-q",
    ])
    #expect(negative.status == 1)
    #expect(
      negative.stderr.contains(
        "PG:dbname=\(database) (table bron.m_neg, ogc_fid): ogc_fid \(fid[0]): count -4 is negative"
      ),
      "\(negative.stderr)")

    // Q11: duplicate keys in a database boundary table: which row is first is not defined.
    try PostGIS.sql(
      database,
      "CREATE TABLE bron.pc4_dup AS SELECT * FROM bron.pc4; INSERT INTO bron.pc4_dup SELECT * FROM bron.pc4 WHERE pc4 = '3302'"
    )
    let duplicate = try Wijkstat.run([
      "join", "--areas", "pc4=\(pg)", "--layer", "pc4=bron.pc4_dup", "--reports",
      "\(Self.demo)/meldingen.csv",
      "--population", "\(Self.demo)/kinderen.csv", "--out",
      folder.appendingPathComponent("dup.csv").path, "-q",
    ])
    #expect(duplicate.status == 1)
    #expect(duplicate.stderr.contains("1 key in more than one row (3302)"), "\(duplicate.stderr)")
    // Q11: a table named like a query, in the search path.
    try PostGIS.sql(database, "CREATE TABLE public.\"with x\" AS SELECT * FROM bron.pc4")
    let named = try Wijkstat.run(["inspect", pg, "--layer", "with x"])
    #expect(named.status == 0, "\(named.stderr)")
    #expect(named.stdout.contains("352 features"))
  }

  /// Q15: a forged `wijkstat_manifest` row (a foreign table, another schema's
  /// style row) makes the re-publish stop with nothing changed; without it the
  /// re-publish leaves the foreign table and every other schema's style alone,
  /// also when the manifest names another schema's style id for a real table,
  /// and when the manifest is one of before the marks (no `mark` column).
  @Test func aForgedManifestRowDropsNothing() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.createDatabase("wijkstat_forge")
    defer { PostGIS.drop(database) }
    let folder = try PostGIS.outputFolder("pg-forge")
    defer { try? FileManager.default.removeItem(at: folder) }
    // The demo project: 29 tables, 6 of them maps with a style (the count model's
    // tables and residual map among them).
    let project = try PostGISPublishTests.project(in: folder)
    let publish = ["--publish", "PG:dbname=\(database)", "--schema", "pubs"]
    try PostGIS.sql(
      database,
      "CREATE SCHEMA pubs; CREATE TABLE pubs.userdata (x int); INSERT INTO pubs.userdata VALUES (42)"
    )
    let first = try PostGISPublishTests.run(
      project, out: folder.appendingPathComponent("a"), publish)
    #expect(first.status == 0, "\(first.stderr)")
    // Someone's style for bron.pc4 and a forged manifest row naming their table and that style.
    let styleID = try PostGIS.sql(
      database,
      """
      INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, styleqml, useasdefault)
      VALUES (current_database(), 'bron', 'pc4', 'geom', 'mystyle', XMLPARSE(DOCUMENT '<qgis/>'), true) RETURNING id
      """)[0]
    // (Without the mark column, as a row of wijkstat before the marks: the same statement works on both.)
    try PostGIS.sql(
      database,
      "INSERT INTO pubs.wijkstat_manifest (table_name, kind, file, style_id, wijkstat_version, published_at) VALUES ('userdata', 'table', 'userdata.csv', \(styleID), '0.1.0', now())"
    )
    let before = try PostGISPublishTests.snapshot(database, "pubs")
    let forged = try PostGISPublishTests.run(
      project, out: folder.appendingPathComponent("b"), publish)
    #expect(forged.status == 1)
    #expect(PostGIS.errors(forged.stderr).count == 1, "\(forged.stderr)")
    #expect(
      forged.stderr.contains("lists \"userdata\", but that table does not carry wijkstat's mark"),
      "\(forged.stderr)")
    #expect(try PostGISPublishTests.snapshot(database, "pubs") == before)
    #expect(try PostGIS.sql(database, "SELECT x FROM pubs.userdata") == ["42"])

    // Without the forged row, but with a real table's style id pointing at
    // bron's style, and the manifest of before the marks: the re-publish
    // replaces wijkstat's tables only and deletes no style of bron.
    try PostGIS.sql(
      database,
      """
      DELETE FROM pubs.wijkstat_manifest WHERE table_name = 'userdata';
      UPDATE pubs.wijkstat_manifest SET style_id = \(styleID) WHERE table_name = 'rates';
      ALTER TABLE pubs.wijkstat_manifest DROP COLUMN mark
      """)
    let again = try PostGISPublishTests.run(
      project, out: folder.appendingPathComponent("c"), publish)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try PostGIS.sql(database, "SELECT x FROM pubs.userdata") == ["42"])
    #expect(
      try PostGIS.sql(database, "SELECT stylename FROM public.layer_styles WHERE id = \(styleID)")
        == ["mystyle"])
    #expect(
      try PostGIS.sql(
        database, "SELECT count(*) FROM public.layer_styles WHERE f_table_schema = 'pubs'") == ["6"]
    )
    #expect(
      try PostGIS.sql(
        database, "SELECT count(*) FROM pubs.wijkstat_manifest WHERE mark IS NOT NULL") == ["29"])
    // Every table's COMMENT ends with its manifest row's mark.
    #expect(
      try PostGIS.sql(
        database,
        "SELECT count(*) FROM pubs.wijkstat_manifest m WHERE obj_description(('pubs.' || quote_ident(m.table_name))::regclass, 'pg_class') LIKE '%[wijkstat:' || m.mark || ']'"
      ) == ["29"])
  }
}
