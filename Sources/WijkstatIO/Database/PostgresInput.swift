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
    return head.hasPrefix("select") && head.dropFirst(6).first.map { $0.isWhitespace || $0 == "(" } ?? false
      || head.hasPrefix("with") && head.dropFirst(4).first?.isWhitespace == true
  }

  /// Opens a `PG:` source read-only, or throws one line naming the server and database.
  static func open(_ source: String, connection: ConnectionString) throws -> Dataset {
    Secrets.register(source: source)
    do {
      return try Dataset.openVector(source, drivers: ["PostgreSQL"])
    } catch let error as GDALError {
      throw connectionError(error.messages, source: source, connection: connection)
    }
  }

  /// The table, view or query `name` of an open connection. A table is named
  /// `schema.table` (or `table` in the search path); a query is run as given, in
  /// PostgreSQL's SQL (read-only: the connection never writes).
  static func layer(named name: String, in dataset: Dataset, source: String, connection: ConnectionString) throws
    -> Layer
  {
    if isQuery(name) {
      do {
        return try dataset.queryLayer(name)
      } catch let error as GDALError {
        throw UserError(
          "the query failed on \(connection.described): \(detail(error.messages))", source: Secrets.display(source))
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

  /// Whether the database has the PostGIS extension.
  static func hasPostGIS(_ dataset: Dataset) -> Bool {
    guard let rows = try? dataset.query("SELECT extversion FROM pg_extension WHERE extname = 'postgis'").rows
    else { return false }
    return !rows.isEmpty
  }

  /// A read that failed halfway (a permission, a dropped connection): one line.
  static func readError(_ error: GDALError, layer: String, source: String, connection: ConnectionString) -> UserError {
    UserError(
      "cannot read \"\(layer)\" on \(connection.described): \(detail(error.messages))", source: Secrets.display(source))
  }

  /// GDAL's "PQconnectdb failed." and libpq's lines as one line of what is wrong.
  static func connectionError(_ messages: [String], source: String, connection: ConnectionString) -> UserError {
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
    return UserError("cannot connect to \(connection.described): \(reason)", source: Secrets.display(source))
  }

  /// The server's own message on one line: libpq's `connection to server … failed:`
  /// prefix, `FATAL:`/`ERROR:` and GDAL's wrapping dropped, whitespace collapsed.
  static func detail(_ messages: [String]) -> String {
    var lines = messages.joined(separator: "\n").split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    lines.removeAll { $0.isEmpty || $0 == "PQconnectdb failed." || $0.hasPrefix("LINE ") || $0 == "^" }
    var text = lines.first ?? "PostgreSQL reported no detail"
    if let range = text.range(of: " failed: ") , text.hasPrefix("connection to server") {
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
