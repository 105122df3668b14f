import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat map`: one classified map, written identically to every format.
struct Map: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Classify a value per area and write it as GeoJSON, GeoPackage (styled for QGIS), SVG and a legend.",
    discussion: """
      Variables: pct_reported, reported, children, eb_rate, spatial_eb_rate, achterstandswijk, lisa (cluster of % reported), or any indicator column. Methods: quantiles, equal-interval, fisher-jenks, std-dev, box, breaks (give --breaks), unique. Several --year options classify the years together (pooled breaks), so the maps compare. Writes NAME.geojson (RFC 7946), NAME.gpkg (styled for QGIS), NAME.svg and NAME.legend.json into --out; --format picks among the first three.
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var publication: PublicationOptions
  @OptionGroup var neighbourhood: WeightsOptions

  @Option(
    help:
      "Level (default: the finest level of the boundaries given: pc4, buurt, wijk, then gemeente).")
  var level: String?

  @Option(
    name: .customLong("year"), help: "Year (repeatable for pooled breaks; default: the latest).")
  var years: [Int] = []

  @Option(
    name: .customLong("variable"), help: ArgumentHelp("The value to map.", valueName: "variable"))
  var mapVariable: MapVariable = .pctReported

  @Option(
    name: .customLong("method"),
    help: ArgumentHelp(
      "Classification method (jenks and natural-breaks mean fisher-jenks).", valueName: "method"))
  var classification: ClassificationMethod = .quantiles

  @Option(help: "Number of classes.")
  var classes = 5

  @Option(
    help: "A ColorBrewer scheme (YlOrRd, Blues, RdBu, ...) or #RRGGBB colours, comma-separated.")
  var colors: String?

  @Flag(help: "Reverse the colours.")
  var reverse = false

  @Option(help: "Upper bounds for --method breaks, comma-separated.")
  var breaks: String?

  @Option(help: "File name of the outputs (default: the variable).")
  var name: String?

  @Option(help: "Map title.")
  var title: String?

  @Option(help: "Only areas in these gemeenten (codes, comma-separated).")
  var within: String?

  @Option(help: "Draw this level's outlines on top (e.g. gemeente over pc4).")
  var outlines: String?

  @Option(
    help: ArgumentHelp(
      "Files to write, comma-separated: geojson, gpkg, svg, or any GDAL vector driver that writes files by its name (\"ESRI Shapefile\", FlatGeobuf, KML, \"MapInfo File\", CSV); the legend JSON is always written.",
      valueName: "formats"))
  var format = "geojson,gpkg,svg"

  @Option(help: "GeoJSON coordinate decimals.")
  var precision = 6

  @Option(
    help:
      "Simplify the GeoJSON geometry by this many metres, keeping shared borders shared (0: off).")
  var simplify = 0.0

  @OptionGroup var tests: TestOptions

  @Option(help: "Permutations for --variable lisa.")
  var permutations = 999

  @Option(help: "Seed of the permutations.")
  var seed: UInt64 = 12345

  @Option(name: .customLong("lang"), help: ArgumentHelp("Language of labels.", valueName: "lang"))
  var language: ReportLanguage = .nl

  /// Every option checked before any input is read (exit 64).
  func validate() throws {
    try checkLevels(level.map { [$0] } ?? [])
    try checkLevels(outlines.map { [$0] } ?? [], option: "--outlines")
    guard (0...15).contains(precision) else {
      throw ValidationError("--precision must be 0 to 15, not \(precision)")
    }
    guard simplify.isFinite, simplify >= 0 else {
      throw ValidationError("--simplify must be 0 or more metres")
    }
    guard (0...99_999).contains(permutations) else {
      throw ValidationError("--permutations must be 0 to 99999, not \(permutations)")
    }
    for year in years { try validateYear(year, option: "--year") }
    do {
      _ = try spec()
    } catch let error as UserError {
      throw ValidationError(error.message)
    }
  }

  /// The map as the options describe it, checked (`MapSpec.checked`).
  func spec() throws -> MapSpec {
    var breakValues: [Double]? = nil
    if let breaks {
      breakValues = try breaks.split(separator: ",").map { text in
        guard let value = CellParser.number(String(text)).number else {
          throw UserError("--breaks: \"\(text)\" is not a number")
        }
        return value
      }
    }
    let (formats, drivers) = try MapFormat.parse(format.split(separator: ",").map(String.init))
    var spec = MapSpec(
      name: name ?? mapVariable.name,
      title: try title
        ?? MapVariableRules.legendTitle(mapVariable, language, spatial: tests.options()),
      level: AreaLevel(parsing: level ?? "pc4"), years: years.isEmpty ? nil : years,
      variable: mapVariable,
      method: classification, classes: classes,
      colors: colors.map {
        $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
      } ?? [],
      reverse: reverse, breaks: breakValues, within: within,
      outlines: outlines.map(AreaLevel.init(parsing:)), formats: formats)
    spec.drivers = drivers
    do {
      return try spec.checked(
        nameOption: name == nil ? "--variable (the default --name)" : "--name")
    } catch let error as UserError where error.message.hasPrefix("classes") {
      throw UserError("--" + error.message)
    }
  }

  func run() async throws {
    try await reportingUserErrors {
      Terminal.quiet = input.quiet
      var spec = try self.spec()
      // One map's files: replaced when the same name is mapped again, other maps kept.
      let output = try publication.output(
        command: "map \(spec.name)", inputs: input.spec, also: neighbourhood.files)
      let joined = try await JoinedInputs.load(input.spec)
      var settings = MapJob.Settings()
      settings.weights = neighbourhood.request
      settings.permutations = permutations
      settings.seed = seed
      settings.spatial = try tests.options()
      settings.precision = precision
      settings.simplify = simplify
      settings.language = language
      // The default title names what the counts count (meldingen, adviezen, kinderen).
      let job = MapJob(
        spec, joined: joined, rule: publication.rule, settings: settings,
        chooseLevel: level == nil, titleOf: title == nil ? mapVariable : nil)
      spec = job.spec
      var made: MadeMap? = nil
      try output.build { url in made = try job.write(into: url) }
      if let legend = made?.legend {
        Terminal.info(
          "wrote \(spec.name) as \((spec.formats.sorted().map(\.rawValue) + spec.drivers + ["legend.json"]).joined(separator: ", ")) to \(publication.out): \(legend.k) classes, \(legend.counts.reduce(0, +)) areas with data, \(legend.noData.count) without, \(legend.suppressed.count) withheld"
        )
      }
    }
  }
}
