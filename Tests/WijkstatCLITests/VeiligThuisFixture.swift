import Foundation

/// The Veilig Thuis project of VeiligThuisCommandTests and CountSourcesCommandTests:
/// three gemeenten (GM0001 Een, GM0002 Twee, GM0003 Drie) in two Veilig Thuis
/// regions, written to a folder as a user would have them:
/// - `84847NED.csv`: a StatLine TypedDataSet (`RegioS` with gemeente and VT rows,
///   `Perioden` as `2022JJ00`, `Meldingen_2`), CRLF lines, the VT codes padded
///   as CBS pads them (`VT01  `);
/// - `kinderen.csv`: 1000, 500 and 2000 children in every year;
/// - `gemeenten-vt.csv`: the gemeente → VT lookup. With `moves`, a `jaar` column
///   in which GM0002 is in VT01 in 2022 and in VT02 from 2023; else one row per
///   gemeente (GM0001, GM0002 in VT01, GM0003 in VT02);
/// - `p.yaml`: a project over these three (count column Meldingen, unit meldingen).
enum VeiligThuisFixture {
  /// One year's report counts, in the table's order.
  struct Counts {
    var year: Int
    var gemeenten: (Int, Int, Int)
    var regions: (Int, Int)
  }

  static func write(in dir: URL, counts: [Counts], moves: Bool) throws {
    var lines = ["\"ID\";\"RegioS\";\"Perioden\";\"Meldingen_2\""]
    var rows: [(String, Int, Int)] = []
    for year in counts {
      let (g1, g2, g3) = year.gemeenten
      let (v1, v2) = year.regions
      rows += [
        ("GM0001", year.year, g1), ("GM0002", year.year, g2), ("GM0003", year.year, g3),
        ("VT01  ", year.year, v1), ("VT02  ", year.year, v2),
      ]
    }
    for (i, row) in rows.enumerated() {
      lines.append("\"\(i)\";\"\(row.0)\";\"\(row.1)JJ00\";\"\(row.2)\"")
    }
    try (lines.joined(separator: "\r\n") + "\r\n").write(
      to: dir.appendingPathComponent("84847NED.csv"), atomically: true, encoding: .utf8)
    let children = counts.map {
      "GM0001;\($0.year);1000\nGM0002;\($0.year);500\nGM0003;\($0.year);2000\n"
    }
    try ("gemeentecode;jaar;kinderen\n" + children.joined()).write(
      to: dir.appendingPathComponent("kinderen.csv"), atomically: true, encoding: .utf8)
    let lookup =
      moves
      ? """
      gemeentecode;gemeentenaam;jaar;veiligthuisregiocode;veiligthuisregionaam
      GM0001;Een;2022;VT01;Regio Een
      GM0002;Twee;2022;VT01;Regio Een
      GM0003;Drie;2022;VT02;Regio Twee
      GM0001;Een;2023;VT01;Regio Een
      GM0002;Twee;2023;VT02;Regio Twee
      GM0003;Drie;2023;VT02;Regio Twee

      """
      : "gemeentecode;gemeentenaam;veiligthuisregiocode;veiligthuisregionaam\nGM0001;Een;VT01;Regio Een\nGM0002;Twee;VT01;Regio Een\nGM0003;Drie;VT02;Regio Twee\n"
    try lookup.write(
      to: dir.appendingPathComponent("gemeenten-vt.csv"), atomically: true, encoding: .utf8)
    try """
    title: vt
    inputs:
      reports: [84847NED.csv]
      population: [kinderen.csv]
      lookup: gemeenten-vt.csv
      count_column: Meldingen
      unit: meldingen

    """.write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
  }
}
