/// An error in what the user gave us: a bad file, an unknown key, a value out of
/// range. The CLI prints `description` and exits with status 1. Bugs in wijkstat
/// itself are not `UserError`s; they fail loudly with a precondition.
public struct UserError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file, table or source the problem is in, when known.
  public var source: String?
  /// Where in the source: `line 12`, `feature 7`, `layer "gemeenten"`.
  public var location: String?
  /// What is wrong, including the offending value.
  public var message: String
  /// A mistake in how wijkstat was called (an option's or project key's value, such
  /// as a misspelt level), found before any input is read: exit status 64, not 1.
  public var isUsage = false

  public init(_ message: String, source: String? = nil, location: String? = nil) {
    self.message = message
    self.source = source
    self.location = location
  }

  public var description: String {
    var parts: [String] = []
    if let source { parts.append(source) }
    if var location {
      // A row of a database table (source `PG:… (table t, KEY)`) is named by its key, not a line.
      if let source, source.hasPrefix("PG:"), source.hasSuffix(")"), location.hasPrefix("line "),
        let comma = source.range(of: ", ", options: .backwards)
      {
        location =
          String(source[comma.upperBound..<source.index(before: source.endIndex)]) + " "
          + String(location.dropFirst(5))
      }
      parts.append(location)
    }
    parts.append(message)
    return parts.joined(separator: ": ")
  }
}
