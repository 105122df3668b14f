import Foundation
import GDALBridge
import Testing
import WijkstatTestSupport

/// The texts moved into the message catalogue, as a run and the single
/// commands write them in each language (issue 18): the demo project's runs of
/// ReportReadabilityTests (Dutch, English). The expected strings are the ones
/// the demo wrote before the move (main 5800784, `wijkstat run --lang nl|en`),
/// the Table 3 title of `contrast --lang en` excepted (it said `Tabel 3`).
@Suite(.serialized) struct MovedTextsOutputTests {
  static func text(_ out: URL, _ path: String) throws -> String {
    try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8)
  }

  /// Legend titles, the residual map's title and Tabel 5 in the report.
  @Test func theReportShowsTheMovedTextsInItsLanguage() throws {
    let nl = try Self.text(try ReportReadabilityTests.dutch.get(), "report.html")
    let en = try Self.text(try ReportReadabilityTests.english.get(), "report.html")
    for (html, expected, other) in [
      (
        nl,
        [
          "LISA-cluster (FDR q &lt; 0,05)", "% gemeld (gladgestreken)",
          "Residuen van het telmodel (PC-4, 2009)", "ruwe RR per SD", "RR per eenheid (95%-BI)",
          ">Achterstandswijk<", "Tabel 5 Gecorrigeerde rate ratio&#39;s van meldingen (PC-4, 2009)",
        ],
        ["LISA cluster (", "(smoothed)", "Count model residuals", "crude RR per SD"]
      ),
      (
        en,
        [
          "LISA cluster (FDR q &lt; 0.05)", "% reported (smoothed)",
          "Count model residuals (PC-4, 2009)", "crude RR per SD", "RR per unit (95% CI)",
          ">Deprived area<", "Table 5 Adjusted rate ratios of reports (PC-4, 2009)",
        ],
        ["LISA-cluster (", "(gladgestreken)", "Residuen van het telmodel", "ruwe RR per SD"]
      ),
    ] {
      for text in expected { #expect(html.contains(text), "missing: \(text)") }
      for text in other { #expect(!html.contains(text), "the other language: \(text)") }
    }
  }

  /// The outline layer's style is titled in the run's language (layer_styles),
  /// and every GeoPackage of the run passes GDAL's validate_gpkg.py where it is
  /// installed (python3-gdal's samples).
  @Test func outlineLayerTitleAndValidGeoPackages() throws {
    for (result, title) in [
      (ReportReadabilityTests.dutch, "Grenzen (gemeente)"),
      (ReportReadabilityTests.english, "Outlines (gemeente)"),
    ] {
      let out = try result.get()
      let gpkg = try Dataset.openVector(
        out.appendingPathComponent("maps/kaart-1-pct-gemeld-pc4.gpkg").path)
      let rows = try gpkg.query(
        "SELECT description FROM layer_styles WHERE f_table_name = 'outlines_gemeente'"
      ).rows
      #expect(rows == [[title]])
    }
    let validator = [
      "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
      "/usr/share/doc/python3-gdal/examples/validate_gpkg.py",
    ].first { FileManager.default.fileExists(atPath: $0) }
    guard let validator else { return }
    let maps = try ReportReadabilityTests.dutch.get().appendingPathComponent("maps")
    let files = try FileManager.default.contentsOfDirectory(atPath: maps.path).filter {
      $0.hasSuffix(".gpkg")
    }
    #expect(files.count == 6, "\(files)")
    for file in files {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["python3", validator, maps.appendingPathComponent(file).path]
      let errors = Pipe()
      process.standardError = errors
      process.standardOutput = Pipe()
      try process.run()
      let message = String(
        decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(file): \(message)")
    }
  }

  /// The count model's sheets of tables.xlsx have headers in the workbook's
  /// language, as the other sheets.
  @Test func theModelSheetsHaveHeadersInTheWorkbooksLanguage() throws {
    for (result, model, fit) in [
      (
        ReportReadabilityTests.dutch,
        [
          "niveau", "jaren", "modelfamilie", "gekozen", "modelterm", "soort", "coëfficiënt",
          "standaardfout (model)", "standaardfout (HC0, robuust)",
          "standaardfout van de intervallen", "z-waarde", "p", "rate ratio",
        ],
        ["niveau", "jaren", "modelfamilie", "gekozen", "n", "weggelaten", "aantal parameters"]
      ),
      (
        ReportReadabilityTests.english,
        [
          "level", "years", "model family", "chosen", "model term", "kind", "coefficient",
          "standard error (model)", "standard error (HC0, robust)",
          "standard error of the intervals", "z value", "p", "rate ratio",
        ],
        ["level", "years", "model family", "chosen", "n", "left out", "number of parameters"]
      ),
    ] {
      let workbook = try Dataset.openVector(
        try result.get().appendingPathComponent("tables.xlsx").path)
      let modelSheet = try #require(workbook.layer(named: "model"))
      #expect(Array(modelSheet.fields.map(\.name).prefix(model.count)) == model)
      let fitSheet = try #require(workbook.layer(named: "model-fit"))
      #expect(Array(fitSheet.fields.map(\.name).prefix(fit.count)) == fit)
    }
  }

  /// `contrast --lang en` titles contrast.md `Table 3`, `--lang nl` `Tabel 3`.
  @Test func contrastMarkdownTitleInTheCommandsLanguage() throws {
    let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo")
    for (language, title, other) in [
      ("en", "### Table 3\n", "Tabel"), ("nl", "### Tabel 3\n", "Table"),
    ] {
      let out = FileManager.default.temporaryDirectory.appendingPathComponent(
        "wijkstat-contrast-md-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: out) }
      let result = try Wijkstat.run(
        [
          "contrast", "--areas", "pc4=pc4.geojson", "--reports", "meldingen.csv", "--population",
          "kinderen.csv", "--achterstand", "achterstandswijken.csv", "--out", out.path, "-q",
          "--lang", language,
        ], in: demo)
      try #require(result.status == 0, "\(result.stderr)")
      let md = try Self.text(out, "contrast.md")
      #expect(md.hasPrefix(title), "\(md.prefix(40))")
      #expect(!md.contains(other))
    }
  }
}
