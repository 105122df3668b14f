import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat-bench`: times every stage on the real PC-4 boundaries and on
/// generated tessellations, each case in a fresh child process (so its peak
/// memory is its own), repeated for median and spread.
@main
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "wijkstat-bench",
    abstract:
      "Benchmark every stage on real PC-4 data and generated tessellations; print a Markdown report.",
    discussion: """
      Cases: the real PC-4 boundaries (--pc4, default ../shared/data/nl/pc4.geojson) with a generated 7-year, 3-age-group panel with 10 indicators, and generated tessellations of the --sizes given (shared borders, PC-6-like keys). Every case goes through CSV tables and the join like real data; the inputs are written first by a process of their own, so the peak memory reported is the timed run's own. Also times `wijkstat run` and `wijkstat map` as whole processes (the wijkstat binary beside this one), and ogr2ogr on the same file for reference. Not a test: nothing fails on a slow machine.
      """)

  @Option(help: "The real PC-4 boundaries.")
  var pc4 = "../shared/data/nl/pc4.geojson"

  @Option(help: "The real gemeente boundaries (for the whole-job run).")
  var gemeenten = "../shared/data/nl/gemeenten-2023.geojson"

  @Option(help: "Sizes of generated tessellations, comma-separated.")
  var sizes = "10000,50000,460000"

  @Option(name: .customLong("repeat"), help: "Repetitions per case.")
  var repeats: Int = 3

  @Option(help: "Append the Markdown report to this file as well.")
  var out: String?

  @Option(
    help:
      "Keep the generated inputs of the whole-process runs (tables and project.yaml) in this folder."
  )
  var keepInputs: String?

  @Flag(help: "Only the whole-process timings (run, map, ogr2ogr), not the stage table.")
  var wholeOnly = false

  @Option(
    help:
      "Also time the whole `wijkstat run` of a generated national PC-6 project at these sizes (comma-separated numbers of areas, e.g. 10000,50000,100000,460000), with ogr2ogr on the same boundary file, peak memory and output sizes."
  )
  var national: String?

  @Flag(help: "Only the national PC-6 runs (--national), not the stage table or the PC-4 runs.")
  var nationalOnly = false

  @Option(
    help:
      "Keep the national runs' inputs and last output folders under this folder (pc6-N each; it must not hold them yet)."
  )
  var keepNational: String?

  @Flag(
    help:
      "Only the count models' fit times (Poisson, NB2, with and without gemeente effects) on the real PC-4 codes and --sizes generated areas."
  )
  var models = false

  @Flag(name: .shortAndLong, help: "No progress messages on stderr.")
  var quiet = false

  @Option(help: .hidden)
  var child: String?

  @Option(help: .hidden)
  var inputs: String?

  func run() throws {
    try reportingUserErrors {
      Terminal.quiet = quiet
      if let child {
        guard let inputs else { throw UserError("--child needs --inputs") }
        let folder = URL(fileURLWithPath: inputs)
        if child.hasPrefix("prepare-national:"),
          let count = Int(child.dropFirst("prepare-national:".count))
        {
          try NationalRun.prepare(count: count, folder: folder)
        } else if child.hasPrefix("prepare:") {
          try BenchCase.prepare(String(child.dropFirst("prepare:".count)), pc4: pc4, folder: folder)
        } else {
          try BenchCase.runChild(child, pc4: pc4, folder: folder)
        }
        return
      }
      if models {
        let sizes = sizes.split(separator: ",").compactMap {
          Int($0.trimmingCharacters(in: .whitespaces))
        }
        let table = try ModelBench.run(pc4: pc4, sizes: sizes, repeats: max(1, repeats))
        print(table, terminator: "")
        return
      }
      let nationalSizes = try national.map { try BenchReport.sizeList($0, option: "--national") }
      if nationalOnly && nationalSizes == nil {
        throw ValidationError("--national-only needs --national SIZES")
      }
      try BenchReport.run(
        pc4: pc4, gemeenten: gemeenten, sizes: wholeOnly ? nil : sizes, repeats: max(1, repeats),
        out: out,
        keepInputs: keepInputs, national: nationalSizes ?? [], nationalOnly: nationalOnly,
        keepNational: keepNational)
    }
  }
}

/// Runs the benchmark's body; an error ends it with one line on stderr and its
/// exit status, as for `wijkstat`'s commands (`CommandFailure`).
func reportingUserErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as ExitCode {
    throw error
  } catch let error as ValidationError {
    throw error
  } catch {
    throw ExitCode(CommandFailure.report(error))
  }
}
