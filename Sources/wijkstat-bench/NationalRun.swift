import Foundation
import WijkstatBenchData
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// The whole `wijkstat run` of a generated national PC-6 project (issue 19): the
/// largest job a Dutch user has. For each size the bench writes, in a process of
/// its own (untimed), a boundary file of that many PC-6 areas as GeoJSON in RD New
/// (`BenchmarkData.tessellation`: a jittered grid of quadrilaterals with shared
/// borders over the Netherlands' extent), a 7-year × 3-age-group panel of reports
/// and children and 2 indicators as CSV tables, and a project asking for
/// correlations, rankings, Moran's I and LISA with 99 permutations, two maps and the
/// report. Then, interleaved, it times `ogr2ogr` converting that GeoJSON to GeoJSON
/// (the reference) and `wijkstat run` on the project, each a fresh process started
/// with posix_spawn and reaped with `wait4`, whose resource usage gives the child's
/// own user and system CPU and peak resident memory (`ru_maxrss`). The output folder
/// of the last run is measured file by file.
enum NationalRun {
  /// One timed process.
  struct Sample {
    var seconds: Double
    var user: Double
    var system: Double
    var peakBytes: Int
    /// `/proc/loadavg`'s 1-minute figure just before the process started.
    var loadBefore: Double
  }

  /// Everything measured for one size.
  struct SizeResult {
    var areas: Int
    var run: [Sample]
    var ogr2ogr: [Sample]
    /// Relative path → bytes, of the last run's output folder.
    var files: [String: Int]
    var boundaryBytes: Int
    var ogrOutputBytes: Int
  }

  static let years = Array(2003...2009)
  static let indicatorCount = 2

  // MARK: - inputs

  /// Writes the inputs of the `count`-area national project into `folder`
  /// (`areas.geojson`, three CSV tables, `project.yaml`), streamed through
  /// buffered files, so this process needs the tessellation and one row at a time.
  static func prepare(count: Int, folder: URL) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let tessellation = BenchmarkData.tessellation(count: count)
    let areas = try BufferedTextFile(folder.appendingPathComponent("areas.geojson").path)
    try areas.write(
      "{\"type\":\"FeatureCollection\",\"name\":\"pc6\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::28992\"}},\"features\":[\n"
    )
    for (index, (code, geometry)) in zip(tessellation.codes, tessellation.geometries).enumerated() {
      var line = index == 0 ? "" : ",\n"
      line += "{\"type\":\"Feature\",\"properties\":{\"pc6\":\"\(code)\"},"
      line += "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":["
      for (r, ring) in geometry.polygons[0].rings.enumerated() {
        line += r == 0 ? "[" : ",["
        line += ring.points.map { "[\(Int($0.x)),\(Int($0.y))]" }.joined(separator: ",")
        line += "]"
      }
      line += "]}}"
      try areas.write(line)
    }
    try areas.write("\n]}\n")
    try areas.close()

    let reports = try BufferedTextFile(folder.appendingPathComponent("reports.csv").path)
    let population = try BufferedTextFile(folder.appendingPathComponent("population.csv").path)
    let indicators = try BufferedTextFile(folder.appendingPathComponent("indicators.csv").path)
    let names = Array(BenchmarkData.indicators.prefix(indicatorCount))
    try reports.write("area,year,age_group,count\n")
    try population.write("area,year,age_group,children\n")
    try indicators.write("area,year," + names.joined(separator: ",") + "\n")
    try BenchmarkData.forEachRow(codes: tessellation.codes, level: .pc6, years: years) { row in
      // The first lines of the bench's own tables (reports, population), and
      // the two indicators that relate to the rate.
      let lines = BenchmarkData.tableLines(row)
      try reports.write(lines[0])
      try population.write(lines[1])
      let values = names.map { CSVText.number(row.indicators[$0], decimals: 3) }
      try indicators.write("\(row.area),\(row.year),\(values.joined(separator: ","))\n")
    }
    for file in [reports, population, indicators] { try file.close() }
    try Data(project(count: count).utf8).write(to: folder.appendingPathComponent("project.yaml"))
  }

  /// The project a national PC-6 analysis would write.
  static func project(count: Int) -> String {
    let latest = years.last!
    return """
      title: "Benchmark: national PC-6 project (generated, \(count) areas)"
      language: nl
      inputs:
        areas:
          pc6: areas.geojson
        reports: [reports.csv]
        population: [population.csv]
        indicators:
          pc6: indicators.csv
      years: [\(years.map(String.init).joined(separator: ", "))]
      analyses:
        correlate:
          levels: [pc6]
        rank:
          level: pc6
          year: \(latest)
        spatial:
          level: pc6
          weights: queen
          permutations: 99
          seed: 12345
      maps:
        - name: pc6-pct-gemeld
          title: "Percentage gemelde kinderen per PC-6, \(latest)"
          level: pc6
          year: \(latest)
          variable: pct_reported
          method: quantiles
          classes: 5
          colors: [YlOrRd]
        - name: pc6-lisa
          title: "Clusters van meldingen per PC-6 (LISA), \(latest)"
          level: pc6
          year: \(latest)
          variable: lisa
          method: unique

      """
  }

  // MARK: - timing

  /// Times the project of each size: `repeats` × (ogr2ogr, then `wijkstat run`).
  /// `sizeDone` is called with each size's result as soon as it is measured, so a
  /// long series that is stopped keeps the sizes already done.
  static func run(
    bench: String, wijkstat: String, sizes: [Int], repeats: Int, keep: String?,
    sizeDone: (SizeResult) -> Void = { _ in }
  ) throws -> [SizeResult] {
    guard
      let ogr2ogr = ["/usr/bin/ogr2ogr", "/usr/local/bin/ogr2ogr"].first(where: {
        FileManager.default.isExecutableFile(atPath: $0)
      })
    else {
      throw UserError("the national run needs ogr2ogr as its reference (apt-get install gdal-bin)")
    }
    var results: [SizeResult] = []
    for count in sizes {
      let folder =
        keep.map {
          URL(fileURLWithPath: $0).standardizedFileURL.appendingPathComponent("pc6-\(count)")
        }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent(
          "wijkstat-bench-pc6-\(count)-\(UUID().uuidString)")
      if FileManager.default.fileExists(atPath: folder.path) {
        throw UserError("the folder for the national inputs exists already", source: folder.path)
      }
      defer { if keep == nil { try? FileManager.default.removeItem(at: folder) } }
      Terminal.progress("bench national \(count): writing the inputs")
      let (prepared, _, prepareError) = try BenchReport.runProcess(
        bench, ["--child", "prepare-national:\(count)", "--inputs", folder.path])
      guard prepared == 0 else {
        throw UserError(
          "national inputs for \(count) areas failed (status \(prepared)): \(prepareError.suffix(500))"
        )
      }
      let out = folder.appendingPathComponent("run-out")
      let ogrOut = folder.appendingPathComponent("ogr.geojson")
      var runs: [Sample] = []
      var references: [Sample] = []
      for r in 1...repeats {
        try? FileManager.default.removeItem(at: ogrOut)
        Terminal.progress("bench national \(count): ogr2ogr \(r)/\(repeats)")
        references.append(
          try timed(
            ogr2ogr, ["-f", "GeoJSON", ogrOut.path, "areas.geojson"], directory: folder.path))
        try? FileManager.default.removeItem(at: out)
        Terminal.progress("bench national \(count): wijkstat run \(r)/\(repeats)")
        runs.append(
          try timed(
            wijkstat, ["run", "project.yaml", "--out", out.path, "-q"], directory: folder.path))
      }
      let ogrBytes = fileSize(ogrOut)
      try? FileManager.default.removeItem(at: ogrOut)
      let result = SizeResult(
        areas: count, run: runs, ogr2ogr: references, files: fileSizes(in: out),
        boundaryBytes: fileSize(folder.appendingPathComponent("areas.geojson")),
        ogrOutputBytes: ogrBytes)
      results.append(result)
      sizeDone(result)
      if keep == nil { try? FileManager.default.removeItem(at: out) }
    }
    return results
  }

  /// Starts `executable` with posix_spawn (output to /dev/null) in `directory` and
  /// reaps it with `wait4`: wall time from the spawn to the exit, and the child's own
  /// CPU times and peak resident memory. A failure is run again with its output
  /// kept, for the message.
  static func timed(_ executable: String, _ arguments: [String], directory: String) throws
    -> Sample
  {
    let load = loadAverage()
    let (code, seconds, usage) = try BenchReport.spawnAndReap(
      executable, arguments, directory: directory)
    guard code == 0 else {
      let (_, _, error) = try BenchReport.runProcess(executable, arguments, directory: directory)
      throw UserError(
        "\(URL(fileURLWithPath: executable).lastPathComponent) \(arguments.joined(separator: " ")) failed (status \(code)): \(error.suffix(400))"
      )
    }
    func time(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return Sample(
      seconds: seconds, user: time(usage.ru_utime), system: time(usage.ru_stime),
      peakBytes: Int(usage.ru_maxrss) * 1024, loadBefore: load)
  }

  static func loadAverage() -> Double {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))
      .flatMap { $0.split(separator: " ").first }.flatMap { Double($0) } ?? .nan
  }

  static func fileSize(_ url: URL) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?
      .intValue ?? 0
  }

  /// Every regular file under `folder`, by its path relative to it.
  static func fileSizes(in folder: URL) -> [String: Int] {
    var sizes: [String: Int] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [:] }
    while let relative = walker.nextObject() as? String {
      let url = folder.appendingPathComponent(relative)
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        sizes[relative] = fileSize(url)
      }
    }
    return sizes
  }

  // MARK: - report

  static func report(_ results: [SizeResult], repeats: Int) -> String {
    guard !results.isEmpty else { return "" }
    func s(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.1f", value) }
    func spread(_ values: [Double]) -> String {
      let t = TimingSummary(samples: values)
      return repeats > 1 ? "\(s(t.median)) (\(s(t.minimum))–\(s(t.maximum)))" : s(t.median)
    }
    func mib(_ bytes: Int) -> String { String(format: "%.0f MiB", Double(bytes) / 1_048_576) }
    func size(_ bytes: Int) -> String {
      bytes >= 1_000_000
        ? String(format: "%.1f MB", Double(bytes) / 1e6)
        : bytes >= 1000 ? String(format: "%.1f kB", Double(bytes) / 1e3) : "\(bytes) B"
    }
    let loads = results.flatMap { $0.run + $0.ogr2ogr }.map(\.loadBefore).filter(\.isFinite)
    var out = "### National PC-6 project, whole process (issue 19)\n\n"
    out +=
      "- generated PC-6 areas as GeoJSON in RD New, 7 years × 3 age groups, 2 indicators; correlations, rankings, Moran's I and LISA (99 permutations), 2 maps, the report\n"
    out +=
      "- \(repeats) run(s) per size, ogr2ogr and `wijkstat run` interleaved: median (min–max); CPU and peak memory of the child process (wait4)\n"
    if let low = loads.min(), let high = loads.max() {
      out += String(
        format: "- load average (1 min) before the runs: %.1f–%.1f\n\n", low, high)
    }
    out +=
      "| areas | `wijkstat run` s | user s | system s | peak memory | ogr2ogr GeoJSON→GeoJSON s | run / ogr2ogr | output folder |\n"
    out += "|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    for r in results {
      let ratio =
        TimingSummary(samples: r.run.map(\.seconds)).median
        / TimingSummary(samples: r.ogr2ogr.map(\.seconds)).median
      out +=
        "| \(grouped(r.areas)) | \(spread(r.run.map(\.seconds))) | \(s(TimingSummary(samples: r.run.map(\.user)).median)) | \(s(TimingSummary(samples: r.run.map(\.system)).median)) | \(mib(r.run.map(\.peakBytes).max() ?? 0)) | \(spread(r.ogr2ogr.map(\.seconds))) | \(String(format: "%.2f", ratio)) × | \(size(r.files.values.reduce(0, +))) |\n"
    }
    out += "\n"
    out +=
      "Peak memory per area-year: "
      + results.map {
        String(
          format: "%@ %.0f B", grouped($0.areas),
          Double($0.run.map(\.peakBytes).max() ?? 0) / Double($0.areas * years.count))
      }.joined(separator: ", ") + "; boundary file "
      + results.map { "\(grouped($0.areas)) \(size($0.boundaryBytes))" }.joined(separator: ", ")
      + " (ogr2ogr's output \(results.map { size($0.ogrOutputBytes) }.joined(separator: ", ")))\n\n"
    // Output sizes: every file of the largest size's folder from 100 kB, and the
    // largest of each kind at every size.
    let largest = results.max { $0.areas < $1.areas }!
    let shown = largest.files.filter { $0.value >= 100_000 }.keys.sorted {
      largest.files[$0]! != largest.files[$1]! ? largest.files[$0]! > largest.files[$1]! : $0 < $1
    }
    out += "| output file | " + results.map { grouped($0.areas) }.joined(separator: " | ") + " |\n"
    out += "|---|" + results.map { _ in "---:" }.joined(separator: "|") + "|\n"
    for file in shown {
      out +=
        "| `\(file)` | " + results.map { $0.files[file].map(size) ?? "–" }.joined(separator: " | ")
        + " |\n"
    }
    let small = largest.files.count - shown.count
    out +=
      "| \(small) smaller files (each < 100 kB at \(grouped(largest.areas))) | "
      + results.map { r in
        size(r.files.filter { !shown.contains($0.key) }.values.reduce(0, +))
      }.joined(separator: " | ") + " |\n"
    out +=
      "| largest `tables/*.md` | "
      + results.map { r in
        r.files.filter { $0.key.hasSuffix(".md") }.max { $0.value < $1.value }
          .map { "\(size($0.value)) (`\($0.key)`)" } ?? "–"
      }.joined(separator: " | ") + " |\n\n"
    return out
  }
}
