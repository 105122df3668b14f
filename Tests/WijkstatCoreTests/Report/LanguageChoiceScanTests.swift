import Foundation
import Testing

/// No Swift file outside the message catalogue chooses words by language
/// (issue 18, "one vocabulary, two languages"): every text a reader sees in
/// two languages is a key of `Message` (Sources/WijkstatCore/Report/Message.swift),
/// and how numbers are written per language is `ReportLanguage`'s
/// (ReportLanguage.swift). The test reads every file under Sources/ and fails
/// on the forms a language choice takes in code: a `switch` over the language
/// or a `case .nl`, a comparison with `.nl`/`.en` or the codes `"nl"`/`"en"`, a
/// ternary on a Dutch flag (`nl ? … : …`), `pick(dutch, english)`, and a pair of
/// texts passed as `dutch:`/`english:`.
@Suite struct LanguageChoiceScanTests {
  /// The catalogue and the number style: the only files that may choose by language.
  static let allowedFiles: Set<String> = [
    "Sources/WijkstatCore/Report/Message.swift",
    "Sources/WijkstatCore/Report/ReportLanguage.swift",
  ]

  /// Lines elsewhere that pick a text by language but whose words are not
  /// ours: the project's and the map file's own English title (`title_en`),
  /// written by the user. Each entry must still be found (a stale entry fails).
  static let allowedLines: [(file: String, line: String, reason: String)] = [
    (
      "Sources/WijkstatIO/Project/MapSpec.swift",
      #"language == .en ? titleEnglish ?? title : title"#,
      "the map file's own title_en"
    ),
    (
      "Sources/WijkstatIO/Project/Project.swift",
      #"public var reportTitle: String { language == .en ? titleEnglish ?? title : title }"#,
      "the project's own title_en"
    ),
  ]

  /// The forms of a language choice, each with what it is.
  static let patterns: [(regex: String, what: String)] = [
    (#"\bswitch\s+(language|people|lang|words)\b"#, "a switch over the language"),
    (#"\bcase\s+\.(nl|en)\b"#, "a case of the language"),
    (#"[=!]=\s*\.(nl|en)\b|\.(nl|en)\s*[=!]="#, "a comparison with a language"),
    (
      #"[Ll]ang\w*\s*[=!]=\s*"(nl|en)"|"(nl|en)"\s*[=!]=\s*\w*[Ll]ang"#,
      "a comparison of a language code"
    ),
    (#"\b(nl|dutch|isDutch|english|isEnglish)\s+\?\s"#, "a ternary on a language flag"),
    (#"\.pick\("#, "ReportLanguage.pick"),
    (#"\b(dutch|english)\s*:\s*""#, "a text passed per language"),
  ]

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `(file, line number, line, what)` for every line of `text` that matches a pattern;
  /// comment lines are left out (doc comments quote the forms).
  static func findings(_ text: String, file: String) -> [(String, Int, String, String)] {
    var found: [(String, Int, String, String)] = []
    for (number, line) in text.components(separatedBy: "\n").enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("//") { continue }
      for (regex, what) in patterns
      where trimmed.range(of: regex, options: .regularExpression) != nil {
        found.append((file, number + 1, trimmed, what))
      }
    }
    return found
  }

  @Test func noFileOutsideTheCatalogueChoosesWordsByLanguage() throws {
    let sources = Self.root.appendingPathComponent("Sources")
    let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
    var files: [String] = []
    for case let path as String in enumerator where path.hasSuffix(".swift") {
      files.append("Sources/" + path)
    }
    // The scan reads the real tree: the catalogue and the files that used to choose.
    #expect(files.count > 200, "\(files.count) Swift files under \(sources.path)")
    for known in Self.allowedFiles.union([
      "Sources/WijkstatCore/Maps/MapVariableRules.swift",
      "Sources/WijkstatPipeline/MapMaker.swift",
      "Sources/WijkstatCore/Analyses/CountModelAnalysis.swift",
    ]) {
      #expect(files.contains(known), "\(known) not found")
    }
    var offending: [String] = []
    var allowedSeen = Set<Int>()
    for file in files where !Self.allowedFiles.contains(file) {
      let text = try String(
        contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
      for (file, number, line, what) in Self.findings(text, file: file) {
        if let index = Self.allowedLines.firstIndex(where: { $0.file == file && $0.line == line }) {
          allowedSeen.insert(index)
          continue
        }
        offending.append("\(file):\(number): \(what): \(line)")
      }
    }
    #expect(
      offending.isEmpty,
      """
      Words chosen by language outside the message catalogue; make each text a key of \
      Message (Sources/WijkstatCore/Report/Message.swift) and write it in MessagesNL and \
      MessagesEN, or a number style a property of ReportLanguage:
      \(offending.joined(separator: "\n"))
      """)
    for (index, entry) in Self.allowedLines.enumerated() where !allowedSeen.contains(index) {
      Issue.record("allowed line no longer found (remove it): \(entry.file): \(entry.line)")
    }
  }

  /// The patterns find the forms the moved texts had (each line from the code
  /// before the move), and not the code that replaced them.
  @Test func thePatternsFindTheOldForms() {
    let old = [
      #"case .achterstandswijk: return nl ? "achterstandswijk" : "deprived area""#,
      #"title: people.pick("Grenzen (\(level))", "Outlines (\(level))"))"#,
      #"guard var text = language == "nl" ? problemDutch ?? problem : problem else { return nil }"#,
      #"dutch: "aantallen moeten eindig en niet negatief zijn, offsets eindig")"#,
      #"func reason(_ reason: MissingReason) -> String { nl ? reason.rawValue : reason.english }"#,
      "if language == .nl {",
      "case .nl: MessagesNL.text(message)",
      "switch language {",
    ]
    for line in old {
      #expect(!Self.findings(line, file: "old").isEmpty, "not found: \(line)")
    }
    let new = [
      "case .achterstandswijk: return people.text(.deprivedArea)",
      #"title: people.text(.outlineLayerTitle(level: "\(level)")))"#,
      "let nl = people.isDutch",
      "if language.decimalSeparator == \",\" {",
      "// nl ? \"a\" : \"b\" in a comment",
      #"let csv = project.csvDialect == "nl""#,
    ]
    for line in new {
      #expect(Self.findings(line, file: "new").isEmpty, "found: \(line)")
    }
  }
}
