import Foundation
import WijkstatCore

/// `wijkstat-manifest.json`: the list of files wijkstat wrote into a folder,
/// with the command that wrote each and wijkstat's version. wijkstat replaces
/// or deletes a file only when the manifest of its folder lists it; everything
/// else in the folder is the user's and is never touched.
///
/// Written without dates or absolute paths, so two runs on the same inputs give
/// byte-identical manifests.
public struct OutputManifest: Equatable, Sendable {
  public static let fileName = "wijkstat-manifest.json"
  static let format = "wijkstat-manifest/1"

  public struct Entry: Codable, Equatable, Sendable {
    /// Relative to the folder, `/`-separated (`maps/kaart-1.svg`).
    public var path: String
    /// What wrote it: `run`, `map kaart-1`, `join panel.csv`, ...
    public var command: String
    public init(path: String, command: String) {
      self.path = path
      self.command = command
    }
  }

  /// The version of wijkstat that wrote the manifest last.
  public var version: String
  /// Sorted by path.
  public var files: [Entry]

  public init(version: String = WijkstatVersion.current, files: [Entry] = []) {
    self.version = version
    self.files = files.sorted { $0.path < $1.path }
  }

  public var paths: Set<String> { Set(files.map(\.path)) }

  private struct Stored: Codable {
    var format: String
    var wijkstat: String
    var files: [Entry]
  }

  /// The manifest of `folder`; nil when it has none. A file of that name that
  /// is not a wijkstat manifest is an error: the folder is then not wijkstat's.
  public static func read(folder: URL) throws -> OutputManifest? {
    let url = folder.appendingPathComponent(fileName)
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw FileSystemError.describe(error, doing: "reading wijkstat's manifest", path: url.path)
    }
    guard let stored = try? JSONDecoder().decode(Stored.self, from: data), stored.format == format,
      stored.files.allSatisfy({ OutputManifest.isSafeRelativePath($0.path) })
    else {
      throw UserError(
        "is not a wijkstat manifest (wijkstat keeps the list of the files it wrote under this name); move it away or choose another folder",
        source: url.path)
    }
    return OutputManifest(version: stored.wijkstat, files: stored.files)
  }

  /// The JSON text: one entry per line, sorted, ending in a newline.
  public var json: String {
    var text =
      "{\n  \"format\": \"\(Self.format)\",\n  \"wijkstat\": \(Self.quoted(version)),\n  \"files\": ["
    for (n, entry) in files.enumerated() {
      text += n == 0 ? "\n" : ",\n"
      text +=
        "    {\"path\": \(Self.quoted(entry.path)), \"command\": \(Self.quoted(entry.command))}"
    }
    text += files.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
    return text
  }

  static func quoted(_ text: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    let data = (try? encoder.encode([text])) ?? Data("[\"\"]".utf8)
    let array = String(decoding: data, as: UTF8.self)
    return String(array.dropFirst().dropLast())
  }

  /// A relative path without `..`, empty or absolute parts: what a manifest may list.
  static func isSafeRelativePath(_ path: String) -> Bool {
    guard !path.isEmpty, !path.hasPrefix("/") else { return false }
    return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
      !part.isEmpty && part != "." && part != ".."
    }
  }
}
