import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 13: wijkstat never destroys what is not its own. Every test runs the
/// built executable on copies of the demo data, as a user would.
@Suite(.serialized) struct OutputSafetyTests {
  static let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo")
  static let maps = Wijkstat.packageRoot.appendingPathComponent("maps")
  static let fm = FileManager.default

  /// The demo inputs as command-line options (absolute paths).
  static var inputOptions: [String] {
    let d = demo.path
    return [
      "--areas", "pc4=\(d)/pc4.geojson", "--areas", "gemeente=\(d)/gemeenten.geojson",
      "--reports", "\(d)/meldingen.csv", "--population", "\(d)/kinderen.csv",
      "--indicators", "pc4=\(d)/indicatoren-pc4.csv", "--indicators",
      "gemeente=\(d)/indicatoren-gemeente.csv",
      "--achterstand", "\(d)/achterstandswijken.csv", "-q",
    ]
  }

  static func folder(_ label: String) throws -> URL {
    let url = fm.temporaryDirectory.appendingPathComponent("wijkstat-\(label)-\(UUID().uuidString)")
    try fm.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Relative path → bytes of every file below `folder` (hidden ones too).
  static func snapshot(_ folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for path in try fm.subpathsOfDirectory(atPath: folder.path) {
      var isDirectory: ObjCBool = false
      fm.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
      if !isDirectory.boolValue {
        result[path] = try Data(contentsOf: folder.appendingPathComponent(path))
      }
    }
    return result
  }

  /// stderr without the analysis warnings a run may print before it fails (for
  /// example exact enumeration of LISA for areas with one neighbour): the
  /// failure itself must be exactly one line.
  static func nonWarningLines(_ stderr: String) -> [Substring] {
    stderr.split(separator: "\n").filter { !$0.hasPrefix("wijkstat: warning:") }
  }

  static func manifestPaths(_ folder: URL) throws -> [String] {
    let data = try Data(contentsOf: folder.appendingPathComponent("wijkstat-manifest.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let files = try #require(json["files"] as? [[String: String]])
    return files.compactMap { $0["path"] }
  }

  /// A project copy: data/demo and maps/ side by side as in the repository.
  static func projectCopy(_ label: String) throws -> URL {
    let root = try folder(label)
    try fm.createDirectory(
      at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
    try fm.copyItem(at: demo, to: root.appendingPathComponent("data/demo"))
    try fm.copyItem(at: maps, to: root.appendingPathComponent("maps"))
    return root
  }

  /// A project on the demo data whose permutation tests take a while (99,999
  /// permutations: minutes in a debug build), so a test can signal it while it
  /// works; with 999 it takes a few seconds.
  static func slowProject(in folder: URL, permutations: Int = 99_999, name: String = "slow.yaml")
    throws -> String
  {
    let d = demo.path
    let path = folder.appendingPathComponent(name).path
    try """
    title: slow
    inputs:
      areas: {pc4: \(d)/pc4.geojson, gemeente: \(d)/gemeenten.geojson}
      reports: [\(d)/meldingen.csv]
      population: [\(d)/kinderen.csv]
      indicators: {pc4: \(d)/indicatoren-pc4.csv}
    analyses:
      spatial: {level: pc4, permutations: \(permutations)}
    maps:
      - {name: a, level: pc4, variable: pct_reported, formats: [geojson]}
    """.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func start(_ arguments: [String], in directory: URL) throws -> Process {
    let process = Process()
    process.executableURL = Wijkstat.executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Waits (up to 60 s) until a name in `folder` has `prefix`.
  static func waitForEntry(in folder: URL, prefix: String) -> Bool {
    for _ in 0..<6000 {
      if ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).contains(where: {
        $0.hasPrefix(prefix)
      }) {
        return true
      }
      usleep(10_000)
    }
    return false
  }

  // MARK: - Invariant 1: foreign files survive every command

  @Test func aForeignFileSurvivesEveryCommandWithOut() throws {
    let root = try Self.folder("foreign")
    defer { try? Self.fm.removeItem(at: root) }
    let out = root.appendingPathComponent("kaarten")
    try Self.fm.createDirectory(at: out, withIntermediateDirectories: true)
    try "mijn aantekeningen\n".write(
      to: out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    try Self.fm.createDirectory(
      at: out.appendingPathComponent("tables"), withIntermediateDirectories: true)
    try "eigen tabel\n".write(
      to: out.appendingPathComponent("tables/eigen.csv"), atomically: true, encoding: .utf8)
    let foreign = try Self.snapshot(out)
    let i = Self.inputOptions
    let commands: [[String]] = [
      ["map"] + i + ["--name", "a", "--format", "geojson", "--out", out.path],
      ["map"] + i + ["--name", "b", "--format", "svg", "--out", out.path],
      ["correlate"] + i + ["--out", out.path],
      ["contrast"] + i + ["--out", out.path],
      ["rank"] + i + ["--out", out.path],
      ["rates"] + i + ["--out", out.path],
      ["spatial"] + i + ["--permutations", "9", "--out", out.path],
      ["join"] + i + ["--out", out.appendingPathComponent("panel.csv").path],
      ["demo", "--out", out.path, "-q"],
      ["run", "--out", out.path, "-q"],
    ]
    for command in commands {
      let result = try Wijkstat.run(command, in: Wijkstat.packageRoot)
      #expect(result.status == 0, "\(command[0]): \(result.stderr)")
      let now = try Self.snapshot(out)
      for (path, bytes) in foreign {
        #expect(now[path] == bytes, "\(command[0]) changed or removed \(path)")
      }
    }
    // `run` (a whole output) replaced wijkstat's own earlier files, not the user's.
    let listed = Set(try Self.manifestPaths(out))
    #expect(listed.contains("report.html") && listed.contains("tables/correlations.csv"))
    #expect(!listed.contains("notes.txt") && !listed.contains("tables/eigen.csv"))
    #expect(!Self.fm.fileExists(atPath: out.appendingPathComponent("a.geojson").path))
    // Everything in the folder is either the user's or listed.
    let present = Set(try Self.snapshot(out).keys)
    #expect(present == listed.union(["notes.txt", "tables/eigen.csv", "wijkstat-manifest.json"]))
    // No published file names an absolute path of this machine (the inputs
    // were given as absolute paths).
    let rootPath = Data(Wijkstat.packageRoot.path.utf8)
    for (path, bytes) in try Self.snapshot(out) where listed.contains(path) {
      #expect(bytes.range(of: rootPath) == nil, "\(path) holds \(Wijkstat.packageRoot.path)")
    }
  }

  @Test func aSecondMapKeepsTheFirstAndRemappingReplacesOnlyItsOwnFiles() throws {
    let root = try Self.folder("maps")
    defer { try? Self.fm.removeItem(at: root) }
    let out = root.appendingPathComponent("kaarten")
    let i = Self.inputOptions
    var result = try Wijkstat.run(["map"] + i + ["--name", "a", "--out", out.path], in: root)
    #expect(result.status == 0, "\(result.stderr)")
    result = try Wijkstat.run(
      ["map"] + i + ["--name", "b", "--variable", "children", "--out", out.path], in: root)
    #expect(result.status == 0, "\(result.stderr)")
    let names = Set(try Self.fm.contentsOfDirectory(atPath: out.path))
    for base in ["a", "b"] {
      for ext in ["geojson", "gpkg", "svg", "legend.json"] {
        #expect(names.contains("\(base).\(ext)"), "\(base).\(ext)")
      }
    }
    // Map a again with fewer formats: its gpkg and svg go, b stays.
    let b = try Data(contentsOf: out.appendingPathComponent("b.geojson"))
    result = try Wijkstat.run(
      ["map"] + i + ["--name", "a", "--format", "geojson", "--out", out.path], in: root)
    #expect(result.status == 0, "\(result.stderr)")
    let after = Set(try Self.fm.contentsOfDirectory(atPath: out.path))
    #expect(!after.contains("a.gpkg") && !after.contains("a.svg") && after.contains("a.geojson"))
    #expect(try Data(contentsOf: out.appendingPathComponent("b.geojson")) == b)
    // Top-level names: the internal/ folder (the suppression log) is listed by its files.
    #expect(
      after
        == Set(try Self.manifestPaths(out).map { String($0.split(separator: "/")[0]) }).union([
          "wijkstat-manifest.json"
        ]))
    // Nothing left beside the folder.
    #expect(try Self.fm.contentsOfDirectory(atPath: root.path) == ["kaarten"])
  }

  @Test func aForeignFileWhereWijkstatWouldWriteIsRefusedAndNothingIsWritten() throws {
    let root = try Self.folder("collide")
    defer { try? Self.fm.removeItem(at: root) }
    let out = root.appendingPathComponent("out")
    try Self.fm.createDirectory(at: out, withIntermediateDirectories: true)
    try "<p>mijn eigen rapport</p>\n".write(
      to: out.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
    let before = try Self.snapshot(out)
    let result = try Wijkstat.run(["run", "--out", out.path, "-q"], in: Wijkstat.packageRoot)
    #expect(result.status == 1)
    #expect(result.stderr.contains("report.html that wijkstat did not write"), "\(result.stderr)")
    #expect(Self.nonWarningLines(result.stderr).count == 1, "\(result.stderr)")
    #expect(try Self.snapshot(out) == before)
    #expect(try Self.fm.contentsOfDirectory(atPath: root.path) == ["out"])
  }

  // MARK: - Invariant 2: inputs are never touched

  @Test func runOutDotInACopyOfTheProjectKeepsEveryInputByteIdentical() throws {
    let root = try Self.projectCopy("dot")
    defer { try? Self.fm.removeItem(at: root) }
    let project = root.appendingPathComponent("data/demo")
    let before = try Self.snapshot(root)
    let attempts: [(arguments: [String], directory: URL)] = [
      (["run", "wijkstat.yaml", "--out", "."], project),
      (["run", "data/demo/wijkstat.yaml", "--out", "data/demo"], root),
      (["run", "data/demo/wijkstat.yaml", "--out", "data/demo/../demo"], root),
      (["run", "data/demo/wijkstat.yaml", "--out", "data/x/.."], root),
      (["run", "data/demo/wijkstat.yaml", "--out", "."], root),
      (["run", "data/demo/wijkstat.yaml", "--out", root.deletingLastPathComponent().path], root),
    ]
    for (arguments, directory) in attempts {
      let result = try Wijkstat.run(arguments, in: directory)
      #expect(result.status == 64, "\(arguments): \(result.stderr)")
      #expect(
        result.stderr.contains("never writes where its inputs are"),
        "\(arguments): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
    }
    // A symbolic link to the project folder is the project folder.
    try Self.fm.createSymbolicLink(
      atPath: root.appendingPathComponent("link").path, withDestinationPath: "data/demo")
    let linked = try Wijkstat.run(["run", "data/demo/wijkstat.yaml", "--out", "link"], in: root)
    #expect(linked.status == 64, "\(linked.stderr)")
    try Self.fm.removeItem(atPath: root.appendingPathComponent("link").path)
    // --out "" (an unset shell variable) is a usage error.
    let empty = try Wijkstat.run(["run", "data/demo/wijkstat.yaml", "--out", ""], in: root)
    #expect(empty.status == 64, "\(empty.stderr)")
    #expect(empty.stderr.contains("--out is empty"))
    #expect(try Self.snapshot(root) == before)
  }

  @Test func joinOutOrReportOnAnInputIsRefusedAndTheInputIsUnchanged() throws {
    let root = try Self.folder("joinin")
    defer { try? Self.fm.removeItem(at: root) }
    for name in ["pc4.geojson", "meldingen.csv", "kinderen.csv"] {
      try Self.fm.copyItem(
        at: Self.demo.appendingPathComponent(name), to: root.appendingPathComponent(name))
    }
    // A hard link is the same file under another name.
    #expect(
      link(
        root.appendingPathComponent("kinderen.csv").path, root.appendingPathComponent("k2.csv").path
      ) == 0)
    let before = try Self.snapshot(root)
    let inputs = [
      "--areas", "pc4=pc4.geojson", "--reports", "meldingen.csv", "--population", "kinderen.csv",
    ]
    for extra in [
      ["--out", "meldingen.csv"], ["--out", "./sub/../meldingen.csv"],
      ["--out", "p.csv", "--report", "kinderen.csv"],
      ["--out", "k2.csv"], ["--out", "p.csv", "--report", "p.csv"],
    ] {
      let result = try Wijkstat.run(["join"] + inputs + extra, in: root)
      #expect(result.status == 64, "\(extra): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(extra): \(result.stderr)")
    }
    #expect(try Self.snapshot(root) == before)
    // A panel beside the inputs is fine, and a file of the user's of that name is not replaced.
    var result = try Wijkstat.run(["join"] + inputs + ["--out", "panel.csv", "-q"], in: root)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try Self.manifestPaths(root).contains("panel.csv"))
    result = try Wijkstat.run(["join"] + inputs + ["--out", "panel.csv", "-q"], in: root)
    #expect(result.status == 0, "a second join replaces its own panel: \(result.stderr)")
    try "mijn tabel\n".write(
      to: root.appendingPathComponent("mine.csv"), atomically: true, encoding: .utf8)
    result = try Wijkstat.run(["join"] + inputs + ["--out", "mine.csv"], in: root)
    #expect(result.status == 1)
    #expect(result.stderr.contains("mine.csv that wijkstat did not write"), "\(result.stderr)")
    #expect(
      try String(contentsOf: root.appendingPathComponent("mine.csv"), encoding: .utf8)
        == "mijn tabel\n")
  }

  // MARK: - Invariant 4: names are file names

  @Test func mapNamesThatAreNotFileNamesAreRefusedAndNothingIsWritten() throws {
    let root = try Self.folder("names")
    defer { try? Self.fm.removeItem(at: root) }
    for name in ["../x", "a/b", "a\\b", "..", ".verborgen", "", "a\u{1}b", " "] {
      let result = try Wijkstat.run(
        ["map"] + Self.inputOptions + ["--name", name, "--out", "out"], in: root)
      #expect(result.status == 64, "\(name.debugDescription): \(result.stderr)")
      #expect(result.stderr.contains("--name"), "\(name.debugDescription): \(result.stderr)")
    }
    // In a project file: one line, status 1, before any input is read.
    let d = Self.demo.path
    try """
    inputs: {areas: {pc4: \(d)/pc4.geojson}, reports: [\(d)/meldingen.csv], population: [\(d)/kinderen.csv]}
    maps:
      - {name: ../../../elders, level: pc4, variable: pct_reported}
    """.write(to: root.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(["run", "p.yaml", "--out", "out"], in: root)
    #expect(result.status == 1)
    #expect(result.stderr.contains("contains a path separator"), "\(result.stderr)")
    #expect(Self.nonWarningLines(result.stderr).count == 1, "\(result.stderr)")
    #expect(try Self.fm.contentsOfDirectory(atPath: root.path) == ["p.yaml"])
    #expect(
      !Self.fm.fileExists(
        atPath: root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
          "elders.geojson"
        ).path))
  }

  // MARK: - Invariant 5: interrupted and killed runs

  @Test func sigkillLeavesNothingTheNextRunKeeps() throws {
    let root = try Self.folder("kill")
    defer { try? Self.fm.removeItem(at: root) }
    let project = try Self.slowProject(in: root)
    // A stale temporary folder of another tool, and one of wijkstat's own
    // naming whose process is alive (this test), are not wijkstat's to remove.
    let notOurs = root.appendingPathComponent(".out.wijkstat-tmp-notours")
    try Self.fm.createDirectory(at: notOurs, withIntermediateDirectories: true)
    let live = root.appendingPathComponent(".out.wijkstat-tmp-\(getpid())-0000abcd")
    try Self.fm.createDirectory(at: live, withIntermediateDirectories: true)
    let child = try Self.start(["run", project, "--out", "out", "-q"], in: root)
    #expect(Self.waitForEntry(in: root, prefix: ".out.wijkstat-tmp-\(child.processIdentifier)-"))
    kill(child.processIdentifier, SIGKILL)
    child.waitUntilExit()
    #expect(child.terminationReason == .uncaughtSignal)
    let stale = try Self.fm.contentsOfDirectory(atPath: root.path).filter {
      $0.hasPrefix(".out.wijkstat-tmp-\(child.processIdentifier)-")
    }
    #expect(stale.count == 1, "the killed run's temporary folder is there to be cleaned")
    // The next run (a quick one) removes it, and finishes.
    let quick = try Self.slowProject(in: root, permutations: 99, name: "quick.yaml")
    let next = try Wijkstat.run(["run", quick, "--out", "out", "-q"], in: root)
    #expect(next.status == 0, "\(next.stderr)")
    let left = Set(try Self.fm.contentsOfDirectory(atPath: root.path))
    #expect(
      left == [
        "slow.yaml", "quick.yaml", "out", ".out.wijkstat-tmp-notours", live.lastPathComponent,
      ])
    let out = root.appendingPathComponent("out")
    #expect(
      Set(try Self.snapshot(out).keys)
        == Set(try Self.manifestPaths(out)).union(["wijkstat-manifest.json"]))
  }

  @Test func sigtermAndSigintRemoveTheUnfinishedOutputAndKeepTheEarlierOne() throws {
    let root = try Self.folder("term")
    defer { try? Self.fm.removeItem(at: root) }
    let project = try Self.slowProject(in: root)
    let i = Self.inputOptions
    // An earlier output (a quick map).
    let first = try Wijkstat.run(
      ["map"] + i + ["--name", "a", "--format", "geojson", "--out", "out"], in: root)
    #expect(first.status == 0, "\(first.stderr)")
    let earlier = try Self.snapshot(root.appendingPathComponent("out"))
    for (signal, status) in [(SIGTERM, Int32(143)), (SIGINT, Int32(130))] {
      let child = try Self.start(["run", project, "--out", "out", "-q"], in: root)
      #expect(Self.waitForEntry(in: root, prefix: ".out.wijkstat-tmp-\(child.processIdentifier)-"))
      kill(child.processIdentifier, signal)
      child.waitUntilExit()
      #expect(
        child.terminationReason == .exit && child.terminationStatus == status, "signal \(signal)")
      let left = Set(try Self.fm.contentsOfDirectory(atPath: root.path))
      #expect(left == ["slow.yaml", "out"], "signal \(signal): \(left.sorted())")
      #expect(try Self.snapshot(root.appendingPathComponent("out")) == earlier)
    }
    // Into a new folder: the folder it created is gone again.
    let child = try Self.start(["run", project, "--out", "new", "-q"], in: root)
    #expect(Self.waitForEntry(in: root, prefix: ".new.wijkstat-tmp-"))
    kill(child.processIdentifier, SIGTERM)
    child.waitUntilExit()
    #expect(Set(try Self.fm.contentsOfDirectory(atPath: root.path)) == ["slow.yaml", "out"])
  }

  // MARK: - Invariant 6: concurrent runs

  @Test func twoConcurrentRunsToOneFolderGiveOneCompleteOutputAndOneLine() throws {
    let root = try Self.folder("race")
    defer { try? Self.fm.removeItem(at: root) }
    let project = try Self.slowProject(in: root, permutations: 999)
    let first = try Self.start(["run", project, "--out", "out", "-q"], in: root)
    #expect(Self.waitForEntry(in: root, prefix: ".out.wijkstat-tmp-"))
    let second = try Wijkstat.run(["run", project, "--out", "out", "-q"], in: root)
    #expect(second.status == 75, "\(second.stderr)")
    #expect(
      second.stderr
        == "wijkstat: error: out: another wijkstat command is writing to this folder; wait until it has finished, or choose another folder\n"
    )
    first.waitUntilExit()
    #expect(first.terminationStatus == 0)
    let out = root.appendingPathComponent("out")
    let files = Set(try Self.snapshot(out).keys)
    #expect(files == Set(try Self.manifestPaths(out)).union(["wijkstat-manifest.json"]))
    #expect(files.contains("report.html") && files.contains("maps/a.geojson"))
    #expect(Set(try Self.fm.contentsOfDirectory(atPath: root.path)) == ["slow.yaml", "out"])
  }

  // MARK: - Invariant 7: file-system failures are one line

  /// A file-size limit (RLIMIT_FSIZE, through the shell's `ulimit -f`): the
  /// write fails with EFBIG, reported in words; the earlier output stays.
  @Test func aFileSizeLimitIsOneLineAndTheEarlierOutputStays() throws {
    let root = try Self.folder("fsize")
    defer { try? Self.fm.removeItem(at: root) }
    let i = Self.inputOptions
    let first = try Wijkstat.run(["rank"] + i + ["--out", "out"], in: root)
    #expect(first.status == 0, "\(first.stderr)")
    let earlier = try Self.snapshot(root.appendingPathComponent("out"))
    let result = try Wijkstat.run(
      [
        "-c", "ulimit -f 64; exec \"$0\" \"$@\"", Wijkstat.executable.path, "run", "--out",
        root.appendingPathComponent("out").path, "-q",
      ],
      in: Wijkstat.packageRoot, through: "/bin/sh")
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("file too large"), "\(result.stderr)")
    #expect(Self.nonWarningLines(result.stderr).count == 1, "\(result.stderr)")
    #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("ERROR 1"))
    #expect(try Self.snapshot(root.appendingPathComponent("out")) == earlier)
    #expect(try Self.fm.contentsOfDirectory(atPath: root.path) == ["out"])
  }

  /// A full disk: a 1 MiB tmpfs (only as root, where mount works).
  @Test func aFullDiskIsOneLineAndTheEarlierOutputStays() throws {
    guard getuid() == 0 else {
      print("skipped: the full-disk test mounts a tmpfs and needs root")
      return
    }
    let mountPoint = try Self.folder("tmpfs")
    defer { try? Self.fm.removeItem(at: mountPoint) }
    let mount = try Wijkstat.run(
      ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint.path], in: nil, through: "/bin/mount")
    guard mount.status == 0 else {
      print(
        "skipped: cannot mount a tmpfs here (\(mount.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))"
      )
      return
    }
    defer { _ = try? Wijkstat.run([mountPoint.path], in: nil, through: "/bin/umount") }
    let i = Self.inputOptions
    let first = try Wijkstat.run(["rank"] + i + ["--out", "out"], in: mountPoint)
    #expect(first.status == 0, "\(first.stderr)")
    let earlier = try Self.snapshot(mountPoint.appendingPathComponent("out"))
    let result = try Wijkstat.run(
      ["run", "--out", mountPoint.appendingPathComponent("out").path, "-q"],
      in: Wijkstat.packageRoot)
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("no space left on device"), "\(result.stderr)")
    #expect(Self.nonWarningLines(result.stderr).count == 1, "\(result.stderr)")
    #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("ERROR 1"))
    #expect(try Self.snapshot(mountPoint.appendingPathComponent("out")) == earlier)
    #expect(try Self.fm.contentsOfDirectory(atPath: mountPoint.path) == ["out"])
  }

  /// A read-only folder: a tmpfs mounted read-only as root (root may write
  /// anywhere else), a folder without write permission otherwise.
  @Test func aReadOnlyFolderIsOneLine() throws {
    let root = try Self.folder("ro")
    var expected = "permission denied"
    var mounted = false
    if getuid() == 0 {
      let mount = try Wijkstat.run(
        ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", root.path], in: nil, through: "/bin/mount")
      guard mount.status == 0 else {
        print(
          "skipped: cannot mount a read-only tmpfs here (\(mount.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))"
        )
        try? Self.fm.removeItem(at: root)
        return
      }
      mounted = true
      expected = "read-only file system"
    } else {
      chmod(root.path, 0o555)
    }
    defer {
      if mounted { _ = try? Wijkstat.run([root.path], in: nil, through: "/bin/umount") }
      chmod(root.path, 0o755)
      try? Self.fm.removeItem(at: root)
    }
    let result = try Wijkstat.run(
      ["run", "--out", root.appendingPathComponent("out").path, "-q"], in: Wijkstat.packageRoot)
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains(expected), "\(result.stderr)")
    #expect(Self.nonWarningLines(result.stderr).count == 1, "\(result.stderr)")
    #expect(!result.stderr.contains("NSCocoaErrorDomain"))
  }

}
