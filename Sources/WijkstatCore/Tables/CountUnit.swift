/// What the report counts count, and over which children a rate is taken. The
/// AMK counted children; Veilig Thuis publishes adviezen, meldingen and casussen
/// (several per child, rounded to 5), so "% gemelde kinderen" would be wrong for
/// them: the unit travels with the data (`--unit`, `unit:` in the project, a
/// `unit` column, or a StatLine topic named `Meldingen`) into every label. The
/// figures themselves do not change: `pct_reported` is 100 × count / children
/// whatever is counted, and labels name it "per 100 kinderen" when the count is
/// not of children.
public struct CountUnit: Sendable, Equatable {
  /// `kinderen` (the default), `meldingen`, `adviezen`, `casussen`, ...
  public var unit: String
  /// The ages the population covers, as declared (default 0–17).
  public var ages: AgeBand

  public init(unit: String = "kinderen", ages: AgeBand = .children) {
    self.unit = CellParser.trimmed(unit).lowercased()
    self.ages = ages
  }

  /// Whether the counts are of children (the AMK's unit and the report's).
  public var countsChildren: Bool { unit == "kinderen" || unit == "children" }

  static let english = [
    "meldingen": "reports", "adviezen": "advice requests", "casussen": "cases",
    "kinderen": "children",
    "personen": "persons", "jongeren": "young people", "huishoudens": "households",
  ]
  func unitName(_ nl: Bool) -> String { nl ? unit : Self.english[unit] ?? unit }

  /// `0–17 jaar`, `0 tot 15 jaar`.
  public func agesLabel(_ nl: Bool) -> String {
    let band = ages.label.replacingOccurrences(of: "-", with: "–")
    return nl
      ? "\(band) jaar"
      : (band.contains("tot")
        ? "aged \(band.replacingOccurrences(of: "tot", with: "to under"))" : "aged \(band)")
  }

  /// The children of the denominator: `kinderen 0–17 jaar`.
  public func childrenLabel(_ nl: Bool) -> String {
    if ages == .children { return nl ? "kinderen 0-17" : "children 0-17" }
    return nl ? "kinderen \(agesLabel(true))" : "children \(agesLabel(false))"
  }

  /// The count: `gemelde kinderen` or `meldingen`.
  public func countLabel(_ nl: Bool) -> String {
    countsChildren ? (nl ? "gemelde kinderen" : "children reported") : unitName(nl)
  }

  /// The rate `pct_reported` (100 × count / children): `% gemelde kinderen`, or
  /// `meldingen per 100 kinderen 0–17 jaar`.
  public func rateLabel(_ nl: Bool) -> String {
    if countsChildren, ages == .children {
      return nl ? "% gemelde kinderen" : "% children reported"
    }
    if countsChildren {
      return nl
        ? "% gemelde kinderen (\(agesLabel(true)))" : "% children reported (\(agesLabel(false)))"
    }
    return nl
      ? "\(unit) per 100 \(childrenLabel(true))"
      : "\(unitName(false)) per 100 \(childrenLabel(false))"
  }

  /// The short form for axes: `% gemeld` or `meldingen per 100 kinderen`.
  public func shortRateLabel(_ nl: Bool) -> String {
    countsChildren
      ? (nl ? "% gemeld" : "% reported")
      : (nl ? "\(unit) per 100 kinderen" : "\(unitName(false)) per 100 children")
  }

  /// `per_1000`: `meldingen per 1.000 kinderen 0–17 jaar`.
  public func perThousandLabel(_ nl: Bool) -> String {
    let count = countsChildren ? (nl ? "gemelde kinderen" : "children reported") : unitName(nl)
    return nl
      ? "\(count) per 1.000 \(childrenLabel(true))" : "\(count) per 1,000 \(childrenLabel(false))"
  }

  /// The rate in a sentence: `het percentage gemelde kinderen` or `het aantal
  /// meldingen per 100 kinderen`.
  public func rateInSentence(_ nl: Bool) -> String {
    if countsChildren {
      return nl ? "het percentage gemelde kinderen" : "the percentage of reported children"
    }
    return nl
      ? "het aantal \(unit) per 100 kinderen" : "the number of \(unitName(false)) per 100 children"
  }
}
