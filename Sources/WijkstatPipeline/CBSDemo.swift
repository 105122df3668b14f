import Foundation
import WijkstatCore
import WijkstatIO

/// Writes `wijkstat demo --format cbs`: the files of `CBSDemoDataset` in CBS's
/// layouts (see its documentation), a project and a README.
public enum CBSDemo {
  static let kaart = "wijkenbuurten_2023_v1.gpkg"

  public static func write(_ demo: CBSDemoDataset, to out: String) throws {
    try OutputDirectory.build(out, command: "demo") { folder in
      try VectorWriter.writeGeoPackage(layers(demo), to: folder.appendingPathComponent(kaart).path)
      let files: [String: String] = [
        "meldingen-buurt.csv": demo.buurtReports(),
        "kinderen-buurt.csv": demo.buurtChildren(),
        "84847NED-veilig-thuis.csv": demo.statLineVeiligThuis(),
        "03759ned-bevolking.csv": demo.statLinePopulation(),
        "gemeenten-vt.csv": demo.vtLookup(),
        "wijkstat.yaml": project(demo),
        "README.md": readme(demo),
      ]
      for (name, text) in files.sorted(by: { $0.key < $1.key }) {
        try FileBytes.write(Data(text.utf8), to: folder.appendingPathComponent(name))
      }
    }
    Terminal.info(
      "wrote \(demo.buurten.count) buurten in \(demo.wijken.count) wijken and \(demo.gemeenten.count) gemeenten, \(demo.years.first!)-\(demo.years.last!), in CBS layouts to \(out) (synthetic data)"
    )
  }

  /// Kerncijfers of a group of buurten: inhabitants summed, percentages weighted
  /// by inhabitants over the buurten that have them (a secret buurt value is left out).
  static func kerncijfers(_ parts: [CBSDemoDataset.Buurt]) -> [AttributeValue] {
    let inwoners = parts.reduce(0) { $0 + $1.inwoners }
    func share(_ value: (CBSDemoDataset.Buurt) -> Double) -> AttributeValue {
      let known = parts.filter { value($0) > -99990 && $0.inwoners > 0 }
      let weight = known.reduce(0) { $0 + Double($1.inwoners) }
      guard weight > 0 else { return .real(-99997) }
      return .real(
        (known.reduce(0) { $0 + value($1) * Double($1.inwoners) } / weight * 10).rounded() / 10)
    }
    return [.integer(inwoners), share(\.young), share(\.minimum), share(\.jeugdzorg)]
  }

  static let kerncijferFields = [
    AttributeField("aantal_inwoners", .integer),
    AttributeField("percentage_personen_0_tot_15_jaar", .real),
    AttributeField("percentage_huishoudens_onder_of_rond_sociaal_minimum", .real),
    AttributeField("percentage_jongeren_met_jeugdzorg_in_natura", .real),
  ]

  static func layers(_ demo: CBSDemoDataset) -> [OutputLayer] {
    let names = Dictionary(uniqueKeysWithValues: demo.gemeenten.map { ($0.code, $0.name) })
    func text(_ values: String...) -> [AttributeValue] { values.map { .text($0) } }
    // gemeenten: Amstelwaard's water part first, then the land parts.
    var gemeenteGeometries: [MultiPolygon] = [CBSDemoDataset.waterPart]
    var gemeenteRows: [[AttributeValue]] = [
      text("GM9101", "Amstelwaard", "JA", "2023GM9101") + [
        .integer(2023), .integer(0), .real(-99997), .real(-99997), .real(-99997),
      ]
    ]
    for gemeente in demo.gemeenten {
      gemeenteGeometries.append(demo.gemeenteGeometry(gemeente.code))
      gemeenteRows.append(
        text(gemeente.code, gemeente.name, "NEE", "2023" + gemeente.code) + [.integer(2023)]
          + kerncijfers(demo.buurten.filter { $0.gemeente == gemeente.code }))
    }
    let wijken = demo.wijken
    let buurtFields =
      [
        AttributeField("buurtcode", .text), AttributeField("buurtnaam", .text),
        AttributeField("wijkcode", .text),
        AttributeField("gemeentecode", .text), AttributeField("gemeentenaam", .text),
        AttributeField("water", .text),
        AttributeField("jrstatcode", .text), AttributeField("jaar", .integer),
      ] + kerncijferFields
    return [
      OutputLayer(
        name: "gemeenten",
        fields: [
          AttributeField("gemeentecode", .text), AttributeField("gemeentenaam", .text),
          AttributeField("water", .text),
          AttributeField("jrstatcode", .text), AttributeField("jaar", .integer),
        ] + kerncijferFields,
        geometries: gemeenteGeometries, rows: gemeenteRows),
      OutputLayer(
        name: "wijken",
        fields: [
          AttributeField("wijkcode", .text), AttributeField("wijknaam", .text),
          AttributeField("gemeentecode", .text),
          AttributeField("gemeentenaam", .text), AttributeField("water", .text),
          AttributeField("jrstatcode", .text),
          AttributeField("jaar", .integer),
        ] + kerncijferFields,
        geometries: wijken.map(\.geometry),
        rows: wijken.map { wijk in
          text(
            wijk.code, wijk.name, wijk.gemeente, names[wijk.gemeente] ?? "",
            wijk.water ? "JA" : "NEE", "2023" + wijk.code)
            + [.integer(2023)] + kerncijfers(demo.buurten.filter { $0.wijk == wijk.code })
        }),
      OutputLayer(
        name: "buurten", fields: buurtFields, geometries: demo.buurten.map(\.geometry),
        rows: demo.buurten.map { b in
          text(
            b.code, b.name, b.wijk, b.gemeente, names[b.gemeente] ?? "", b.water ? "JA" : "NEE",
            "2023" + b.code)
            + [
              .integer(2023), .integer(b.inwoners), .real(b.young), .real(b.minimum),
              .real(b.jeugdzorg),
            ]
        }),
    ]
  }

  static func project(_ demo: CBSDemoDataset) -> String {
    """
    # wijkstat project for the synthetic demo data in CBS layouts (seed \(demo.seed)). Every number is invented.
    # Run it with `wijkstat run wijkstat.yaml --out OUT`. Paths are relative to this file.
    # With real downloads: put the Wijk- en Buurtkaart (wijkenbuurten_YYYY_v1.gpkg) where the demo's is;
    # the layer of each level (gemeenten, wijken, buurten) and its key are found, its Kerncijfers are
    # the indicators, its water parts are dropped.
    title: "Demo in CBS-formaten: meldingen per wijk en buurt (synthetische gegevens)"
    title_en: "Demo in CBS layouts: reports per wijk and buurt (synthetic data)"
    language: nl
    inputs:
      areas:
        buurt: \(kaart)
        wijk: \(kaart)
        gemeente: \(kaart)
      # Veilig Thuis meldingen per gemeente as StatLine publishes them (84847NED, TypedDataSet CSV):
      # the gemeente rows are the gemeente figures (JJ00, rounded to 5), not the sums of the buurten;
      # its VT rows are the published VT figures (matched to the lookup's VT regions; VT16 and VT26 of
      # 2020-2022 counted in VT27), its NL01 rows are listed as not used.
      # meldingen-buurt.csv is the gemeenten's own registration per buurt (Veilig Thuis publishes
      # nothing below gemeente).
      reports: [84847NED-veilig-thuis.csv, buurt=meldingen-buurt.csv]
      # children 0-17 per gemeente from StatLine 03759ned (Geslacht T001038, Leeftijd 70100), per buurt
      # from the gemeenten's registration
      population: [03759ned-bevolking.csv, buurt=kinderen-buurt.csv]
      count_column: Meldingen_2                 # the topic of 84847NED (meldingen-buurt.csv's `meldingen` matches it)
      unit: meldingen
      indicators:
        wijk: \(kaart)                          # the Kerncijfers of the wijken layer
        buurt: \(kaart)
      lookup: gemeenten-vt.csv                  # gemeente -> Veilig Thuis region (2023 indeling)
    years: [\(demo.years.map(String.init).joined(separator: ", "))]
    analyses:
      correlate:
        levels: [wijk, buurt]                    # the Kerncijfers are per wijk and buurt (the gemeenten layer has none here)
      rank:
        level: wijk
        year: \(demo.years.last!)
        top: 5
        bottom: 5
      spatial:                                  # level: the finest with boundaries (buurt here), by default
        weights: queen
        permutations: 999
        seed: 12345
    suppression:
      enabled: true
      minimum_count: 5
      minimum_children: 50
    maps:
      - {name: buurten-pct-gemeld, title: "Meldingen per buurt, \(demo.years.last!)", title_en: "Reports per buurt, \(demo.years.last!)", level: buurt, year: \(demo.years.last!), variable: pct_reported, method: quantiles, classes: 5, outlines: wijk}
      - {name: wijken-pct-gemeld, title: "Meldingen per wijk, \(demo.years.last!)", title_en: "Reports per wijk, \(demo.years.last!)", level: wijk, year: \(demo.years.last!), variable: pct_reported, method: quantiles, classes: 4, outlines: gemeente}
      - {name: buurten-lisa, title: "Clusters van meldingen per buurt (LISA), \(demo.years.last!)", title_en: "Clusters of reports per buurt (LISA), \(demo.years.last!)", level: buurt, year: \(demo.years.last!), variable: lisa, method: unique, outlines: wijk}

    """
  }

  static func readme(_ demo: CBSDemoDataset) -> String {
    """
    # Demo data in CBS layouts (synthetic / synthetisch)

    **Every value in this folder is invented.** The gemeenten \(demo.gemeenten.map { "\($0.name) (\($0.code))" }.joined(separator: ", "))
    do not exist. The files have the layouts, field names, codes and special values of the files
    CBS publishes, so that the way from a real download to a wijkstat run can be tried on them.
    Written by `wijkstat demo --format cbs --seed \(demo.seed) --out DIR`.

    | file | as CBS publishes |
    |---|---|
    | `\(kaart)` | Wijk- en Buurtkaart 2023: layers `gemeenten`, `wijken`, `buurten`; fields `gemeentecode`, `wijkcode`, `buurtcode`, `…naam`, `water` (JA/NEE), `jrstatcode`, `jaar` and Kerncijfers (`aantal_inwoners`, `percentage_personen_0_tot_15_jaar`, `percentage_huishoudens_onder_of_rond_sociaal_minimum`, `percentage_jongeren_met_jeugdzorg_in_natura`); special values `-99997` (secret / not available) and `-99995` (comes in a later version); Amstelwaard's water part (listed before its land part), the fictive water buurt `BU91029997` in the water-only wijk `WK910299`, and Amsterdam-style wijk codes `WK9101AA`–`WK9101AD` |
    | `84847NED-veilig-thuis.csv` | StatLine TypedDataSet CSV (Veilig Thuis kerncijfers): `ID`, `RegioS` padded to 6 (`NL01`, gemeenten, VT regions), `Perioden` (`2022HJ01`, `2022JJ00`), `Adviezen_1`, `Meldingen_2`, rounded to 5; Dordwijk and Lekdal are in VT16 and VT26 before 2023 and in VT27 from 2023 |
    | `03759ned-bevolking.csv` | StatLine TypedDataSet CSV (population on 1 January): `Geslacht` `T001038`, `Leeftijd` `70100`, `RegioS`, `Perioden`, `BevolkingOp1Januari_1` |
    | `meldingen-buurt.csv`, `kinderen-buurt.csv` | a gemeente's own registration per buurt (`;`, CRLF): meldingen and children 0–17 per buurt and year — Veilig Thuis publishes nothing below gemeente |
    | `gemeenten-vt.csv` | gemeente → Veilig Thuis region (2023 indeling), a lookup |
    | `wijkstat.yaml` | a project reading the two StatLine tables (Veilig Thuis meldingen and children 0–17 per gemeente) and the buurt registration, at gemeente, wijk and buurt level: correlations per wijk and buurt, ranking of wijken, Moran's I and LISA per buurt, maps |

    Planted effect: the buurt rate of meldingen rises with `percentage_huishoudens_onder_of_rond_sociaal_minimum`
    (about 0.4% + 0.09 percentage point per point of it), and poverty clusters in each gemeente's first wijk
    and its east side, so Moran's I per buurt is positive.

    """
  }
}
