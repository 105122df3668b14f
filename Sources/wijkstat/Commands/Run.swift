import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat run [PROJECT]`: the whole job from a project file.
struct Run: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Run a project: join, every analysis, every map and the HTML report, into one folder.",
    discussion: """
      PROJECT is a YAML file (see data/demo/wijkstat.yaml for a commented example); without it the demo project data/demo/wijkstat.yaml is run. The folder gets tables/ (CSV and Markdown), maps/ (GeoJSON, GeoPackage, SVG, legend per map), join-report.csv, panel.gpkg, report.html and internal/ (the suppression log: never publish it). It is built beside DIR and moved into place only when everything was written: a failed run leaves DIR as it was. DIR must not hold the inputs; wijkstat replaces only the files it wrote there itself (listed in DIR/wijkstat-manifest.json) and never touches anything else in it.
      """)

  @Argument(help: "The project file (default: data/demo/wijkstat.yaml).")
  var project: String?

  @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
  var out: String

  @Option(
    name: .customLong("lang"),
    help: ArgumentHelp("Report language (default: the project's).", valueName: "lang"))
  var language: ReportLanguage?

  @Option(
    name: .customLong("csv-dialect"),
    help: ArgumentHelp(
      "nl: also write the tables as Dutch-locale CSV (; between cells, decimal comma) in DIR/tables-nl/ (default: the project's csv_dialect).",
      valueName: "csv-dialect"))
  var csvDialect: Project.CSVDialect?

  @Flag(help: "Publish small counts: turns disclosure control off (overrides the project).")
  var noSuppress = false

  @Flag(name: .shortAndLong, help: "No progress messages on stderr.")
  var quiet = false

  @Option(
    help: ArgumentHelp(
      "Also publish the output's maps (with their QGIS styles), panel and tables into a PostgreSQL/PostGIS schema, in one transaction (overrides the project's publish:). The password comes from ~/.pgpass, PGPASSFILE or a service file.",
      valueName: "PG:connection"))
  var publish: String?

  @Option(
    help: ArgumentHelp(
      "The schema --publish writes into (created when missing).", valueName: "name"))
  var schema: String?

  func validate() throws {
    try validateOut(out)
    if let publish {
      Secrets.register(source: publish)
      guard ConnectionString.isPostgres(publish) else {
        throw ValidationError(
          "--publish takes a PostgreSQL connection string (PG:dbname=… or PG:service=…)")
      }
      guard schema != nil else { throw ValidationError("--publish needs --schema NAME") }
    }
    if let schema, let problem = SQLText.problem(with: schema) {
      throw ValidationError("--schema \"\(schema)\" \(problem)")
    }
  }

  func run() async throws {
    try await reportingUserErrors {
      Terminal.quiet = quiet
      let started = Date()
      let file = project ?? "data/demo/wijkstat.yaml"
      guard FileManager.default.fileExists(atPath: file) else {
        throw UserError(
          project == nil
            ? "no project given and no demo project here; run from the wijkstat folder or give PROJECT"
            : "no such project file", source: file)
      }
      var project = try Project.load(file: file)
      if let language { project.language = language }
      if let csvDialect { project.csvDialect = csvDialect }
      if noSuppress { project.suppression.enabled = false }
      // Where the output is also published: checked before the work starts.
      let target =
        publish.map { Project.PublishTarget(connection: $0, schema: schema ?? "") }
        ?? project.publish.map {
          Project.PublishTarget(connection: $0.connection, schema: schema ?? $0.schema)
        }
      if let target {
        try PostGISPublisher.check(
          target.connection, schema: target.schema, maps: project.maps.map(\.name))
      }
      // The folder is checked and locked before any input is read.
      let output = try OutputDirectory(
        out, command: "run", scope: .whole,
        inputs: project.inputs.paths + [file] + project.mapFiles
          + [project.analyses.weights.file].compactMap { $0 })
      Terminal.info("wijkstat run \(file): \(project.title)")
      let job = try await ProjectJob(project: project)
      KeptUntilExit.keep(job)
      try await output.build { url in try await job.write(to: url) }
      Terminal.info(
        "wrote \(out) (\(job.written + 1) files) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
      )
      // The database gets what the folder publishes, after its disclosure audit.
      if let target {
        try PublishStep.run(folder: URL(fileURLWithPath: out), target: target, title: project.title)
      }
    }
  }
}
