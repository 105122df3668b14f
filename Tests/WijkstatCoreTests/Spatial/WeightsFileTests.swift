import Testing

@testable import WijkstatCore

/// GAL and GWT files as GeoDa and libpysal write them, read back by our own
/// parser and compared with the weights written. libpysal 4.14.1
/// (`libpysal.io.open("x.gal").read()`) reads the files wijkstat writes to the
/// same neighbour lists (checked by hand for the closing note of issue 16).
@Suite struct WeightsFileTests {
  let codes = [
    "1011", "1012", "1013", "1014", "1015", "1016", "1017", "1018", "1019", "1021", "1022", "1023",
  ]

  func byCode(_ weights: SpatialWeights) -> [String: [String]] {
    Dictionary(
      uniqueKeysWithValues: weights.neighbours.enumerated().map {
        (codes[$0], $1.map { codes[$0] }.sorted())
      })
  }

  @Test func galRoundTrip() throws {
    let queen = ContiguityWeights.build(lattice(4, 3), rule: .queen)
    let text = WeightsFile.write(queen, codes: codes, format: .gal, name: "pc4 2009")
    #expect(text.hasPrefix("0 12 pc4_2009 CODE\n1011 3\n1012 1015 1016\n"))
    let read = try WeightsFile.read(text, format: .gal, file: "w.gal")
    #expect(read.codes == codes)
    let back = Dictionary(
      uniqueKeysWithValues: zip(read.codes, read.neighbours.map { $0.sorted() }))
    #expect(back == byCode(queen))
  }

  @Test func gwtRoundTripOfAsymmetricKNN() throws {
    let points = (0..<12).map { Point(x: Double($0 * $0), y: Double($0 % 3)) }
    let knn = KNearestWeights.build(points, k: 3)
    let text = WeightsFile.write(knn, codes: codes, format: .gwt)
    #expect(text.split(separator: "\n").count == 1 + 12 * 3)
    let read = try WeightsFile.read(text, format: .gwt, file: "w.gwt")
    let back = Dictionary(
      uniqueKeysWithValues: zip(read.codes, read.neighbours.map { $0.sorted() }))
    #expect(back == byCode(knn))
    #expect(
      WeightsFile.format(forKind: knn.kind) == .gwt && WeightsFile.format(forKind: "queen") == .gal)
  }

  /// libpysal's own header (`n` alone) and GeoDa's empty line for an island.
  @Test func readsLibpysalAndGeoDaForms() throws {
    let read = try WeightsFile.read("3\na 1\nb\nb 1\na\nc 0\n\n", format: .gal, file: "x.gal")
    #expect(read.codes == ["a", "b", "c"] && read.neighbours == [["b"], ["a"], []])
  }

  @Test func badFilesSayWhereAndWhat() {
    func message(_ text: String, _ format: WeightsFile.Format) -> String {
      do {
        _ = try WeightsFile.read(text, format: format, file: "w")
        return "no error"
      } catch { return "\(error)" }
    }
    #expect(message("", .gal) == "w: empty weights file")
    #expect(message("x y z\n", .gal).contains("w line 1: header"))
    #expect(
      message("0 2 a b\na 2\nb\n", .gal)
        == "w line 3: area a should have 2 neighbours, the line lists 1")
    #expect(message("0 2 a b\na 1\na\n", .gal) == "w line 3: area a is its own neighbour")
    #expect(message("0 2 a b\na 1\nb\na 1\nb\n", .gal) == "w line 4: area a is listed twice")
    #expect(
      message("0 2 a b\na b 1\na c 0.5\n", .gwt).hasPrefix(
        "w line 3: weight 0.5 for a differs from 1 on line 2"))
    #expect(message("0 2 a b\na b -1\n", .gwt).hasPrefix("w line 2: weight -1 is not positive"))
    #expect(
      message("0 2 a b\na b\n", .gwt) == "w line 2: expected `id neighbour weight`, found \"a b\"")
  }

  @Test func aFileOverALayer() throws {
    let layer = AreaLayer(
      level: .pc4, areas: zip(codes, lattice(4, 3)).map { Area(code: $0, geometry: $1) },
      source: "t")
    let w = try AreaWeights(
      layer: layer, file: "w.gal", codes: ["1011", "1012"], neighbours: [["1012"], ["1011"]])
    #expect(w.weights.neighbours[0] == [1] && w.weights.neighbours[1] == [0])
    #expect(w.islands.count == 10)
    #expect(throws: UserError.self) {
      try AreaWeights(layer: layer, file: "w.gal", codes: ["1011"], neighbours: [["9999"]])
    }
  }

  /// kNN on the analysed areas: with 3 of 12 areas left out, every other area
  /// still has k = 3 neighbours, the same as kNN built on those 9 alone (before:
  /// built on all 12 and cut, so areas lost neighbours).
  @Test func knnIsBuiltOnTheAnalysedAreas() throws {
    let layer = AreaLayer(
      level: .pc4, areas: zip(codes, lattice(4, 3)).map { Area(code: $0, geometry: $1) },
      source: "t")
    let w = try AreaWeights(layer: layer, kind: .knn, k: 3)
    let kept = codes.enumerated().filter { ![1, 5, 6].contains($0.offset) }.map(\.element)
    let restricted = w.restricted(to: kept)
    #expect(restricted.neighbours.allSatisfy { $0.count == 3 })
    let alone = KNearestWeights.build(
      kept.map { code in layer.areas.first { $0.code == code }!.geometry.centroid! }, k: 3)
    #expect(restricted.neighbours == alone.neighbours)
  }

  /// Contiguity on the analysed areas: an area whose only neighbours are left
  /// out becomes an island of the analysis and gets its k nearest analysed areas.
  @Test func contiguityIslandsOfTheAnalysisAreFilled() throws {
    let layer = AreaLayer(
      level: .pc4, areas: zip(codes, lattice(4, 3)).map { Area(code: $0, geometry: $1) },
      source: "t")
    let w = try AreaWeights(layer: layer, kind: .rook, k: 2)
    // 1011 (corner) has rook neighbours 1012 and 1015; both left out.
    let kept = codes.filter { $0 != "1012" && $0 != "1015" }
    let restricted = w.restricted(to: kept)
    #expect(restricted.neighbours[0].count == 2)
    #expect(restricted.islands.isEmpty)
    // Links between analysed areas are the layer's: 1016 (now 1) has rook 1017, 1020→none, 1013? no.
    #expect(
      restricted.neighbours[kept.firstIndex(of: "1017")!].contains(kept.firstIndex(of: "1016")!))
  }
}
