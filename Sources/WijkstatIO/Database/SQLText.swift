import WijkstatCore

/// PostgreSQL identifiers and literals for statements wijkstat writes itself.
/// Every name is quoted (a schema called `x"; DROP TABLE y; --` is one
/// identifier, nothing more), and literals are standard SQL strings, which the
/// publish transaction makes sure of (`SET LOCAL standard_conforming_strings = on`,
/// so a backslash is an ordinary character).
public enum SQLText {
  /// PostgreSQL's limit on identifier length (NAMEDATALEN − 1), in bytes: a
  /// longer name would be cut silently by the server, so wijkstat refuses it.
  public static let maximumIdentifierBytes = 63

  /// `"name"` with `"` doubled.
  public static func identifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// `"schema"."name"`.
  public static func qualified(_ schema: String, _ name: String) -> String {
    identifier(schema) + "." + identifier(name)
  }

  /// `'text'` with `'` doubled.
  public static func literal(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// Why `name` cannot be a PostgreSQL identifier as given, or nil when it can.
  public static func problem(with name: String) -> String? {
    if name.isEmpty { return "is empty" }
    if name.utf8.count > maximumIdentifierBytes {
      return
        "is \(name.utf8.count) bytes long; PostgreSQL names are at most \(maximumIdentifierBytes) bytes"
    }
    if name.unicodeScalars.contains(where: { $0.value == 0 }) { return "holds a NUL character" }
    return nil
  }
}
