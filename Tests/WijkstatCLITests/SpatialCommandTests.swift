import Foundation
import Testing

/// `wijkstat spatial` on the demo data: the conventions in the tables, the
/// weights written, read back with --weights, and usage errors before any input.
@Suite struct SpatialCommandTests {
  func demoArguments(_ out: String) -> [String] {
    let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo").path
    return [
      "spatial", "--areas", "pc4=\(demo)/pc4.geojson", "--reports", "\(demo)/meldingen.csv",
      "--population", "\(demo)/kinderen.csv", "--years", "2009", "--permutations", "199", "--out",
      out, "-q",
      // Every area (with protection, areas with a withheld count take no part).
      "--no-suppress",
    ]
  }

  @Test func writesItsWeightsAndReadsThemBack() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-spatial-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let first = try Wijkstat.run(demoArguments("a"), in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    let moran = try String(
      contentsOf: folder.appendingPathComponent("a/moran.csv"), encoding: .utf8)
    #expect(
      moran.hasPrefix(
        "year,variable,moran_i,expected_i,variance_i,z_norm,p_norm,p_sim,p_sim_alternative,n,permutations,note\n"
      ))
    #expect(moran.contains(",two-sided,352,199,"))
    let lisa = try String(contentsOf: folder.appendingPathComponent("a/lisa.csv"), encoding: .utf8)
    #expect(lisa.split(separator: "\n")[1].hasSuffix(",two-sided,fdr q<0.05"))
    let gal = folder.appendingPathComponent("a/weights-pc4-2009.gal").path
    #expect(try String(contentsOfFile: gal, encoding: .utf8).hasPrefix("0 352 pc4-2009 CODE\n"))
    // The same weights read from the file give the same statistics, byte for byte.
    let second = try Wijkstat.run(demoArguments("b") + ["--weights", gal], in: folder)
    #expect(second.status == 0, "\(second.stderr)")
    let again = try String(
      contentsOf: folder.appendingPathComponent("b/moran.csv"), encoding: .utf8)
    #expect(again == moran)
    #expect(
      try String(contentsOf: folder.appendingPathComponent("b/lisa.csv"), encoding: .utf8) == lisa)
    // Other conventions are named in the table.
    let third = try Wijkstat.run(
      demoArguments("c") + ["--alternative", "greater", "--cluster-rule", "p", "--alpha", "0.1"],
      in: folder)
    #expect(third.status == 0, "\(third.stderr)")
    let lisa3 = try String(contentsOf: folder.appendingPathComponent("c/lisa.csv"), encoding: .utf8)
    #expect(lisa3.split(separator: "\n")[1].hasSuffix(",greater,p<0.1"))
  }

  @Test func badOptionsAndFilesSayWhat() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-spatial-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (option, value) in [
      ("--alternative", "folded"), ("--cluster-rule", "holm"), ("--alpha", "1.5"),
      ("--weights", "nearest"),
    ] {
      let result = try Wijkstat.run(demoArguments("x") + [option, value], in: folder)
      #expect(result.status == 64, "\(option) \(value): \(result.stderr)")
      #expect(result.stderr.contains(option), "\(result.stderr)")
    }
    try "0 2 pc4 CODE\n3300 1\n9999\n".write(
      to: folder.appendingPathComponent("bad.gal"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(demoArguments("y") + ["--weights", "bad.gal"], in: folder)
    #expect(result.status != 0 && result.status != 64)
    #expect(
      result.stderr.contains("bad.gal: neighbour 9999 of 3300 is not in the pc4 boundaries"),
      "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("y").path))
  }

  /// The LISA map's legend names its rule (SVG title and legend JSON); 99
  /// permutations cannot give a two-sided p below 0.02, so the run warns that
  /// no cluster is possible at alpha 0.01.
  @Test func theLisaLegendNamesItsRule() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-lisa-legend-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo").path
    let result = try Wijkstat.run(
      [
        "map", "--areas", "pc4=\(demo)/pc4.geojson", "--reports", "\(demo)/meldingen.csv",
        "--population",
        "\(demo)/kinderen.csv", "--variable", "lisa", "--year", "2009", "--permutations", "99",
        "--alpha", "0.01",
        "--cluster-rule", "bonferroni", "--format", "svg", "--out", "m", "--lang", "en",
      ], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "with 99 permutations the smallest two-sided p is 0.02, not below alpha 0.01"))
    let legend = try String(
      contentsOf: folder.appendingPathComponent("m/lisa.legend.json"), encoding: .utf8)
    #expect(legend.contains("\"cluster_rule\" : \"bonferroni p<0.01/m, two-sided permutation p\""))
    #expect(legend.contains("\"title\" : \"LISA cluster (Bonferroni p < 0.01/m)\""))
  }
}
