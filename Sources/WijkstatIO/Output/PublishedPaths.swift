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
    let absolute = base.hasPrefix("/") ? base : FileManager.default.currentDirectoryPath + "/" + base
    let standard = URL(fileURLWithPath: absolute).standardized.path
    self.base = standard.hasSuffix("/") ? standard : standard + "/"
    // Longest first, so a path is replaced before any shorter one inside it.
    self.inputs = Array(Set(inputs)).sorted { $0.count > $1.count }
  }

  /// The published name of one input.
  public func name(_ path: String) -> String {
    if let connection = ConnectionString(path) {
      // The database only: no server name, user or password in published files.
      return "PostgreSQL database \(connection.database)"
    }
    if let colon = path.firstIndex(of: ":"), !path.hasPrefix("/"), path[..<colon].allSatisfy({ $0.isLetter }) {
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
    for path in inputs where text.contains(path) {
      text = text.replacingOccurrences(of: path, with: name(path))
    }
    return text
  }
}
