import Foundation
import Testing

@testable import WijkstatCore

/// What `SpatialAnalysis` says when a small level allows fewer permutations than
/// asked names each variable as the output files do (`pct_reported`,
/// `eb_rate`), not by its Swift case. Three areas in a row (queen: 1–2–3) give
/// 3! = 6 distinct permutations for Moran's I, and each area fewer distinct
/// neighbour sets than 999 for LISA, so both warnings come for both variables.
@Suite struct SpatialWarningsTests {
  @Test func warningsNameTheVariablesAsTheFilesDo() throws {
    let layer = AreaLayer(
      level: .pc4,
      areas: zip(["1001", "1002", "1003"], lattice(3, 1)).map { Area(code: $0, geometry: $1) },
      source: "test")
    let weights = try AreaWeights(layer: layer, kind: .queen)
    let rows = zip(["1001", "1002", "1003"], [3.0, 8.0, 20.0]).map { code, reported in
      PanelRow(
        level: .pc4, area: code, gemeente: "GM1", year: 2009, reported: [.all: reported],
        children: [.all: 400])
    }
    let panel = Panel(rows: rows, indicatorNames: [])
    let analysis = SpatialAnalysis(
      panel: panel, level: .pc4, weights: weights, permutations: 999, seed: 1)
    let text = analysis.warnings.joined(separator: "\n")
    #expect(
      text.contains("Moran's I 2009 pct_reported: only 3! = 6 distinct permutations"), "\(text)")
    #expect(text.contains("LISA 2009 pct_reported: "), "\(text)")
    #expect(!text.contains("pctReported") && !text.contains("ebRate"), "\(text)")
  }
}
