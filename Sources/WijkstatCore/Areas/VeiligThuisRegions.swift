/// The Veilig Thuis regions (CBS code `VTnn`), per year.
///
/// Sources: CBS, StatLine 84847NED / 84851NED (Veilig Thuis; regional dimension
/// `RegioS`, keys `VT01  `…), and the CBS/PDOK layer `veiligthuisregio_gegeneraliseerd`
/// (fields `statcode`, `statnaam`), as summarised in shared/DOMAIN.md: 2020–2022
/// 26 regions `VT01`–`VT26`; from 2023 VT16 Brabant Noordoost and VT26
/// Zuidoost-Brabant together form VT27 Oost-Brabant and VT15 is called
/// Midden-Brabant (25 regions). Only these names are shipped: the others, and
/// which gemeente lies in which region in a year, come from the user's lookup
/// table (a `…code` column of VT codes, as the CBS *gebieden in Nederland* tables
/// have) or an overlay of the gemeenten on a PDOK `veiligthuisregio` layer.
public enum VeiligThuisRegions {
  /// The first year of the 25-region indeling.
  public static let indeling2023 = 2023

  /// The region codes in use in `year` (2020 and later; earlier years as 2020).
  public static func codes(year: Int) -> [String] {
    let all = (1...27).map { "VT" + ($0 < 10 ? "0" : "") + String($0) }
    return year >= indeling2023
      ? all.filter { $0 != "VT16" && $0 != "VT26" } : all.filter { $0 != "VT27" }
  }

  /// The names this list knows (the regions the 2023 change touched), for `year`.
  public static func knownNames(year: Int) -> [String: String] {
    year >= indeling2023
      ? ["VT15": "Midden-Brabant", "VT27": "Oost-Brabant"]
      : ["VT16": "Brabant Noordoost", "VT26": "Zuidoost-Brabant"]
  }

  /// The region of the 2023 indeling a code stands in (VT16, VT26 → VT27; every
  /// other code itself): counts of 2020–2022 summed this way form a series
  /// comparable with 2023 and later. Nil for a code that is no VT code.
  public static func in2023(_ code: String) -> String? {
    guard let parsed = AreaCode(code, level: .veiligthuisregio) else { return nil }
    return parsed.code == "VT16" || parsed.code == "VT26" ? "VT27" : parsed.code
  }
}
