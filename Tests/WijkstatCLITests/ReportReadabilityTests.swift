import Foundation
import Testing
import WijkstatCore

/// The report as its readers use it (issue 18): one language throughout, Dutch
/// numbers in the Dutch report, a hover title on every map area (withheld areas
/// without a value), no horizontal scrolling at phone width and A4 print, both
/// checked in headless Chromium.
@Suite(.serialized) struct ReportReadabilityTests {
  struct RunFailure: Error { var message: String }

  static func demo(_ language: String, _ extra: [String] = []) -> Result<URL, Error> {
    Result {
      let out = FileManager.default.temporaryDirectory.appendingPathComponent(
        "wijkstat-read-\(language)-\(UUID().uuidString)")
      let result = try Wijkstat.run(
        ["run", "--out", out.path, "-q", "--lang", language] + extra, in: Wijkstat.packageRoot)
      guard result.status == 0 else { throw RunFailure(message: result.stderr) }
      return out
    }
  }
  /// The Dutch run also writes the Dutch-locale CSVs (`--csv-dialect nl`).
  static let dutch = demo("nl", ["--csv-dialect", "nl"])
  static let english = demo("en")

  /// The CBS demo (`wijkstat demo --format cbs`: wijken and buurten, Veilig Thuis
  /// meldingen, StatLine tables) run in `language`.
  static func cbsDemo(_ language: String) -> Result<URL, Error> {
    Result {
      let base = FileManager.default.temporaryDirectory.appendingPathComponent(
        "wijkstat-read-cbs-\(language)-\(UUID().uuidString)")
      let data = base.appendingPathComponent("data")
      let written = try Wijkstat.run(["demo", "--format", "cbs", "--out", data.path, "-q"])
      guard written.status == 0 else { throw RunFailure(message: written.stderr) }
      let out = base.appendingPathComponent("out")
      let result = try Wijkstat.run([
        "run", data.appendingPathComponent("wijkstat.yaml").path, "--out", out.path, "-q",
        "--lang", language,
      ])
      guard result.status == 0 else { throw RunFailure(message: result.stderr) }
      return out
    }
  }
  static let cbsDutch = cbsDemo("nl")
  static let cbsEnglish = cbsDemo("en")

  /// The words of each language's message table (`Message`) that the other
  /// language's table never uses: the sample values of the examples taken out,
  /// so that only the tables' own words count. A report showing a word of the
  /// other language's set is not in one language.
  static let vocabulary: (dutch: Set<String>, english: Set<String>) = {
    var dutch = Set<String>()
    var english = Set<String>()
    for message in Message.examples {
      var values: [String] = []
      for child in Mirror(reflecting: message).children {
        let fields = Mirror(reflecting: child.value).children
        values +=
          fields.isEmpty
          ? [child.value as? String].compactMap { $0 }
          : fields.compactMap {
            $0.value as? String
          }
      }
      let strip = { (text: String) in
        values.reduce(text) { $0.replacingOccurrences(of: $1, with: " ") }
      }
      dutch.formUnion(words(strip(ReportLanguage.nl.text(message))))
      english.formUnion(words(strip(ReportLanguage.en.text(message))))
    }
    return (dutch.subtracting(english), english.subtracting(dutch))
  }()

  static func words(_ text: String) -> Set<String> {
    let regex = try! NSRegularExpression(pattern: #"\p{L}+"#)
    return Set(
      regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
        String(text[Range($0.range, in: text)!]).lowercased()
      })
  }

  /// The names of the run's areas (every `name` column of tables/*.csv): an
  /// area's name is its own, in both languages.
  static func areaNames(_ out: URL) throws -> [String] {
    let tables = out.appendingPathComponent("tables")
    var names = Set<String>()
    for file in try FileManager.default.contentsOfDirectory(atPath: tables.path)
    where file.hasSuffix(".csv") {
      let text = try String(contentsOf: tables.appendingPathComponent(file), encoding: .utf8)
      let lines = text.split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false)
      }
      guard let header = lines.first, let column = header.firstIndex(of: "name") else { continue }
      for line in lines.dropFirst() where line.count == header.count {
        names.insert(String(line[column]))
      }
    }
    return names.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
  }

  static func html(_ out: URL) throws -> String {
    try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
  }

  /// The text a reader sees: tags, style and path data removed, entities decoded
  /// (hover titles included: they are read too).
  static func visibleText(_ html: String) -> String {
    var text = html.replacingOccurrences(
      of: #"<style>[\s\S]*?</style>"#, with: " ", options: .regularExpression)
    text = text.replacingOccurrences(of: #"<[^>]+>"#, with: "\n", options: .regularExpression)
    for (entity, character) in [
      ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
    ] {
      text = text.replacingOccurrences(of: entity, with: character)
    }
    return text
  }

  static func contains(_ text: String, word: String) -> Bool {
    let escaped = NSRegularExpression.escapedPattern(for: word)
    return text.range(
      of: "(?<![\\p{L}_])\(escaped)(?![\\p{L}_])", options: [.regularExpression, .caseInsensitive])
      != nil
  }

  /// Words of the other language, machine column names and method keys that
  /// used to show (the issue's list). File names are left out of the scan
  /// (`kaart-1-pct-gemeld-pc4.geojson` is a name, not a word).
  @Test func eachReportIsInOneLanguage() throws {
    // Both demos, both languages: no word of the other language's message table,
    // no machine name (a word joined by `_`), anywhere a reader looks.
    #expect(Self.vocabulary.dutch.count > 400 && Self.vocabulary.english.count > 400)
    #expect(Self.vocabulary.dutch.isSuperset(of: ["gebieden", "afgeschermd", "rijen", "jaar"]))
    #expect(Self.vocabulary.english.isSuperset(of: ["areas", "withheld", "rows", "year"]))
    for (result, language) in [
      (Self.dutch, "nl"), (Self.english, "en"), (Self.cbsDutch, "nl"), (Self.cbsEnglish, "en"),
    ] {
      let out = try result.get()
      var text = Self.visibleText(try Self.html(out)).replacingOccurrences(
        of: #"[\w./-]+\.(geojson|gpkg|svg|json|csv|md|yaml|gal|gwt|qml|xlsx)"#, with: " ",
        options: .regularExpression)
      for name in try Self.areaNames(out) { text = text.replacingOccurrences(of: name, with: " ") }
      let other = language == "nl" ? Self.vocabulary.english : Self.vocabulary.dutch
      let shown = Self.words(text).intersection(other)
      #expect(shown.isEmpty, "\(out.path) (\(language)) shows \(shown.sorted())")
      let machine = try NSRegularExpression(pattern: #"\b[A-Za-z]+_[A-Za-z0-9_]+\b"#)
      let raw = machine.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
        String(text[Range($0.range, in: text)!])
      }
      #expect(raw.isEmpty, "\(out.path) (\(language)) shows column names \(Set(raw).sorted())")
    }
    let removeFiles = { (text: String) in
      text.replacingOccurrences(
        of: #"[\w./-]+\.(geojson|gpkg|svg|json|csv|md|yaml|gal|gwt|qml|xlsx)"#, with: " ",
        options: .regularExpression)
    }
    let nl = removeFiles(Self.visibleText(try Self.html(try Self.dutch.get())))
    // "Kinderen in Tel" is the name of the report series, in both languages.
    let en = removeFiles(Self.visibleText(try Self.html(try Self.english.get())))
      .replacingOccurrences(of: "Kinderen in Tel", with: " ")
    let machine = [
      "pct_reported", "kinderen_in_armoede", "werkloze_jongeren", "moran_i", "expected_i", "z_norm",
      "p_norm", "p_sim",
      "fisher-jenks", "equal-interval",
    ]
    for word in machine {
      #expect(!Self.contains(nl, word: word), "Dutch report shows \(word)")
      #expect(!Self.contains(en, word: word), "English report shows \(word)")
    }
    let english = [
      "rank", "province", "reported", "children", "top", "bottom", "areas matched", "table keys",
      "withheld",
      "no data", "not significant", "high-high", "Source", "classes", "note", "areas", "role",
      "file", "quantiles",
    ]
    for word in english {
      #expect(!Self.contains(nl, word: word), "Dutch report shows \"\(word)\"")
    }
    let dutch = [
      "rang", "provincie", "gemeld", "gemelde", "kinderen", "hoogste", "laagste", "gebieden",
      "afgeschermd",
      "geen gegevens", "niet significant", "hoog-hoog", "laag-laag", "Bron", "klassen",
      "kwantielen", "Kaart",
      "gladgestreken", "jaar", "leeftijd", "sleutels", "gekoppeld", "geheim", "rol", "bestand",
      "klasse",
    ]
    for word in dutch {
      #expect(!Self.contains(en, word: word), "English report shows \"\(word)\"")
    }
    // The standard indicators by their names.
    #expect(nl.contains("Kinderen in armoede (%)") && en.contains("Children in poverty (%)"))
    #expect(
      en.contains("Clusters of reports per area (LISA), 2009") && en.contains("high-high (HH)"))
  }

  /// Dutch numbers: the rankings' first row as tables/rankings.csv has it
  /// (full precision there), rounded and written with a decimal comma and a
  /// thousands dot in the report; no exponent anywhere; p-values `< 0,001`.
  @Test func dutchNumbers() throws {
    let out = try Self.dutch.get()
    let html = try Self.html(out)
    let lines = try String(
      contentsOf: out.appendingPathComponent("tables/rankings.csv"), encoding: .utf8
    ).split(separator: "\n")
    let header = lines[0].split(separator: ",").map(String.init)
    let first = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let row = Dictionary(uniqueKeysWithValues: zip(header, first))
    let pct = try #require(Double(row["pct_reported"] ?? ""))
    let children = try #require(Double(row["children"] ?? ""))
    #expect(children >= 1000, "the demo's largest gemeente has thousands of children")
    let pctText = String(format: "%.2f", pct).replacingOccurrences(of: ".", with: ",")
    let thousands = Int(children) / 1000
    let childrenText = "\(thousands).\(String(format: "%03d", Int(children) % 1000))"
    #expect(html.contains("<td>hoogste</td><td class=\"n\">1</td><td>\(row["code"]!)</td>"))
    #expect(html.contains("<td class=\"n\">\(pctText)</td>"))
    #expect(html.contains("<td class=\"n\">\(childrenText)</td>"))
    // The inputs' SHA-256 prefixes are hexadecimal, not numbers.
    let text = Self.visibleText(html).replacingOccurrences(
      of: #"\b[0-9a-f]{16}\b"#, with: " ", options: .regularExpression)
    #expect(
      text.range(of: #"\d[eE][-+]?\d"#, options: .regularExpression) == nil,
      "an exponent in the report")
    #expect(text.contains("<\u{00A0}0,001"))
    #expect(!text.contains("< 0.001") && !text.contains("<\u{00A0}0.001"))
    // The report-layout tables keep their notes (what the stars and the sub-columns are).
    #expect(
      html.contains(
        "</table></div><p class=\"note\">*** sterk, ** redelijk, * zwak verband. Alleen correlaties met p &lt; 0,01 zijn getoond.</p></div>"
      ))
    #expect(
      html.contains(
        "</table></div><p class=\"note\">Per jaar: gemiddeld aantal gemelde kinderen per wijk en percentage gemelde kinderen.</p></div>"
      ))
    // Tabel 3: two labelled sub-columns per year.
    #expect(
      html.contains("<th class=\"n\">2009 gemeld per wijk</th><th class=\"n\">2009 % gemeld</th>"))
    // Chart axes: decimal commas (the y axis of % reported runs 0 to about 1).
    #expect(
      html.contains("text-anchor=\"end\">0,5</text>")
        || html.contains("text-anchor=\"end\">0,2</text>"))
    #expect(!html.contains("text-anchor=\"end\">0.5</text>"))
  }

  /// Every area of every map, in the report and in the standalone SVGs, has a
  /// `<title>`; a withheld area's says only its name and "afgeschermd" /
  /// "withheld", never a value or a class.
  @Test func everyAreaHasAHoverTitleAndWithheldOnesNoValue() throws {
    for (result, withheld) in [(Self.dutch, "afgeschermd"), (Self.english, "withheld")] {
      let out = try result.get()
      var files = [out.appendingPathComponent("report.html")]
      files += try FileManager.default.contentsOfDirectory(
        atPath: out.appendingPathComponent("maps").path
      )
      .filter { $0.hasSuffix(".svg") }.sorted().map { out.appendingPathComponent("maps/\($0)") }
      // report.html and the six SVG maps: the demo project's five and the count
      // model's residual map (the demo asks for analyses.model).
      #expect(files.count == 7)
      var suppressed = 0
      for file in files {
        let text = try String(contentsOf: file, encoding: .utf8)
        let areas = text.components(separatedBy: "<path id=\"a").count - 1
        #expect(areas > 0, "\(file.lastPathComponent)")
        let titled = try NSRegularExpression(
          pattern:
            #"<path id="a[^"]*" data-code="([^"]*)" data-class="(-?\d+)" fill="[^"]*" d="[^"]*"><title>([^<]*)</title></path>"#
        )
        let matches = titled.matches(in: text, range: NSRange(text.startIndex..., in: text))
        #expect(
          matches.count == areas,
          "\(file.lastPathComponent): \(areas - matches.count) areas without a title")
        for match in matches {
          let code = String(text[Range(match.range(at: 1), in: text)!])
          let classNumber = String(text[Range(match.range(at: 2), in: text)!])
          let title = String(text[Range(match.range(at: 3), in: text)!])
          #expect(title.contains(code))
          if classNumber == "-1" {
            suppressed += 1
            #expect(title == "PC-4 \(code): \(withheld)", "\(file.lastPathComponent): \(title)")
          }
        }
      }
      // Kaart 1 and the PC-4 % map have withheld areas (the demo's small counts).
      #expect(suppressed > 0)
    }
  }

  /// Headless Chromium at 390 px (an iPhone's width): the page does not scroll
  /// sideways; wide tables scroll inside their own box. The report is loaded in
  /// a 390 px iframe of a probe page (headless windows are at least 500 px wide),
  /// with a copy of it carrying a script that writes the widths into the probe.
  @Test func noHorizontalScrollingAtPhoneWidth() throws {
    for result in [Self.dutch, Self.english] {
      let out = try result.get()
      let probe = out.appendingPathComponent("probe-report.html")
      let frame = out.appendingPathComponent("probe-frame.html")
      defer {
        try? FileManager.default.removeItem(at: probe)
        try? FileManager.default.removeItem(at: frame)
      }
      let script = """
        <script>var over=[];document.querySelectorAll("body *").forEach(function(e){var r=e.getBoundingClientRect();\
        if(r.right>window.innerWidth+1&&!e.closest(".scroll"))over.push(e.tagName)});\
        parent.document.body.setAttribute("data-width",document.documentElement.scrollWidth+" "+window.innerWidth+" "+over.length+" "+document.querySelectorAll(".scroll table").length)</script></body>
        """
      try Self.html(out).replacingOccurrences(of: "</body>", with: script).write(
        to: probe, atomically: true, encoding: .utf8)
      try
        "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"probe-report.html\" width=\"390\" height=\"800\" style=\"border:0\"></iframe></body></html>"
        .write(to: frame, atomically: true, encoding: .utf8)
      let dom = try Self.chromium([
        "--allow-file-access-from-files", "--window-size=800,800", "--virtual-time-budget=10000",
        "--dump-dom", frame.absoluteString,
      ])
      let match = try #require(
        dom.range(of: #"data-width="(\d+) (\d+) (\d+) (\d+)""#, options: .regularExpression),
        "the probe did not run")
      let numbers = dom[match].split(separator: "\"")[1].split(separator: " ").compactMap {
        Int($0)
      }
      #expect(numbers.count == 4)
      // The viewport is 390 px less a vertical scroll bar; the page is no wider.
      #expect(numbers[1] <= 390 && numbers[1] >= 360)
      #expect(numbers[0] <= numbers[1], "page is \(numbers[0]) px wide at \(numbers[1]) px")
      #expect(numbers[2] == 0, "\(numbers[2]) elements stick out of the page")
      #expect(numbers[3] >= 10, "the tables are in scroll boxes")
    }
  }

  /// Printed (Chromium's print to PDF): A4 pages (595 × 842 pt), from `@page`.
  @Test func printsOnA4() throws {
    let out = try Self.dutch.get()
    let pdf = out.deletingLastPathComponent().appendingPathComponent(
      "wijkstat-report-\(UUID().uuidString).pdf")
    defer { try? FileManager.default.removeItem(at: pdf) }
    _ = try Self.chromium([
      "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)",
      out.appendingPathComponent("report.html").absoluteString,
    ])
    let bytes = try Data(contentsOf: pdf)
    let text = String(decoding: bytes, as: UTF8.self)
    let boxes = Set(
      text.components(separatedBy: "/MediaBox [").dropFirst().map {
        String($0.prefix { $0 != "]" })
      })
    #expect(!boxes.isEmpty)
    for box in boxes {
      let numbers = box.split(separator: " ").compactMap { Double($0) }
      #expect(
        numbers.count == 4 && abs(numbers[2] - 595.3) < 1.5 && abs(numbers[3] - 841.9) < 1.5,
        "page size \(box)")
    }
  }

  static func chromium(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self)
  }
}
