import GLPKBridge
import Testing

@testable import WijkstatCore

/// The audit's reading of map layers (DisclosureAudit.MapValue), on a
/// hand-built panel: PC-4 1011 has its count withheld (3 of 200, below 5),
/// 1012 is published (40 of 1000).
@Suite struct DisclosureAuditMapTests {
  static let panel = Panel(
    rows: [
      PanelRow(
        level: .pc4, area: "1011", gemeente: nil, year: 2009, reported: [.all: 3],
        children: [.all: 200]),
      PanelRow(
        level: .pc4, area: "1012", gemeente: nil, year: 2009, reported: [.all: 40],
        children: [.all: 1000]),
    ], indicatorNames: [])

  static func audit(_ maps: [DisclosureAudit.MapValue], rates: [DisclosureAudit.RateRow] = [])
    -> DisclosureAudit
  {
    let suppression = Suppression(
      panel: panel, rule: SuppressionRule(enabled: true, minimumCount: 5, minimumChildren: 0))
    let cells = PublishedCells(panel: suppression.applied(to: panel), suppression: nil)
    return DisclosureAudit(
      cells: cells, minimumCount: 5, solver: GLPKSolver(), rates: rates, maps: maps)
  }

  static func value(_ variable: String, _ area: String, _ value: Double?, _ status: String)
    -> DisclosureAudit.MapValue
  {
    .init(
      map: "m.geojson", level: "pc4", area: area, year: 2009, variable: variable, value: value,
      status: status)
  }

  @Test func aWithheldCountsValueOrClassOnAMapIsFound() {
    // As wijkstat writes it: the withheld area suppressed, the other shown.
    let clean = Self.audit([
      Self.value("pct_reported", "1011", nil, "suppressed"),
      Self.value("pct_reported", "1012", 4, "data"),
    ])
    #expect(clean.findings.isEmpty)
    #expect(clean.checkedMapValues == 1)
    // The raw rate 3/200 = 1.5 % planted: found.
    let planted = Self.audit([Self.value("pct_reported", "1011", 1.5, "data")])
    #expect(planted.findings.map(\.detail) == ["pct_reported 1.5 is shown for a withheld count"])
    #expect(planted.findings.first?.table == "map m.geojson")
    // A class without the value (a coloured area) is found too.
    #expect(Self.audit([Self.value("lisa", "1011", nil, "data")]).findings.count == 1)
    // An indicator is not a count's.
    #expect(Self.audit([Self.value("indicator_1", "1011", 7, "data")]).findings.isEmpty)
  }

  @Test func smoothedRatesMustBeThePublishedPriorMean() {
    // The pooled published rate m₀ = 40 / 1000 = 4 %: the withheld area's
    // global EB rate as wijkstat publishes it.
    let rates = [
      DisclosureAudit.RateRow(
        area: "1011", year: 2009, reported: nil, children: 200, rawRate: nil, rawLow: nil,
        rawHigh: nil, ebRate: 4,
        pExceeds: nil, reference: 4, spatialEBRate: 4)
    ]
    #expect(Self.audit([Self.value("eb_rate", "1011", 4, "data")], rates: rates).findings.isEmpty)
    #expect(
      Self.audit([Self.value("spatial_eb_rate", "1011", 4, "data")], rates: rates).findings.isEmpty)
    // A map made from the unprotected EB rate (pulled towards 1.5 %) is found.
    let leaked = Self.audit([Self.value("spatial_eb_rate", "1011", 3.1, "data")], rates: rates)
    #expect(
      leaked.findings.map(\.detail) == [
        "spatial_eb_rate 3.1 is not the prior mean 4 the rates table publishes for a withheld count"
      ])
    // Without a rates table, the global EB rate of a withheld count must be m₀.
    #expect(Self.audit([Self.value("eb_rate", "1011", 4, "data")]).findings.isEmpty)
    #expect(
      Self.audit([Self.value("eb_rate", "1011", 3.1, "data")]).findings.map(\.attack) == [
        .inversion
      ])
  }
}
