import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat contrast`: Tabel 3 (Tabel 4 with --within) with rate ratios.
struct Contrast: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Compare achterstandswijken with the other areas (the report's Tabel 3; Tabel 4 with --within).",
    discussion: """
      Writes contrast.csv (areas, reported, children, mean reported per area and % reported per year, age group and flag) and contrast-tests.csv (rate ratio with 95% interval and exact p, and the Mantel-Haenszel rate ratio stratified by gemeente), plus the report's layout as contrast.md.
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var publication: PublicationOptions

  @Option(
    help:
      "Only areas in these gemeenten: codes or names, comma-separated (the report's speerpuntgebieden)."
  )
  var within: String?

  @Option(
    help:
      "Level of the areas compared (default: the finest of pc4, buurt, wijk with achterstandswijk flags)."
  )
  var level: String?

  @Option(
    name: .customLong("lang"), help: ArgumentHelp("Language of contrast.md.", valueName: "lang"))
  var language: ReportLanguage = .nl
  var lang: String { language.rawValue }

  func validate() throws {
    try checkLevels(level.map { [$0] } ?? [])
  }

  func run() throws {
    try reportingUserErrors {
      Terminal.quiet = input.quiet
      let output = try publication.output(command: "contrast", inputs: input.spec)
      let joined = try JoinedInputs.load(input.spec)
      let gemeenten = Set(try resolveWithin(joined))
      // From the published panel: withheld counts take no part.
      let published = Protection(
        panel: joined.panel, suppression: securedSuppression(joined, rule: publication.rule)
      ).published
      // Default: the finest level with achterstandswijk flags, as in a project run.
      let level =
        self.level.map(AreaLevel.init(parsing:))
        ?? joined.panel.levels.first { level in
          [.pc4, .buurt, .wijk].contains(level)
            && joined.panel.rows.contains { $0.level == level && $0.achterstandswijk != nil }
        } ?? .pc4
      let analysis = ContrastAnalysis(
        panel: published, level: level,
        minimumCount: nil,  // sums of published counts: nothing to withhold
        include: { row in within == nil || gemeenten.contains(row.gemeente ?? "") })
      guard analysis.contrast.cells.contains(where: { $0.areas > 0 }) else {
        throw UserError(
          "no \(level) areas with an achterstandswijk flag, reports and children; give --achterstand"
        )
      }
      try output.build { url in
        let folder = OutputFolder(url: url, language: language)
        let minimum: Double? = nil
        try folder.write(analysis.contrastTable(minimumCount: minimum).csv, "contrast.csv")
        try folder.write(analysis.testTable.csv, "contrast-tests.csv")
        let title = within == nil ? "Tabel 3" : "Tabel 4"
        try folder.write(
          analysis.reportLayout(title: title, language: lang).markdown, "contrast.md")
      }
      Terminal.info("wrote contrast.csv, contrast-tests.csv and contrast.md to \(publication.out)")
    }
  }

  /// The gemeente codes of --within (codes, or names matched like table keys).
  func resolveWithin(_ joined: JoinedInputs) throws -> [String] {
    guard let within else { return [] }
    let codes = Set(joined.panel.rows.filter { $0.level == .gemeente }.map(\.area))
    var result: [String] = []
    for part in within.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }
    ) {
      if let code = AreaKey.gemeenteCode(part), codes.contains(code) {
        result.append(code)
      } else if let match = joined.panel.rows.first(where: {
        $0.level == .gemeente && $0.name?.lowercased() == part.lowercased()
      }) {
        result.append(match.area)
      } else {
        throw UserError("--within: \"\(part)\" is not a gemeente of the boundaries")
      }
    }
    return result
  }
}
