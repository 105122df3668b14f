import Testing

@testable import WijkstatCore

@Suite struct FileNameTests {
  @Test func pathsAndHiddenOrControlNamesAreRefused() {
    for name in [
      "../x", "a/b", "a\\b", "..", "a..b", ".verborgen", "", "   ", "a\u{0}b", "a\u{1B}b", "a\nb",
      "C:x", " a", String(repeating: "k", count: 201),
    ] {
      #expect(throws: UserError.self, "\(name.debugDescription)") {
        try FileName.validate(name, what: "--name")
      }
    }
  }

  @Test func plainNamesPass() throws {
    for name in ["kaart-1", "pct_gemeld", "Kaart 2 (2009)", "é-ü", "a.b"] {
      try FileName.validate(name, what: "--name")
    }
  }

  @Test func theMessageNamesTheOptionAndShowsControlCharacters() {
    do {
      try FileName.validate("a\u{1}b", what: "map name")
      Issue.record("accepted")
    } catch let error as UserError {
      #expect(error.message.hasPrefix("map name \"a\\u{1}b\" contains a control character"))
    } catch {
      Issue.record("\(error)")
    }
  }
}
