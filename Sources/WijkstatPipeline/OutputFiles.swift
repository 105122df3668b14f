import Foundation
import WijkstatCore
import WijkstatIO

/// The output files of `join` (`--out FILE`, its suppression log, `--report
/// FILE`), each checked before any input is read: not an input, not a folder,
/// and in place only through its folder's manifest (`OutputDirectory`, files
/// moved in beside whatever else is there). Files in one folder are put in
/// place together.
public struct OutputFiles {
  public struct Group {
    public let folder: OutputDirectory
    public var files: [(name: String, path: String)]
  }
  public private(set) var groups: [Group] = []

  /// `files`: (option, path) in the order given; `command` names the writer
  /// in the manifest (`join panel.csv`).
  public init(_ files: [(option: String, path: String)], command: String, inputs: [String]) throws {
    var byFolder: [(String, [(String, String)])] = []
    var seen: [String: String] = [:]
    for (option, path) in files {
      let physical = PathGuard.physical(path)
      if let other = seen[physical] {
        throw OutputRefused(UserError("\(option) and \(other) name the same file", source: path))
      }
      seen[physical] = option
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: physical, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        throw OutputRefused(UserError("\(option) is a folder; give a file name", source: path))
      }
      try PathGuard.check(output: path, option: option, isFolder: false, inputs: inputs)
      let folder = (physical as NSString).deletingLastPathComponent
      let name = (physical as NSString).lastPathComponent
      if let index = byFolder.firstIndex(where: { $0.0 == folder }) {
        byFolder[index].1.append((name, path))
      } else {
        byFolder.append((folder, [(name, path)]))
      }
    }
    for (folder, files) in byFolder {
      let directory = try OutputDirectory(
        folder, command: command, scope: .part, inputs: inputs,
        option: "the folder of \(files[0].1)",
        besideOnly: true, checkInputs: false)
      groups.append(Group(folder: directory, files: files.map { (name: $0.0, path: $0.1) }))
    }
  }

  /// Writes every file with `write(path-as-given, where-to-write)`; a file
  /// `write` does not create is not written (and an earlier one of this
  /// command is removed).
  public func write(_ write: (String, String) throws -> Void) throws {
    for group in groups {
      try group.folder.build { url in
        for file in group.files { try write(file.path, url.appendingPathComponent(file.name).path) }
      }
    }
  }
}
