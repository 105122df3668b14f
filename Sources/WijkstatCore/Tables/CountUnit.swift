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

  /// The unit for the catalogue: nil when the counts are of children.
  var counted: String? { countsChildren ? nil : unit }
  /// The age band for the catalogue: nil for the usual 0–17.
  var band: String? {
    ages == .children ? nil : ages.label.replacingOccurrences(of: "-", with: "–")
  }

  // The labels' words are in the message catalogue (`Message.unitName` …).
  func unitName(_ nl: Bool) -> String { ReportLanguage(nl).text(.unitName(unit)) }

  /// `0–17 jaar`, `0 tot 15 jaar`.
  public func agesLabel(_ nl: Bool) -> String {
    ReportLanguage(nl).text(.agesLabel(band: ages.label.replacingOccurrences(of: "-", with: "–")))
  }

  /// The children of the denominator: `kinderen 0–17 jaar`.
  public func childrenLabel(_ nl: Bool) -> String {
    ReportLanguage(nl).text(.childrenLabel(band: band))
  }

  /// The count: `gemelde kinderen` or `meldingen`.
  public func countLabel(_ nl: Bool) -> String {
    ReportLanguage(nl).text(.countLabel(unit: counted))
  }

  /// The rate `pct_reported` (100 × count / children): `% gemelde kinderen`, or
  /// `meldingen per 100 kinderen 0–17 jaar`.
  public func rateLabel(_ nl: Bool) -> String {
    ReportLanguage(nl).text(.rateLabel(unit: counted, band: band))
  }

  /// The short form for axes: `% gemeld` or `meldingen per 100 kinderen`.
  public func shortRateLabel(_ nl: Bool) -> String {
    ReportLanguage(nl).text(.shortRateLabel(unit: counted))
  }

  /// `per_1000`: `meldingen per 1.000 kinderen 0–17 jaar`.
  public func perThousandLabel(_ nl: Bool) -> String {
    ReportLanguage(nl).text(.perThousandLabel(unit: counted, band: band))
  }

  /// The rate in a sentence: `het percentage gemelde kinderen` or `het aantal
  /// meldingen per 100 kinderen`.
  public func rateInSentence(_ nl: Bool) -> String {
    ReportLanguage(nl).text(.rateInSentence(unit: counted))
  }
}
