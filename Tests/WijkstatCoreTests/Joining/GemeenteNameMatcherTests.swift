import Testing

@testable import WijkstatCore

@Suite struct GemeenteNameMatcherTests {
  /// Names as CBS spells them in 2023 (gemeenten-2023.geojson / koppeltabel).
  let catalog = AreaCatalog(
    level: .gemeente,
    codes: ["GM0518", "GM0888", "GM0687", "GM0373", "GM0893", "GM0014", "GM0796", "GM1900"],
    names: [
      "GM0518": "'s-Gravenhage (gemeente)", "GM0888": "Beek (L.)", "GM0687": "Middelburg (Z.)",
      "GM0373": "Bergen (NH.)", "GM0893": "Bergen (L.)", "GM0014": "Groningen (gemeente)",
      "GM0796": "'s-Hertogenbosch", "GM1900": "Súdwest-Fryslân",
    ],
    provinces: ["GM0373": "Noord-Holland", "GM0893": "Limburg", "GM1900": "Fryslân"],
    source: "test")

  @Test func normalisedNamesMatch() {
    let matcher = GemeenteNameMatcher(catalog)
    #expect(matcher.match("s-Gravenhage") == .matched("GM0518"))
    #expect(matcher.match("'S-GRAVENHAGE") == .matched("GM0518"))
    #expect(matcher.match("Den Haag") == .matched("GM0518"))
    #expect(matcher.match("Den Bosch") == .matched("GM0796"))
    #expect(matcher.match("Groningen") == .matched("GM0014"))
    #expect(matcher.match("Sudwest Fryslan") == .matched("GM1900"))
  }

  @Test func provincesDisambiguate() {
    let matcher = GemeenteNameMatcher(catalog)
    #expect(matcher.match("Beek", province: "Limburg") == .matched("GM0888"))
    #expect(matcher.match("Middelburg", province: "Zeeland") == .matched("GM0687"))
    #expect(matcher.match("Bergen", province: "Noord-Holland") == .matched("GM0373"))
    #expect(matcher.match("Bergen (L.)") == .matched("GM0893"))
    #expect(matcher.match("Bergen") == .ambiguous(["GM0373", "GM0893"]))
  }

  @Test func wrongProvinceIsNotJoined() {
    // Beek in Gelderland is no gemeente: the Limburg one is only suggested.
    let matcher = GemeenteNameMatcher(catalog)
    #expect(
      matcher.match("Beek", province: "Gelderland") == .notFound(suggestion: "Beek (L.) (GM0888)"))
  }

  @Test func fuzzyNamesAreOnlySuggested() {
    let matcher = GemeenteNameMatcher(catalog)
    #expect(matcher.match("Midelburg") == .notFound(suggestion: "Middelburg (Z.) (GM0687)"))
    #expect(matcher.match("Sneek") == .notFound(suggestion: nil))
  }

  @Test func editDistanceByHand() {
    #expect(editDistance("kitten", "sitting") == 3)
    #expect(editDistance("", "abc") == 3)
    #expect(editDistance("beek", "beek") == 0)
  }
}
