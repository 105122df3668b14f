import Foundation
import Testing
import WijkstatCore

@testable import WijkstatIO

/// libpq connection strings (issue 20): their redaction in every form libpq
/// accepts, the server and database they name, the read-only variant, and the
/// `--layer` selectors. The expected forms follow libpq's rules (PostgreSQL 15
/// documentation, "Connection Strings", 34.1.1: keyword/value with quoting and
/// backslash escapes, URIs with percent-encoding and parameters) and the
/// session-6 QA reproductions Q1, Q2, Q10, Q12.
struct ConnectionStringTests {
  /// Each case: the text and what it must become. The secrets all contain
  /// "S3cr" or are listed, so the last check can look for any trace.
  static let cases: [(String, String)] = [
    // keyword/value
    ("PG:dbname=gis user=alice password=S3cr3tPw9", "PG:dbname=gis user=alice password=***"),
    (
      "PG:dbname=gis password = 'S3cr 3t Pw9' user=alice", "PG:dbname=gis password = *** user=alice"
    ),
    // Q12: quoted, with \' and \\ escapes; and a bare value with an escaped space.
    (
      #"PG:dbname=gis user=carol password='Q9 S3cr\'yz\\w'"#,
      "PG:dbname=gis user=carol password=***"
    ),
    (#"PG:password=S3cr\ et dbname=gis"#, "PG:password=*** dbname=gis"),
    // Q12: libpq's other secrets.
    (
      "PG:dbname=gis sslpassword=S3crCertKey1 sslkey=/k.pem",
      "PG:dbname=gis sslpassword=*** sslkey=/k.pem"
    ),
    ("PG:dbname=gis oauth_client_secret=S3crOauth", "PG:dbname=gis oauth_client_secret=***"),
    // A quote never closed: to the end.
    ("PG:dbname=gis password='S3cr et user=x", "PG:dbname=gis password=***"),
    // Q1: URIs, user:password@ and ?password= / &password=, keyword percent-encoded too.
    (
      "PG:postgresql://alice:S3cr3tPw9@%2Ftmp%2Fsock/gis",
      "PG:postgresql://alice:***@%2Ftmp%2Fsock/gis"
    ),
    (
      "PG:postgres://alice:S3cr%40Pw@db.gemeente.nl:5433/gis",
      "PG:postgres://alice:***@db.gemeente.nl:5433/gis"
    ),
    (
      "PG:postgresql:///gis?host=/tmp/x&user=alice&password=S3cr3tPw9",
      "PG:postgresql:///gis?host=/tmp/x&user=alice&password=***"
    ),
    (
      "PG:postgresql:///gis?password=S3cr3tPw9&user=alice",
      "PG:postgresql:///gis?password=***&user=alice"
    ),
    (
      "PG:postgresql:///gis?pass%77ord=S3cr3tPw9&sslmode=disable",
      "PG:postgresql:///gis?pass%77ord=***&sslmode=disable"
    ),
    (
      "PG:POSTGRESQL://alice:S3cr3tPw9@h/gis?sslpassword=S3crKey",
      "PG:POSTGRESQL://alice:***@h/gis?sslpassword=***"
    ),
    // Q2: inside other text (an option's LEVEL=, ArgumentParser's echo).
    (
      "bogus=PG:dbname=gis user=alice password=S3cr3tPw9",
      "bogus=PG:dbname=gis user=alice password=***"
    ),
    (
      "Error: --out PG:dbname=gis user=alice password=S3cr3tPw9: must end in .csv or .gpkg",
      "Error: --out PG:dbname=gis user=alice password=*** must end in .csv or .gpkg"
    ),
    (
      "cannot open \"postgresql://bob:S3cr3tPw9@host/db\": refused",
      "cannot open \"postgresql://bob:***@host/db\": refused"
    ),
  ]

  @Test func everySecretIsRedacted() {
    for (text, expected) in Self.cases {
      let redacted = ConnectionRedaction.redact(text)
      #expect(redacted == expected, "\(text)")
      #expect(!redacted.contains("S3cr"), "\(text) → \(redacted)")
      #expect(Secrets.display(text) == expected, "\(text)")
    }
  }

  /// What is no secret stays as it is.
  @Test func otherTextIsKept() {
    for text in [
      "PG:dbname=gis user=alice", "passwords are never printed",
      "mypassword=x is not a libpq keyword",
      "PG:postgresql://alice@host/gis?sslmode=require",
      "https://user:pw@example.org/ (not a PostgreSQL URI)",
      "reading reports meldingen.csv",
    ] {
      #expect(ConnectionRedaction.redact(text) == text)
    }
  }

  /// A registered password is blanked out in every spelling, also outside a
  /// connection string (a GDAL or libpq message quoting the value alone).
  @Test func registeredSecretsAreScrubbedInEverySpelling() {
    Secrets.register(source: #"PG:dbname=gis password='Qx9 uni\'que\\w'"#)
    #expect(Secrets.scrub(#"failed for Qx9 uni'que\w"#) == "failed for ***")
    #expect(Secrets.scrub(#"as typed: Qx9 uni\'que\\w"#) == "as typed: ***")
    Secrets.register(source: "pc4=PG:postgresql://u:Pct%25Uniq@h/db")
    #expect(Secrets.scrub("decoded Pct%Uniq and raw Pct%25Uniq") == "decoded *** and raw ***")
    // Too short to blank out alone (it would blank ordinary words), still
    // redacted where it stands in a connection string.
    Secrets.register(source: "PG:dbname=gis password=ab")
    #expect(Secrets.scrub("about ab") == "about ab")
    #expect(Secrets.scrub("PG:dbname=gis password=ab") == "PG:dbname=gis password=***")
  }

  /// Server and database as libpq resolves them, for URIs too (Q10).
  @Test func uriPartsNameServerAndDatabase() throws {
    let socket = try #require(
      ConnectionString("PG:postgresql://alice:pw@%2Ftmp%2Fsock:5433/gis?application_name=x"))
    #expect(socket.isURI)
    #expect(socket.database == "gis")
    #expect(socket.server == "socket /tmp/sock (port 5433)")
    #expect(socket.value("user") == "alice")
    #expect(socket.password == "pw")
    #expect(socket.value("application_name") == "x")
    let query = try #require(ConnectionString("PG:postgresql:///wijken?host=/tmp/x&password=a%26b"))
    #expect(query.database == "wijken")
    // No port in the string: libpq's PGPORT, when set (as beside the test server).
    let port = ProcessInfo.processInfo.environment["PGPORT"].map { " (port \($0))" } ?? ""
    #expect(query.server == "socket /tmp/x" + port)
    #expect(query.password == "a&b")
    let hosts = try #require(ConnectionString("PG:postgres://db1:5432,db2:5433/gis"))
    #expect(hosts.value("host") == "db1,db2")
    #expect(hosts.value("port") == "5432,5433")
    let keywords = try #require(ConnectionString("PG:host=/tmp/y dbname = 'my db' port=6000"))
    #expect(keywords.database == "my db")
    #expect(keywords.server == "socket /tmp/y (port 6000)")
  }

  /// The read-only variant keeps the user's own options and asks the server
  /// for read-only transactions (Q3).
  @Test func readOnlyConnectionStrings() throws {
    #expect(
      ConnectionString("PG:dbname=gis")?.readOnly
        == "PG:dbname=gis options='-c default_transaction_read_only=on'")
    #expect(
      ConnectionString("PG:dbname=gis options='-c search_path=bron'")?.readOnly
        == "PG:dbname=gis options='-c search_path=bron' options='-c search_path=bron -c default_transaction_read_only=on'"
    )
    #expect(
      ConnectionString("PG:postgresql:///gis")?.readOnly
        == "PG:postgresql:///gis?options=-c%20default_transaction_read_only%3Don")
    #expect(
      ConnectionString("PG:postgresql:///gis?user=a")?.readOnly
        == "PG:postgresql:///gis?user=a&options=-c%20default_transaction_read_only%3Don")
  }

  /// A row of a database table is named by its key in messages (Q8).
  @Test func databaseRowsAreNamedByTheirKey() {
    let error = UserError(
      "count -4 is negative", source: "PG:dbname=gis (table bron.m_neg, ogc_fid)",
      location: "line 7391")
    #expect(
      error.description
        == "PG:dbname=gis (table bron.m_neg, ogc_fid): ogc_fid 7391: count -4 is negative")
    let query = UserError("x", source: "PG:dbname=gis (query, row)", location: "line 3")
    #expect(query.description == "PG:dbname=gis (query, row): row 3: x")
    let file = UserError("x", source: "a.csv", location: "line 3")
    #expect(file.description == "a.csv: line 3: x")
  }

  /// Published names of database inputs name the table or the query's digest (Q9).
  @Test func publishedNamesOfDatabaseInputs() {
    let names = PublishedPaths(inputs: [], base: "/tmp")
    #expect(
      names.name("PG:dbname=gis password=x", layer: "bron.pc4")
        == "PostgreSQL database gis, table bron.pc4")
    #expect(names.name("PG:postgresql://a:b@h/wijken") == "PostgreSQL database wijken")
    // SHA-256 of the query's UTF-8 text, first 6 bytes (printf '%s' 'SELECT 1' | sha256sum).
    #expect(
      names.name("PG:dbname=gis", layer: "SELECT 1")
        == "PostgreSQL database gis, query e004ebd5b553")
  }

  /// A published text names every input relative to the project folder, or by
  /// file name outside it, wherever the input's path occurs in it (found as bytes,
  /// PublishedPaths.holds); a text without any input path is unchanged.
  @Test func scrubbedTextsNameInputsAsPublished() {
    let names = PublishedPaths(
      inputs: ["/data/project/tellingen.csv", "/elders/bevölking.csv"], base: "/data/project")
    #expect(
      names.scrub("reports /data/project/tellingen.csv: 3 rows\nfrom /elders/bevölking.csv")
        == "reports tellingen.csv: 3 rows\nfrom bevölking.csv")
    #expect(names.scrub("ends with /elders/bevölking.csv") == "ends with bevölking.csv")
    #expect(
      names.scrub("no path, /data/project/tellingen.cs") == "no path, /data/project/tellingen.cs")
    #expect(names.scrub("") == "")
    #expect(PublishedPaths.holds("abc", "abc") && !PublishedPaths.holds("ab", "abc"))
    #expect(PublishedPaths.holds("xaab", "aab") && !PublishedPaths.holds("aaxb", "aab"))
  }

  /// The lookup and the crosswalk of a project can be database tables (Q11):
  /// `{path: "PG:…", layer: …}` was read as a mapping of levels before.
  @Test func projectLookupFromADatabase() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "project.yaml",
      """
      inputs:
        areas: {pc4: {path: "PG:dbname=gis", layer: bron.pc4}}
        lookup: {path: "PG:dbname=gis", layer: bron.koppeltabel}
        crosswalk: {path: "PG:dbname=gis", layer: "SELECT old, new, weight FROM bron.omzet"}
      """)
    let project = try Project.load(file: path)
    #expect(project.inputs.lookup?.path == "PG:dbname=gis")
    #expect(project.inputs.lookup?.layer == "bron.koppeltabel")
    #expect(project.inputs.crosswalk?.layer == "SELECT old, new, weight FROM bron.omzet")
  }

  /// Which manifest rows are believed (Q15): the table's COMMENT must end with
  /// the row's mark; a row of before the marks needs the old comment and the
  /// publishing role as the table's owner.
  @Test func manifestRowsNeedTheTablesMark() {
    let comment =
      "Rates. Published by wijkstat 0.1.0 from a `wijkstat run` of \"x\" (tables/rates.csv). [wijkstat:abc-1]"
    func row(mark: String?, kind: String? = "r", owned: Bool = true, comment: String? = comment)
      -> ManifestRow
    {
      ManifestRow(
        name: "rates", styleID: nil, mark: mark, kind: kind, ownedByUser: owned, comment: comment)
    }
    #expect(row(mark: "abc-1").isWijkstats)
    #expect(!row(mark: "forged").isWijkstats)
    #expect(!row(mark: "").isWijkstats)
    #expect(!row(mark: "abc-1", kind: "v").isWijkstats)  // a view of that name
    #expect(!row(mark: "abc-1", comment: nil).isWijkstats)
    #expect(!row(mark: "abc-1", comment: "someone's table [wijkstat:abc-1] and more").isWijkstats)
    #expect(row(mark: nil).isWijkstats)  // before the marks, owned, wijkstat's comment
    #expect(!row(mark: nil, owned: false).isWijkstats)
    #expect(!row(mark: nil, comment: "the administrator's table").isWijkstats)
  }

  /// `--layer` selectors: the most specific wins; twice the same, or one that
  /// names no input, is a usage error (Q4, Q11).
  @Test func layerSelectors() throws {
    let spec = InputSpec(
      areas: [TableInput(parsing: "pc4=PG:dbname=gis")],
      reports: [TableInput(parsing: "pc4=PG:dbname=gis")],
      population: [TableInput(parsing: "kinderen.csv")],
      indicators: [
        TableInput(parsing: "pc4=PG:dbname=gis"), TableInput(parsing: "gemeente=PG:dbname=gis"),
      ])
    let chosen = try spec.choosing(
      layers: ["reports=bron.meldingen", "pc4=bron.pc4", "indicators.gemeente=bron.ind_gem"],
      keys: [])
    #expect(chosen.areas[0].layer == "bron.pc4")
    #expect(chosen.reports[0].layer == "bron.meldingen")
    #expect(chosen.indicators[0].layer == "bron.pc4")
    #expect(chosen.indicators[1].layer == "bron.ind_gem")
    #expect(chosen.population[0].layer == nil)
    // A bare NAME is the boundaries' (as areas=NAME), before LEVEL=NAME: the
    // session-6 QA command `--layer bron.pc4 --layer "pc4=WITH …"`.
    let qa = try spec.choosing(
      layers: ["pc4=WITH q AS (SELECT 1) SELECT * FROM q", "bron.pc4"], keys: [])
    #expect(qa.areas[0].layer == "bron.pc4")
    #expect(qa.reports[0].layer == "WITH q AS (SELECT 1) SELECT * FROM q")
    // A query with `=` and `.` in it is a NAME for --areas.
    let query = try InputSpec(areas: [TableInput(parsing: "PG:dbname=gis")]).choosing(
      layers: ["SELECT * FROM bron.pc4 WHERE pc4.x=1"], keys: [])
    #expect(query.areas[0].layer == "SELECT * FROM bron.pc4 WHERE pc4.x=1")
    for layers in [
      ["pc4=a", "pc4=b"], ["=x"], ["pc4="], ["reports.bogus=x"], ["achterstand=x"], ["wijk=x"],
    ] {
      let error = #expect(throws: UserError.self, "\(layers)") {
        _ = try spec.choosing(layers: layers, keys: [])
      }
      #expect(error?.isUsage == true, "\(layers)")
    }
    let key = #expect(throws: UserError.self) { _ = try spec.choosing(layers: [], keys: ["=a"]) }
    #expect(key?.isUsage == true)
  }
}
