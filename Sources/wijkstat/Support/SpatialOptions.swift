import ArgumentParser
import WijkstatCore

/// How neighbours are defined, shared by `rates`, `spatial` and `map`.
struct WeightsOptions: ParsableArguments {
  @Option(help: "Neighbours: queen (a shared vertex), rook (a shared edge) or knn.")
  var weights = "queen"

  @Option(help: "k for knn weights, and for the islands of queen/rook weights.")
  var neighbours = 6

  func build(_ joined: JoinedInputs, level: AreaLevel) throws -> AreaWeights {
    guard let layer = joined.boundaries[level] else {
      throw UserError("spatial weights need \(level) boundaries: give --areas \(level)=FILE")
    }
    let weights = try AreaWeights(layer: layer, kind: self.weights, k: neighbours)
    if !weights.islands.isEmpty {
      Terminal.warning(
        "\(weights.islands.count) \(level) areas have no \(self.weights) neighbour and get their \(neighbours) nearest: \(weights.islands.prefix(10).joined(separator: ", "))\(weights.islands.count > 10 ? ", ..." : "")")
    }
    return weights
  }
}
