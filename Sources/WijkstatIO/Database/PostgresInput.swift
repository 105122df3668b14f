import Foundation
import GDALBridge
import WijkstatCore

/// Reading from PostgreSQL/PostGIS through GDAL's PostgreSQL driver: the table,
/// view or query an input names, and one-line messages for what goes wrong on
/// the way (a server that is down, a wrong database, a missing password or
/// permission, no PostGIS). Messages name the server and the database, never
/// the password.
enum PostgresInput {
  /// Whether a layer name is an SQL query rather than a table (`SELECT …`, `WITH …`).
  static func isQuery(_ name: String) -> Bool {
    let head = name.drop { $0.isWhitespace }.prefix(7).lowercased()
    return head.hasPrefix("select")
      && head.dropFirst(6).first.map { $0.isWhitespace || $0 == "(" } ?? false
      || head.hasPrefix("with") && head.dropFirst(4).first?.isWhitespace == true
  }

  /// Opens a `PG:` source read-only, or throws one line naming the server and database.
  /// Read-only on the server too: the session's transactions are read-only
  /// (`default_transaction_read_only`, set at connection time through libpq's
  /// `options`, see `ConnectionString.readOnly`), so a query input that tries
  /// to write (`WITH d AS (DELETE …) SELECT …`, `nextval`, …) fails with
  /// PostgreSQL's `cannot execute … in a read-only transaction`.
  static func open(_ source: String, connection: ConnectionString) throws -> Dataset {
    Secrets.register(source: source)
    let dataset: Dataset
    do {
      dataset = try Dataset.openVector(connection.readOnly, drivers: ["PostgreSQL"])
    } catch let error as GDALError {
      throw connectionError(error.messages, source: source, connection: connection)
    }
    // A server (or a pooler in front of it) that ignored the option: set it
    // for the session, and refuse to read when even that does not hold.
    func readOnly() -> Bool {
      (try? dataset.query("SELECT current_setting('default_transaction_read_only')").rows.first?
        .first ?? nil) == "on"
    }
    if !readOnly() {
      try? dataset.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
      guard readOnly() else {
        throw UserError(
          "cannot make the connection to \(connection.described) read-only (default_transaction_read_only stays off); not read",
          source: Secrets.display(source))
      }
    }
    return dataset
  }

  /// The table, view or query `name` of an open connection. A table is named
  /// `schema.table` (or `table` in the search path); a query is run as given, in
  /// PostgreSQL's SQL, in a read-only transaction (see `open`).
  static func layer(
    named name: String, in dataset: Dataset, source: String, connection: ConnectionString
  ) throws
    -> Layer
  {
    // A table or view that happens to be called `with x` or `select (…)` in
    // the search path is that table, not a query (QA Q11, session 6).
    let isRelation =
      isQuery(name)
      && ((try? dataset.query(
        "SELECT 1 FROM pg_class WHERE relname = \(SQLText.literal(name)) AND pg_table_is_visible(oid)"
      ).rows.isEmpty)
        == false)
    if isQuery(name), !isRelation {
      do {
        return try dataset.queryLayer(name)
      } catch let error as GDALError {
        throw UserError(
          "the query failed on \(connection.described): \(detail(error.messages))",
          source: Secrets.display(source))
      }
    }
    if let layer = dataset.layer(named: name) { return layer }
    if !hasPostGIS(dataset) {
      throw UserError(
        "no table or view \"\(name)\", and \(connection.described) has no PostGIS extension (CREATE EXTENSION postgis)",
        source: Secrets.display(source))
    }
    throw UserError(
      "no table or view \"\(name)\" that this user may read on \(connection.described) (name it as schema.table)",
      source: Secrets.display(source))
  }

  /// How a table read from PostgreSQL names itself in messages and in the join
  /// report: the source with the table (or `query`) and what names its rows,
  /// `PG:dbname=gis (table bron.meldingen, ogc_fid)`; `UserError` then names a
  /// row `ogc_fid 7391` instead of `line 7391` (QA Q8, session 6).
  static func label(_ source: String, layer: String, rowKey: String?) -> String {
    "\(source) (\(isQuery(layer) ? "query" : "table \(layer)"), \(rowKey ?? "row"))"
  }

  /// Whether the database has the PostGIS extension.
  static func hasPostGIS(_ dataset: Dataset) -> Bool {
    guard
      let rows = try? dataset.query("SELECT extversion FROM pg_extension WHERE extname = 'postgis'")
        .rows
    else { return false }
    return !rows.isEmpty
  }

  /// A read that failed halfway (a permission, a dropped connection): one line.
  static func readError(
    _ error: GDALError, layer: String, source: String, connection: ConnectionString
  ) -> UserError {
    UserError(
      "cannot read \"\(layer)\" on \(connection.described): \(detail(error.messages))",
      source: Secrets.display(source))
  }

  /// GDAL's "PQconnectdb failed." and libpq's lines as one line of what is wrong.
  static func connectionError(_ messages: [String], source: String, connection: ConnectionString)
    -> UserError
  {
    let text = messages.joined(separator: "\n")
    let reason: String
    if text.contains("No such file or directory") || text.contains("Connection refused") {
      reason = "the server is not running or does not accept connections there"
    } else if text.contains("could not translate host name") {
      reason = "unknown host"
    } else if text.contains("no password supplied") {
      reason =
        "the server asks for a password and libpq found none (put it in ~/.pgpass, PGPASSFILE or a service file, not in the connection string)"
    } else if text.contains("password authentication failed") {
      reason = detail(messages) + " (check ~/.pgpass, PGPASSFILE, PGPASSWORD or the service file)"
    } else if text.contains("timeout expired") {
      reason = "no answer from the server (timeout)"
    } else {
      reason = detail(messages)
    }
    return UserError(
      "cannot connect to \(connection.described): \(reason)", source: Secrets.display(source))
  }

  /// The server's own message on one line: libpq's `connection to server … failed:`
  /// prefix, `FATAL:`/`ERROR:` and GDAL's wrapping dropped, whitespace collapsed.
  static func detail(_ messages: [String]) -> String {
    var lines = messages.joined(separator: "\n").split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    lines.removeAll {
      $0.isEmpty || $0 == "PQconnectdb failed." || $0.hasPrefix("LINE ") || $0 == "^"
    }
    var text = lines.first ?? "PostgreSQL reported no detail"
    if let range = text.range(of: " failed: "), text.hasPrefix("connection to server") {
      text = String(text[range.upperBound...])
    }
    for prefix in ["FATAL:", "ERROR:"] where text.hasPrefix(prefix) {
      text = String(text.dropFirst(prefix.count))
    }
    // GDAL's "ERROR:  permission denied …" inside its own sentence.
    if let range = text.range(of: "ERROR:") { text = String(text[range.upperBound...]) }
    text = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return Secrets.scrub(text)
  }
}
