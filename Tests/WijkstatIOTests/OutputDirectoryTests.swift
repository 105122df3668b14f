import Foundation
import Testing
import WijkstatCore

@testable import WijkstatIO

@Suite struct OutputDirectoryTests {
  struct Planned: Error {}

  @Test func failedRunLeavesPreviousOutputUntouched() throws {
    let folder = try TemporaryFolder()
    let out = folder.path("out")
    try OutputDirectory.build(out) { dir in
      try "first".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
    }
    #expect(throws: Planned.self) {
      try OutputDirectory.build(out) { dir in
        try "second".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "partial".write(to: dir.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        throw Planned()
      }
    }
    #expect(try String(contentsOfFile: out + "/a.txt", encoding: .utf8) == "first")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["a.txt"])
    // Nothing else is left beside it: no temporary or old directories.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["out"])

    try OutputDirectory.build(out) { dir in
      try "third".write(to: dir.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["c.txt"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["out"])
  }
}
