import Foundation
import WijkstatCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which of wijkstat's earlier files in the folder a command replaces.
public enum OutputScope: Sendable, Equatable {
  /// The command's files make up the whole output (`run`, `demo`): every file
  /// an earlier wijkstat command wrote into the folder is replaced.
  case whole
  /// The command replaces only what it wrote itself before (the same `map`
  /// name, `correlate`'s tables, ...): other wijkstat files, other maps, stay.
  case part
}

/// An output folder written safely. wijkstat never deletes, truncates or
/// overwrites a file it did not write: every folder it writes into carries
/// `wijkstat-manifest.json` (`OutputManifest`) listing its files, and only
/// those are ever replaced.
///
/// - A new or empty folder, or one that holds nothing but wijkstat's files, is
///   built as a whole in a temporary folder beside it and swapped into place
///   when every file was written (a failed command leaves the earlier folder as
///   it was).
/// - A folder that also holds other files is never replaced as a whole: the
///   finished files are moved into it one by one (each file complete or not
///   at all) beside the user's files, replacing only wijkstat's own. A new file
///   whose name a foreign file has already is refused, and nothing is written.
///
/// The destination is locked (flock) while the command runs, so a second
/// command writing to it ends at once with one line; temporary folders that a
/// killed command (SIGKILL) left behind are removed by the next command to the
/// same destination, and SIGINT/SIGTERM remove them before exit (`Interruption`).
public final class OutputDirectory {
  public static let temporaryInfix = ".wijkstat-tmp-"
  static let oldInfix = ".wijkstat-old-"

  /// As the user gave it (for messages).
  public let given: String
  /// Resolved: absolute, `..` and symbolic links resolved.
  public let destination: URL
  let command: String
  let scope: OutputScope
  /// Individual files (`join --out FILE`) are always moved in beside what is
  /// there; the folder itself is never swapped.
  let besideOnly: Bool
  private var lock: Int32 = -1
  private var createdDestination = false

  /// Checks the destination and locks it, before any input is read: refuses
  /// an output that is, holds or lies in an input (`PathGuard`), a path that is
  /// a file, and a folder another wijkstat command is writing.
  public init(
    _ path: String, command: String, scope: OutputScope, inputs: [String], option: String = "--out",
    besideOnly: Bool = false, checkInputs: Bool = true
  ) throws {
    Interruption.install()
    guard !path.isEmpty else { throw OutputRefused(UserError("\(option) is empty; give a folder")) }
    given = path
    self.command = command
    self.scope = scope
    self.besideOnly = besideOnly
    let physical = PathGuard.physical(path)
    destination = URL(fileURLWithPath: physical, isDirectory: true)
    guard physical != "/" else {
      throw OutputRefused(
        UserError("\(option) is the root folder; give a folder of its own", source: path))
    }
    var info = stat()
    if stat(physical, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
      throw OutputRefused(UserError("\(option) exists and is not a folder", source: path))
    }
    if checkInputs {
      try PathGuard.check(output: path, option: option, isFolder: true, inputs: inputs)
    }
    let fm = FileManager.default
    if !fm.fileExists(atPath: physical) {
      do {
        try fm.createDirectory(at: destination, withIntermediateDirectories: true)
      } catch {
        throw FileSystemError.describe(error, doing: "creating the output folder", path: path)
      }
      createdDestination = true
      Interruption.register(created: physical)
    }
    try takeLock()
  }

  deinit {
    if lock >= 0 { close(lock) }
    if createdDestination {
      _ = rmdir(destination.path)
      Interruption.unregister(created: destination.path)
    }
  }

  /// flock on the destination folder itself: held until the command ends (or
  /// this object goes). Checked against the folder's inode afterwards, since a
  /// folder swapped into place by another command is a new one.
  private func takeLock() throws {
    for _ in 0..<10 {
      let fd = open(destination.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      guard fd >= 0 else {
        throw OutputRefused(
          FileSystemError.posix(errno, doing: "opening the output folder", path: given), status: 1)
      }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        let code = errno
        close(fd)
        if code == EWOULDBLOCK {
          throw OutputRefused(
            UserError(
              "another wijkstat command is writing to this folder; wait until it has finished, or choose another folder",
              source: given), status: 75)
        }
        if code == ENOLCK || code == EOPNOTSUPP { return }  // no locks on this file system
        throw OutputRefused(
          FileSystemError.posix(code, doing: "locking the output folder", path: given), status: 1)
      }
      var held = stat()
      var now = stat()
      if fstat(fd, &held) == 0, stat(destination.path, &now) == 0, held.st_ino == now.st_ino,
        held.st_dev == now.st_dev
      {
        lock = fd
        return
      }
      close(fd)
    }
    throw OutputRefused(
      UserError(
        "the output folder keeps changing; is another program writing to it?", source: given),
      status: 75)
  }

  /// Checks (without a lock or a folder) and builds: for tests and commands
  /// that have no inputs to protect.
  public static func build(
    _ destination: String, command: String = "run", scope: OutputScope = .whole,
    inputs: [String] = [], _ write: (URL) throws -> Void
  ) throws {
    try OutputDirectory(destination, command: command, scope: scope, inputs: inputs).build(write)
  }

  // MARK: - Building

  var parent: URL { destination.deletingLastPathComponent() }
  var name: String { destination.lastPathComponent }

  /// Writes the command's files with `write` into a temporary folder, then puts
  /// them in place (see the type's description). Any failure leaves the
  /// destination as it was and removes the temporary folder.
  public func build(_ write: (URL) throws -> Void) throws {
    let staging = try begin()
    defer { end(staging) }
    do {
      try write(staging.temporary)
    } catch {
      throw named(error, temporary: staging.temporary)
    }
    try commit(staging)
  }

  /// `build` for a command whose writing runs tasks (`ProjectJob.write`).
  public func build(_ write: (URL) async throws -> Void) async throws {
    let staging = try begin()
    defer { end(staging) }
    do {
      try await write(staging.temporary)
    } catch {
      throw named(error, temporary: staging.temporary)
    }
    try commit(staging)
  }

  /// The temporary folder the command writes into; `swapping`: it replaces the
  /// whole destination (else its files are moved beside the others).
  private struct Staging {
    var temporary: URL
    var swapping: Bool
  }

  /// The temporary folder, created.
  private func begin() throws -> Staging {
    removeStaleTemporaries()
    let fm = FileManager.default
    let before = try survey()
    let swapping = !besideOnly && before.foreign.isEmpty
    let token = "\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
    let temporary =
      swapping
      ? parent.appendingPathComponent(".\(name)\(Self.temporaryInfix)\(token)", isDirectory: true)
      : destination.appendingPathComponent("\(Self.temporaryInfix)\(token)", isDirectory: true)
    Interruption.register(temporary: temporary.path)
    do {
      try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
    } catch {
      end(Staging(temporary: temporary, swapping: swapping))
      throw FileSystemError.describe(
        error, doing: "creating a temporary folder for the output", path: temporary.path)
    }
    return Staging(temporary: temporary, swapping: swapping)
  }

  /// Removes the temporary folder (after a failure, or what is left after `commit`).
  private func end(_ staging: Staging) {
    try? FileManager.default.removeItem(at: staging.temporary)
    Interruption.unregister(temporary: staging.temporary.path)
  }

  /// An error of the command's writing, naming its file as it will be called,
  /// not by its temporary folder.
  private func named(_ error: any Error, temporary: URL) -> any Error {
    guard
      var line = FileSystemError.line(for: error, doing: "writing the output")
        ?? (error as? UserError)
    else {
      return error
    }
    line.source = line.source.map {
      $0.replacingOccurrences(of: temporary.path, with: destination.path)
    }
    line.message = line.message.replacingOccurrences(of: temporary.path, with: destination.path)
    return line
  }

  /// Puts the written files in place (see the type's description).
  private func commit(_ staging: Staging) throws {
    let (temporary, swapping) = (staging.temporary, staging.swapping)
    let written = try Self.files(in: temporary)
    try Interruption.committing {
      let now = try survey()
      let previous = now.manifest?.files ?? []
      let writtenSet = Set(written)
      let kept = previous.filter { entry in
        scope == .part && entry.command != command && !writtenSet.contains(entry.path)
          && now.present.contains(entry.path)
      }
      let entries = kept + written.map { OutputManifest.Entry(path: $0, command: command) }
      let manifest = OutputManifest(files: entries)
      // Refuse to put a file where a foreign file is (or where a foreign file
      // would have to become a folder).
      var collisions: [String] = []
      for path in written {
        if now.foreign.contains(path) || now.folders.contains(path) { collisions.append(path) }
        var prefix = ""
        for part in path.split(separator: "/").dropLast() {
          prefix += (prefix.isEmpty ? "" : "/") + part
          if now.foreign.contains(prefix) { collisions.append(prefix) }
        }
      }
      if !collisions.isEmpty {
        let shown = Array(Set(collisions)).sorted()
        throw UserError(
          "holds \(shown.prefix(3).joined(separator: ", "))\(shown.count > 3 ? " and \(shown.count - 3) more" : "") that wijkstat did not write, where it would write its own; nothing was written: move \(shown.count == 1 ? "it" : "them") away or choose another folder",
          source: given)
      }
      if swapping && now.foreign.isEmpty {
        try swap(temporary: temporary, kept: kept, manifest: manifest)
      } else {
        try moveBeside(
          temporary: temporary, written: written, manifest: manifest, previous: previous,
          keptOrWritten: Set(entries.map(\.path)))
      }
    }
    if createdDestination {
      createdDestination = false
      Interruption.unregister(created: destination.path)
    }
  }

  /// The whole folder: kept files are hard-linked (or copied) into the new
  /// folder, which then replaces the old by two renames; the old is removed
  /// file by file as its manifest lists (anything else that appeared in it
  /// meanwhile is left, with a warning).
  private func swap(temporary: URL, kept: [OutputManifest.Entry], manifest: OutputManifest) throws {
    let fm = FileManager.default
    for entry in kept {
      let from = destination.appendingPathComponent(entry.path)
      let to = temporary.appendingPathComponent(entry.path)
      try? fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
      if link(from.path, to.path) != 0 {
        do { try fm.copyItem(at: from, to: to) } catch {
          throw FileSystemError.describe(
            error, doing: "keeping wijkstat's earlier file", path: from.path)
        }
      }
    }
    try writeManifest(manifest, into: temporary)
    let old = parent.appendingPathComponent(
      ".\(name)\(Self.oldInfix)\(getpid())-\(UUID().uuidString.prefix(8).lowercased())")
    guard rename(destination.path, old.path) == 0 else {
      throw FileSystemError.posix(errno, doing: "moving the earlier output aside", path: given)
    }
    Interruption.setSwapping((destination.path, old.path))
    guard rename(temporary.path, destination.path) == 0 else {
      let code = errno
      _ = rename(old.path, destination.path)
      Interruption.setSwapping(nil)
      throw FileSystemError.posix(code, doing: "moving the finished output into place", path: given)
    }
    Interruption.setSwapping(nil)
    if let leftover = Self.removeOwnFiles(of: old) {
      FileHandle.standardError.write(
        Data(
          "wijkstat: warning: \(old.path) holds \(leftover) that wijkstat did not write (added while it ran); it was kept\n"
            .utf8))
    }
  }

  /// Beside foreign files: the manifest first lists the old and the new files
  /// (so a file moved in is always known as wijkstat's), then each file is
  /// renamed into place, the command's earlier files that it did not write
  /// again are deleted, and the final manifest is written.
  private func moveBeside(
    temporary: URL, written: [String], manifest: OutputManifest, previous: [OutputManifest.Entry],
    keptOrWritten: Set<String>
  ) throws {
    let fm = FileManager.default
    let writtenSet = Set(written)
    var byPath = Dictionary(previous.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    for entry in manifest.files where writtenSet.contains(entry.path) { byPath[entry.path] = entry }
    let union = OutputManifest(files: Array(byPath.values))
    try writeManifest(union, into: destination, via: temporary)
    for path in written {
      let from = temporary.appendingPathComponent(path)
      let to = destination.appendingPathComponent(path)
      do {
        try fm.createDirectory(
          at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
      } catch {
        throw FileSystemError.describe(
          error, doing: "creating a folder for the output",
          path: to.deletingLastPathComponent().path)
      }
      guard rename(from.path, to.path) == 0 else {
        throw FileSystemError.posix(
          errno, doing: "moving the finished file into place", path: to.path)
      }
    }
    for entry in previous where !keptOrWritten.contains(entry.path) {
      let path = destination.appendingPathComponent(entry.path).path
      var info = stat()
      if lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { _ = unlink(path) }
      Self.removeEmptyParents(of: entry.path, in: destination)
    }
    try writeManifest(manifest, into: destination, via: temporary)
  }

  private func writeManifest(
    _ manifest: OutputManifest, into folder: URL, via temporary: URL? = nil
  ) throws {
    let target = folder.appendingPathComponent(OutputManifest.fileName)
    let staging = (temporary ?? folder).appendingPathComponent(".\(OutputManifest.fileName).new")
    do {
      try FileBytes.write(Data(manifest.json.utf8), to: staging)
    } catch {
      throw FileSystemError.describe(error, doing: "writing wijkstat's manifest", path: target.path)
    }
    guard rename(staging.path, target.path) == 0 else {
      throw FileSystemError.posix(errno, doing: "writing wijkstat's manifest", path: target.path)
    }
  }

  // MARK: - What is in the destination

  struct Survey {
    var manifest: OutputManifest?
    /// Every file and link below the destination, relative.
    var present: Set<String>
    /// Every folder below the destination, relative.
    var folders: Set<String>
    /// Files and links the manifest does not list. (Empty folders hold nothing
    /// to lose and do not count.)
    var foreign: Set<String>
  }

  func survey() throws -> Survey {
    let manifest = try OutputManifest.read(folder: destination)
    let own = manifest?.paths ?? []
    var present = Set<String>()
    var folders = Set<String>()
    var foreign = Set<String>()
    func walk(_ relative: String) throws {
      let folder =
        relative.isEmpty ? destination.path : destination.appendingPathComponent(relative).path
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: folder)
      } catch {
        throw FileSystemError.describe(error, doing: "reading the output folder", path: folder)
      }
      for name in names {
        if relative.isEmpty, name == OutputManifest.fileName || name.hasPrefix(Self.temporaryInfix)
        {
          continue
        }
        let path = relative.isEmpty ? name : relative + "/" + name
        var info = stat()
        guard lstat(destination.appendingPathComponent(path).path, &info) == 0 else { continue }
        if (info.st_mode & S_IFMT) == S_IFDIR {
          folders.insert(path)
          try walk(path)
        } else {
          present.insert(path)
          if !own.contains(path) { foreign.insert(path) }
        }
      }
    }
    try walk("")
    return Survey(manifest: manifest, present: present, folders: folders, foreign: foreign)
  }

  /// Relative paths of the files below `folder`, sorted.
  static func files(in folder: URL) throws -> [String] {
    var result: [String] = []
    func walk(_ relative: String) throws {
      let path = relative.isEmpty ? folder.path : folder.appendingPathComponent(relative).path
      for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
        let child = relative.isEmpty ? name : relative + "/" + name
        var info = stat()
        guard lstat(folder.appendingPathComponent(child).path, &info) == 0 else { continue }
        if (info.st_mode & S_IFMT) == S_IFDIR { try walk(child) } else { result.append(child) }
      }
    }
    try walk("")
    return result
  }

  // MARK: - Cleaning up

  /// Removes temporary and old folders that commands writing to this
  /// destination left when they were killed: named `.NAME.wijkstat-tmp-PID-…`
  /// or `.NAME.wijkstat-old-PID-…` beside it or `.wijkstat-tmp-PID-…` inside
  /// it, and whose process is gone. Runs under the destination's lock, so no
  /// live command is writing them. Old folders lose only the files their
  /// manifest lists.
  func removeStaleTemporaries() {
    let fm = FileManager.default
    var candidates: [(URL, Bool)] = []
    for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] {
      if let rest = Self.suffix(of: name, after: ".\(self.name)\(Self.temporaryInfix)") {
        candidates.append((parent.appendingPathComponent(name), Self.isStale(rest)))
      } else if let rest = Self.suffix(of: name, after: ".\(self.name)\(Self.oldInfix)"),
        Self.isStale(rest)
      {
        _ = Self.removeOwnFiles(of: parent.appendingPathComponent(name))
      }
    }
    for name in (try? fm.contentsOfDirectory(atPath: destination.path)) ?? [] {
      if let rest = Self.suffix(of: name, after: Self.temporaryInfix) {
        candidates.append((destination.appendingPathComponent(name), Self.isStale(rest)))
      }
    }
    for (url, stale) in candidates where stale { try? fm.removeItem(at: url) }
  }

  static func suffix(of name: String, after prefix: String) -> String? {
    name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : nil
  }

  /// `PID-xxxxxxxx` of a process that no longer exists (or that is this one:
  /// a temporary left by an earlier build in this process).
  static func isStale(_ rest: String) -> Bool {
    let parts = rest.split(separator: "-")
    guard parts.count == 2, let pid = Int32(parts[0]), parts[1].count == 8,
      parts[1].allSatisfy({ $0.isHexDigit })
    else { return false }
    if pid == getpid() { return true }
    return kill(pid, 0) != 0 && errno == ESRCH
  }

  /// Deletes the files `folder`'s manifest lists, the manifest and then the
  /// folders left empty. Returns a description of what is left, or nil when
  /// the folder is gone.
  @discardableResult
  static func removeOwnFiles(of folder: URL) -> String? {
    let manifest = try? OutputManifest.read(folder: folder)
    for entry in manifest?.files ?? [] {
      let path = folder.appendingPathComponent(entry.path).path
      var info = stat()
      if lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { _ = unlink(path) }
    }
    if manifest != nil { _ = unlink(folder.appendingPathComponent(OutputManifest.fileName).path) }
    func prune(_ path: String) -> Bool {
      var info = stat()
      guard lstat(path, &info) == 0 else { return true }
      guard (info.st_mode & S_IFMT) == S_IFDIR else { return false }
      var empty = true
      for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      where !prune(path + "/" + name) {
        empty = false
      }
      return empty && rmdir(path) == 0
    }
    if prune(folder.path) { return nil }
    let left = (try? files(in: folder)) ?? []
    return left.isEmpty
      ? "folders" : left.prefix(3).joined(separator: ", ") + (left.count > 3 ? " and more" : "")
  }

  static func removeEmptyParents(of path: String, in folder: URL) {
    var parts = path.split(separator: "/").dropLast()
    while !parts.isEmpty {
      if rmdir(folder.appendingPathComponent(parts.joined(separator: "/")).path) != 0 { return }
      parts = parts.dropLast()
    }
  }
}
