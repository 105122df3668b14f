import Foundation
import WijkstatCore

/// The spatial weights of a level, as every command and the run build them:
/// the level's boundaries, the kind (queen, rook, knn or a GAL/GWT file), and the
/// warnings about repaired links and islands.
public enum AreaWeightsLoading {
  public static func weights(
    _ joined: JoinedInputs, level: AreaLevel, kind: WeightsKind, neighbours: Int
  ) throws -> AreaWeights {
    guard let layer = joined.boundaries[level] else {
      throw UserError("spatial weights need \(level) boundaries: give --areas \(level)=FILE")
    }
    let weights = try makeAreaWeights(layer: layer, kind: kind, k: neighbours)
    reportRepairLinks(weights, level: level)
    if !weights.islands.isEmpty, case .file = weights.kind {
      Terminal.warning(
        "\(weights.islands.count) \(level) areas have no neighbour in \(kind): no local test, a zero lag in Moran's I: \(weights.islands.prefix(10).joined(separator: ", "))\(weights.islands.count > 10 ? ", ..." : "")"
      )
    } else if !weights.islands.isEmpty {
      Terminal.warning(
        "\(weights.islands.count) \(level) areas have no \(kind) neighbour and get their \(neighbours) nearest: \(weights.islands.prefix(10).joined(separator: ", "))\(weights.islands.count > 10 ? ", ..." : "")"
      )
    }
    return weights
  }
}

/// Says which contiguity links only the unrepaired geometry of a repaired area
/// has (they are kept).
public func reportRepairLinks(_ weights: AreaWeights, level: AreaLevel) {
  guard !weights.keptThroughRepair.isEmpty else { return }
  let pairs = weights.keptThroughRepair.prefix(10).map { "\($0.0)–\($0.1)" }.joined(separator: ", ")
  Terminal.warning(
    "\(weights.keptThroughRepair.count) \(level) \(weights.kind) links exist only in geometries before their repair (a repair removed the shared vertex or edge); kept: \(pairs)\(weights.keptThroughRepair.count > 10 ? ", ..." : "")"
  )
}

/// The weights of a layer: queen, rook, knn, or a user's GAL/GWT file (by its
/// extension), read as GeoDa and libpysal write it.
public func makeAreaWeights(layer: AreaLayer, kind: WeightsKind, k: Int) throws -> AreaWeights {
  guard case .file(let path) = kind else { return try AreaWeights(layer: layer, kind: kind, k: k) }
  let data: Data
  do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
    throw UserError("\(path): cannot read the weights file")
  }
  guard let text = String(data: data, encoding: .utf8) else {
    throw UserError("\(path): not UTF-8 text")
  }
  let format: WeightsFile.Format = path.lowercased().hasSuffix(".gal") ? .gal : .gwt
  let read = try WeightsFile.read(text, format: format, file: path)
  return try AreaWeights(layer: layer, file: path, codes: read.codes, neighbours: read.neighbours)
}
