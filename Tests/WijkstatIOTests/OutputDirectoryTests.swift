import Foundation
import Testing
import WijkstatCore

@testable import WijkstatIO

@Suite struct OutputDirectoryTests {
  struct Planned: Error {}
  let fm = FileManager.default

  func write(_ text: String, _ url: URL, _ name: String) throws {
    let target = url.appendingPathComponent(name)
    try fm.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: target, atomically: false, encoding: .utf8)
  }
  func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  @Test func failedRunLeavesPreviousOutputUntouched() throws {
    let folder = try TemporaryFolder()
    let out = folder.path("out")
    try OutputDirectory.build(out) { dir in try write("first", dir, "a.txt") }
    #expect(throws: Planned.self) {
      try OutputDirectory.build(out) { dir in
        try write("second", dir, "a.txt")
        try write("partial", dir, "b.txt")
        throw Planned()
      }
    }
    #expect(try read(out + "/a.txt") == "first")
    #expect(
      try fm.contentsOfDirectory(atPath: out).sorted() == ["a.txt", "wijkstat-manifest.json"])
    // Nothing else is left beside it: no temporary or old directories, no lock files.
    #expect(try fm.contentsOfDirectory(atPath: folder.url.path) == ["out"])

    try OutputDirectory.build(out) { dir in try write("third", dir, "c.txt") }
    #expect(
      try fm.contentsOfDirectory(atPath: out).sorted() == ["c.txt", "wijkstat-manifest.json"])
    #expect(try fm.contentsOfDirectory(atPath: folder.url.path) == ["out"])
  }

  @Test func theManifestListsEachFileWithItsCommandAndVersion() throws {
    let folder = try TemporaryFolder()
    let out = folder.path("out")
    try OutputDirectory.build(out, command: "map a", scope: .part) { dir in
      try write("{}", dir, "a.geojson")
      try write("{}", dir, "sub/a.legend.json")
    }
    #expect(
      try read(out + "/wijkstat-manifest.json") == """
        {
          "format": "wijkstat-manifest/1",
          "wijkstat": "\(WijkstatVersion.current)",
          "files": [
            {"path": "a.geojson", "command": "map a"},
            {"path": "sub/a.legend.json", "command": "map a"}
          ]
        }

        """)
  }

  @Test func partsKeepOtherCommandsFilesAndReplaceTheirOwn() throws {
    let folder = try TemporaryFolder()
    let out = folder.path("out")
    try OutputDirectory.build(out, command: "map a", scope: .part) { dir in
      try write("a1", dir, "a.geojson")
      try write("a1", dir, "a.svg")
    }
    try OutputDirectory.build(out, command: "map b", scope: .part) { dir in
      try write("b1", dir, "b.geojson")
    }
    try OutputDirectory.build(out, command: "map a", scope: .part) { dir in
      try write("a2", dir, "a.geojson")
    }
    #expect(
      try fm.contentsOfDirectory(atPath: out).sorted() == [
        "a.geojson", "b.geojson", "wijkstat-manifest.json",
      ])
    #expect(try read(out + "/a.geojson") == "a2")
    #expect(try read(out + "/b.geojson") == "b1")
    // A whole output replaces every wijkstat file.
    try OutputDirectory.build(out, command: "run", scope: .whole) { dir in
      try write("r", dir, "report.html")
    }
    #expect(
      try fm.contentsOfDirectory(atPath: out).sorted() == ["report.html", "wijkstat-manifest.json"])
  }

  @Test func foreignFilesAreNeverRemovedAndNeverOverwritten() throws {
    let folder = try TemporaryFolder()
    let out = folder.url.appendingPathComponent("out")
    try write("mine", out, "notes.txt")
    try write("mine too", out, "tables/eigen.csv")
    try fm.createSymbolicLink(
      atPath: out.appendingPathComponent("link").path, withDestinationPath: "/etc/hostname")
    try OutputDirectory.build(out.path, command: "run", scope: .whole) { dir in
      try write("t", dir, "tables/x.csv")
      try write("r", dir, "report.html")
    }
    try OutputDirectory.build(out.path, command: "run", scope: .whole) { dir in
      try write("r2", dir, "report.html")
    }
    #expect(try read(out.path + "/notes.txt") == "mine")
    #expect(try read(out.path + "/tables/eigen.csv") == "mine too")
    #expect(
      try fm.destinationOfSymbolicLink(atPath: out.appendingPathComponent("link").path)
        == "/etc/hostname")
    #expect(!fm.fileExists(atPath: out.path + "/tables/x.csv"), "the run's own earlier file went")
    #expect(try read(out.path + "/report.html") == "r2")
    // A file of the user's where wijkstat would write: refused, nothing written.
    #expect(throws: UserError.self) {
      try OutputDirectory.build(out.path, command: "map notes", scope: .part) { dir in
        try write("x", dir, "notes.txt")
        try write("x", dir, "other.svg")
      }
    }
    #expect(try read(out.path + "/notes.txt") == "mine")
    #expect(!fm.fileExists(atPath: out.path + "/other.svg"))
    #expect(try fm.contentsOfDirectory(atPath: folder.url.path) == ["out"])
    #expect(try fm.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }.isEmpty)
  }

  @Test func aForeignManifestMakesTheFolderNotWijkstats() throws {
    let folder = try TemporaryFolder()
    let out = folder.url.appendingPathComponent("out")
    try write("{\"my\": \"data\"}", out, "wijkstat-manifest.json")
    #expect(throws: UserError.self) {
      try OutputDirectory.build(out.path) { dir in try write("x", dir, "a.txt") }
    }
    #expect(try read(out.path + "/wijkstat-manifest.json") == "{\"my\": \"data\"}")
    // A manifest listing paths outside the folder is not wijkstat's either.
    try write(
      "{\"format\": \"wijkstat-manifest/1\", \"wijkstat\": \"0\", \"files\": [{\"path\": \"../x\", \"command\": \"run\"}]}",
      out, "wijkstat-manifest.json")
    #expect(throws: UserError.self) {
      try OutputDirectory.build(out.path) { dir in try write("x", dir, "a.txt") }
    }
  }

  @Test func aSecondWriterOfTheSameFolderIsRefusedAtOnce() throws {
    let folder = try TemporaryFolder()
    let first = try OutputDirectory(folder.path("out"), command: "run", scope: .whole, inputs: [])
    do {
      _ = try OutputDirectory(folder.path("out/../out"), command: "run", scope: .whole, inputs: [])
      Issue.record("a second writer was let in")
    } catch let error as OutputRefused {
      #expect(error.status == 75)
      #expect(error.description.contains("another wijkstat command is writing to this folder"))
    }
    try first.build { dir in try write("x", dir, "a.txt") }
    #expect(try read(folder.path("out/a.txt")) == "x")
  }

  @Test func onlyWijkstatsOwnStaleTemporaryFoldersAreRemoved() throws {
    let folder = try TemporaryFolder()
    let fm = self.fm
    // PID 2^22+1 is above Linux's pid_max default: no such process.
    let dead = folder.url.appendingPathComponent(".out.wijkstat-tmp-4194305-deadbeef")
    let deadInside = folder.url.appendingPathComponent("out/.wijkstat-tmp-4194305-0badf00d")
    let deadOld = folder.url.appendingPathComponent(".out.wijkstat-old-4194305-12345678")
    let kept = [
      ".out.wijkstat-tmp-4194305-nothex!!", ".out.tmp-4194305-deadbeef",
      ".out.wijkstat-tmp-\(getppid())-deadbeef", ".other.wijkstat-tmp-4194305-deadbeef",
    ]
    try write("half", dead, "report.html")
    try write("half", deadInside, "a.csv")
    try write("old", deadOld, "a.csv")
    try write("user", deadOld, "user.txt")
    try OutputManifest(files: [.init(path: "a.csv", command: "run")]).json.write(
      to: deadOld.appendingPathComponent("wijkstat-manifest.json"), atomically: false,
      encoding: .utf8)
    for name in kept { try write("x", folder.url.appendingPathComponent(name), "f") }
    try OutputDirectory.build(folder.path("out"), command: "map a", scope: .part) { dir in
      try write("a", dir, "a.csv")
    }
    #expect(!fm.fileExists(atPath: dead.path))
    #expect(!fm.fileExists(atPath: deadInside.path))
    // The old folder loses only what its manifest lists.
    #expect(try fm.contentsOfDirectory(atPath: deadOld.path) == ["user.txt"])
    for name in kept { #expect(fm.fileExists(atPath: folder.path(name + "/f")), "\(name)") }
  }

  @Test func outputsThatAreOrHoldInputsAreRefused() throws {
    let folder = try TemporaryFolder()
    let input = try folder.write("data.csv", "a,b\n")
    try fm.createDirectory(atPath: folder.path("shapes"), withIntermediateDirectories: true)
    try folder.write("shapes/a.shp", "x")
    try fm.createSymbolicLink(atPath: folder.path("alias"), withDestinationPath: folder.url.path)
    let cases: [(String, Bool)] = [
      (folder.url.path, true), (folder.path("alias"), true), (folder.path("sub/.."), true),
      (input, false), (folder.path("alias/data.csv"), false), (folder.path("shapes/out"), true),
    ]
    for (output, isFolder) in cases {
      #expect(throws: OutputRefused.self, "\(output)") {
        try PathGuard.check(
          output: output, option: "--out", isFolder: isFolder,
          inputs: [input, folder.path("shapes")])
      }
    }
    try PathGuard.check(
      output: folder.path("new"), option: "--out", isFolder: true, inputs: [input])
    try PathGuard.check(
      output: folder.path("panel.csv"), option: "--out", isFolder: false, inputs: [input])
    #expect(PathGuard.physical(folder.path("alias/x/../y")) == PathGuard.physical(folder.path("y")))
  }

  /// What `Interruption` relies on (its handler removes the temporary folder while
  /// writers still run): a writer making its folders after the temporary folder
  /// is gone fails and does not bring it back, while outside an output being
  /// built `OutputFolders.make` makes every missing parent.
  @Test func writersNeverMakeTheTemporaryFolderAgain() throws {
    let folder = try TemporaryFolder()
    let out = folder.path("out")
    var temporary = ""
    #expect(throws: UserError.self) {
      try OutputDirectory.build(out) { dir in
        temporary = dir.path
        try OutputFolders.make(dir.appendingPathComponent("tables/nl"))
        #expect(fm.fileExists(atPath: dir.path + "/tables/nl"))
        try fm.removeItem(at: dir)
        try OutputFolders.make(dir.appendingPathComponent("maps/gpkg"))
      }
    }
    #expect(!temporary.isEmpty && !fm.fileExists(atPath: temporary))
    #expect(!fm.fileExists(atPath: out))
    let elsewhere = URL(fileURLWithPath: folder.path("a/b/c"))
    try OutputFolders.make(elsewhere)
    #expect(fm.fileExists(atPath: elsewhere.path))
  }
}
