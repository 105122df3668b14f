import Foundation
import Testing

/// `wijkstat model` and `analyses.model` of `run` on the demo data, as a user
/// runs them.
@Suite struct ModelCommandTests {
  static let demo = Wijkstat.packageRoot.appendingPathComponent("data/demo").path
  func arguments(_ out: String) -> [String] {
    let demo = Self.demo
    return [
      "model", "--areas", "pc4=\(demo)/pc4.geojson", "--reports", "\(demo)/meldingen.csv",
      "--population", "\(demo)/kinderen.csv", "--indicators", "pc4=\(demo)/indicatoren-pc4.csv",
      "--achterstand", "\(demo)/achterstandswijken.csv", "--years", "2009", "--achterstandswijk",
      "--permutations", "99", "--out", out,
    ]
  }

  func temporary() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wijkstat-model-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  func rows(_ text: String) -> [[String]] {
    text.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  /// With protection off the command fits the 338 complete areas of 2009: the
  /// same numbers as statsmodels 0.15.0 gives on them (CountRegressionTests:
  /// NegativeBinomial nb2 for α, GLM at α̂ for β and SEs), through the readers.
  @Test func unprotectedFitMatchesStatsmodelsEndToEnd() throws {
    let folder = try temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Wijkstat.run(arguments("out") + ["--no-suppress", "-q"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let model = rows(
      try String(contentsOf: folder.appendingPathComponent("out/model.csv"), encoding: .utf8))
    #expect(
      model[0].joined(separator: ",")
        == "level,years,family,chosen,term,kind,coefficient,se_model,se_hc0,interval_se,z,p_value,rate_ratio,rr_ci_low,rr_ci_high,sd,rr_per_sd,rr_per_sd_ci_low,rr_per_sd_ci_high,n,note"
    )
    let nb = model.filter { $0[2] == "nb2" }
    #expect(
      nb.map { $0[4] } == [
        "intercept", "kinderen_in_armoede", "totaalscore", "werkloze_jongeren", "jeugdzorg",
        "tienermoeders", "achterstandswijk",
      ])
    #expect(nb.allSatisfy { $0[3] == "yes" && $0[19] == "338" })
    let beta = [
      -6.758822987022608, -0.004448496794293062, 0.025795066243163016, 0.04611758848918701,
      -0.004768863295050621, 0.04494695920565521, 0.22702324408676686,
    ]
    let se = [
      0.25833378593411127, 0.009198158219573097, 0.007462765962536389, 0.02254555506901157,
      0.02813258770999932, 0.044545700890807956, 0.11995441091759305,
    ]
    for (row, (b, s)) in zip(nb, zip(beta, se)) {
      #expect(abs(Double(row[6])! - b) <= 1e-6 * abs(b), "\(row[4]) β \(row[6])")
      #expect(abs(Double(row[7])! - s) <= 1e-6 * s, "\(row[4]) SE \(row[7])")
    }
    // The flag's rate ratio: exp(0.22702324408676686) = 1.2548696…
    #expect(abs(Double(nb[6][12])! - exp(0.22702324408676686)) < 1e-6)
    let fit = rows(
      try String(contentsOf: folder.appendingPathComponent("out/model-fit.csv"), encoding: .utf8))
    let chosen = try #require(fit.first { $0[2] == "nb2" })
    #expect(
      abs(Double(chosen[7])! - 0.1834279452344547) <= 1e-6 * 0.1834279452344547, "α \(chosen[7])")
    #expect(
      abs(Double(chosen[10])! - 351.687204538662) <= 1e-6 * 351.687204538662,
      "deviance \(chosen[10])")
    #expect(
      chosen[5]
        == "no value of tienermoeders: 1; no value of werkloze_jongeren: 1; no value of kinderen_in_armoede: 2; no value of totaalscore: 2"
        || chosen[5].contains("no value of"), "\(chosen[5])")
    #expect(chosen[19] == "99" && !chosen[17].isEmpty)
    // One residual per fitted area.
    let residuals = rows(
      try String(
        contentsOf: folder.appendingPathComponent("out/model-residuals.csv"), encoding: .utf8))
    #expect(residuals.count == 1 + 338)
  }

  /// With protection on (the default) areas with a withheld count take no part:
  /// no residual, fitted value or observed count of them is published, and the
  /// command says how many were left out and why that matters.
  @Test func withheldCountsTakeNoPart() throws {
    let folder = try temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Wijkstat.run(arguments("out"), in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("count withheld (disclosure control): 215"), "\(result.stderr)")
    #expect(result.stderr.contains("take no part because their count is withheld"))
    let panel = try Wijkstat.run(
      [
        "join", "--areas", "pc4=\(Self.demo)/pc4.geojson", "--reports",
        "\(Self.demo)/meldingen.csv",
        "--population", "\(Self.demo)/kinderen.csv", "--indicators",
        "pc4=\(Self.demo)/indicatoren-pc4.csv",
        "--achterstand", "\(Self.demo)/achterstandswijken.csv", "--out", "panel.csv", "-q",
      ], in: folder)
    #expect(panel.status == 0, "\(panel.stderr)")
    // The published panel's 2009 rows without a 0-17 count are the withheld ones.
    let published = rows(
      try String(contentsOf: folder.appendingPathComponent("panel.csv"), encoding: .utf8))
    let header = published[0]
    let area = header.firstIndex(of: "area")!
    let year = header.firstIndex(of: "year")!
    let count = header.firstIndex(of: "reported")!
    let withheld = Set(
      published.dropFirst().filter { $0[year] == "2009" && $0[count].isEmpty }.map { $0[area] })
    #expect(withheld.count == 215)
    let residuals = rows(
      try String(
        contentsOf: folder.appendingPathComponent("out/model-residuals.csv"), encoding: .utf8))
    #expect(residuals.count == 1 + 131)
    #expect(residuals.dropFirst().allSatisfy { !withheld.contains($0[2]) })
    // Every published residual's count is the published count.
    let counts = Dictionary(
      published.dropFirst().filter { $0[year] == "2009" }.map { ($0[area], $0[count]) },
      uniquingKeysWith: { a, _ in a })
    #expect(residuals.dropFirst().allSatisfy { Double(counts[$0[2]] ?? "") == Double($0[4]) })
  }

  /// `wijkstat model` draws the residuals of the latest year as a map beside
  /// its tables (as `run` does) and says where: a residual for each fitted
  /// area, none for an area whose count is withheld.
  @Test func modelWritesTheResidualMapAndSaysWhere() throws {
    let folder = try temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Wijkstat.run(arguments("out") + ["--lang", "en"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "wrote model.csv, model-fit.csv, model-residuals.csv, model-residual-map.geojson, model-residual-map.gpkg, model-residual-map.svg, model-residual-map.legend.json (1 fits; the map: residuals of 2009) to out"
      ), "\(result.stderr)")
    for file in [
      "model-residual-map.geojson", "model-residual-map.gpkg", "model-residual-map.svg",
      "model-residual-map.legend.json",
    ] {
      #expect(
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/\(file)").path),
        "\(file)")
    }
    let data = try Data(contentsOf: folder.appendingPathComponent("out/model-residual-map.geojson"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let features = try #require(json["features"] as? [[String: Any]])
    let properties = features.compactMap { $0["properties"] as? [String: Any] }
    #expect(properties.count == 352)
    let fitted = properties.filter { $0["status"] as? String == "data" }
    let withheld = properties.filter { $0["status"] as? String == "suppressed" }
    // The 131 fitted areas of withheldCountsTakeNoPart; the 215 withheld have no residual.
    #expect(fitted.count == 131 && withheld.count == 215)
    #expect(fitted.allSatisfy { $0["model_residual"] is Double })
    #expect(withheld.allSatisfy { $0["model_residual"] == nil || $0["model_residual"] is NSNull })
    let svg = try String(
      contentsOf: folder.appendingPathComponent("out/model-residual-map.svg"), encoding: .utf8)
    #expect(svg.contains("Count model residuals (PC-4, 2009)"))
  }

  @Test func usageAndInputErrorsAreOneLine() throws {
    let folder = try temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    let family = try Wijkstat.run(arguments("out") + ["--family", "logit"], in: folder)
    #expect(family.status == 64)
    #expect(
      family.stderr.contains(
        "The value 'logit' is invalid for '--family <family>'. Please provide one of 'auto', 'poisson' or 'nb2'."
      ), "\(family.stderr)")
    let unknown = try Wijkstat.run(arguments("out") + ["--indicator", "armoede", "-q"], in: folder)
    #expect(unknown.status == 1)
    #expect(
      unknown.stderr.contains(
        "no indicator \"armoede\"; the indicators are kinderen_in_armoede, totaalscore"),
      "\(unknown.stderr)")
    #expect(
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/model.csv").path))
  }

  /// The demo project's `analyses.model` (pc4, 2009, with the flag), here pooled
  /// over 2007–2009 (year effects) with gemeente effects and HC0 intervals: `run`
  /// writes the tables, the residual map and Tabel 5, and the folder passes the
  /// audit. As an attacker with every published file: a Pearson residual r with
  /// the published fitted μ and α gives the count back, y = μ + r·√(μ + αμ²), so
  /// every count recovered that way must be one the run publishes
  /// (tables/rates.csv), and no area-year whose count is withheld may have a
  /// residual, in the table or on the map.
  @Test func runWritesTabel5AndPassesTheAudit() throws {
    let folder = try temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    var project = try String(contentsOfFile: "\(Self.demo)/wijkstat.yaml", encoding: .utf8)
    let own = "  model:\n    level: pc4\n    years: [2009]\n    achterstandswijk: true\n"
    #expect(project.contains(own), "the demo project asks for the model")
    project = project.replacingOccurrences(
      of: own,
      with:
        "  model: {level: pc4, years: [2007, 2008, 2009], pooled: true, achterstandswijk: true, gemeente_effects: true, robust: true}\n"
    )
    // The project's inputs, by absolute path.
    for name in [
      "pc4.geojson", "gemeenten.geojson", "meldingen.csv", "kinderen.csv", "indicatoren-pc4.csv",
      "indicatoren-gemeente.csv", "achterstandswijken.csv",
    ] {
      project = project.replacingOccurrences(of: " \(name)", with: " \(Self.demo)/\(name)")
      project = project.replacingOccurrences(of: "[\(name)]", with: "[\(Self.demo)/\(name)]")
    }
    try project.write(
      to: folder.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
    let result = try Wijkstat.run(["run", "project.yaml", "--out", "out", "-q"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let out = folder.appendingPathComponent("out")
    for file in [
      "tables/model.csv", "tables/model.md", "tables/model-fit.csv", "tables/model-residuals.csv",
      "maps/model-residual-map.geojson", "maps/model-residual-map.svg",
      "maps/model-residual-map.legend.json",
    ] {
      #expect(
        FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
    }
    let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(report.contains("Tabel 5 Gecorrigeerde rate ratio"))
    #expect(report.contains("(PC-4, 2007-2009)"))
    #expect(report.contains("Telmodellen: Poisson-GLM"))
    func table(_ name: String) throws -> (header: [String], rows: [[String]]) {
      let all = rows(
        try String(contentsOf: out.appendingPathComponent("tables/\(name)"), encoding: .utf8))
      return (all[0], Array(all.dropFirst()))
    }
    // The pooled fit: year effects, gemeente effects, HC0 intervals.
    let model = try table("model.csv")
    let term = model.header.firstIndex(of: "term")!
    let chosen = model.rows.filter { $0[model.header.firstIndex(of: "chosen")!] == "yes" }
    #expect(Set(chosen.map { $0[term] }).isSuperset(of: ["year 2008", "year 2009"]))
    #expect(chosen.contains { $0[term].hasPrefix("gemeente GM") })
    #expect(chosen.allSatisfy { $0[model.header.firstIndex(of: "interval_se")!] == "hc0" })
    let fit = try table("model-fit.csv")
    let fitRow = try #require(fit.rows.first { $0[fit.header.firstIndex(of: "chosen")!] == "yes" })
    #expect(fitRow[fit.header.firstIndex(of: "years")!] == "2007-2009")
    let alpha = Double(fitRow[fit.header.firstIndex(of: "alpha")!]) ?? 0
    // The published counts (pc4, per area and year) and the withheld ones.
    let rates = try table("rates.csv")
    var published: [String: Double] = [:]
    var withheld = Set<String>()
    for row in rates.rows where ["2007", "2008", "2009"].contains(row[1]) {
      if let count = Double(row[2]) {
        published["\(row[0]) \(row[1])"] = count
      } else {
        withheld.insert("\(row[0]) \(row[1])")
      }
    }
    #expect(withheld.count > 100, "the demo withholds many PC-4 counts")
    let residuals = try table("model-residuals.csv")
    #expect(
      residuals.header == [
        "level", "years", "area", "year", "reported", "fitted", "pearson_residual",
      ])
    #expect(residuals.rows.count > 300)
    for row in residuals.rows {
      let key = "\(row[2]) \(row[3])"
      #expect(!withheld.contains(key), "a residual of a withheld count: \(key)")
      let (mu, r) = (Double(row[5])!, Double(row[6])!)
      let recovered = mu + r * (mu + alpha * mu * mu).squareRoot()
      let count = try #require(published[key], "\(key): a residual without a published count")
      #expect(abs(recovered - count) < 1e-6, "\(key): \(recovered) vs \(count)")
    }
    // The map (2009): a residual only for areas whose 2009 count is published.
    let map = try JSONSerialization.jsonObject(
      with: Data(contentsOf: out.appendingPathComponent("maps/model-residual-map.geojson")))
    let features = try #require((map as? [String: Any])?["features"] as? [[String: Any]])
    var drawn = 0
    for feature in features {
      let properties = try #require(feature["properties"] as? [String: Any])
      let code = try #require(properties["code"] as? String)
      if properties["model_residual"] is Double {
        drawn += 1
        #expect(
          published["\(code) 2009"] != nil, "\(code): a residual on the map of a withheld count")
      }
    }
    #expect(drawn == residuals.rows.filter { $0[3] == "2009" }.count)
    let audit = try Wijkstat.run(["audit", "out"], in: folder)
    #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
  }
}
