import Testing

@testable import WijkstatCore

/// CBS codes, levels and the buurt ⊂ wijk ⊂ gemeente hierarchy. Expected values
/// are the code formats in CBS's *Toelichting Wijk- en Buurtkaart 2021* ch. 5
/// (BU_CODE = gemeente (4) + wijk (2) + buurt (2)), Amsterdam's alphanumeric codes
/// since 2022 (WK0363AA, BU0363AA01) and StatLine's padded RegioS keys.
@Suite struct AreaCodeTests {
  @Test func classifiesEveryPrefix() throws {
    let cases: [(String, AreaLevel, String)] = [
      ("GM0363", .gemeente, "GM0363"),
      ("GM0363    ", .gemeente, "GM0363"),  // StatLine pads to the dimension's width
      ("WK036301", .wijk, "WK036301"),
      ("WK0363AA", .wijk, "WK0363AA"),  // Amsterdam since 2022
      ("wk0363aa", .wijk, "WK0363AA"),
      ("BU03630101", .buurt, "BU03630101"),
      ("BU0363AA01", .buurt, "BU0363AA01"),
      ("BU05189997", .buurt, "BU05189997"),  // a fictive water buurt
      ("PV27", .provincie, "PV27"),
      ("VR13", .veiligheidsregio, "VR13"),
      ("VT01  ", .veiligthuisregio, "VT01"),
      ("VT27", .veiligthuisregio, "VT27"),
      ("JZ15", .jeugdregio, "JZ15"),
      ("LD03", .landsdeel, "LD03"),
      ("NL01", .nederland, "NL01"),
      ("NL00", .nederland, "NL01"),  // the Kerncijfers' country code, the same country
      ("\u{00A0}GM0014\u{00A0}", .gemeente, "GM0014"),
    ]
    for (raw, level, code) in cases {
      let parsed = try #require(AreaCode(raw), "\(raw)")
      #expect(parsed.level == level, "\(raw)")
      #expect(parsed.code == code, "\(raw)")
    }
  }

  @Test func refusesWhatIsNoCode() {
    for raw in [
      "", "   ", "0363", "1011", "1011AB", "GM363", "GM03633", "GM0000", "WK0363", "WK03630",
      "WK0363A",
      "WKAB0301", "WK000001", "BU036301", "BU0363010", "BU036301A", "GM 0363", "WK0363-1", "PV2",
      "PV00",
      "VT1", "VT001", "NL02", "NL", "XX01", "2022", "2022JJ00", "Amsterdam", "Utrecht (VT)",
      "T001038",
    ] {
      #expect(AreaCode(raw) == nil, "\(raw)")
    }
    // A code of another level is not a code of this one.
    #expect(AreaCode("GM0363", level: .wijk) == nil)
    #expect(AreaCode("WK036301", level: .wijk)?.code == "WK036301")
  }

  @Test func hierarchyFromTheCodes() throws {
    let buurt = try #require(AreaCode("BU03630101"))
    #expect(buurt.parent == AreaCode("WK036301"))
    #expect(buurt.parent?.parent == AreaCode("GM0363"))
    #expect(buurt.gemeente?.code == "GM0363")
    #expect(buurt.ancestor(at: .buurt) == buurt)
    #expect(buurt.ancestor(at: .provincie) == nil)
    let amsterdam = try #require(AreaCode("BU0363AA01"))
    #expect(amsterdam.parent?.code == "WK0363AA")
    #expect(amsterdam.gemeente?.code == "GM0363")
    #expect(AreaCode("GM0363")?.parent == nil)
    #expect(AreaCode("VT01")?.parent == nil)

    #expect(AreaCode("BU03639997")!.isFictiveWaterBuurt)
    #expect(AreaCode("BU03639998")!.isFictiveWaterBuurt)
    #expect(!AreaCode("BU03630997")!.isFictiveWaterBuurt)
    #expect(!AreaCode("WK039997")!.isFictiveWaterBuurt)

    let parents = AreaHierarchy.parents(
      of: ["BU03630101", "BU0363AA01", "BU05050203", "WK050502", "nonsense"], from: .buurt,
      to: .wijk)
    #expect(
      parents == ["BU03630101": "WK036301", "BU0363AA01": "WK0363AA", "BU05050203": "WK050502"])
    #expect(
      AreaHierarchy.parents(of: ["BU03630101", "WK050502"], from: .buurt, to: .gemeente) == [
        "BU03630101": "GM0363"
      ])
    #expect(
      AreaHierarchy.parents(of: ["WK050502"], from: .wijk, to: .gemeente) == ["WK050502": "GM0505"])
    #expect(AreaHierarchy.isDerivable(from: .buurt, to: .gemeente))
    #expect(AreaHierarchy.isDerivable(from: .wijk, to: .gemeente))
    #expect(!AreaHierarchy.isDerivable(from: .gemeente, to: .wijk))
    #expect(!AreaHierarchy.isDerivable(from: .pc4, to: .gemeente))
  }

  /// The silent failure of today's main: `--level wijk` meant PC-4.
  /// Typos of a level, by hand: one edit (an adjacent swap counts as one), two for
  /// names of 6+ characters; region names far from every level are not typos.
  @Test func misspeltLevels() {
    #expect(AreaLevel.misspelt("wjik") == .wijk)
    #expect(AreaLevel.misspelt("gemeete") == .gemeente)
    #expect(AreaLevel.misspelt("pc44") == .pc4)
    #expect(AreaLevel.misspelt("veiligthuisregoi") == .veiligthuisregio)
    #expect(AreaLevel.misspelt("buurtn") == .buurt)
    #expect(AreaLevel.misspelt("wijk") == nil)
    #expect(AreaLevel.misspelt("wijken") == nil)
    for region in ["ggd", "regio", "zorgkantoor", "wijkteam", "corop"] {
      #expect(AreaLevel.misspelt(region) == nil, "\(region)")
    }
  }

  @Test func wijkIsTheCBSWijkNotPC4() {
    #expect(AreaLevel(parsing: "wijk") == .wijk)
    #expect(AreaLevel(parsing: "wijk") != .pc4)
    #expect(AreaLevel(parsing: "Wijken") == .wijk)
    #expect(AreaLevel(parsing: "buurt") == .buurt)
    #expect(AreaLevel(parsing: "pc4") == .pc4)
    #expect(AreaLevel(parsing: "postcode") == .pc4)
    #expect(AreaLevel(parsing: "gemeenten") == .gemeente)
    #expect(AreaLevel(parsing: "veiligthuisregio") == .veiligthuisregio)
    #expect(AreaLevel(parsing: "Veilig-Thuis-regio") == .veiligthuisregio)
    #expect(AreaLevel(parsing: "vt") == .veiligthuisregio)
    #expect(AreaLevel(parsing: "provincie") == .provincie)
    #expect(AreaLevel(parsing: "PV") == .provincie)
    #expect(AreaLevel(parsing: "veiligheidsregio") == .veiligheidsregio)
    #expect(AreaLevel(parsing: "jeugdregio") == .jeugdregio)
    #expect(AreaLevel(parsing: "nederland") == .nederland)
    #expect(AreaLevel(parsing: "speerpunt") == .region("speerpunt"))
    // Every named level reads back as itself, and as nothing else.
    for level in AreaLevel.named {
      #expect(AreaLevel.named(level.description) == level)
    }
    #expect(Set(AreaLevel.named.map(\.description)).count == AreaLevel.named.count)
    // Lookup columns: `veiligheidsRegioCode` → the CBS level; a wijk column groups no gemeenten.
    #expect(AreaLevel(regionNamed: "veiligheidsregio") == .veiligheidsregio)
    #expect(AreaLevel(regionNamed: "speerpunt") == .region("speerpunt"))
    #expect(AreaLevel(regionNamed: "wijk") == nil)
    #expect(AreaLevel(regionNamed: "pc4") == nil)
  }

  @Test func levelsSortFinestFirst() {
    let sorted = [
      AreaLevel.nederland, .region("speerpunt"), .gemeente, .provincie, .wijk, .pc4, .buurt,
    ]
    .sorted()
    #expect(
      sorted == [.pc4, .buurt, .wijk, .gemeente, .provincie, .region("speerpunt"), .nederland])
  }

  @Test func keyColumnsOfWijkenBuurtenAndRegions() {
    #expect(
      AreaKey.detectKind(fieldName: "wijkcode", values: ["WK036301", "WK0363AA", "WK050501"])
        == .wijkCode)
    #expect(
      AreaKey.detectKind(fieldName: "BU_CODE", values: ["BU03630101", "BU0363AA01", "BU03639997"])
        == .buurtCode)
    #expect(
      AreaKey.detectKind(fieldName: "RegioS", values: ["VT01  ", "VT02  ", "VT27  "])
        == .veiligthuisregioCode)
    #expect(AreaKey.detectKind(fieldName: "statcode", values: ["PV20", "PV21"]) == .provincieCode)
    #expect(
      AreaKey.detectKind(fieldName: "RegioS", values: ["GM0363    ", "GM0014    "]) == .gemeenteCode
    )
    // A column mixing levels is none of them (the table side routes its rows).
    #expect(
      AreaKey.detectKind(fieldName: "Codering_3", values: ["WK036301", "BU03630101", "GM0363"])
        == nil)
    // Today's keys are read as before.
    #expect(AreaKey.detectKind(fieldName: "PC4CODE", values: ["1011", "1012"]) == .pc4)
    #expect(AreaKey.normalise("WK0363aa", as: .wijkCode) == "WK0363AA")
    #expect(AreaKey.normalise("GM0363", as: .wijkCode) == nil)
    #expect(AreaKey.normalise("NL00", as: .nederlandCode) == "NL01")
    #expect(AreaKeyKind.code(of: .wijk) == .wijkCode)
    #expect(AreaKeyKind.code(of: .region("speerpunt")) == nil)
    for level in AreaLevel.named { #expect(AreaKeyKind.code(of: level)?.level == level) }
  }
}
