import Foundation
import Testing

/// Issue 14: the maps embedded in report.html are read by the audit (and by
/// the run's own check before it publishes: both read a folder's maps with
/// `PublishedFolder.readMaps`). Each `<figure class="map">` of the report is
/// the SVG of a map whose files its caption names; a withheld area must be
/// class −1 with a hover text without a figure there too.
@Suite struct ReportMapAuditTests {
  /// The project run's output (RunCommandTests.first) audits clean with
  /// report.html read and every embedded map matched to its GeoJSON map (none
  /// "not checked"). In a copy, the first withheld area of an embedded map gets
  /// class 2 and the hover text of a figure: the audit names the report's map
  /// and the area twice, exit 1.
  @Test func aLeakPlantedInTheReportsMapIsFound() throws {
    let out = try RunCommandTests.first.get()
    let clean = try Wijkstat.run(["audit", out.path])
    #expect(clean.status == 0, "\(clean.stdout)")
    #expect(clean.stdout.contains(", report.html)"), "\(clean.stdout)")
    #expect(!clean.stdout.contains("not checked"), "\(clean.stdout)")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-audit-report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.copyItem(at: out, to: folder)
    let url = folder.appendingPathComponent("report.html")
    var text = try String(contentsOf: url, encoding: .utf8)
    let figure = try #require(text.range(of: "<figure class=\"map\">"))
    let withheld = try #require(
      text.range(of: "data-class=\"-1\"", range: figure.upperBound..<text.endIndex))
    let code = String(
      text[..<withheld.lowerBound].components(separatedBy: "data-code=\"").last!.prefix {
        $0 != "\""
      })
    // The map's stem from the caption of this figure.
    let caption = try #require(
      text.range(of: "<figcaption>", range: withheld.upperBound..<text.endIndex))
    let captionText = text[caption.upperBound...].prefix { $0 != "<" }
    let stem = try #require(
      captionText.split(whereSeparator: { " ,:".contains($0) }).first { $0.hasSuffix(".geojson") }
    ).dropLast(".geojson".count).split(separator: "/").last.map(String.init)
    text.replaceSubrange(withheld, with: "data-class=\"2\"")
    let title = try #require(
      text.range(of: ": afgeschermd</title>", range: withheld.lowerBound..<text.endIndex))
    text.replaceSubrange(title, with: " — 3,10 (klasse 2)</title>")
    try text.write(to: url, atomically: true, encoding: .utf8)
    let audit = try Wijkstat.run(["audit", folder.path])
    #expect(audit.status == 1, "\(audit.stdout)")
    let map = "map report.html (\(stem ?? "?").svg)"
    #expect(audit.stdout.contains("value derived from a withheld count: \(map)"), "\(audit.stdout)")
    #expect(
      audit.stdout.contains("\(code) class 2 is shown for a withheld count"), "\(audit.stdout)")
    #expect(
      audit.stdout.contains("3,10 (klasse 2)\" shows a figure for a withheld count"),
      "\(audit.stdout)")
    // The maps in maps/ are untouched: only the report's map is named.
    #expect(!audit.stdout.contains("map \(stem ?? "?").svg"), "\(audit.stdout)")
  }
}

extension ReportMapAuditTests {
  /// `run` reads its own maps back before it publishes: the project run (not
  /// quiet) says how many map values and SVG areas of withheld counts it
  /// checked in the files it wrote (maps/ and report.html); both are more
  /// than zero on the project's maps, and the standalone audit of the same
  /// folder counts the same.
  @Test func runChecksTheMapsItWrote() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-run-maps-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try Wijkstat.run(["run", "--out", out.path], in: Wijkstat.packageRoot)
    #expect(run.status == 0, "\(run.stderr)")
    let line = try #require(
      run.stderr.split(separator: "\n").first { $0.contains("the maps as written show nothing") })
    let counted = line.split(separator: "(").last.map(String.init) ?? ""
    let numbers = counted.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    #expect(numbers.count == 2 && numbers.allSatisfy { $0 > 0 }, "\(line)")
    let audit = try Wijkstat.run(["audit", out.path])
    #expect(audit.status == 0, "\(audit.stdout)")
    if numbers.count == 2 {
      #expect(
        audit.stdout.contains(
          "\(grouped(numbers[0])) map values and \(grouped(numbers[1])) SVG areas"),
        "\(audit.stdout)")
    }
  }

  func grouped(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return out
  }
}
