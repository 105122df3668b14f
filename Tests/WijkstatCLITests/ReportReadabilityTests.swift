import Foundation
import Testing

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
