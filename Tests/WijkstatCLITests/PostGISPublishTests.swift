import Foundation
import GDALBridge
import Testing
import WijkstatTestSupport

/// `wijkstat run --publish PG:… --schema NAME` against a real PostgreSQL 15 +
/// PostGIS 3 server (issue 20): what lands in the schema, read back by SQL and
/// by ogrinfo; re-publishing; a failure halfway; concurrent publishes; names
/// that try to inject SQL; errors.
@Suite(.serialized) struct PostGISPublishTests {
  /// The demo project on the demo files, with 19 permutations (the tests are
  /// about publishing, not the statistics).
  static func project(in folder: URL, extra: String = "") throws -> URL {
    let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo").path
    let file = try PostGIS.demoProject(
      inputs: """
        inputs:
          areas: {pc4: \(demo)/pc4.geojson, gemeente: \(demo)/gemeenten.geojson}
          reports: [\(demo)/meldingen.csv]
          population: [\(demo)/kinderen.csv]
          indicators: {pc4: \(demo)/indicatoren-pc4.csv, gemeente: \(demo)/indicatoren-gemeente.csv}
          achterstand: [\(demo)/achterstandswijken.csv]

        """, in: folder, extra: extra)
    let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
      of: "permutations: 999", with: "permutations: 19")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  static func run(_ project: URL, out: URL, _ publish: [String]) throws -> CommandResult {
    try Wijkstat.run(["run", project.path, "--out", out.path, "-q"] + publish)
  }

  /// The tables of a schema (relkind r), sorted.
  static func tables(_ database: String, _ schema: String) throws -> [String] {
    try PostGIS.sql(
      database,
      "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(literal(schema)) AND c.relkind = 'r' ORDER BY 1"
    )
  }

  static func literal(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }
  static func identifier(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Everything that identifies the schema's state: each relation with its oid
  /// (a dropped and re-created table has a new one), wijkstat's manifest rows,
  /// the style rows of the database.
  static func snapshot(_ database: String, _ schema: String) throws -> [String] {
    var state = try PostGIS.sql(
      database,
      "SELECT c.relname || ':' || c.relkind::text || ':' || c.oid::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(literal(schema)) ORDER BY 1"
    )
    if state.contains(where: { $0.hasPrefix("wijkstat_manifest:r:") }) {
      state += try PostGIS.sql(
        database,
        "SELECT table_name || ':' || coalesce(style_id::text, '-') || ':' || published_at FROM \(identifier(schema)).wijkstat_manifest ORDER BY 1"
      )
    }
    state += try PostGIS.sql(
      database,
      "SELECT id || ':' || f_table_schema || ':' || f_table_name FROM public.layer_styles ORDER BY id"
    )
    return state
  }

  /// A publish read back: the tables are the folder's published files (row for
  /// row, number for number), with geometry in SRID 28992, valid, indexed,
  /// keyed, commented, styled; the withheld counts stay withheld; nothing of
  /// internal/ and no password reaches the database.
  @Test func publishedSchemaReadsBackAsTheFolder() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.createDatabase("wijkstat_pub")
    defer { PostGIS.drop(database) }
    let folder = PostGIS.temporaryFolder("pg-publish")
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = try Self.project(in: folder)
    let out = folder.appendingPathComponent("out")
    // The password in the string itself: it must reach neither stderr nor the database.
    let pg = "PG:dbname=\(database) password=\(PostGIS.password)"
    let result = try Wijkstat.run([
      "run", project.path, "--out", out.path, "--publish", pg, "--schema", "uitvoer",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "published 29 tables (6 with a QGIS style in public.layer_styles) into schema \"uitvoer\""),
      "\(result.stderr)")
    #expect(!result.stderr.contains(PostGIS.password))

    // The tables: one per map GeoPackage, panel layer and CSV table, plus the manifest
    // (the demo project asks for the count model: model, model-fit, model-residuals and
    // the residual map model-residual-map).
    let names = try Self.tables(database, "uitvoer")
    let expected =
      [
        "areas_gemeente", "areas_pc4", "contrast", "contrast-speerpunt", "contrast-speerpunt-tests",
        "contrast-tests",
        "correlations", "correlations-gemeente", "correlations-pc4", "gemeenten-pct-gemeld",
        "join-report",
        "kaart-1-pct-gemeld-pc4", "kaart-2-achterstandswijken", "lisa", "model", "model-fit",
        "model-residual-map", "model-residuals", "moran", "panel_gemeente",
        "panel_pc4",
        "panel_speerpunt", "pc4-eb-rate", "pc4-lisa", "rankings", "rates", "regions",
        "trend-changes", "trends", "wijkstat_manifest",
      ]
    #expect(names == expected)
    #expect(!names.contains { $0.contains("suppression") || $0.contains("internal") })
    let manifest = try PostGIS.sql(
      database,
      "SELECT table_name || '|' || kind || '|' || file FROM uitvoer.wijkstat_manifest ORDER BY 1")
    #expect(manifest.count == 29)
    #expect(manifest.contains("kaart-1-pct-gemeld-pc4|map|maps/kaart-1-pct-gemeld-pc4.gpkg"))
    #expect(manifest.contains("rates|table|tables/rates.csv"))
    #expect(manifest.contains("panel_pc4|panel|panel.gpkg"))

    // CSV tables: exported by the server, the same text as the files (every
    // number at full precision: the server's shortest round-trip output equals
    // the CSV's).
    for table in [
      "rates", "correlations", "lisa", "moran", "contrast-tests", "trends", "rankings", "regions",
      "join-report",
    ] {
      let file = out.appendingPathComponent(
        table == "join-report" ? "join-report.csv" : "tables/\(table).csv")
      let text = try String(contentsOf: file, encoding: .utf8)
      let header = String(text.prefix { $0 != "\n" })
      let columns = header.split(separator: ",", omittingEmptySubsequences: false).map {
        Self.identifier(String($0))
      }
      let exported = try PostGIS.tool(
        "/usr/bin/psql",
        [
          "-X", "-q", "-d", database, "-c",
          "COPY (SELECT \(columns.joined(separator: ", ")) FROM uitvoer.\(Self.identifier(table)) ORDER BY fid) TO STDOUT WITH (FORMAT csv, HEADER)",
        ]
      ).stdout
      #expect(exported == text, "table \(table) differs from \(file.lastPathComponent)")
    }
    let rateType = try PostGIS.sql(
      database,
      "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'uitvoer.rates'::regclass AND attname IN ('area', 'reported', 'raw_rate') ORDER BY attname"
    )
    #expect(rateType == ["character varying", "double precision", "bigint"])  // area, raw_rate, reported

    // Maps and boundaries: row counts as in the GeoPackages (ogrinfo), valid
    // geometries in SRID 28992, a GiST index, the primary key fid.
    for (table, file) in [
      ("kaart-1-pct-gemeld-pc4", "maps/kaart-1-pct-gemeld-pc4.gpkg"),
      ("pc4-lisa", "maps/pc4-lisa.gpkg"),
      ("gemeenten-pct-gemeld", "maps/gemeenten-pct-gemeld.gpkg"), ("areas_pc4", "panel.gpkg"),
    ] {
      let info = try PostGIS.tool(
        "/usr/bin/ogrinfo", ["-ro", "-so", out.appendingPathComponent(file).path, table]
      ).stdout
      let count = try #require(
        info.split(separator: "\n").first { $0.hasPrefix("Feature Count: ") }?.dropFirst(15))
      let rows = try PostGIS.sql(
        database,
        "SELECT count(*), count(*) FILTER (WHERE ST_IsValid(geom)), min(ST_SRID(geom)), max(ST_SRID(geom)), Find_SRID('uitvoer', \(Self.literal(table)), 'geom') FROM uitvoer.\(Self.identifier(table))"
      )
      #expect(rows == ["\(count)|\(count)|28992|28992|28992"], "\(table)")
      let indexes = try PostGIS.sql(
        database,
        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'uitvoer' AND tablename = \(Self.literal(table)) ORDER BY 1"
      )
      #expect(indexes.contains { $0.contains("USING gist (geom)") }, "\(table): \(indexes)")
      #expect(
        indexes.contains { $0.contains("UNIQUE INDEX") && $0.contains("(fid)") },
        "\(table): \(indexes)")
    }
    // The panel: the same rows; every withheld count of the suppression log is NULL here.
    #expect(try PostGIS.sql(database, "SELECT count(*) FROM uitvoer.panel_pc4") == ["2464"])
    // The log: a row per area-year, a code in the column of each withheld age group.
    let log = try String(
      contentsOf: out.appendingPathComponent("internal/suppression-log.csv"), encoding: .utf8
    )
    .split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(log.first == ["level", "area", "year", "0-3", "4-7", "8-17", "0-17"])
    let column = ["reported_0_3", "reported_4_7", "reported_8_17", "reported"]
    var checks: [String] = []
    for row in log.dropFirst() where row[0] == "pc4" {
      for (n, name) in column.enumerated() where !row[3 + n].isEmpty {
        checks.append(
          "(area = \(Self.literal(row[1])) AND year = \(row[2]) AND \(name) IS NOT NULL)")
      }
    }
    #expect(checks.count > 1000)
    let leaked = try PostGIS.sql(
      database, "SELECT count(*) FROM uitvoer.panel_pc4 WHERE \(checks.joined(separator: " OR "))")
    #expect(leaked == ["0"], "withheld counts published in the database")
    let published = try PostGIS.sql(database, "SELECT count(reported_0_3) FROM uitvoer.panel_pc4")
    #expect(published != ["0"])

    // Every table has a primary key and a comment naming wijkstat and its file.
    let keys = try PostGIS.sql(
      database,
      "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'uitvoer' AND i.indisprimary"
    )
    #expect(keys == ["30"])
    let comments = try PostGIS.sql(
      database,
      "SELECT c.relname || '|' || obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'uitvoer' AND c.relkind = 'r' ORDER BY 1"
    )
    #expect(comments.count == 30)
    let kaart = try #require(comments.first { $0.hasPrefix("kaart-1-pct-gemeld-pc4|") })
    #expect(kaart.contains("Kaart 1. Percentage gemelde kinderen per wijk (PC-4), 2009"))
    #expect(kaart.contains("Classes: quantiles, 5 classes of pct_reported (2009)"))
    #expect(kaart.contains("Published by wijkstat"))
    #expect(kaart.contains("Disclosure control: counts below 5"))
    let rates = try #require(comments.first { $0.hasPrefix("rates|") })
    #expect(rates.contains("empirical Bayes") && rates.contains("(tables/rates.csv)"))
    #expect(!comments.joined().contains(PostGIS.password))

    // QGIS styles: one default row per map, the GeoPackage's QML, the database's name as catalog.
    let styles = try PostGIS.sql(
      database,
      "SELECT f_table_catalog || '|' || f_table_schema || '|' || f_table_name || '|' || f_geometry_column || '|' || stylename || '|' || useasdefault FROM public.layer_styles ORDER BY f_table_name"
    )
    #expect(
      styles == [
        "\(database)|uitvoer|gemeenten-pct-gemeld|geom|gemeenten-pct-gemeld|true",
        "\(database)|uitvoer|kaart-1-pct-gemeld-pc4|geom|kaart-1-pct-gemeld-pc4|true",
        "\(database)|uitvoer|kaart-2-achterstandswijken|geom|kaart-2-achterstandswijken|true",
        "\(database)|uitvoer|model-residual-map|geom|model-residual-map|true",
        "\(database)|uitvoer|pc4-eb-rate|geom|pc4-eb-rate|true",
        "\(database)|uitvoer|pc4-lisa|geom|pc4-lisa|true",
      ])
    // The QML is the GeoPackage's, character for character.
    let gpkg = try Dataset.openVector(
      out.appendingPathComponent("maps/kaart-1-pct-gemeld-pc4.gpkg").path)
    let gpkgQML = try #require(
      try gpkg.query("SELECT styleQML FROM layer_styles").rows.first?.first ?? nil)
    let stored = try PostGIS.tool(
      "/usr/bin/psql",
      [
        "-X", "-q", "-A", "-t", "-d", database, "-c",
        "SELECT styleqml::text FROM public.layer_styles WHERE f_table_name = 'kaart-1-pct-gemeld-pc4'",
      ]
    ).stdout
    #expect(gpkgQML.contains("<renderer-v2"))
    #expect(stored == gpkgQML + "\n")

    // ogrinfo through GDAL's PostgreSQL driver, as QGIS users' tools see it.
    let info = try PostGIS.tool(
      "/usr/bin/ogrinfo", ["-ro", "-so", "PG:dbname=\(database)", "uitvoer.kaart-1-pct-gemeld-pc4"]
    ).stdout
    #expect(info.contains("Feature Count: 112"))
    #expect(info.contains("Geometry: Multi Polygon"))
    #expect(info.contains("ID[\"EPSG\",28992]"))
    #expect(info.contains("pct_reported: Real"))
  }

  /// Publishing again replaces wijkstat's tables and style rows and nothing else;
  /// a table of a name wijkstat needs that it did not write stops the publish
  /// before anything changes.
  @Test func republishReplacesOnlyWijkstatsOwnTables() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.createDatabase("wijkstat_repub")
    defer { PostGIS.drop(database) }
    let folder = PostGIS.temporaryFolder("pg-republish")
    defer { try? FileManager.default.removeItem(at: folder) }
    // The first publish from the project's publish: key, the second from the options.
    let project = try Self.project(
      in: folder, extra: "publish: {connection: \"PG:dbname=\(database)\", schema: uitvoer}\n")
    let first = try Self.run(project, out: folder.appendingPathComponent("a"), [])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(try Self.tables(database, "uitvoer").count == 30)
    // The administrator's own table and style in the same schema, and a style of their own for a wijkstat table.
    try PostGIS.sql(
      database,
      """
      CREATE TABLE uitvoer.eigen (id int PRIMARY KEY, opmerking text); INSERT INTO uitvoer.eigen VALUES (1, 'van de beheerder');
      INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, styleqml, useasdefault)
      VALUES (current_database(), 'uitvoer', 'pc4-lisa', 'geom', 'mijn stijl', XMLPARSE(DOCUMENT '<qgis/>'), false)
      """)
    let before = try PostGIS.sql(
      database, "SELECT id FROM public.layer_styles WHERE stylename <> 'mijn stijl' ORDER BY id")
    let second = try Wijkstat.run([
      "run", project.path, "--out", folder.appendingPathComponent("b").path, "--publish",
      "PG:dbname=\(database)", "--schema", "uitvoer",
    ])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stderr.contains("replacing wijkstat's 29 earlier tables"), "\(second.stderr)")
    #expect(
      try PostGIS.sql(database, "SELECT opmerking FROM uitvoer.eigen") == ["van de beheerder"])
    #expect(
      try PostGIS.sql(
        database, "SELECT count(*) FROM public.layer_styles WHERE stylename = 'mijn stijl'") == [
          "1"
        ])
    let after = try PostGIS.sql(
      database, "SELECT id FROM public.layer_styles WHERE stylename <> 'mijn stijl' ORDER BY id")
    #expect(after.count == 6 && before.count == 6 && Set(after).isDisjoint(with: before))
    #expect(try Self.tables(database, "uitvoer").count == 31)  // 29 + manifest + eigen
    #expect(try PostGIS.sql(database, "SELECT count(*) FROM uitvoer.panel_pc4") == ["2464"])

    // A table wijkstat needs, not written by it: stop, change nothing.
    try PostGIS.sql(database, "CREATE SCHEMA ander; CREATE TABLE ander.rates (x int)")
    let clash = try Self.run(
      project, out: folder.appendingPathComponent("c"),
      ["--publish", "PG:dbname=\(database)", "--schema", "ander"])
    #expect(clash.status == 1)
    #expect(PostGIS.errors(clash.stderr).count == 1, "\(clash.stderr)")
    #expect(
      clash.stderr.contains("already has a table \"rates\" that wijkstat did not write"),
      "\(clash.stderr)")
    #expect(try Self.tables(database, "ander") == ["rates"])
    #expect(
      try PostGIS.sql(
        database, "SELECT count(*) FROM public.layer_styles WHERE f_table_schema = 'ander'") == [
          "0"
        ])
  }

  /// A failure halfway (the server refuses the ninth table, after maps and
  /// panel were written) leaves the schema exactly as the last publish left it;
  /// into a new schema, it leaves no schema at all.
  @Test func failureHalfwayLeavesTheSchemaAsItWas() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.createDatabase("wijkstat_fail")
    defer { PostGIS.drop(database) }
    let folder = PostGIS.temporaryFolder("pg-fail")
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = try Self.project(in: folder)
    let first = try Self.run(
      project, out: folder.appendingPathComponent("a"),
      ["--publish", "PG:dbname=\(database)", "--schema", "uitvoer"])
    #expect(first.status == 0, "\(first.stderr)")
    let before = try Self.snapshot(database, "uitvoer")
    #expect(before.count > 60)
    // An event trigger (server side, no hook in wijkstat) fails any DDL on a table "rates".
    try PostGIS.sql(
      database,
      """
      CREATE FUNCTION public.refuse_rates() RETURNS event_trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE object_identity LIKE '%.rates') THEN
          RAISE EXCEPTION 'test: no table rates today';
        END IF;
      END $$;
      CREATE EVENT TRIGGER refuse_rates ON ddl_command_end EXECUTE FUNCTION public.refuse_rates();
      """)
    let failed = try Self.run(
      project, out: folder.appendingPathComponent("b"),
      ["--publish", "PG:dbname=\(database)", "--schema", "uitvoer"])
    #expect(failed.status == 1)
    #expect(PostGIS.errors(failed.stderr).count == 1, "\(failed.stderr)")
    #expect(
      failed.stderr.contains("not published (nothing changed): writing table \"rates\""),
      "\(failed.stderr)")
    #expect(failed.stderr.contains("test: no table rates today"), "\(failed.stderr)")
    #expect(try Self.snapshot(database, "uitvoer") == before)
    // Into a schema that did not exist: no schema afterwards, no style rows.
    let fresh = try Self.run(
      project, out: folder.appendingPathComponent("c"),
      ["--publish", "PG:dbname=\(database)", "--schema", "nieuw"])
    #expect(fresh.status == 1)
    #expect(
      try PostGIS.sql(database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'nieuw'") == [
        "0"
      ])
    #expect(
      try PostGIS.sql(
        database, "SELECT count(*) FROM public.layer_styles WHERE f_table_schema = 'nieuw'") == [
          "0"
        ])
  }

  /// Another publish holding the schema: the second stops at once with one line
  /// and exit status 75, and writes nothing. Two real publishes started together
  /// end with one complete result (each either publishes whole or stops with 75).
  @Test func concurrentPublishesToOneSchema() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.createDatabase("wijkstat_conc")
    defer { PostGIS.drop(database) }
    let folder = PostGIS.temporaryFolder("pg-concurrent")
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = try Self.project(in: folder)

    // A session holding wijkstat's lock on schema "uitvoer" (key: "wijk" in
    // ASCII, 0x77696A6B, and hashtext of the schema name), as a running publish does.
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
    holder.arguments = [
      "-X", "-q", "-d", database, "-c", "SELECT pg_advisory_lock(2003397227, hashtext('uitvoer'))",
      "-c", "SELECT pg_sleep(120)",
    ]
    holder.standardOutput = FileHandle.nullDevice
    let application = "wijkstat-lock-holder-\(database)"
    holder.environment = PostGIS.environment.merging(["PGAPPNAME": application]) { $1 }
    try holder.run()
    defer { if holder.isRunning { holder.terminate() } }
    var held = false
    for _ in 0..<100 where !held {
      held =
        try PostGIS.sql(
          database,
          "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 2003397227 AND granted"
        ) == ["1"]
      if !held { usleep(100_000) }
    }
    #expect(held)
    let busy = try Self.run(
      project, out: folder.appendingPathComponent("busy"),
      ["--publish", "PG:dbname=\(database)", "--schema", "uitvoer"])
    #expect(busy.status == 75, "\(busy.stderr)")
    #expect(PostGIS.errors(busy.stderr).count == 1, "\(busy.stderr)")
    #expect(
      busy.stderr.contains("another wijkstat publish is writing to schema \"uitvoer\""),
      "\(busy.stderr)")
    #expect(try Self.tables(database, "uitvoer") == [])
    // The server session ends only when told (a killed psql leaves pg_sleep running).
    try PostGIS.sql(
      database,
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = \(Self.literal(application))"
    )
    holder.waitUntilExit()

    // Two at once.
    func start(_ name: String) throws -> (Process, Pipe) {
      let process = Process()
      process.executableURL = Wijkstat.executable
      process.arguments = [
        "run", project.path, "--out", folder.appendingPathComponent(name).path, "-q", "--publish",
        "PG:dbname=\(database)", "--schema", "uitvoer",
      ]
      let err = Pipe()
      process.standardError = err
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      return (process, err)
    }
    let a = try start("one")
    let b = try start("two")
    var statuses: [Int32] = []
    for (process, err) in [a, b] {
      let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      statuses.append(process.terminationStatus)
      if process.terminationStatus == 75 {
        #expect(
          PostGIS.errors(text).count == 1 && text.contains("another wijkstat publish"), "\(text)")
      } else {
        #expect(process.terminationStatus == 0, "\(text)")
      }
    }
    #expect(statuses.contains(0))
    // One complete result: the manifest's tables are the schema's, each whole, six styles.
    let manifest = try PostGIS.sql(
      database, "SELECT table_name FROM uitvoer.wijkstat_manifest ORDER BY 1")
    #expect(manifest.count == 29)
    #expect(try Self.tables(database, "uitvoer") == (manifest + ["wijkstat_manifest"]).sorted())
    #expect(
      try PostGIS.sql(
        database, "SELECT count(*) FROM public.layer_styles WHERE f_table_schema = 'uitvoer'") == [
          "6"
        ])
    #expect(try PostGIS.sql(database, "SELECT count(*) FROM uitvoer.panel_pc4") == ["2464"])
  }

  /// Names with quotes, semicolons and `--` (the schema, a map, an indicator
  /// column, the title) are names: the tables carry them exactly, and nothing
  /// else in the database is touched.
  @Test func namesCannotInjectSQL() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.createDatabase("wijkstat_inject")
    defer { PostGIS.drop(database) }
    try PostGIS.sql(
      database, "CREATE TABLE public.sentinel (x int); INSERT INTO public.sentinel VALUES (42)")
    let folder = PostGIS.temporaryFolder("pg-inject")
    defer { try? FileManager.default.removeItem(at: folder) }
    let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo").path
    // An indicator whose column name is an attack.
    let column = "armoede\"); DROP TABLE public.sentinel; --'"
    var indicators = try String(contentsOfFile: "\(demo)/indicatoren-pc4.csv", encoding: .utf8)
    indicators = indicators.replacingOccurrences(
      of: "kinderen_in_armoede",
      with: "\"" + column.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try indicators.write(
      to: folder.appendingPathComponent("ind.csv"), atomically: true, encoding: .utf8)
    let map = "kaart'; DROP TABLE public.sentinel; --\""
    let schema = "uit\"; DROP TABLE public.sentinel; --'"
    let yamlMap = map.replacingOccurrences(of: "'", with: "''")
    let project = folder.appendingPathComponent("p.yaml")
    try """
    title: 'Titel ''met'' "aanhalingstekens"; -- en meer'
    inputs:
      areas: {pc4: \(demo)/pc4.geojson}
      reports: [\(demo)/meldingen.csv]
      population: [\(demo)/kinderen.csv]
      indicators: {pc4: \(folder.path)/ind.csv}
    years: [2008, 2009]
    analyses:
      spatial: {level: pc4, permutations: 19}
    maps:
      - {name: '\(yamlMap)', title: 'x', level: pc4, year: 2009, variable: pct_reported, method: quantiles, classes: 4, colors: [YlOrRd], formats: [gpkg]}

    """.write(to: project, atomically: true, encoding: .utf8)
    let result = try Wijkstat.run([
      "run", project.path, "--out", folder.appendingPathComponent("out").path, "-q", "--publish",
      "PG:dbname=\(database)", "--schema", schema,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try PostGIS.sql(database, "SELECT x FROM public.sentinel") == ["42"])
    let tables = try Self.tables(database, schema)
    #expect(tables.contains(map), "\(tables)")
    #expect(tables.contains("panel_pc4"))
    let columns = try PostGIS.sql(
      database,
      "SELECT attname FROM pg_attribute WHERE attrelid = '\(Self.identifier(schema).replacingOccurrences(of: "'", with: "''")).panel_pc4'::regclass AND attnum > 0 ORDER BY attnum"
    )
    #expect(columns.contains(column), "\(columns)")
    let values = try PostGIS.sql(
      database, "SELECT count(\(Self.identifier(column))) FROM \(Self.identifier(schema)).panel_pc4"
    )
    #expect(values != ["0"])
    let styles = try PostGIS.sql(
      database, "SELECT f_table_schema || '|' || f_table_name FROM public.layer_styles")
    #expect(styles == ["\(schema)|\(map)"])
    let comment = try PostGIS.sql(
      database,
      "SELECT obj_description(\(Self.literal(Self.identifier(schema) + "." + Self.identifier(map)))::regclass, 'pg_class')"
    )
    #expect(
      comment.first?.contains("\"Titel 'met' \"aanhalingstekens\"; -- en meer\"") == true,
      "\(comment)")
  }

  /// A run with a count model publishes too: its residual map (maps/model-residual-map.gpkg)
  /// and its residual table (tables/model-residuals.csv) are two tables. Before, the map
  /// was called model-residuals as well, and the publish stopped with "cannot publish
  /// both ... as table model-residuals; rename the map", which no user could do.
  @Test func runWithCountModelPublishes() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.createDatabase("wijkstat_model")
    defer { PostGIS.drop(database) }
    let folder = PostGIS.temporaryFolder("pg-model")
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = try Self.project(in: folder)
    var text = try String(contentsOf: project, encoding: .utf8)
    // The demo project's own model, with one indicator (quicker).
    let model = try #require(
      text.range(of: "  model:\n    level: pc4\n    years: [2009]\n    achterstandswijk: true\n"))
    text.replaceSubrange(
      model, with: "  model: {level: pc4, years: [2009], indicators: [kinderen_in_armoede]}\n")
    try text.write(to: project, atomically: true, encoding: .utf8)
    let result = try Self.run(
      project, out: folder.appendingPathComponent("out"),
      ["--publish", "PG:dbname=\(database)", "--schema", "uitvoer"])
    #expect(result.status == 0, "\(result.stderr)")
    let tables = try Self.tables(database, "uitvoer")
    #expect(tables.contains("model-residual-map"), "\(tables)")
    #expect(tables.contains("model-residuals"), "\(tables)")
    #expect(tables.contains("model"), "\(tables)")
    // The residual map is a styled layer, the residual table has one row per fitted area.
    let styles = try PostGIS.sql(
      database,
      "SELECT f_table_name FROM public.layer_styles WHERE f_table_schema = 'uitvoer' ORDER BY 1")
    #expect(styles.contains("model-residual-map"), "\(styles)")
    let csv = try String(
      contentsOf: folder.appendingPathComponent("out/tables/model-residuals.csv"), encoding: .utf8)
    let rows = csv.split(separator: "\n").count - 1
    #expect(
      try PostGIS.sql(database, "SELECT count(*) FROM uitvoer.\"model-residuals\"") == ["\(rows)"])
  }

  /// Errors: one line naming server and database, never the password, exit 1,
  /// found before the run's work starts; usage errors exit 64.
  @Test func publishErrorsAreOneLine() throws {
    guard PostGIS.ready() else { return }
    let database = try PostGIS.createDatabase("wijkstat_puberr")
    let bare = try PostGIS.createDatabase("wijkstat_pubbare", postgis: false)
    let role = "schrijver_\(database.suffix(8))"
    defer {
      PostGIS.drop(database)
      PostGIS.drop(bare)
      _ = try? PostGIS.sql("postgres", "DROP ROLE IF EXISTS \(role)")
    }
    try PostGIS.sql(
      database, "CREATE ROLE \(role) LOGIN PASSWORD 'Pw-\(role)'; CREATE SCHEMA dicht")
    let folder = PostGIS.temporaryFolder("pg-puberr")
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = try Self.project(in: folder)
    let host = PostGIS.environment["PGHOST"] ?? ""
    func publish(_ connection: String, schema: String = "uitvoer") throws -> CommandResult {
      try Self.run(
        project, out: folder.appendingPathComponent("out-\(UUID().uuidString.prefix(6))"),
        ["--publish", connection, "--schema", schema])
    }
    func check(_ result: CommandResult, _ mentions: [String], _ what: String, status: Int32 = 1) {
      #expect(result.status == status, "\(what): \(result.stderr)")
      #expect(PostGIS.errors(result.stderr).count == 1, "\(what): \(result.stderr)")
      for text in mentions {
        #expect(result.stderr.contains(text), "\(what): \(result.stderr) should name \(text)")
      }
      #expect(
        !result.stderr.contains("Pw-\(role)") && !result.stderr.contains(PostGIS.password),
        "\(what)")
    }
    check(
      try publish("PG:host=/tmp/wijkstat-no-server dbname=\(database)"),
      ["/tmp/wijkstat-no-server", database, "not running"], "server down")
    check(
      try publish("PG:dbname=nosuch_\(database.suffix(8))"),
      [host, "nosuch_\(database.suffix(8))", "does not exist"], "wrong database")
    check(try publish("PG:dbname=\(bare)"), [host, bare, "no PostGIS extension"], "no PostGIS")
    let asRole = "PG:dbname=\(database) user=\(role) password=Pw-\(role)"
    check(
      try publish(asRole),
      [host, database, "may not create schema \"uitvoer\"", "permission denied"],
      "no CREATE on the database")
    check(
      try publish(asRole, schema: "dicht"),
      [host, database, "may not create tables in schema \"dicht\""], "no CREATE on the schema")
    // Nothing was written anywhere: the output folders were not even made.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
        $0.hasPrefix("out-")
      }.isEmpty)
    // The project key: a connection that is not PostgreSQL, with file and line.
    let badKey = try Self.project(
      in: folder.appendingPathComponent("key"),
      extra: "publish: {connection: out.gpkg, schema: s}\n")
    let keyResult = try Self.run(badKey, out: folder.appendingPathComponent("key-out"), [])
    #expect(
      keyResult.status == 1 && keyResult.stderr.contains("wijkstat.yaml: line"),
      "\(keyResult.stderr)")
    #expect(keyResult.stderr.contains("publish needs connection: \"PG:…\""), "\(keyResult.stderr)")
    // Usage: a connection that is not PostgreSQL, no schema, a schema name too long for PostgreSQL.
    let out = folder.appendingPathComponent("usage").path
    let notPG = try Wijkstat.run([
      "run", project.path, "--out", out, "--publish", "out.gpkg", "--schema", "x",
    ])
    #expect(notPG.status == 64 && notPG.stderr.contains("--publish takes a PostgreSQL connection"))
    let noSchema = try Wijkstat.run(["run", project.path, "--out", out, "--publish", "PG:dbname=x"])
    #expect(noSchema.status == 64 && noSchema.stderr.contains("--publish needs --schema NAME"))
    let long = try Wijkstat.run([
      "run", project.path, "--out", out, "--publish", "PG:dbname=x", "--schema",
      String(repeating: "s", count: 64),
    ])
    #expect(long.status == 64 && long.stderr.contains("PostgreSQL names are at most 63 bytes"))
  }
}
