import Foundation
import WijkstatCore

/// The neighbours a command asks for (`--weights`, `--neighbours`): queen,
/// rook, knn or a GeoDa/libpysal file FILE.gal / FILE.gwt, and the k of knn
/// and of the islands of queen/rook weights.
public struct WeightsRequest: Sendable {
  public var kind: WeightsKind
  public var neighbours: Int

  public init(kind: WeightsKind = .queen, neighbours: Int = 6) {
    self.kind = kind
    self.neighbours = neighbours
  }

  /// The weights of `level`'s boundaries (AreaWeightsLoading, with its warnings).
  public func weights(_ joined: JoinedInputs, level: AreaLevel) throws -> AreaWeights {
    try AreaWeightsLoading.weights(joined, level: level, kind: kind, neighbours: neighbours)
  }
}
