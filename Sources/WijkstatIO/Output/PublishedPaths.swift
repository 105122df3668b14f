import Crypto
import Foundation

/// How published files name the inputs: relative to the project file's folder
/// (or the working directory), or by file name alone when an input lies
/// outside it; never as an absolute path of the user's machine. Connection
/// strings are named by their kind only (`PG:` connection), since they can hold
/// a password. The SHA-256 in the provenance identifies the file.
public struct PublishedPaths: Sendable {
  /// The folder names are relative to, absolute, ending in `/`.
  public let base: String
  private let inputs: [String]

  public init(inputs: [String], base: String) {
    let absolute =
      base.hasPrefix("/") ? base : FileManager.default.currentDirectoryPath + "/" + base
    let standard = URL(fileURLWithPath: absolute).standardized.path
    self.base = standard.hasSuffix("/") ? standard : standard + "/"
    // Longest first, so a path is replaced before any shorter one inside it.
    self.inputs = Array(Set(inputs)).sorted { $0.count > $1.count }
  }

  /// The published name of one input; a database input with its table or view
  /// (`PostgreSQL database gis, table bron.pc4`) or query (`…, query` and the
  /// first 12 hex digits of the SHA-256 of its text, to match it with the
  /// project file's), so a run can be repeated from its report (QA Q9, session 6).
  public func name(_ path: String, layer: String? = nil) -> String {
    if let connection = ConnectionString(path) {
      // The database only: no server name, user or password in published files.
      let database = "PostgreSQL database \(connection.database)"
      guard let layer else { return database }
      if PostgresInput.isQuery(layer) {
        let digest = SHA256.hash(data: Data(layer.utf8)).prefix(6).map {
          String(format: "%02x", $0)
        }.joined()
        return "\(database), query \(digest)"
      }
      return "\(database), table \(layer)"
    }
    if let colon = path.firstIndex(of: ":"), !path.hasPrefix("/"),
      path[..<colon].allSatisfy({ $0.isLetter })
    {
      return "\(path[..<colon]): connection"
    }
    if path.hasPrefix("/vsi") { return (path as NSString).lastPathComponent }
    let absolute = URL(fileURLWithPath: path).standardized.path
    if absolute.hasPrefix(base) { return String(absolute.dropFirst(base.count)) }
    return (absolute as NSString).lastPathComponent
  }

  /// `text` with every input path in it replaced by its published name.
  public func scrub(_ text: String) -> String {
    var text = text
    for path in inputs where Self.holds(text, path) {
      text = text.replacingOccurrences(of: path, with: name(path))
    }
    return text
  }

  /// Whether `text` holds `part`, compared as UTF-8 bytes (a published text
  /// names an input with the bytes it was given): Foundation's `contains` went
  /// through the join report (166 KB for the real PC-4 areas) character by
  /// character for every input.
  static func holds(_ text: String, _ part: String) -> Bool {
    part.isEmpty || UTF8Bytes.find(part, in: Array(text.utf8), from: 0) != nil
  }
}
