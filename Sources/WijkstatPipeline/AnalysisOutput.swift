import Foundation
import GLPKBridge
import WijkstatCore
import WijkstatIO

/// Writes a command's tables into its output folder, atomically as a whole.
public struct OutputFolder {
  public let url: URL
  /// Keeps every table written, for the run's spreadsheets.
  public var collector: TableCollector? = nil
  /// The language of the Markdown copies' notes and numbers (`MarkdownCopy`).
  public var language: ReportLanguage = .en

  public init(url: URL, collector: TableCollector? = nil, language: ReportLanguage = .en) {
    self.url = url
    self.collector = collector
    self.language = language
  }

  public func write(_ text: String, _ name: String) throws {
    try write(bytes: Array(text.utf8), name)
  }
  public func write(bytes: [UInt8], _ name: String) throws {
    let target = url.appendingPathComponent(name)
    try OutputFolders.make(target.deletingLastPathComponent())
    try FileBytes.write(bytes: bytes, to: target)
  }
  /// `NAME.csv` and `NAME.md`.
  public func write(_ table: TextTable, _ name: String) throws {
    collector?.add(table, name)
    try write(bytes: table.csvBytes, name + ".csv")
    try write(
      bytes: MarkdownCopy.table(table, name: name, language: language).markdownBytes, name + ".md")
  }
}

/// `2005-2009`, `2009`, `2005,2007` → years.
public func parseYears(_ text: String?) throws -> [Int]? {
  guard let text, !text.isEmpty else { return nil }
  var years: [Int] = []
  for part in text.split(separator: ",") {
    let bounds = part.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    if bounds.count == 1, let year = bounds[0] {
      years.append(year)
    } else if bounds.count == 2, let a = bounds[0], let b = bounds[1], a <= b, b - a <= 200 {
      years += Array(a...b)
    } else {
      throw UserError("--years \(text): give years as 2009, 2005-2009 or 2005,2007")
    }
  }
  return years
}

/// The folder `internal/` of an output folder: what must not be published.
/// The suppression log tells which withheld cells are below the minimum
/// (primary) and which were withheld to protect them (secondary), so it would
/// narrow every withheld count; it is kept for the analyst, with a warning.
public enum InternalFolder {
  public static let name = "internal"
  public static let readme = """
    NOT FOR PUBLICATION.

    This folder is for the analyst only. suppression-log.csv lists every withheld
    count and why (below the minimum, too few children, or withheld to protect
    another cell). Published together with the other files it would tell which
    withheld counts are small, and so give them away. Publish the rest of the
    output folder without this folder (`wijkstat audit DIR` checks the rest).

    """

  /// How to read the log's codes (README.txt, after the warning).
  public static func legend(_ rule: SuppressionRule) -> String {
    let count = CSVText.number(rule.minimumCount)
    let children = CSVText.number(rule.minimumChildren)
    return """
      suppression-log.csv has one row per area and year with a withheld count:
      level,area,year and a column per age group (0-3,4-7,8-17,0-17). An empty
      cell is published; otherwise a code says why it is withheld:
        c         the count is below \(count)
        nN        the area has fewer than \(children) children: N
        aG        secondary: with the total it would reveal age group G
        gA        secondary: with the gemeente total it would reveal PC-4 A
        pG        secondary: protection interval of age group G of the same row
        pT A Y G  secondary: protection interval of that cell (table, area, year, group)
      Any other reason is written in words.

      """
  }

  /// Writes `internal/README.txt` and the suppression log, streamed (a national
  /// PC-6 log has millions of rows).
  public static func writeSuppressionLog(_ suppression: Suppression, into folder: URL) throws {
    let url = folder.appendingPathComponent(name)
    try OutputFolders.make(url)
    try FileBytes.write(
      Data((readme + legend(suppression.rule)).utf8), to: url.appendingPathComponent("README.txt"))
    try StreamedFile.write(to: url.appendingPathComponent("suppression-log.csv")) { append in
      try SuppressionLog.write(suppression) { chunk in try chunk.withUnsafeBytes { try append($0) }
      }
    }
  }
}

/// What a single command withholds: primary suppression and the secondary
/// suppression that guarantees the protection interval over the panel's
/// linked sums (and `contrasts`, for the contrast command).
public func securedSuppression(
  _ joined: JoinedInputs, rule: SuppressionRule, contrasts: [PublishedCells.ContrastTable] = []
) -> Suppression {
  var suppression = Suppression(panel: joined.panel, rule: rule)
  let regions = regionAssignments(joined.build.regions, years: joined.panel.years)
  _ = suppression.secureIntervals(
    panel: joined.panel, regions: regions, contrasts: contrasts,
    sources: CountSources(build: joined.build), solver: GLPKSolver())
  return suppression
}

/// Per region level (its description), gemeente → region, of the regions the
/// panel was built with: the lookup's, the overlay's (a PDOK veiligthuisregio
/// layer) and the region sets. Where the assignment changes by year (a lookup
/// with a `jaar` column) each year's region is under `GMxxxx|YEAR` too, so the
/// disclosure check links each gemeente to the region it counted in that year.
public func regionAssignments(_ regions: [RegionDefinition], years: [Int]) -> [String: [String:
  String]]
{
  var maps: [String: [String: String]] = [:]
  for region in regions {
    var map = region.regionOf
    if !region.byYear.isEmpty {
      for year in years {
        for (gemeente, code) in region.regionOf(year: year) { map["\(gemeente)|\(year)"] = code }
      }
    }
    maps[region.level.description] = map
  }
  return maps
}
