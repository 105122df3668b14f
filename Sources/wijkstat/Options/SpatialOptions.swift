import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatPipeline

/// How neighbours are defined, shared by `rates`, `spatial` and `map`.
struct WeightsOptions: ParsableArguments {
  @Option(
    name: .customLong("weights"),
    help: ArgumentHelp(
      "Neighbours: queen (a shared vertex), rook (a shared edge), knn, or a GeoDa/libpysal weights file FILE.gal or FILE.gwt (ids: the area codes).",
      valueName: "weights"))
  var weights: WeightsKind = .queen
  /// The weights file, if any (an input: the output may not be or hold it).
  var files: [String] { [weights.file].compactMap { $0 } }

  func validate() throws {
    guard (1...100).contains(neighbours) else {
      throw ValidationError("--neighbours must be 1 to 100, not \(neighbours)")
    }
  }

  @Option(help: "k for knn weights, and for the islands of queen/rook weights.")
  var neighbours = 6

  func build(_ joined: JoinedInputs, level: AreaLevel) throws -> AreaWeights {
    try request.weights(joined, level: level)
  }

  /// The weights asked for, for the pipeline's command functions.
  var request: WeightsRequest { WeightsRequest(kind: weights, neighbours: neighbours) }
}

/// How permutation p-values and LISA clusters are decided, shared by `spatial`,
/// `map` and `run` (SpatialAnalysis.Options). Checked before any input is read.
struct TestOptions: ParsableArguments {
  @Option(help: "Permutation p-value: two-sided, greater, lesser or directed (esda's names).")
  var alternative: PermutationAlternative = .twoSided

  @Option(
    name: .customLong("cluster-rule"),
    help:
      "LISA clusters by fdr (Benjamini-Hochberg q < alpha), p (plain p < alpha, GeoDa's default) or bonferroni."
  )
  var clusterRule: ClusterRule = .fdr

  @Option(help: "Significance level of the LISA clusters (default 0.05).")
  var alpha = 0.05

  func validate() throws {
    _ = try options()
  }

  func options() throws -> SpatialAnalysis.Options {
    guard alpha > 0, alpha < 1 else {
      throw ValidationError("--alpha must lie between 0 and 1, not \(alpha)")
    }
    return SpatialAnalysis.Options(alternative: alternative, clusterRule: clusterRule, alpha: alpha)
  }
}
