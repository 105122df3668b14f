import Foundation
import WijkstatCore
import WijkstatIO

/// Writes `wijkstat demo` (the standard format): the files of `DemoDataset` (the
/// synthetic 2003-2009 PC-4 demo committed in `data/demo/`), its project and README.
public enum StandardDemo {
  public static let label = "synthetisch (wijkstat demo)"

  /// Writes `demo` (made with `seed`) into the folder `out`: the boundaries, the
  /// tables, the project and a README (`wijkstat demo`).
  public static func write(_ demo: DemoDataset, seed: UInt64, to out: String) throws {
    try OutputDirectory(out, command: "demo", scope: .whole, inputs: []).build { folder in
      let pc4 = OutputLayer(
        name: "demo_pc4",
        fields: [
          AttributeField("pc4", .text), AttributeField("gemeentecode", .text),
          AttributeField("bron", .text),
        ],
        geometries: demo.areas.map(\.geometry),
        rows: demo.areas.map { [.text($0.code), .text($0.gemeente), .text(Self.label)] })
      try VectorWriter.writeGeoJSON(
        pc4, to: folder.appendingPathComponent("pc4.geojson").path, precision: 0, rfc7946: false)
      let gemeenten = OutputLayer(
        name: "demo_gemeenten",
        fields: [
          AttributeField("gemeentecode", .text), AttributeField("gemeentenaam", .text),
          AttributeField("bron", .text),
        ],
        geometries: demo.gemeenten.map(\.geometry),
        rows: demo.gemeenten.map { [.text($0.code), .text($0.name), .text(Self.label)] })
      try VectorWriter.writeGeoJSON(
        gemeenten, to: folder.appendingPathComponent("gemeenten.geojson").path, precision: 0,
        rfc7946: false)
      var files = demo.tables()
      files["wijkstat.yaml"] = project(demo, seed: seed)
      files["README.md"] = readme(demo, seed: seed)
      for (name, text) in files.sorted(by: { $0.key < $1.key }) {
        try FileBytes.write(Data(text.utf8), to: folder.appendingPathComponent(name))
      }
    }
    Terminal.info(
      "wrote \(demo.areas.count) PC-4 areas in \(demo.gemeenten.count) gemeenten, \(demo.years.first!)-\(demo.years.last!), to \(out) (synthetic data)"
    )
  }

  /// The demo's `wijkstat.yaml`.
  public static func project(_ demo: DemoDataset, seed: UInt64) -> String {
    let speerpunt = demo.gemeenten.filter(\.speerpunt)
    return """
      # wijkstat project for the synthetic demo data (seed \(seed)). Every number is invented.
      # Run it with `wijkstat run` (this is the default project) or `wijkstat run data/demo/wijkstat.yaml`.
      # Paths are relative to this file: the folder holds everything the project needs.
      title: "Demo: meldingen kindermishandeling per wijk (synthetische gegevens)"
      title_en: "Demo: reports of child maltreatment per area (synthetic data)"   # the title of wijkstat run --lang en
      language: nl
      inputs:
        areas:
          pc4: pc4.geojson
          gemeente: gemeenten.geojson
        reports: [meldingen.csv]
        population: [kinderen.csv]
        indicators:
          pc4: indicatoren-pc4.csv
          gemeente: indicatoren-gemeente.csv
        achterstand: [achterstandswijken.csv]
      # Region sets: the report's speerpuntgemeenten (priority gemeenten).
      regions:
        speerpunt: [\(speerpunt.map(\.code).joined(separator: ", "))]   # \(speerpunt.map(\.name).joined(separator: ", "))
      years: [\(demo.years.map(String.init).joined(separator: ", "))]
      analyses:
        correlate:
          levels: [gemeente, pc4]
        contrast:
          within: speerpunt       # Tabel 4: the contrast inside the speerpunt gemeenten
        rank:
          level: gemeente
          year: 2009
          top: 10
          bottom: 10
        spatial:
          level: pc4
          weights: queen
          permutations: 999
          seed: 12345
        # Tabel 5: a count model of the 2009 reports per PC-4 on every indicator and the
        # achterstandswijk flag (Poisson or negative binomial, offset log(children)),
        # with Moran's I of its residuals and the residual map.
        model:
          level: pc4
          years: [2009]
          achterstandswijk: true
      suppression:
        enabled: true
        minimum_count: 5        # counts below 5 are withheld in published outputs
        minimum_children: 50    # rates of areas with fewer than 50 children are withheld
      # The published maps, written inline so this folder is the whole project (the
      # repository's maps/ folder has the same five maps as files).
      maps:
        # Kaart 1 of the report: % of children reported to the AMK in 2009 per PC-4 area
        # in the speerpunt (priority) gemeenten, with the gemeente borders on top.
        - name: kaart-1-pct-gemeld-pc4
          title: "Kaart 1. Percentage gemelde kinderen per wijk (PC-4), 2009"
          title_en: "Map 1. Percentage of children reported per area (PC-4), 2009"
          level: pc4
          year: 2009
          variable: pct_reported
          method: quantiles
          classes: 5
          colors: [YlOrRd]
          within: speerpunt
          outlines: gemeente
        # Kaart 2 of the report: the achterstandswijken (deprived PC-4 areas) of 2009 in
        # the speerpunt gemeenten.
        - name: kaart-2-achterstandswijken
          title: "Kaart 2. Achterstandswijken in de speerpuntgebieden, 2009"
          title_en: "Map 2. Deprived areas (achterstandswijken) in the speerpunt gemeenten, 2009"
          level: pc4
          year: 2009
          variable: achterstandswijk
          method: unique
          colors: ["#f0f0f0", "#b2182b"]
          within: speerpunt
          outlines: gemeente
        # % of children reported in 2009 per gemeente, for the whole area of the data
        # (the report's national picture; §2.1.5).
        - name: gemeenten-pct-gemeld
          title: "Percentage gemelde kinderen per gemeente, 2009"
          title_en: "Percentage of children reported per gemeente, 2009"
          level: gemeente
          year: 2009
          variable: pct_reported
          method: fisher-jenks
          classes: 5
          colors: [YlOrRd]
        # Empirical Bayes smoothed % reported per PC-4 in 2009 (spatial EB, Marshall 1991):
        # small areas are pulled towards their neighbourhood, so chance peaks fade.
        - name: pc4-eb-rate
          title: "Percentage gemeld per wijk, 2009, empirisch Bayes gladgestreken"
          title_en: "Percentage reported per area, 2009, empirical Bayes smoothed"
          level: pc4
          year: 2009
          variable: spatial_eb_rate
          method: quantiles
          classes: 5
          colors: [YlOrRd]
          outlines: gemeente
        # Local Moran (LISA) clusters of % reported per PC-4 in 2009: high-high and
        # low-low clusters and outliers where the Benjamini–Hochberg q < 0.05 (the default
        # cluster rule; analyses.spatial.cluster_rule and alpha change it), 999 permutations.
        - name: pc4-lisa
          title: "Clusters van meldingen per wijk (LISA), 2009"
          title_en: "Clusters of reports per area (LISA), 2009"
          level: pc4
          year: 2009
          variable: lisa
          method: unique
          outlines: gemeente

      """
  }

  /// The demo's `README.md`.
  public static func readme(_ demo: DemoDataset, seed: UInt64) -> String {
    """
    # Demo data (synthetic / synthetisch)

    **Every value in this folder is invented.** The gemeenten (\(demo.gemeenten.map(\.name).joined(separator: ", ")))
    do not exist; their codes (GM9001–GM9008) and the PC-4 codes (3300–4099) are not
    real areas. The data are generated by `wijkstat demo --seed \(seed) --out data/demo`
    and a test checks that the committed files are exactly what that command writes.

    | file | contents |
    |---|---|
    | `pc4.geojson` | \(demo.areas.count) PC-4-like areas, RD New (EPSG:28992), fields `pc4`, `gemeentecode`, `bron` |
    | `gemeenten.geojson` | \(demo.gemeenten.count) gemeenten, the exact unions of their PC-4 areas |
    | `meldingen.csv` | reported children per area, year and age group (`area,year,age_group,count`) |
    | `kinderen.csv` | children per area, year and age group (`area,year,age_group,children`) |
    | `indicatoren-pc4.csv` | indicators per PC-4 and year (a few `x`: missing) |
    | `indicatoren-gemeente.csv` | the same per gemeente, child-weighted, written Dutch style (`;`, decimal comma) |
    | `achterstandswijken.csv` | the achterstandswijk flag per PC-4 and year |
    | `wijkstat.yaml` | the demo project that `wijkstat run` runs |

    Planted effects, of the size the Kinderen in Tel report found: % reported rises
    from about 0.3% (2003) to about 0.55% (2009); it correlates about 0.4 with
    `kinderen_in_armoede` and about 0.5 with `totaalscore` (higher = more risk) at
    PC-4 level; it is about 2.4 times as high in achterstandswijken (about 14% of
    the areas; a third of the areas in the speerpunt gemeenten \(demo.gemeenten.filter(\.speerpunt).map(\.name).joined(separator: " and ")));
    Dordwijk reports about three times as much as the others, like Dordrecht. Three
    areas have fewer than 50 children, to show suppression.

    """
  }
}
