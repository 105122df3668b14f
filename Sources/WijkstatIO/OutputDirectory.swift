import Foundation
import WijkstatCore

/// Builds a whole output tree in a temporary directory beside its destination
/// and moves it into place only when every file was written. A failed run
/// leaves any previous directory exactly as it was and no partial files.
public enum OutputDirectory {
  public static func build(_ destination: String, _ write: (URL) throws -> Void) throws {
    let target = URL(fileURLWithPath: destination).standardized
    let parent = target.deletingLastPathComponent()
    let fm = FileManager.default
    try fm.createDirectory(at: parent, withIntermediateDirectories: true)
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue {
      throw UserError("exists and is not a directory", source: destination)
    }
    let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(token)")
    try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
    do {
      try write(temporary)
    } catch {
      try? fm.removeItem(at: temporary)
      throw error
    }
    if fm.fileExists(atPath: target.path) {
      let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(token)")
      try fm.moveItem(at: target, to: old)
      do {
        try fm.moveItem(at: temporary, to: target)
      } catch {
        try? fm.moveItem(at: old, to: target)
        try? fm.removeItem(at: temporary)
        throw error
      }
      try? fm.removeItem(at: old)
    } else {
      try fm.moveItem(at: temporary, to: target)
    }
  }
}
