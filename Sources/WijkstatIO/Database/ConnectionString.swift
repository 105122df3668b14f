import Foundation
import WijkstatCore

/// A PostgreSQL connection as GDAL's PostgreSQL driver takes it: `PG:` followed
/// by libpq's keyword/value connection string (`PG:dbname=gis host=db.gemeente.nl
/// service=wijkstat`), plus GDAL's own keywords (`schemas=`, `tables=`,
/// `active_schema=`). Whatever the string leaves out libpq takes from its usual
/// sources (`PGHOST`, `PGDATABASE`, ... in the environment, the service file,
/// `~/.pgpass` for the password), so a password need never be written here.
///
/// Parsing follows libpq's rules for keyword/value strings (keywords, `=`,
/// values bare or in single quotes with `\'` and `\\` escapes); this is written
/// by hand because only the names are needed, for messages, and libpq's parser
/// (PQconninfoParse) is not reachable through GDAL.
public struct ConnectionString: Sendable, Equatable {
  /// The text after `PG:`, as given (with the password, for opening).
  public let conninfo: String
  /// Keyword → value, in order of appearance (later ones win, as in libpq).
  public let settings: [(key: String, value: String)]

  public static func == (a: ConnectionString, b: ConnectionString) -> Bool { a.conninfo == b.conninfo }

  /// nil when `source` is not a `PG:` connection.
  public init?(_ source: String) {
    guard source.count >= 3, source.prefix(3).uppercased() == "PG:" else { return nil }
    conninfo = String(source.dropFirst(3))
    settings = Self.parse(conninfo)
  }

  /// Whether `source` is a `PG:` connection string.
  public static func isPostgres(_ source: String) -> Bool { ConnectionString(source) != nil }

  public func value(_ key: String) -> String? { settings.last { $0.key == key }?.value }

  /// The server as libpq will reach it: `host`/`hostaddr` and `port` of the
  /// string, else `PGHOST`/`PGPORT`, else libpq's default (the local socket).
  public var server: String {
    let environment = ProcessInfo.processInfo.environment
    let service = value("service") ?? environment["PGSERVICE"]
    let fromService = service.map(Self.serviceSettings) ?? [:]
    let host = value("host") ?? value("hostaddr") ?? fromService["host"] ?? fromService["hostaddr"] ?? environment["PGHOST"]
    let port = value("port") ?? fromService["port"] ?? environment["PGPORT"]
    var text: String
    if let host, !host.isEmpty {
      text = host.hasPrefix("/") ? "socket \(host)" : host
    } else {
      text = "the local socket"
    }
    if let port, !port.isEmpty { text += host?.hasPrefix("/") == true ? " (port \(port))" : ":\(port)" }
    if let service { text += " (service \(service))" }
    return text
  }

  /// The database libpq will ask for: `dbname`, else `PGDATABASE`, else the user name.
  public var database: String {
    let environment = ProcessInfo.processInfo.environment
    let fromService = (value("service") ?? environment["PGSERVICE"]).map(Self.serviceSettings) ?? [:]
    if let name = value("dbname") ?? fromService["dbname"] ?? environment["PGDATABASE"], !name.isEmpty { return name }
    return value("user") ?? fromService["user"] ?? environment["PGUSER"] ?? environment["USER"] ?? "(the user's)"
  }

  /// The settings of a service in libpq's service files (PGSERVICEFILE or
  /// ~/.pg_service.conf, then PGSYSCONFDIR's or Debian's system-wide
  /// pg_service.conf; the first file with the service wins), as libpq reads
  /// them; only for naming server and database in messages (libpq itself
  /// connects). Passwords in them are never read into messages.
  static func serviceSettings(_ service: String) -> [String: String] {
    let environment = ProcessInfo.processInfo.environment
    var files: [String] = []
    if let file = environment["PGSERVICEFILE"] {
      files.append(file)
    } else if let home = environment["HOME"] {
      files.append(home + "/.pg_service.conf")
    }
    files.append((environment["PGSYSCONFDIR"] ?? "/etc/postgresql-common") + "/pg_service.conf")
    for file in files {
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
      var inService = false
      var found = false
      var settings: [String: String] = [:]
      for raw in text.split(whereSeparator: \.isNewline) {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.isEmpty || line.hasPrefix("#") { continue }
        if line.hasPrefix("[") {
          inService = line == "[\(service)]"
          found = found || inService
          continue
        }
        guard inService, let eq = line.firstIndex(of: "=") else { continue }
        let key = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
        guard key != "password" else { continue }
        settings[key] = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
      }
      if found { return settings }
    }
    return [:]
  }

  /// `server …, database "…"`, for messages.
  public var described: String { "server \(server), database \"\(database)\"" }

  /// The password written in the string itself, if any (libpq also reads
  /// `PGPASSWORD`, the service file and `.pgpass`, which never reach wijkstat's text).
  public var password: String? {
    if let uri = uriPassword { return String(uri) }
    return value("password").flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The password of a URI form (`PG:postgresql://user:secret@host/db`).
  var uriPassword: Substring? {
    guard let scheme = conninfo.range(of: "://"), conninfo.hasPrefix("postgres") else { return nil }
    let rest = conninfo[scheme.upperBound...]
    guard let at = rest.firstIndex(of: "@") else { return nil }
    let userInfo = rest[..<at]
    guard let colon = userInfo.firstIndex(of: ":") else { return nil }
    let password = userInfo[userInfo.index(after: colon)...]
    return password.isEmpty ? nil : password
  }

  /// The source as wijkstat prints it: `PG:` and every setting but the password
  /// (`password=***`).
  public var redacted: String {
    if let password = uriPassword {
      return "PG:" + conninfo.replacingCharacters(in: password.startIndex..<password.endIndex, with: "***")
    }
    return "PG:" + settings.map { $0.key == "password" ? "password=***" : "\($0.key)=\(Self.quoted($0.value))" }
      .joined(separator: " ")
  }

  static func quoted(_ value: String) -> String {
    if !value.isEmpty, !value.contains(where: { $0 == " " || $0 == "'" || $0 == "\\" }) { return value }
    return "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
  }

  /// libpq's keyword/value syntax; text that does not follow it (libpq would
  /// refuse it) is kept as far as it parses.
  static func parse(_ text: String) -> [(key: String, value: String)] {
    var result: [(key: String, value: String)] = []
    let characters = Array(text)
    var index = 0
    func skipSpaces() { while index < characters.count, characters[index].isWhitespace { index += 1 } }
    while true {
      skipSpaces()
      guard index < characters.count else { break }
      var key = ""
      while index < characters.count, characters[index] != "=", !characters[index].isWhitespace {
        key.append(characters[index])
        index += 1
      }
      skipSpaces()
      guard index < characters.count, characters[index] == "=" else { break }
      index += 1
      skipSpaces()
      var value = ""
      if index < characters.count, characters[index] == "'" {
        index += 1
        while index < characters.count, characters[index] != "'" {
          if characters[index] == "\\", index + 1 < characters.count { index += 1 }
          value.append(characters[index])
          index += 1
        }
        index += 1  // the closing quote
      } else {
        while index < characters.count, !characters[index].isWhitespace {
          if characters[index] == "\\", index + 1 < characters.count { index += 1 }
          value.append(characters[index])
          index += 1
        }
      }
      result.append((key.lowercased(), value))
    }
    return result
  }
}

/// Passwords wijkstat has seen in connection strings of this process: every line
/// it prints goes through `scrub`, so a password can reach no message, log line
/// or error even where a connection string is quoted whole (GDAL's or libpq's
/// messages included).
public enum Secrets {
  private static let lock = NSLock()
  /// `nonisolated(unsafe)`, safe: private, and read (copied out) and written only
  /// while `lock` is held (`register` and `scrub`).
  nonisolated(unsafe) private static var known: Set<String> = []

  /// Remembers the password of `source` when it is a `PG:` string with one.
  public static func register(source: String) {
    guard let password = ConnectionString(source)?.password else { return }
    lock.lock()
    known.insert(password)
    lock.unlock()
  }

  /// `text` with every known password replaced by `***`, and every `PG:`
  /// connection string's `password=` setting too.
  public static func scrub(_ text: String) -> String {
    lock.lock()
    let passwords = known
    lock.unlock()
    var text = text
    // Longest first, so a password that contains another is replaced whole.
    for password in passwords.sorted(by: { $0.count > $1.count }) where text.contains(password) {
      text = text.replacingOccurrences(of: password, with: "***")
    }
    return text
  }

  /// How a source is named in messages: a `PG:` string without its password.
  public static func display(_ source: String) -> String {
    ConnectionString(source)?.redacted ?? source
  }
}
