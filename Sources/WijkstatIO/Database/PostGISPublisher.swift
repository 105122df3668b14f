import Foundation
import GDALBridge
import WijkstatCore

/// Publishes a finished, audited `wijkstat run` output folder into a schema of a
/// PostgreSQL/PostGIS database, through GDAL's PostgreSQL driver:
///
/// - every map's GeoPackage layer as a table (geometry `geom`, RD New, SRID
///   28992, a GiST spatial index, the classes and colours of the map in its
///   columns) with its QGIS style in `public.layer_styles` (QGIS's own table and
///   convention, so QGIS opens the layer styled);
/// - the panel's layers (`areas_<level>`, `panel_<level>`) and every CSV table
///   (`tables/*.csv`, `join-report.csv`) as tables;
/// - each with a primary key (`fid`) and a COMMENT naming wijkstat, the run,
///   the method and the sources; and `wijkstat_manifest`, the list of the
///   tables wijkstat wrote in the schema.
///
/// Only what the folder publishes goes in: the folder passed the run's
/// disclosure audit, and `internal/` (the suppression log) is never read.
///
/// All or nothing: everything happens in one transaction, so a failure at any
/// point (or a lost connection) leaves the schema as it was. A transaction-level
/// advisory lock on the schema's name makes a second publish to the same schema
/// stop at once (`PublishBusy`) instead of interleaving. Re-publishing replaces
/// the tables the manifest lists and nothing else: a table of the same name that
/// wijkstat did not write stops the publish before anything is written.
public enum PostGISPublisher {
  /// The name of wijkstat's own table in the schema.
  public static let manifestTable = "wijkstat_manifest"
  /// The first key of wijkstat's advisory locks (the second is the schema's hash);
  /// the ASCII of "wijk".
  static let lockClass: Int32 = 0x7769_6A6B

  public struct Summary: Sendable {
    public var tables: [String]
    public var styles: Int
    public var replaced: Int
    public var skipped: [String]
  }

  /// One table to write.
  struct Item {
    enum Kind: String { case map, panel, table }
    var name: String
    var kind: Kind
    /// The file it comes from, relative to the output folder.
    var file: String
    /// The GeoPackage layer, or nil for a CSV table.
    var layer: String?
    var comment: String
    var style: LayerStyleRow?
  }

  /// Publishes the files `run` wrote into `folder` (its manifest's entries).
  /// `title` is the project's, for the comments.
  public static func publish(
    folder: URL, to source: String, schema: String, title: String,
    version: String = WijkstatVersion.current
  ) throws -> Summary {
    guard let connection = ConnectionString(source) else {
      throw UserError("--publish takes a PostgreSQL connection (PG:…)", source: source)
    }
    Secrets.register(source: source)
    if let problem = SQLText.problem(with: schema) {
      throw UserError("the schema name \"\(schema)\" \(problem)")
    }
    let (items, skipped) = try collect(folder: folder, title: title, version: version)
    let dataset: Dataset
    do {
      dataset = try Dataset.openVectorForUpdate(source)
    } catch let error as GDALError {
      throw PostgresInput.connectionError(error.messages, source: source, connection: connection)
    }
    let target = "schema \"\(schema)\" on \(connection.described)"
    func failing(_ doing: String, _ body: () throws -> Void) throws {
      do {
        try body()
      } catch let error as GDALError {
        throw UserError(
          "not published (nothing changed): \(doing) in \(target): \(PostgresInput.detail(error.messages))"
        )
      }
    }
    guard PostgresInput.hasPostGIS(dataset) else {
      throw UserError(
        "not published: \(connection.described) has no PostGIS extension (CREATE EXTENSION postgis)"
      )
    }
    try failing("starting a transaction") { try dataset.startTransaction() }
    var committed = false
    defer { if !committed { dataset.rollbackTransaction() } }

    var locked = false
    try failing("locking the schema") {
      try dataset.execute("SET LOCAL standard_conforming_strings = on")
      let rows = try dataset.query(
        "SELECT pg_try_advisory_xact_lock(\(lockClass), hashtext(\(SQLText.literal(schema))))"
      ).rows
      locked = rows.first?.first.flatMap { $0 } == "1" || rows.first?.first.flatMap { $0 } == "t"
    }
    guard locked else {
      throw PublishBusy(
        error: UserError(
          "another wijkstat publish is writing to \(target); nothing was changed: try again when it has finished"
        ))
    }

    let quotedSchema = SQLText.identifier(schema)
    let manifest = SQLText.qualified(schema, manifestTable)
    var earlier: [ManifestRow] = []
    try failing("creating the schema") {
      try dataset.execute("CREATE SCHEMA IF NOT EXISTS \(quotedSchema)")
    }
    try failing("reading wijkstat's manifest table") {
      try dataset.execute(
        """
        CREATE TABLE IF NOT EXISTS \(manifest) (table_name text PRIMARY KEY, kind text NOT NULL, \
        file text NOT NULL, style_id integer, wijkstat_version text NOT NULL, published_at timestamptz NOT NULL, mark text)
        """)
      // A manifest of wijkstat 0.x before the marks.
      try dataset.execute("ALTER TABLE \(manifest) ADD COLUMN IF NOT EXISTS mark text")
      try dataset.execute(
        "COMMENT ON TABLE \(manifest) IS \(SQLText.literal("The tables wijkstat published in this schema; wijkstat replaces or drops only these (each also carries wijkstat's mark in its COMMENT)."))"
      )
      // Each listed table as the catalogue has it (kind, owner, comment), by
      // name in this schema only.
      earlier = try dataset.query(
        """
        SELECT m.table_name, m.style_id::text, m.mark, c.relkind::text, (c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user))::int, \
        obj_description(c.oid, 'pg_class') FROM \(manifest) m LEFT JOIN pg_class c ON c.relname = m.table_name \
        AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = \(SQLText.literal(schema))) ORDER BY m.table_name
        """
      ).rows.map {
        ManifestRow(
          name: $0[0] ?? "", styleID: $0[1].flatMap { Int($0) }, mark: $0[2] ?? nil,
          kind: $0[3] ?? nil,
          ownedByUser: $0[4] == "1", comment: $0[5] ?? nil)
      }
    }
    // A manifest row is believed only when its table carries wijkstat's mark:
    // anyone who may INSERT into the manifest could list any table (QA Q15,
    // session 6), but only the table's owner can set its COMMENT.
    for row in earlier where row.kind != nil && !row.isWijkstats {
      throw UserError(
        "not published (nothing changed): \(manifestTable) in \(target) lists \"\(row.name)\", but that \(row.kind == "r" ? "table" : "relation") does not carry wijkstat's mark in its COMMENT, so wijkstat did not write it and will not drop it; remove the row from \(manifestTable) (or publish to another schema)"
      )
    }
    let ours = Set(earlier.filter { $0.kind != nil }.map(\.name))
    // A relation of a name wijkstat needs that it did not write: stop, write nothing.
    var existing: [String] = []
    try failing("listing the schema") {
      existing = try dataset.query(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(SQLText.literal(schema))"
      ).rows
        .compactMap { $0.first ?? nil }
    }
    let existingSet = Set(existing)
    if let clash = items.first(where: { existingSet.contains($0.name) && !ours.contains($0.name) })
    {
      throw UserError(
        "not published (nothing changed): \(target) already has a table \"\(clash.name)\" that wijkstat did not write; drop or rename it, or publish to another schema"
      )
    }
    // Styles QGIS's way: public.layer_styles, created as QGIS creates it when missing.
    try failing("preparing public.layer_styles") {
      // Serialises the creation between publishes to different schemas.
      try dataset.execute("SELECT pg_advisory_xact_lock(\(lockClass), 0)")
      try dataset.execute(
        """
        CREATE TABLE IF NOT EXISTS public.layer_styles (id SERIAL PRIMARY KEY, f_table_catalog varchar, \
        f_table_schema varchar, f_table_name varchar, f_geometry_column varchar, styleName text, \
        styleQML xml, styleSLD xml, useAsDefault boolean, description text, \
        owner varchar(63) DEFAULT CURRENT_USER, ui xml, update_time timestamp DEFAULT CURRENT_TIMESTAMP, \
        type varchar, r_raster_column varchar)
        """)
    }
    // The earlier publish: its tables and its style rows (only those wijkstat
    // wrote: a style row goes only when it is the one the manifest names AND it
    // styles that very table of this schema in this database).
    try failing("replacing wijkstat's earlier tables") {
      for entry in earlier where ours.contains(entry.name) {
        try dataset.execute("DROP TABLE \(SQLText.qualified(schema, entry.name))")
      }
      for entry in earlier {
        guard let id = entry.styleID else { continue }
        try dataset.execute(
          """
          DELETE FROM public.layer_styles WHERE id = \(id) AND f_table_catalog = current_database() \
          AND f_table_schema = \(SQLText.literal(schema)) AND f_table_name = \(SQLText.literal(entry.name))
          """)
      }
      try dataset.execute("DELETE FROM \(manifest)")
    }

    // GDAL writes under plain names; a schema name it would mishandle gets a
    // staging schema of this transaction (dropped before the commit).
    let gdalSchema =
      gdalHandles(schema) ? schema : "wijkstat_staging_\(ProcessInfo.processInfo.processIdentifier)"
    if gdalSchema != schema {
      try failing(
        "creating a staging schema (the schema's name needs one; it asks for CREATE on the database)"
      ) {
        try dataset.execute("CREATE SCHEMA \(SQLText.identifier(gdalSchema))")
      }
    }
    var styles = 0
    for (number, item) in items.enumerated() {
      var styleID: Int? = nil
      try failing("writing table \"\(item.name)\"") {
        try write(
          item, number: number + 1, folder: folder, into: dataset, schema: schema,
          gdalSchema: gdalSchema)
        let table = SQLText.qualified(schema, item.name)
        let mark = UUID().uuidString.lowercased()
        try dataset.execute(
          "COMMENT ON TABLE \(table) IS \(SQLText.literal(item.comment + " " + ManifestRow.markText(mark)))"
        )
        if let style = item.style {
          let rows = try dataset.query(
            """
            INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, \
            styleName, styleQML, styleSLD, useAsDefault, description, owner, update_time) VALUES \
            (current_database(), \(SQLText.literal(schema)), \(SQLText.literal(item.name)), 'geom', \
            \(SQLText.literal(item.name)), XMLPARSE(DOCUMENT \(SQLText.literal(style.qml))), NULL, true, \
            \(SQLText.literal(style.description)), current_user, CURRENT_TIMESTAMP) RETURNING id
            """
          ).rows
          styleID = rows.first?.first.flatMap { $0 }.flatMap { Int($0) }
          styles += 1
        }
        try dataset.execute(
          """
          INSERT INTO \(manifest) (table_name, kind, file, style_id, wijkstat_version, published_at, mark) VALUES \
          (\(SQLText.literal(item.name)), \(SQLText.literal(item.kind.rawValue)), \(SQLText.literal(item.file)), \
          \(styleID.map(String.init) ?? "NULL"), \(SQLText.literal(version)), CURRENT_TIMESTAMP, \(SQLText.literal(mark)))
          """)
      }
    }
    try failing("committing") {
      if gdalSchema != schema {
        try dataset.execute("DROP SCHEMA \(SQLText.identifier(gdalSchema))")
      }
      try dataset.commitTransaction()
    }
    committed = true
    try? dataset.close()
    return Summary(
      tables: items.map(\.name), styles: styles, replaced: ours.count,
      skipped: skipped)
  }

  /// Checks, before the run's work, that a publish can succeed: the server
  /// answers, the database has PostGIS, and the user may create tables in the
  /// schema (or the schema in the database) and write QGIS's `layer_styles`.
  /// Each failure is one line naming server and database.
  /// `maps`: the project's map names, whose tables are checked here too (a
  /// name PostgreSQL cannot take stops the run before its work, not after).
  public static func check(_ source: String, schema: String, maps: [String] = []) throws {
    guard let connection = ConnectionString(source) else {
      throw UserError("--publish takes a PostgreSQL connection (PG:…)", source: source)
    }
    Secrets.register(source: source)
    for name in maps {
      if let problem = SQLText.problem(with: name) {
        throw UserError("cannot publish map \"\(name)\": its table name \(problem); rename the map")
      }
      if name == manifestTable {
        throw UserError(
          "cannot publish map \"\(name)\": \"\(manifestTable)\" is wijkstat's own table; rename the map"
        )
      }
    }
    let dataset: Dataset
    do {
      dataset = try Dataset.openVector(source, drivers: ["PostgreSQL"])
    } catch let error as GDALError {
      throw PostgresInput.connectionError(error.messages, source: source, connection: connection)
    }
    guard PostgresInput.hasPostGIS(dataset) else {
      throw UserError(
        "cannot publish: \(connection.described) has no PostGIS extension (CREATE EXTENSION postgis)"
      )
    }
    let literal = SQLText.literal(schema)
    let rows: [[String?]]
    do {
      rows = try dataset.query(
        """
        SELECT current_user::text AS role, \
        EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = \(literal))::int AS schema_exists, \
        COALESCE((SELECT has_schema_privilege(oid, 'CREATE') AND has_schema_privilege(oid, 'USAGE') \
        FROM pg_namespace WHERE nspname = \(literal)), has_database_privilege(current_database(), 'CREATE'))::int AS may_create, \
        COALESCE((SELECT has_table_privilege(c.oid, 'SELECT') AND has_table_privilege(c.oid, 'INSERT') \
        AND has_table_privilege(c.oid, 'DELETE') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
        WHERE n.nspname = 'public' AND c.relname = 'layer_styles'), has_schema_privilege('public', 'CREATE'))::int AS may_style
        """
      ).rows
    } catch let error as GDALError {
      throw UserError(
        "cannot publish to \(connection.described): \(PostgresInput.detail(error.messages))")
    }
    guard let row = rows.first, row.count == 4 else { return }
    let user = row[0] ?? "?"
    if row[2] != "1" {
      throw UserError(
        row[1] == "1"
          ? "cannot publish: role \"\(user)\" may not create tables in schema \"\(schema)\" on \(connection.described) (permission denied; GRANT USAGE, CREATE ON SCHEMA)"
          : "cannot publish: role \"\(user)\" may not create schema \"\(schema)\" on \(connection.described) (permission denied; create it and GRANT USAGE, CREATE ON SCHEMA, or GRANT CREATE ON DATABASE)"
      )
    }
    if row[3] != "1" {
      throw UserError(
        "cannot publish: role \"\(user)\" may not write QGIS's styles in public.layer_styles on \(connection.described) (permission denied; GRANT SELECT, INSERT, DELETE ON public.layer_styles and USAGE on its id sequence, or create the table)"
      )
    }
  }

  // MARK: - what is published

  /// The tables to write, from the folder's manifest (files `run` wrote), and
  /// the published files that have no table (with why).
  static func collect(folder: URL, title: String, version: String) throws -> ([Item], [String]) {
    guard let manifest = try OutputManifest.read(folder: folder) else {
      throw UserError("has no wijkstat manifest: not a wijkstat output folder", source: folder.path)
    }
    let files = manifest.files.filter { $0.command == "run" }.map(\.path).filter {
      !$0.hasPrefix("internal/")
    }
    let fileSet = Set(files)
    var items: [Item] = []
    var skipped: [String] = []
    let sources = legendSources(folder: folder, files: files)
    let provenance =
      "Inputs: \(sources.inputs.isEmpty ? "see report.html" : sources.inputs.joined(separator: ", ")). Disclosure control: \(sources.suppression ?? "see report.html")."
    let origin = "Published by wijkstat \(version) from a `wijkstat run` of \"\(title)\""
    for path in files.sorted() {
      let name = (path as NSString).lastPathComponent
      if path.hasPrefix("maps/"), name.hasSuffix(".gpkg") {
        let map = String(name.dropLast(5))
        let legend = legendSummary(folder.appendingPathComponent("maps/\(map).legend.json"))
        let style = try mapStyle(folder.appendingPathComponent(path).path, layer: map)
        items.append(
          Item(
            name: map, kind: .map, file: path, layer: map,
            comment: "\(legend.title ?? map). \(legend.method) \(origin) (\(path)). \(provenance)",
            style: style))
      } else if path.hasPrefix("maps/"), name.hasSuffix(".legend.json") {
        let map = String(name.dropLast(12))
        if !fileSet.contains("maps/\(map).gpkg") {
          skipped.append("map \(map) (no GeoPackage among its formats)")
        }
      } else if path == "panel.gpkg" {
        let dataset = try Dataset.openVector(folder.appendingPathComponent(path).path)
        for layer in dataset.layers {
          let what =
            layer.name.hasPrefix("areas_")
            ? "The \(layer.name.dropFirst(6)) boundaries of the panel (join on code = panel's area)."
            : "The joined area × year panel at level \(layer.name.dropFirst(6)) (small counts withheld)."
          items.append(
            Item(
              name: layer.name, kind: .panel, file: path, layer: layer.name,
              comment: "\(what) \(origin) (\(path)). \(provenance)"))
        }
      } else if path.hasSuffix(".csv"), path.hasPrefix("tables/") || path == "join-report.csv" {
        let table = String(name.dropLast(4))
        items.append(
          Item(
            name: table, kind: .table, file: path, layer: nil,
            comment: "\(TableMethods.describe(table)) \(origin) (\(path)). \(provenance)"))
      }
    }
    // Names: valid PostgreSQL identifiers, distinct, and not wijkstat's own table.
    var seen: [String: String] = [:]
    for item in items {
      if let problem = SQLText.problem(with: item.name) {
        throw UserError(
          "cannot publish \(item.file): its table name \"\(item.name)\" \(problem); rename the map")
      }
      if item.name == manifestTable {
        throw UserError(
          "cannot publish \(item.file): \"\(manifestTable)\" is wijkstat's own table; rename the map"
        )
      }
      if let other = seen[item.name] {
        throw UserError(
          "cannot publish both \(other) and \(item.file) as table \"\(item.name)\"; rename the map")
      }
      seen[item.name] = item.file
    }
    return (items, skipped)
  }

  /// The QGIS style of a map's GeoPackage (its `layer_styles` row).
  static func mapStyle(_ path: String, layer: String) throws -> LayerStyleRow? {
    let dataset = try Dataset.openVector(path)
    let rows = try dataset.query(
      "SELECT styleQML, description FROM layer_styles WHERE f_table_name = \(SQLText.literal(layer))"
    ).rows
    guard let row = rows.first, let qml = row[0] else { return nil }
    return LayerStyleRow(
      tableName: layer, styleName: layer, qml: qml, description: row.count > 1 ? row[1] ?? "" : "",
      updateTime: "")
  }

  struct LegendSummary {
    var title: String?
    var method: String
  }

  /// A map's title and method from its legend JSON.
  static func legendSummary(_ url: URL) -> LegendSummary {
    guard let data = try? Data(contentsOf: url),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return LegendSummary(title: nil, method: "") }
    let provenance = object["provenance"] as? [String: Any]
    var method = "Classes: \(object["method"] as? String ?? "?")"
    if let k = object["k"] as? Int { method += ", \(k) classes" }
    if let variable = provenance?["variable"] as? String { method += " of \(variable)" }
    if let years = provenance?["years"] as? [Int], !years.isEmpty {
      method += " (\(years.map(String.init).joined(separator: ", ")))"
    }
    if let colors = object["colors"] as? [String], !colors.isEmpty {
      method += "; colours \(colors.joined(separator: " "))"
    }
    return LegendSummary(title: object["title"] as? String, method: method + ".")
  }

  /// The inputs and the disclosure rule, as the maps' legends name them.
  static func legendSources(folder: URL, files: [String]) -> (
    inputs: [String], suppression: String?
  ) {
    for path in files.sorted() where path.hasSuffix(".legend.json") {
      guard let data = try? Data(contentsOf: folder.appendingPathComponent(path)),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let provenance = object["provenance"] as? [String: Any]
      else { continue }
      var inputs: [String] = []
      for source in provenance["sources"] as? [String] ?? [] where !inputs.contains(source) {
        inputs.append(source)
      }
      return (inputs, provenance["suppression"] as? String)
    }
    return ([], nil)
  }

  // MARK: - writing

  /// Layer creation options for the PostgreSQL driver: names kept exactly as
  /// given (quoted by GDAL, not laundered to lower case), geometry `geom` with a
  /// GiST index, the feature id `fid` as the primary key, plain types.
  static func creationOptions(schema: String, spatial: Bool) -> [String] {
    var options = ["SCHEMA=\(schema)", "LAUNDER=NO", "PRECISION=NO", "FID=fid", "OVERWRITE=NO"]
    if spatial { options += ["GEOMETRY_NAME=geom", "SPATIAL_INDEX=GIST", "DIM=2"] }
    return options
  }

  /// Whether GDAL 3.6's PostgreSQL driver handles a schema name as it is (it
  /// mishandles quotes in names: a layer `ta'ble` "already exists", a field
  /// `we"ird` becomes `weird`).
  static func gdalHandles(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
    }
  }

  /// Writes one table. GDAL writes it under plain names (`wijkstat_stage_N`,
  /// columns `c_1`, `c_2`, … in `gdalSchema`, which is the schema itself when
  /// GDAL handles its name), then wijkstat's own quoted SQL gives the table, its
  /// columns, indexes and sequence their real names and moves it into `schema`.
  ///
  /// Numbers reach the server as the shortest text that reads back to the same
  /// double (the CSVs' own text) into a text column, which the server converts
  /// to `double precision`: GDAL 3.6's PostgreSQL driver would send them with 15
  /// significant digits and lose the last bits the files keep.
  static func write(
    _ item: Item, number: Int, folder: URL, into dataset: Dataset, schema: String,
    gdalSchema: String
  ) throws {
    let path = folder.appendingPathComponent(item.file).path
    let stage = "wijkstat_stage_\(number)"
    var realColumns: [String]
    let columns: [String]
    if let layerName = item.layer {
      let source = try Dataset.openVector(path)
      guard let layer = source.layer(named: layerName) else {
        throw UserError("has no layer \"\(layerName)\"", source: path)
      }
      columns = layer.fields.map(\.name)
      realColumns = try dataset.copyLayer(
        layer, name: stage,
        options: creationOptions(schema: gdalSchema, spatial: layer.hasGeometry),
        realText: { $0.isFinite ? "\($0)" : nil }, fieldName: { index, _ in "c_\(index + 1)" }
      ).realsAsText
    } else {
      let table = try DelimitedTextReader.read(path)
      columns = table.columns
      var (output, reals) = typed(table, name: stage)
      let staged = Dictionary(
        uniqueKeysWithValues: columns.indices.map { (columns[$0], "c_\($0 + 1)") })
      for index in output.fields.indices { output.fields[index].name = "c_\(index + 1)" }
      realColumns = reals.compactMap { staged[$0] }
      let layer = try dataset.createLayer(
        name: stage, spatialReference: nil, geometry: .none,
        options: creationOptions(schema: gdalSchema, spatial: false))
      try VectorWriter.fill(layer, with: output)
    }
    var table = SQLText.qualified(gdalSchema, stage)
    if !realColumns.isEmpty {
      let changes = realColumns.map {
        "ALTER COLUMN \(SQLText.identifier($0)) TYPE double precision USING \(SQLText.identifier($0))::double precision"
      }
      try dataset.execute("ALTER TABLE \(table) \(changes.joined(separator: ", "))")
    }
    for (index, column) in columns.enumerated() {
      try dataset.execute(
        "ALTER TABLE \(table) RENAME COLUMN \(SQLText.identifier("c_\(index + 1)")) TO \(SQLText.identifier(column))"
      )
    }
    try dataset.execute("ALTER TABLE \(table) RENAME TO \(SQLText.identifier(item.name))")
    table = SQLText.qualified(gdalSchema, item.name)
    if gdalSchema != schema {
      try dataset.execute("ALTER TABLE \(table) SET SCHEMA \(SQLText.identifier(schema))")
    }
    // The primary key, spatial index and id sequence GDAL named after the stage.
    let related = try dataset.query(
      """
      SELECT c.relname, c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
      WHERE n.nspname = \(SQLText.literal(schema)) AND c.relkind IN ('i', 'S') \
      AND left(c.relname, \(stage.count + 1)) = \(SQLText.literal(stage + "_"))
      """
    ).rows
    for row in related {
      guard let name = row[0], let kind = row[1] else { continue }
      let renamed = item.name + name.dropFirst(stage.count)
      guard renamed.utf8.count <= SQLText.maximumIdentifierBytes else { continue }
      try dataset.execute(
        "ALTER \(kind == "S" ? "SEQUENCE" : "INDEX") \(SQLText.qualified(schema, name)) RENAME TO \(SQLText.identifier(renamed))"
      )
    }
  }

  /// A CSV table with typed columns: a column whose every non-empty cell is a
  /// whole number is `bigint`, one of numbers `double precision`, anything else
  /// `text`, as is every code column (`area`, `code`, `gemeente`, `region`, …:
  /// a PC-4 code is a code, not a number). Empty cells are NULL.
  static func typed(_ table: RawTable, name: String) -> (OutputLayer, realColumns: [String]) {
    let codeColumns: Set<String> = [
      "area", "code", "gemeente", "region", "region_level", "level", "key", "name", "side",
      "source", "suggestion",
    ]
    var kinds: [AttributeField.Kind] = []
    for column in table.columns.indices {
      let header = table.columns[column]
      if codeColumns.contains(header.lowercased()) || header.lowercased().hasSuffix("_code") {
        kinds.append(.text)
        continue
      }
      var kind: AttributeField.Kind? = nil
      for row in table.rows.indices {
        let cell = table.rows.cell(row, column)
        if cell.isEmpty { continue }
        if isInteger(cell), kind != .real {
          kind = .integer
        } else if isNumber(cell) {
          kind = .real
        } else {
          kind = .text
          break
        }
      }
      kinds.append(kind ?? .text)
    }
    // Number columns go as their text (converted on the server, see `write`).
    let fields = zip(table.columns, kinds).map { AttributeField($0, $1 == .real ? .text : $1) }
    let rows: [[AttributeValue]] = table.rows.indices.map { row in
      kinds.indices.map { column in
        let cell = table.rows.cell(row, column)
        if cell.isEmpty { return .null }
        switch kinds[column] {
        case .text, .real: return .text(cell)
        case .integer: return Int(cell).map(AttributeValue.integer) ?? .text(cell)
        }
      }
    }
    let reals = kinds.indices.filter { kinds[$0] == .real }.map { table.columns[$0] }
    return (OutputLayer(name: name, fields: fields, geometries: [], rows: rows), reals)
  }

  static func isInteger(_ cell: String) -> Bool {
    let digits = cell.hasPrefix("-") ? cell.dropFirst() : Substring(cell)
    return !digits.isEmpty && digits.count <= 18 && digits.allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// A finite decimal number as the CSVs write them (`0.125`, `-3e-07`); not
  /// `nan`, `inf` or hexadecimal, which Swift's parser would also take.
  static func isNumber(_ cell: String) -> Bool {
    guard cell.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
      let value = Double(cell)
    else { return false }
    return value.isFinite
  }
}

/// A row of `wijkstat_manifest` with what the catalogue says of its table.
struct ManifestRow {
  var name: String
  var styleID: Int?
  /// The mark wijkstat wrote into the table's COMMENT (nil in a manifest of
  /// wijkstat 0.x before marks).
  var mark: String?
  /// `relkind` of the relation of that name in the schema (`r` a table), nil when there is none.
  var kind: String?
  var ownedByUser: Bool
  var comment: String?

  /// `[wijkstat:MARK]`, the end of every COMMENT wijkstat writes on a table.
  static func markText(_ mark: String) -> String { "[wijkstat:\(mark)]" }

  /// Whether the relation is a table that wijkstat wrote: its COMMENT (which
  /// only the table's owner can set) ends with the mark the manifest row holds;
  /// for a row of before the marks, the COMMENT wijkstat wrote then and the
  /// publishing role owning the table.
  var isWijkstats: Bool {
    guard kind == "r", let comment else { return false }
    if let mark {
      return !mark.isEmpty && comment.hasSuffix(Self.markText(mark))
    }
    return ownedByUser && comment.contains(" Published by wijkstat ")
  }
}

/// Another publish holds the schema: exit status 75, as for a locked output folder.
public struct PublishBusy: Error, CustomStringConvertible, Sendable {
  public var error: UserError
  public var description: String { error.description }
}

/// What each published table holds and how it was computed, for its COMMENT.
enum TableMethods {
  static func describe(_ table: String) -> String {
    let base = table.replacingOccurrences(of: "-tests", with: "")
    switch table {
    case "correlations":
      return
        "Correlations of % reported with the indicators per level and year: Pearson r (t-test p, Fisher-z 95% interval), Spearman rho, Benjamini-Hochberg q."
    case "contrast":
      return
        "Tabel 3: children reported in and outside achterstandswijken, per year and age group (published counts only)."
    case "contrast-tests":
      return
        "Achterstandswijk contrast tests: Poisson rate ratio with log-scale interval and exact conditional test; Mantel-Haenszel rate ratio by gemeente."
    case "rankings": return "Areas with the highest and lowest % reported (ties share a rank)."
    case "trends": return "% reported per area per year and the change."
    case "rates":
      return
        "Small-area rates: raw rate with exact Poisson (Garwood) interval, global and spatial empirical Bayes rates (Marshall 1991), exceedance probabilities."
    case "moran":
      return "Global Moran's I with E[I], Var(I) under normality, normal and permutation p."
    case "lisa":
      return "Local Moran's I (LISA) with conditional permutation p, q-values and clusters."
    case "regions": return "Which gemeenten make each region."
    case "join-report":
      return "Every key that did not fit in the join, with the reason and a suggestion."
    default:
      if base.hasPrefix("contrast-") {
        return table.hasSuffix("-tests")
          ? "Achterstandswijk contrast tests within region set \(base.dropFirst(9)) (Tabel 4)."
          : "Tabel 4: the achterstandswijk contrast within region set \(base.dropFirst(9))."
      }
      return "Table \(table) of the run."
    }
  }
}
