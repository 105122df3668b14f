import ArgumentParser
import Foundation
import WijkstatCore

/// Says which contiguity links only the unrepaired geometry of a repaired area
/// has (they are kept).
func reportRepairLinks(_ weights: AreaWeights, level: AreaLevel) {
  guard !weights.keptThroughRepair.isEmpty else { return }
  let pairs = weights.keptThroughRepair.prefix(10).map { "\($0.0)–\($0.1)" }.joined(separator: ", ")
  Terminal.warning(
    "\(weights.keptThroughRepair.count) \(level) \(weights.method) links exist only in geometries before their repair (a repair removed the shared vertex or edge); kept: \(pairs)\(weights.keptThroughRepair.count > 10 ? ", ..." : "")")
}

/// The weights of a layer: queen, rook, knn, or a user's GAL/GWT file (by its
/// extension), read as GeoDa and libpysal write it.
func makeAreaWeights(layer: AreaLayer, kind: String, k: Int) throws -> AreaWeights {
  let lower = kind.lowercased()
  guard lower.hasSuffix(".gal") || lower.hasSuffix(".gwt") else {
    return try AreaWeights(layer: layer, kind: kind, k: k)
  }
  let data: Data
  do { data = try Data(contentsOf: URL(fileURLWithPath: kind)) } catch {
    throw UserError("\(kind): cannot read the weights file")
  }
  guard let text = String(data: data, encoding: .utf8) else { throw UserError("\(kind): not UTF-8 text") }
  let read = try WeightsFile.read(text, format: lower.hasSuffix(".gal") ? .gal : .gwt, file: kind)
  return try AreaWeights(layer: layer, file: kind, codes: read.codes, neighbours: read.neighbours)
}

/// How neighbours are defined, shared by `rates`, `spatial` and `map`.
struct WeightsOptions: ParsableArguments {
  @Option(name: .customLong("weights"), help: ArgumentHelp("Neighbours: queen (a shared vertex), rook (a shared edge), knn, or a GeoDa/libpysal weights file FILE.gal or FILE.gwt (ids: the area codes).", valueName: "weights"))
  var neighbourRule: WeightsArgument = .queen
  var weights: String { neighbourRule.argument }

  func validate() throws {
    guard (1...100).contains(neighbours) else { throw ValidationError("--neighbours must be 1 to 100, not \(neighbours)") }
  }

  @Option(help: "k for knn weights, and for the islands of queen/rook weights.")
  var neighbours = 6

  func build(_ joined: JoinedInputs, level: AreaLevel) throws -> AreaWeights {
    guard let layer = joined.boundaries[level] else {
      throw UserError("spatial weights need \(level) boundaries: give --areas \(level)=FILE")
    }
    let weights = try makeAreaWeights(layer: layer, kind: self.weights, k: neighbours)
    reportRepairLinks(weights, level: level)
    if !weights.islands.isEmpty, weights.method == "file" {
      Terminal.warning(
        "\(weights.islands.count) \(level) areas have no neighbour in \(self.weights): no local test, a zero lag in Moran's I: \(weights.islands.prefix(10).joined(separator: ", "))\(weights.islands.count > 10 ? ", ..." : "")")
    } else if !weights.islands.isEmpty {
      Terminal.warning(
        "\(weights.islands.count) \(level) areas have no \(self.weights) neighbour and get their \(neighbours) nearest: \(weights.islands.prefix(10).joined(separator: ", "))\(weights.islands.count > 10 ? ", ..." : "")")
    }
    return weights
  }
}

/// How permutation p-values and LISA clusters are decided, shared by `spatial`,
/// `map` and `run` (SpatialAnalysis.Options). Checked before any input is read.
struct TestOptions: ParsableArguments {
  @Option(help: "Permutation p-value: two-sided, greater, lesser or directed (esda's names).")
  var alternative: PermutationAlternative = .twoSided

  @Option(name: .customLong("cluster-rule"), help: "LISA clusters by fdr (Benjamini-Hochberg q < alpha), p (plain p < alpha, GeoDa's default) or bonferroni.")
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
