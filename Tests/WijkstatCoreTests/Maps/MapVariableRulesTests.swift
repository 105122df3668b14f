import Testing
@testable import WijkstatCore

/// What a map shows per variable (MapVariableRules). Expected values by hand:
/// 3 reported of 200 children is 100 · 3 / 200 = 1.5 % and 15 per 1,000.
@Suite struct MapVariableRulesTests {
  static let row = PanelRow(
    level: .pc4, area: "3300", year: 2009, reported: [.all: 3], children: [.all: 200],
    achterstandswijk: true,
    indicators: ["armoede": 12.5])

  static func shown(
    _ variable: String, withheld: Bool, row: PanelRow? = row, residual: Double? = nil,
    attribute: Double? = nil, isAttribute: Bool = false
  ) -> MapVariableRules.Shown {
    MapVariableRules.shown(
      MapVariable(name: variable), row: row, rate: nil, cluster: variable == "lisa" ? "HH" : nil,
      residual: residual,
      attribute: attribute, isAttribute: isAttribute, withheld: withheld)
  }

  @Test func ratesAndCountsAreWithheldWithTheirCount() {
    #expect(
      Self.shown("pct_reported", withheld: false) == .init(value: 1.5, category: nil, status: .data)
    )
    #expect(
      Self.shown("per_1000", withheld: false) == .init(value: 15, category: nil, status: .data))
    #expect(
      Self.shown("reported", withheld: false) == .init(value: 3, category: nil, status: .data))
    for variable in ["pct_reported", "per_1000", "reported", "model_residual"] {
      // Withheld: no value at all, whatever the inputs held.
      #expect(
        Self.shown(variable, withheld: true, residual: 0.7)
          == .init(value: nil, category: nil, status: .suppressed), "\(variable)")
    }
  }

  @Test func childrenIndicatorsAndClassesArePublishedForWithheldAreas() {
    // The children per area are published (rates of withheld areas are not).
    #expect(
      Self.shown("children", withheld: true) == .init(value: 200, category: nil, status: .data))
    #expect(
      Self.shown("armoede", withheld: true) == .init(value: 12.5, category: nil, status: .data))
    #expect(
      Self.shown("achterstandswijk", withheld: true)
        == .init(value: nil, category: "1", status: .data))
    #expect(Self.shown("lisa", withheld: true) == .init(value: nil, category: "HH", status: .data))
  }

  @Test func missingAndNonFiniteValuesAreNoData() {
    #expect(
      Self.shown("pct_reported", withheld: false, row: nil)
        == .init(value: nil, category: nil, status: .noData))
    let noChildren = PanelRow(
      level: .pc4, area: "3301", year: 2009, reported: [.all: 0], children: [.all: 0])
    #expect(Self.shown("pct_reported", withheld: false, row: noChildren).status == .noData)
    #expect(
      Self.shown("model_residual", withheld: false, residual: .nan)
        == .init(value: nil, category: nil, status: .noData))
    // A boundary attribute: its value, not a panel indicator of the same name.
    #expect(Self.shown("armoede", withheld: false, attribute: 40, isAttribute: true).value == 40)
    #expect(
      Self.shown("armoede", withheld: false, attribute: nil, isAttribute: true).status == .noData)
  }

  @Test func decimalsAndLegendTitles() {
    #expect(
      MapVariableRules.decimals(.reported) == 0 && MapVariableRules.decimals(.children) == 0)
    #expect(MapVariableRules.decimals(.pctReported) == 2)
    #expect(MapVariableRules.legendTitle(.achterstandswijk, .en) == "deprived area")
    #expect(MapVariableRules.legendTitle(.lisa, .nl) == "LISA-cluster (FDR q < 0,05)")
    #expect(MapVariableRules.lisaCategories(.en).map(\.value) == ["HH", "LL", "LH", "HL", "ns"])
  }
}
