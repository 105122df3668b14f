import Foundation

/// What a map of each variable shows of one area and year: the value or class,
/// and whether the area is withheld (disclosure control) or has no data. The
/// pipeline's map maker gathers the inputs (the panel row, the small-area rate,
/// the LISA cluster, the count model's residual, a boundary attribute); these
/// rules decide from them alone.
public enum MapVariableRules {
  /// The variables a map can show from the panel and its analyses (besides the
  /// panel's indicators and numeric attributes of the boundary file itself).
  public static let panelVariables = MapVariable.computed
  /// The count model's residuals, known when a model was fitted.
  public static let modelVariable = MapVariable.modelResidual

  /// What one area-year shows.
  public struct Shown: Sendable, Equatable {
    public var value: Double?
    public var category: String?
    public var status: ChoroplethMap.Status
  }

  /// The value or category of `variable` for one area-year. `withheld`: the
  /// area-year's count is withheld. `attribute`: the boundary attribute's value
  /// (CBS special values already read as missing) when the map shows one.
  public static func shown(
    _ variable: MapVariable, row: PanelRow?, rate: SmallAreaRates.Row?, cluster: String?,
    residual: Double?,
    attribute: Double?, isAttribute: Bool, withheld: Bool
  ) -> Shown {
    var value: Double? = nil
    var category: String? = nil
    var status = ChoroplethMap.Status.data
    switch variable {
    case .pctReported:
      // A rate is withheld with its count: the children per area are
      // published, so rate × children would give the count back.
      value = row?.pctReported()
      if withheld { status = .suppressed }
    case .perThousand:
      // The same rate per 1,000 (Veilig Thuis counts: meldingen per 1.000 kinderen); withheld alike.
      value = row?.perThousand()
      if withheld { status = .suppressed }
    case .reported:
      value = row?.reported[.all]
      if withheld { status = .suppressed }
    case .children: value = row?.children[.all]
    case .ebRate: value = rate?.ebRate
    case .spatialEBRate: value = rate?.spatialEBRate
    // Published for every area: from published counts only, a withheld
    // area's being its prior mean (Protection), so it gives no count away.
    case .achterstandswijk:
      category = row?.achterstandswijk.map { $0 ? "1" : "0" }
    case .lisa:
      category = cluster
    case .modelResidual:
      value = residual
      if withheld { status = .suppressed }
    case .column(let name):
      // A boundary attribute (CBS special values are no data, never a class), or an indicator.
      value = isAttribute ? attribute : row?.indicators[name]
    }
    if let v = value, !v.isFinite { value = nil }
    if status == .data, value == nil, category == nil { status = .noData }
    if status == .suppressed { value = nil }
    return Shown(value: value, category: category, status: status)
  }

  /// Decimals of the values shown: whole numbers for counts, else 2.
  public static func decimals(_ variable: MapVariable) -> Int {
    variable == .reported || variable == .children ? 0 : 2
  }

  /// The LISA classes with their labels in the map's language.
  public static func lisaCategories(_ language: ReportLanguage) -> [(
    value: String, label: String, color: String
  )] {
    return [
      ("HH", language.text(.lisaHighHigh), "#d7191c"),
      ("LL", language.text(.lisaLowLow), "#2c7bb6"),
      ("LH", language.text(.lisaLowHigh), "#abd9e9"),
      ("HL", language.text(.lisaHighLow), "#fdae61"),
      ("ns", language.text(.lisaNotSignificant), "#f7f7f7"),
    ]
  }

  /// The legend title of a variable, naming what the counts count (`meldingen
  /// per 100 kinderen 0-17` for Veilig Thuis counts, `% gemelde kinderen` for the AMK's),
  /// in the words of the message catalogue.
  public static func legendTitle(
    _ variable: MapVariable, _ language: ReportLanguage,
    spatial: SpatialAnalysis.Options = SpatialAnalysis.Options(),
    unit: CountUnit = CountUnit()
  ) -> String {
    let nl = language.isDutch
    switch variable {
    case .pctReported: return unit.rateLabel(nl)
    case .perThousand: return unit.perThousandLabel(nl)
    case .ebRate, .spatialEBRate:
      return language.text(.legendSmoothed(rate: unit.shortRateLabel(nl)))
    case .reported: return unit.countLabel(nl)
    case .children: return unit.childrenLabel(nl)
    case .achterstandswijk: return language.text(.deprivedArea)
    case .modelResidual: return language.text(.legendModelResidual)
    case .lisa:
      return language.text(.legendLISA(rule: spatial.clusterRule, alpha: spatial.alpha))
    case .column(let name): return name
    }
  }
}
