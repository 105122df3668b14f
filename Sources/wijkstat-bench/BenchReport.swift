import Foundation
import GDALBridge
import WijkstatBenchData
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// Runs the benchmark cases in child processes and whole commands as
/// processes, and prints the Markdown report for BENCHMARKS.md.
enum BenchReport {
  static func run(
    pc4: String, gemeenten: String, sizes: String?, repeats: Int, out: String?, keepInputs: String?,
    national: [Int] = [], nationalOnly: Bool = false, keepNational: String? = nil
  ) throws {
    guard nationalOnly || FileManager.default.fileExists(atPath: pc4) else {
      throw UserError("the real PC-4 boundaries are needed for the benchmark (--pc4)", source: pc4)
    }
    let sizeList = nationalOnly ? [] : try sizeList(sizes ?? "", option: "--sizes")
    // The cases run in child processes of this benchmark binary; the whole
    // processes time the `wijkstat` binary built beside it.
    let bench = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    let executable = bench.path
    let wijkstat = bench.deletingLastPathComponent().appendingPathComponent("wijkstat").path
    guard FileManager.default.isExecutableFile(atPath: wijkstat) else {
      throw UserError(
        "no wijkstat binary beside the benchmark to time; build both (swift build -c release)",
        source: wijkstat)
    }
    var cases: [[BenchCase.Result]] = []
    for spec in (sizes == nil || nationalOnly ? [] : ["real"]) + sizeList.map({ "synthetic:\($0)" })
    {
      // Inputs are written once, by a process of their own (untimed).
      let inputs = FileManager.default.temporaryDirectory.appendingPathComponent(
        "wijkstat-bench-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: inputs) }
      Terminal.progress("bench \(spec): writing the inputs")
      let (prepared, _, prepareError) = try runProcess(
        executable, ["--child", "prepare:" + spec, "--pc4", pc4, "--inputs", inputs.path])
      guard prepared == 0 else {
        throw UserError(
          "benchmark inputs for \(spec) failed (status \(prepared)): \(prepareError.suffix(500))")
      }
      var runs: [BenchCase.Result] = []
      for r in 1...repeats {
        Terminal.progress("bench \(spec) run \(r)/\(repeats)")
        let (status, output, error) = try runProcess(
          executable, ["--child", spec, "--pc4", pc4, "--inputs", inputs.path])
        guard status == 0, let line = output.split(separator: "\n").last,
          let result = try? JSONDecoder().decode(BenchCase.Result.self, from: Data(line.utf8))
        else {
          throw UserError("benchmark case \(spec) failed (status \(status)): \(error.suffix(500))")
        }
        runs.append(result)
      }
      cases.append(runs)
    }
    let whole =
      nationalOnly
      ? []
      : try wholeProcesses(
        executable: wijkstat, pc4: pc4, gemeenten: gemeenten, repeats: repeats, keep: keepInputs)
    // Each national size's table is printed as soon as that size is done (a run of
    // 460,000 areas takes minutes); the combined table follows at the end.
    let nationalResults = try NationalRun.run(
      bench: executable, wijkstat: wijkstat, sizes: national, repeats: repeats, keep: keepNational
    ) { result in
      if national.count > 1 {
        print(NationalRun.report([result], repeats: repeats))
        fflush(nil)  // every stream: stdout itself is not concurrency-safe to name
      }
    }
    let markdown =
      report(cases: cases, whole: whole, repeats: repeats)
      + NationalRun.report(nationalResults, repeats: repeats)
    print(markdown)
    if let out {
      let handle =
        FileHandle(forWritingAtPath: out)
        ?? {
          FileManager.default.createFile(atPath: out, contents: nil)
          return FileHandle(forWritingAtPath: out)!
        }()
      handle.seekToEndOfFile()
      handle.write(Data(markdown.utf8))
      try handle.close()
    }
  }

  /// A comma-separated list of numbers of areas (each at least 4).
  static func sizeList(_ text: String, option: String) throws -> [Int] {
    try text.split(separator: ",").map { part -> Int in
      guard let n = Int(part.trimmingCharacters(in: .whitespaces)), n >= 4 else {
        throw UserError("\(option): \"\(part)\" is not a number of areas (at least 4)")
      }
      return n
    }
  }

  static func runProcess(_ executable: String, _ arguments: [String], directory: String? = nil)
    throws
    -> (Int32, String, String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: outData, as: UTF8.self),
      String(decoding: errData, as: UTF8.self)
    )
  }

  /// Runs a command with posix_spawn, output to /dev/null, and times it from the
  /// spawn to its exit (as hyperfine does): Foundation's `Process` adds tens of
  /// milliseconds of its own on Linux, which a 0.5 s target cannot absorb.
  static func timedSpawn(_ executable: String, _ arguments: [String], directory: String) throws -> (
    Int32, Double
  ) {
    let run = try spawnAndReap(executable, arguments, directory: directory)
    return (run.status, run.seconds)
  }

  /// Starts `executable` with posix_spawn, output to /dev/null, in `directory`, and
  /// reaps it with `wait4`: its exit status (-1 for a signal), the wall time from the
  /// spawn to the exit, and the child's resource usage (CPU times, peak memory).
  /// The one spawn of the bench (`timedSpawn`, `NationalRun.timed`).
  static func spawnAndReap(_ executable: String, _ arguments: [String], directory: String) throws
    -> (status: Int32, seconds: Double, usage: rusage)
  {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    // The child starts in `directory` (the parent changes there for the spawn;
    // the bench runs nothing else meanwhile).
    let previous = FileManager.default.currentDirectoryPath
    guard FileManager.default.changeCurrentDirectoryPath(directory) else {
      throw UserError("cannot change to the folder", source: directory)
    }
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else {
      throw UserError("cannot start \(executable): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    // WIFEXITED / WEXITSTATUS by hand (macros are not imported).
    let exited = status & 0x7f == 0
    return (exited ? (status >> 8) & 0xff : -1, seconds, usage)
  }

  struct Whole {
    var command: String
    var summary: TimingSummary
  }

  /// `wijkstat run` and `wijkstat map` on the real PC-4 set, and ogr2ogr.
  static func wholeProcesses(
    executable: String, pc4: String, gemeenten: String, repeats: Int, keep: String?
  ) throws -> [Whole] {
    let folder =
      keep.map { URL(fileURLWithPath: $0).standardizedFileURL }
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "wijkstat-bench-whole-\(UUID().uuidString)")
    // The kept inputs go into a new or empty folder only: the benchmark writes
    // and removes files there and must not meet the user's.
    if let keep, let entries = try? FileManager.default.contentsOfDirectory(atPath: keep),
      !entries.isEmpty
    {
      throw UserError(
        "--keep-inputs must be a new or empty folder; it holds \(entries.sorted().prefix(3).joined(separator: ", "))",
        source: keep)
    }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { if keep == nil { try? FileManager.default.removeItem(at: folder) } }
    try BenchCase.prepare("real", pc4: pc4, folder: folder)
    let pc4Path = URL(fileURLWithPath: pc4).standardizedFileURL.path
    let gemeentePath = URL(fileURLWithPath: gemeenten).standardizedFileURL.path
    let mapsFolder = URL(fileURLWithPath: "maps").standardizedFileURL
    let mapFiles = ((try? FileManager.default.contentsOfDirectory(atPath: mapsFolder.path)) ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
    let project = """
      title: "Benchmark: real PC-4 areas, generated panel"
      inputs:
        areas:
          pc4: \(pc4Path)
          gemeente: \(gemeentePath)
        reports: [reports.csv]
        population: [population.csv]
        indicators:
          pc4: indicators.csv
        achterstand: [achterstand.csv]
      regions:
        speerpunt: [GM0505, GM0518, GM0080]
      analyses:
        contrast:
          within: speerpunt
        rank:
          level: gemeente
      maps:
      \(mapFiles.map { "  - \(mapsFolder.appendingPathComponent($0).path)" }.joined(separator: "\n"))

      """
    try Data(project.utf8).write(to: folder.appendingPathComponent("project.yaml"))
    var results: [Whole] = []
    func time(
      _ label: String, _ executable: String, _ arguments: [String], removing output: String? = nil
    ) throws {
      var samples: [Double] = []
      for r in 1...repeats {
        if let output {
          try? FileManager.default.removeItem(at: folder.appendingPathComponent(output))
        }
        Terminal.progress("bench: \(label) \(r)/\(repeats)")
        let (status, seconds) = try timedSpawn(executable, arguments, directory: folder.path)
        guard status == 0 else {
          let (_, _, error) = try runProcess(executable, arguments, directory: folder.path)
          throw UserError("\(label) failed (status \(status)): \(error.suffix(400))")
        }
        samples.append(seconds)
      }
      results.append(Whole(command: label, summary: TimingSummary(samples: samples)))
    }
    try time(
      "wijkstat run (real PC-4: \(mapFiles.count) maps, report)", executable,
      ["run", "project.yaml", "--out", "run-out", "-q"], removing: "run-out")
    // The same without disclosure control (never for publication): the
    // difference is what protection and the publishing audit cost the run.
    try time(
      "wijkstat run --no-suppress (the same, protection off)", executable,
      ["run", "project.yaml", "--out", "run-open", "-q", "--no-suppress"], removing: "run-open")
    try time(
      "wijkstat map (read, join, classify, write GeoJSON+GPKG+SVG)", executable,
      [
        "map", "--areas", pc4Path, "--reports", "reports.csv", "--population", "population.csv",
        "--variable", "pct_reported", "--out", "map-out", "-q",
      ], removing: "map-out")
    try time(
      "wijkstat map --format geojson (read, join, classify, write GeoJSON)", executable,
      [
        "map", "--areas", pc4Path, "--reports", "reports.csv", "--population", "population.csv",
        "--variable", "pct_reported", "--format", "geojson", "--out", "map-geojson-out", "-q",
      ], removing: "map-geojson-out")
    if let ogr2ogr = ["/usr/bin/ogr2ogr", "/usr/local/bin/ogr2ogr"].first(where: {
      FileManager.default.isExecutableFile(atPath: $0)
    }) {
      try time(
        "ogr2ogr to RFC 7946 GeoJSON (reference)", ogr2ogr,
        ["-f", "GeoJSON", "-lco", "RFC7946=YES", "ogr.geojson", pc4Path], removing: "ogr.geojson")
    }
    return results
  }

  static func report(cases: [[BenchCase.Result]], whole: [Whole], repeats: Int) -> String {
    func seconds(_ value: Double) -> String {
      value < 0.1 ? String(format: "%.3f", value) : String(format: "%.2f", value)
    }
    func spread(_ samples: [Double]) -> String {
      let s = TimingSummary(samples: samples)
      return repeats > 1
        ? "\(seconds(s.median)) (\(seconds(s.minimum))–\(seconds(s.maximum)))" : seconds(s.median)
    }
    var out = "## Run of \(ISO8601DateFormatter().string(from: Date()))\n\n"
    out +=
      "- machine: \(machine())\n- GDAL \(GDALLibrary.version), wijkstat \(WijkstatVersion.current), release build\n"
    out += "- each case in its own process, \(repeats) runs: median (min–max) seconds\n\n"
    var allStages: [String] = []
    for c in cases {
      for s in c.first?.order ?? [] where !allStages.contains(s) { allStages.append(s) }
    }
    if !cases.isEmpty {
      out +=
        "| stage | "
        + cases.map { "\($0[0].name) (\(grouped($0[0].areas)) areas)" }.joined(separator: " | ")
        + " |\n"
      out += "|---|" + cases.map { _ in "---:" }.joined(separator: "|") + "|\n"
      for stage in allStages {
        out +=
          "| \(stage) | "
          + cases.map { runs in
            runs.allSatisfy { $0.stages[stage] != nil }
              ? spread(runs.map { $0.stages[stage]! }) : "–"
          }.joined(separator: " | ") + " |\n"
      }
      let totals = cases.map { runs in runs.map { $0.stages.values.reduce(0, +) } }
      out += "| **total** | " + totals.map { spread($0) }.joined(separator: " | ") + " |\n"
      out +=
        "| areas per second | "
        + zip(cases, totals).map { runs, total in
          grouped(Int(Double(runs[0].areas) / TimingSummary(samples: total).median))
        }.joined(separator: " | ") + " |\n"
      out +=
        "| peak memory | "
        + cases.map { runs in
          String(format: "%.0f MiB", Double(runs.map(\.peakBytes).max() ?? 0) / 1_048_576)
        }.joined(separator: " | ") + " |\n\n"
      for c in cases { out += "- \(c[0].name): \(c[0].note)\n" }
    }
    if !whole.isEmpty {
      out +=
        "\n| whole process (real PC-4, 4,038 areas) | median | min | max |\n|---|---:|---:|---:|\n"
    }
    for w in whole {
      out +=
        "| \(w.command) | \(seconds(w.summary.median)) | \(seconds(w.summary.minimum)) | \(seconds(w.summary.maximum)) |\n"
    }
    return out + "\n"
  }

  static func machine() -> String {
    let cpu =
      (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
      .split(separator: "\n").first { $0.hasPrefix("model name") }?
      .split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    let memory =
      (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
      .split(separator: "\n").first { $0.hasPrefix("MemTotal") }
      .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
      .map { String(format: "%.0f GiB", Double($0) / 1_048_576) } ?? "?"
    return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory)"
  }
}
