import Crypto
import Foundation

/// Where an input came from: path, SHA-256 of its bytes (for files), and how much
/// was read from it. Written into legends and the report's methods section.
public struct InputProvenance: Codable, Sendable, Equatable {
  public var role: String
  public var path: String
  /// The layer, table, view or query read from `path` (nil: the file's only one).
  public var layer: String?
  public var sha256: String?
  public var features: Int?
  public var rows: Int?

  /// `sha256` when the caller has it already (see `checksum`), else computed here.
  public init(
    role: String, path: String, layer: String? = nil, features: Int? = nil, rows: Int? = nil,
    sha256: String?? = nil
  ) {
    self.role = role
    self.path = path
    self.layer = layer
    self.sha256 = sha256 ?? InputProvenance.checksum(path)
    self.features = features
    self.rows = rows
  }

  /// SHA-256 of a file's bytes (swift-crypto), streamed in 1 MiB chunks; nil for
  /// connection strings and unreadable paths.
  public static func checksum(_ path: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var hasher = SHA256()
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      hasher.update(data: chunk)
    }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }
}
