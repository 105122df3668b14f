/// Which areas are neighbours (`--weights`, a project's `spatial: {weights:}`):
/// a shared vertex (queen) or edge (rook), the k nearest centroids, or a
/// GeoDa/libpysal weights file (`FILE.gal`, `FILE.gwt`, ids the area codes).
public enum WeightsKind: Hashable, Sendable, CustomStringConvertible {
  case queen, rook, knn
  /// A GAL or GWT file, by its path.
  case file(String)

  /// `queen`, `rook`, `knn`, or a path ending in `.gal` or `.gwt` (any case).
  public init?(name: String) {
    switch name {
    case "queen": self = .queen
    case "rook": self = .rook
    case "knn": self = .knn
    default:
      let lower = name.lowercased()
      guard lower.hasSuffix(".gal") || lower.hasSuffix(".gwt") else { return nil }
      self = .file(name)
    }
  }

  /// The name as given (a file's path as written).
  public var name: String {
    switch self {
    case .queen: "queen"
    case .rook: "rook"
    case .knn: "knn"
    case .file(let path): path
    }
  }

  /// The name where people read it: a file by its own name, never its folders
  /// (published files never carry a path of the machine that made them).
  public var publishedName: String {
    switch self {
    case .file(let path): String(path.split(separator: "/").last ?? Substring(path))
    default: name
    }
  }

  /// The weights file's path, if the weights come from one (an input: never written).
  public var file: String? {
    if case .file(let path) = self { path } else { nil }
  }

  public var description: String { name }

  /// What is wrong with a name `init(name:)` does not know.
  public static func unknown(_ name: String) -> String {
    "weights must be queen, rook, knn or a .gal/.gwt file, not \"\(name)\""
  }
}
