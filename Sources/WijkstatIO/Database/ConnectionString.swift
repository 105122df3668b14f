import Foundation
import GDALBridge
import WijkstatCore

/// A PostgreSQL connection as GDAL's PostgreSQL driver takes it: `PG:` followed
/// by a libpq connection string, in either of libpq's two forms:
///
/// - keyword/value (`PG:dbname=gis host=db.gemeente.nl service=wijkstat`): keywords,
///   `=` (spaces around it allowed), values bare or in single quotes, `\` escaping
///   the next character in both;
/// - URI (`PG:postgresql://user:secret@host:5432,host2/gis?sslmode=require`,
///   also `postgres://`): `user[:password]@`, hosts with ports, `/dbname` and
///   `?keyword=value&…` parameters, every part percent-encoded.
///
/// plus GDAL's own keywords (`schemas=`, `tables=`, `active_schema=`). Whatever
/// the string leaves out libpq takes from its usual sources (`PGHOST`,
/// `PGDATABASE`, ... in the environment, the service file, `~/.pgpass` for the
/// password), so a password need never be written here.
///
/// Parsing follows libpq's `conninfo_parse` and `conninfo_uri_parse_options`
/// (fe-connect.c, PostgreSQL 15); it is written by hand because only the names
/// are needed, for messages and for redaction, and libpq's parser
/// (PQconninfoParse) is not reachable through GDAL.
public struct ConnectionString: Sendable, Equatable {
  /// The text after `PG:`, as given (with the password, for opening).
  public let conninfo: String
  /// Keyword → value, in order of appearance (later ones win, as in libpq); for
  /// a URI its parts as libpq maps them (`user`, `password`, `host`, `port`,
  /// `dbname`) and its parameters, percent-decoded.
  public let settings: [(key: String, value: String)]
  /// Whether the string is a `postgresql://` URI.
  public let isURI: Bool

  public static func == (a: ConnectionString, b: ConnectionString) -> Bool {
    a.conninfo == b.conninfo
  }

  /// The keywords libpq treats as secrets (the ones its option table marks with
  /// the display character `*`: `password` and `sslpassword` in PostgreSQL 15,
  /// `oauth_client_secret` since 18). Their values never appear in wijkstat's text.
  public static let secretKeywords: Set<String> = [
    "password", "sslpassword", "oauth_client_secret",
  ]

  /// nil when `source` is not a `PG:` connection.
  public init?(_ source: String) {
    guard source.count >= 3, source.prefix(3).uppercased() == "PG:" else { return nil }
    conninfo = String(source.dropFirst(3))
    isURI = Self.uriPrefix(conninfo) != nil
    settings = isURI ? Self.parseURI(conninfo) : Self.parse(conninfo)
  }

  /// Whether `source` is a `PG:` connection string.
  public static func isPostgres(_ source: String) -> Bool { ConnectionString(source) != nil }

  public func value(_ key: String) -> String? { settings.last { $0.key == key }?.value }

  /// The service's settings (from the string or `PGSERVICE`), for naming.
  private var serviceSettings: [String: String] {
    (value("service") ?? ProcessInfo.processInfo.environment["PGSERVICE"]).map(Self.serviceSettings)
      ?? [:]
  }

  /// The server as libpq will reach it: `host`/`hostaddr` and `port` of the
  /// string (a URI's hosts), else the service file's, else `PGHOST`/`PGPORT`,
  /// else libpq's default (the local socket).
  public var server: String {
    let environment = ProcessInfo.processInfo.environment
    let service = value("service") ?? environment["PGSERVICE"]
    let fromService = serviceSettings
    let host =
      value("host") ?? value("hostaddr") ?? fromService["host"] ?? fromService["hostaddr"]
      ?? environment["PGHOST"]
    let port = value("port") ?? fromService["port"] ?? environment["PGPORT"]
    var text: String
    if let host, !host.isEmpty {
      text = host.hasPrefix("/") ? "socket \(host)" : host
    } else {
      text = "the local socket"
    }
    if let port, !port.isEmpty {
      text += host?.hasPrefix("/") == true ? " (port \(port))" : ":\(port)"
    }
    if let service { text += " (service \(service))" }
    return text
  }

  /// The database libpq will ask for: `dbname` (a URI's path), else the
  /// service's, else `PGDATABASE`, else the user name.
  public var database: String {
    let environment = ProcessInfo.processInfo.environment
    let fromService = serviceSettings
    if let name = value("dbname") ?? fromService["dbname"] ?? environment["PGDATABASE"],
      !name.isEmpty
    {
      return name
    }
    return value("user") ?? fromService["user"] ?? environment["PGUSER"] ?? environment["USER"]
      ?? "(the user's)"
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
        guard !secretKeywords.contains(key) else { continue }
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
  public var password: String? { value("password").flatMap { $0.isEmpty ? nil : $0 } }

  /// The source as wijkstat prints it: `PG:` and the string with the value of
  /// every secret setting replaced by `***` (`password=***`, `user:***@` in a URI).
  public var redacted: String { "PG:" + ConnectionRedaction.redact(conninfo) }

  /// The connection string to open for reading: the same, with libpq's
  /// `options` setting asking the server for read-only transactions
  /// (`-c default_transaction_read_only=on`), so a query input cannot change
  /// the database (QA Q3, session 6). The options the user gave (in the string,
  /// the service file or `PGOPTIONS`, which an `options` setting would replace)
  /// are kept in front.
  public var readOnly: String {
    let readOnly = "-c default_transaction_read_only=on"
    let given =
      value("options") ?? serviceSettings["options"]
      ?? ProcessInfo.processInfo.environment["PGOPTIONS"]
    let options = given.map { $0.isEmpty ? readOnly : $0 + " " + readOnly } ?? readOnly
    if isURI {
      // RFC 3986's unreserved characters stay, everything else is %-encoded.
      var unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
      unreserved.insert(charactersIn: "-._~")
      let encoded = options.addingPercentEncoding(withAllowedCharacters: unreserved) ?? options
      return "PG:" + conninfo + (conninfo.contains("?") ? "&" : "?") + "options=" + encoded
    }
    return "PG:" + conninfo + " options=" + Self.quoted(options)
  }

  static func quoted(_ value: String) -> String {
    if !value.isEmpty, !value.contains(where: { $0.isWhitespace || $0 == "'" || $0 == "\\" }) {
      return value
    }
    return "'"
      + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
        of: "'", with: "\\'") + "'"
  }

  /// The length of `postgresql://` or `postgres://` at the start of `text`, or nil.
  static func uriPrefix(_ text: Substring) -> Int? {
    let lower = text.prefix(13).lowercased()
    if lower.hasPrefix("postgresql://") { return 13 }
    if lower.hasPrefix("postgres://") { return 11 }
    return nil
  }

  static func uriPrefix(_ text: String) -> Int? { uriPrefix(Substring(text)) }

  /// libpq's keyword/value syntax; text that does not follow it (libpq would
  /// refuse it) is kept as far as it parses.
  static func parse(_ text: String) -> [(key: String, value: String)] {
    ConnectionRedaction.keywordValues(in: text).map { (key: $0.key.lowercased(), value: $0.value) }
  }

  /// A URI's parts as libpq's `conninfo_uri_parse_options` maps them.
  static func parseURI(_ text: String) -> [(key: String, value: String)] {
    guard let prefix = uriPrefix(text) else { return [] }
    var rest = Substring(text).dropFirst(prefix)
    var result: [(key: String, value: String)] = []
    func decoded(_ part: Substring) -> String {
      String(part).removingPercentEncoding ?? String(part)
    }
    // user[:password]@ — up to the last `@` before the first `/` (libpq stops at the first).
    let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
    if let at = rest[..<authorityEnd].lastIndex(of: "@") {
      let userInfo = rest[..<at]
      if let colon = userInfo.firstIndex(of: ":") {
        result.append((key: "user", value: decoded(userInfo[..<colon])))
        result.append((key: "password", value: decoded(userInfo[userInfo.index(after: colon)...])))
      } else if !userInfo.isEmpty {
        result.append((key: "user", value: decoded(userInfo)))
      }
      rest = rest[rest.index(after: at)...]
    }
    // host[:port][,host[:port]]…
    let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
    var hosts: [String] = []
    var ports: [String] = []
    for part in rest[..<hostEnd].split(separator: ",", omittingEmptySubsequences: false) {
      var host = part
      var port: Substring = ""
      if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
        port = host[host.index(after: close)...].drop { $0 == ":" }
        host = host[host.index(after: host.startIndex)..<close]
      } else if let colon = host.lastIndex(of: ":") {
        port = host[host.index(after: colon)...]
        host = host[..<colon]
      }
      hosts.append(decoded(host))
      ports.append(decoded(port))
    }
    if hosts.contains(where: { !$0.isEmpty }) {
      result.append((key: "host", value: hosts.joined(separator: ",")))
    }
    if ports.contains(where: { !$0.isEmpty }) {
      result.append((key: "port", value: ports.joined(separator: ",")))
    }
    rest = rest[hostEnd...]
    if rest.hasPrefix("/") {
      let nameEnd = rest.firstIndex(of: "?") ?? rest.endIndex
      let name = rest[rest.index(after: rest.startIndex)..<nameEnd]
      if !name.isEmpty { result.append((key: "dbname", value: decoded(name))) }
      rest = rest[nameEnd...]
    }
    if rest.hasPrefix("?") {
      for pair in rest.dropFirst().split(separator: "&") {
        guard let eq = pair.firstIndex(of: "=") else { continue }
        var key = decoded(pair[..<eq])
        var value = decoded(pair[pair.index(after: eq)...])
        // libpq's one JDBC-style alias.
        if key == "ssl", value == "true" {
          key = "sslmode"
          value = "require"
        }
        result.append((key: key, value: value))
      }
    }
    return result
  }
}

/// The one redaction of wijkstat: finds the secret values of libpq connection
/// strings anywhere in a text (a `PG:` argument, an error message quoting one,
/// ArgumentParser's echo of an option) and replaces them with `***`, in every
/// form libpq accepts:
///
/// - `password=VALUE`, `sslpassword = 'VALUE'`, … (any keyword of
///   `ConnectionString.secretKeywords`, any letter case, spaces around `=`):
///   a quoted value up to its closing quote (`\'` and `\\` inside), a bare value
///   up to the next unescaped space (`\ ` inside), as libpq reads them; a value
///   whose quote is never closed is redacted to the end of the text;
/// - in a URI, `scheme://user:VALUE@host` (up to the last `@` before the path)
///   and the parameters `?password=VALUE&…`, also with a percent-encoded keyword
///   (`?pass%77ord=`), up to the next `&` or space.
///
/// Written by hand for the same reason as `ConnectionString`'s parser.
public enum ConnectionRedaction {
  /// `text` with every secret value replaced by `***`.
  public static func redact(_ text: String) -> String {
    let ranges = secretRanges(in: text)
    guard !ranges.isEmpty else { return text }
    var result = ""
    var position = text.startIndex
    for range in ranges {
      result += text[position..<range.lowerBound]
      result += "***"
      position = range.upperBound
    }
    result += text[position...]
    return result
  }

  /// The secret values found in `text`: each as written (quotes stripped) and as
  /// libpq reads it (escapes and percent-encoding undone).
  public static func secrets(in text: String) -> [String] {
    var values: [String] = []
    for range in secretRanges(in: text) {
      var raw = Substring(text[range])
      values.append(String(raw))
      if raw.hasPrefix("'") {
        raw = raw.dropFirst()
        if raw.hasSuffix("'") { raw = raw.dropLast() }
        values.append(String(raw))
      }
      values.append(unescaped(raw))
      if let decoded = String(raw).removingPercentEncoding { values.append(decoded) }
    }
    return values.filter { !$0.isEmpty }
  }

  /// The ranges of the secret values in `text`, sorted and merged.
  static func secretRanges(in text: String) -> [Range<String.Index>] {
    var ranges = keywordValues(in: text, secretsOnly: true).map(\.range)
    ranges += uriPasswords(in: text)
    ranges.sort { $0.lowerBound < $1.lowerBound }
    var merged: [Range<String.Index>] = []
    for range in ranges {
      if let last = merged.last, range.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    return merged
  }

  struct Setting {
    var key: String
    var value: String
    /// The value as written, quotes included.
    var range: Range<String.Index>
  }

  /// `keyword=value` settings in `text`: the whole text as a keyword/value
  /// connection string (every setting), or, with `secretsOnly`, every secret
  /// keyword anywhere in any text (at the start, after a space, a quote, `(`,
  /// `,`, `;`, `:`, or `?`/`&` in a URI, whose values end at `&`).
  static func keywordValues(in text: String, secretsOnly: Bool = false) -> [Setting] {
    var result: [Setting] = []
    var index = text.startIndex
    func skipSpaces() {
      while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
    }
    /// A value starting at `index` (after `=` and spaces), as libpq reads it.
    func readValue(uriParameter: Bool) -> (String, Range<String.Index>) {
      let start = index
      var value = ""
      if uriParameter {
        while index < text.endIndex, text[index] != "&", !text[index].isWhitespace {
          value.append(text[index])
          index = text.index(after: index)
        }
        return (value.removingPercentEncoding ?? value, start..<index)
      }
      if index < text.endIndex, text[index] == "'" {
        index = text.index(after: index)
        while index < text.endIndex, text[index] != "'" {
          if text[index] == "\\", text.index(after: index) < text.endIndex {
            index = text.index(after: index)
          }
          value.append(text[index])
          index = text.index(after: index)
        }
        if index < text.endIndex { index = text.index(after: index) }  // the closing quote
      } else {
        while index < text.endIndex, !text[index].isWhitespace {
          if text[index] == "\\", text.index(after: index) < text.endIndex {
            index = text.index(after: index)
          }
          value.append(text[index])
          index = text.index(after: index)
        }
      }
      return (value, start..<index)
    }
    if !secretsOnly {
      // The whole text as one keyword/value string.
      while true {
        skipSpaces()
        guard index < text.endIndex else { break }
        var key = ""
        while index < text.endIndex, text[index] != "=", !text[index].isWhitespace {
          key.append(text[index])
          index = text.index(after: index)
        }
        skipSpaces()
        guard index < text.endIndex, text[index] == "=" else { break }
        index = text.index(after: index)
        skipSpaces()
        let (value, range) = readValue(uriParameter: false)
        result.append(Setting(key: key, value: value, range: range))
      }
      return result
    }
    // Every secret keyword anywhere.
    let boundaries: Set<Character> = ["'", "\"", "(", ",", ";", ":", "?", "&", "[", "{"]
    let characters = Array(text.indices)
    var position = 0
    while position < characters.count {
      let start = characters[position]
      let previous: Character? = position > 0 ? text[characters[position - 1]] : nil
      guard previous == nil || previous!.isWhitespace || boundaries.contains(previous!) else {
        position += 1
        continue
      }
      // The keyword (letters, `_`, `%XX` in a URI parameter).
      var end = position
      while end < characters.count,
        text[characters[end]].isLetter || text[characters[end]] == "_"
          || text[characters[end]] == "%" || (text[characters[end]].isHexDigit && end > position)
      {
        end += 1
      }
      guard end > position else {
        position += 1
        continue
      }
      let word = String(text[start..<(end < characters.count ? characters[end] : text.endIndex)])
      let keyword = (word.removingPercentEncoding ?? word).lowercased()
      guard ConnectionString.secretKeywords.contains(keyword) else {
        position = end
        continue
      }
      index = end < characters.count ? characters[end] : text.endIndex
      let uriParameter = previous == "?" || previous == "&"
      if !uriParameter { skipSpaces() }
      guard index < text.endIndex, text[index] == "=" else {
        position = end
        continue
      }
      index = text.index(after: index)
      if !uriParameter { skipSpaces() }
      let (value, range) = readValue(uriParameter: uriParameter)
      if !range.isEmpty { result.append(Setting(key: keyword, value: value, range: range)) }
      position = characters.firstIndex { $0 >= index } ?? characters.count
    }
    return result
  }

  /// The password part of every `postgres[ql]://user:password@` in `text`.
  static func uriPasswords(in text: String) -> [Range<String.Index>] {
    var result: [Range<String.Index>] = []
    var search = text.startIndex
    while let found = text.range(of: "://", options: [], range: search..<text.endIndex) {
      search = found.upperBound
      // The scheme before `://` must be postgres or postgresql.
      var schemeStart = found.lowerBound
      while schemeStart > text.startIndex, text[text.index(before: schemeStart)].isLetter {
        schemeStart = text.index(before: schemeStart)
      }
      let scheme = text[schemeStart..<found.lowerBound].lowercased()
      guard scheme == "postgres" || scheme == "postgresql" else { continue }
      let authorityEnd =
        text[found.upperBound...].firstIndex { $0 == "/" || $0.isWhitespace } ?? text.endIndex
      let authority = text[found.upperBound..<authorityEnd]
      guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":")
      else { continue }
      let password = authority.index(after: colon)..<at
      if !password.isEmpty { result.append(password) }
    }
    return result
  }

  /// A value with libpq's backslash escapes undone.
  static func unescaped(_ text: Substring) -> String {
    var value = ""
    var escaping = false
    for character in text {
      if !escaping, character == "\\" {
        escaping = true
        continue
      }
      escaping = false
      value.append(character)
    }
    return value
  }
}

/// Passwords wijkstat has seen in connection strings of this process: every line
/// it prints goes through `scrub`, so a password can reach no message, log line
/// or error even where a connection string is quoted whole (GDAL's or libpq's
/// messages included).
public enum Secrets {
  /// The passwords seen: added to by `register`, copied out by `scrub`.
  private static let known = Locked(Set<String>())

  /// Shorter values are not blanked out of text by themselves (a password `ab`
  /// would blank every `ab` of a message); `ConnectionRedaction` still removes
  /// them wherever they stand in a connection string.
  static let shortest = 4

  /// Remembers every secret value in `source` (a `PG:` string, or any text
  /// holding connection strings, such as a command-line argument `pc4=PG:…`),
  /// in each spelling: as written, unquoted, unescaped, percent-decoded.
  public static func register(source: String) {
    let values = ConnectionRedaction.secrets(in: source).filter { $0.count >= shortest }
    guard !values.isEmpty else { return }
    known.withLock { $0.formUnion(values) }
  }

  /// Registers every argument of the command line and libpq's `PGPASSWORD`,
  /// before anything is parsed or printed.
  public static func register(arguments: [String], environment: [String: String]) {
    for argument in arguments { register(source: argument) }
    if let password = environment["PGPASSWORD"], password.count >= shortest {
      known.withLock { _ = $0.insert(password) }
    }
  }

  /// What a command-line tool does first thing in `main`, before any other
  /// thread or task exists: registers the command line's secrets and makes
  /// GDAL's debug messages (`CPL_DEBUG=ON`, which print a dataset's name whole)
  /// pass through `scrub` (`GDALLibrary.debugFilter`, set only here).
  public static func install(arguments: [String], environment: [String: String]) {
    register(arguments: arguments, environment: environment)
    GDALLibrary.debugFilter = { scrub($0) }
  }

  /// `text` with every known password replaced by `***`, and every secret of a
  /// connection string in it too (`ConnectionRedaction`).
  public static func scrub(_ text: String) -> String {
    let passwords = known.withLock { $0 }
    var text = text
    // Longest first, so a password that contains another is replaced whole.
    for password in passwords.sorted(by: { $0.count > $1.count }) where text.contains(password) {
      text = text.replacingOccurrences(of: password, with: "***")
    }
    return ConnectionRedaction.redact(text)
  }

  /// How a source is named in messages: a `PG:` string without its secrets.
  public static func display(_ source: String) -> String {
    ConnectionString(source)?.redacted ?? scrub(source)
  }
}
