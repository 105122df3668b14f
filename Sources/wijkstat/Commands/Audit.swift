import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat audit DIR`: attacks a published output folder as the threat
/// model's attacker (README.md, "Disclosure control").
struct Audit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Attack a published output folder: interval programme, inversion of smoothed rates, derived values.",
    discussion: """
      Reads what DIR publishes (panel.gpkg, tables/regions.csv, tables/contrast*.csv, tables/rates.csv, tables/lisa.csv, tables/count-sources.csv, the GeoJSON, GeoPackage and SVG maps in maps/; never internal/) and tries to recover withheld counts: an integer linear programme over every published sum and subtotal (each total equals its age groups, each gemeente its PC-4 areas, each region its gemeenten, each contrast cell its areas), solved by GLPK; the inversion count = n·(m + (eb − m)/C) of every published EB rate; rates, intervals, exceedance probabilities and local statistics published for withheld counts; and every map's values and classes of withheld counts (a count's own value or statistic, or a class of it, must not be shown; smoothed rates must be the prior means the rates table publishes). Prints, per attack, table and year, how many withheld cells it narrowed below the protection interval with the first examples, and exits 1 if any.
      """)

  @Argument(help: "A published output folder (of wijkstat run).")
  var dir: String

  @Option(
    help: ArgumentHelp(
      "The protection interval: the minimum count of the run (default 5).", valueName: "n"))
  var minimumCount: Double = 5

  @Option(help: ArgumentHelp("Examples per line (default 3).", valueName: "n"))
  var examples = 3

  @Flag(name: .shortAndLong, help: "No progress messages on stderr.")
  var quiet = false

  func validate() throws {
    guard minimumCount >= 1 else { throw ValidationError("--minimum-count must be at least 1") }
    guard examples >= 0 else {
      throw ValidationError("--examples must be 0 or more, not \(examples)")
    }
  }

  func run() throws {
    try reportingUserErrors {
      Terminal.quiet = quiet
      let started = Date()
      let folder = try PublishedFolder.read(dir)
      let cells = folder.cells
      let level =
        folder.panel.levels.contains(.pc4) ? "pc4" : folder.panel.levels.first?.description ?? "pc4"
      let audit = FolderAudit.audit(folder, minimumCount: minimumCount, ratesLevel: level)
      print(
        "wijkstat audit \(dir): \(grouped(cells.isSlack.lazy.filter { !$0 }.count)) published cells, \(grouped(audit.withheldCells)) withheld, \(grouped(cells.sums.count)) sums (\(folder.files.joined(separator: ", ")))"
      )
      if audit.findings.isEmpty {
        print(
          "no disclosure: every withheld count has a range of at least \(CSVText.number(minimumCount)) + 1 whole numbers that starts at 0 or at \(CSVText.number(minimumCount)) or more; \(grouped(audit.checkedRates)) smoothed rates of withheld counts do not invert; \(grouped(audit.checkedMapValues)) map values and \(grouped(audit.checkedSVGAreas)) SVG areas of withheld counts show nothing of them\(audit.uncheckedSVGMaps.isEmpty ? "" : "; not checked (no GeoJSON or GeoPackage map of the same name): " + audit.uncheckedSVGMaps.joined(separator: ", ")) (\(String(format: "%.2f", Date().timeIntervalSince(started))) s)"
        )
        return
      }
      for line in audit.lines(examples: examples) { print(line) }
      print("\(grouped(audit.findings.count)) findings: do not publish this folder")
      throw ExitCode(1)
    }
  }
}
