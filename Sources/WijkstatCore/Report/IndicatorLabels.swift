/// The names people read for indicator columns (`kinderen_in_armoede` →
/// `Kinderen in armoede (%)`): the Kinderen in Tel indicators by their usual
/// column names, and the project's own (`labels:` in the project file, one text
/// for both languages or `{nl: …, en: …}`). A column without a label is shown
/// with its underscores as spaces and a capital (`Mijn_index` → `Mijn index`),
/// never as the raw column name.
public struct IndicatorLabels: Sendable, Equatable {
  /// Column name → language code (`nl`, `en`, or `*` for both) → label.
  public var custom: [String: [String: String]]

  public init(custom: [String: [String: String]] = [:]) { self.custom = custom }

  /// The Kinderen in Tel indicators (DOMAIN.md; Kinderen in Tel databoek):
  /// column name → (Dutch, English).
  public static let standard: [String: (String, String)] = [
    "kinderen_in_armoede": ("Kinderen in armoede (%)", "Children in poverty (%)"),
    "totaalscore": ("Totaalscore Kinderen in Tel", "Kinderen in Tel total score"),
    "werkloze_jongeren": ("Werkloze jongeren 16–24 (%)", "Unemployed young people 16–24 (%)"),
    "jeugdzorg": ("Jeugdzorg 0–17 (%)", "Youth care 0–17 (%)"),
    "tienermoeders": ("Tienermoeders 15–19", "Teenage mothers 15–19"),
    "kindersterfte": ("Kindersterfte", "Child mortality"),
    "zuigelingensterfte": ("Zuigelingensterfte", "Infant mortality"),
    "jeugdige_verdachten": ("Jeugdige verdachten 12–21", "Young offenders 12–21"),
    "voortijdig_schoolverlaters": ("Voortijdig schoolverlaters", "Early school leavers"),
    "achterstandsleerlingen": ("Achterstandsleerlingen 4–12 (%)", "Pupils with a weight 4–12 (%)"),
    "speelruimte": ("Speelruimte (m² per kind)", "Play space (m² per child)"),
    "kinderen_in_achterstandswijk": (
      "Kinderen in achterstandswijken (%)", "Children in deprived areas (%)"
    ),
    "niet_westerse_migranten": ("Niet-westerse migranten (%)", "Non-western migrants (%)"),
    "eenoudergezinnen": ("Eenoudergezinnen (%)", "Single-parent families (%)"),
  ]

  /// The label of `column` in `language`.
  public func label(_ column: String, _ language: ReportLanguage) -> String {
    if let own = custom[column] {
      if let text = own[language.rawValue] ?? own["*"] { return text }
    }
    if let known = Self.standard[column] { return language.isDutch ? known.0 : known.1 }
    let spaced = column.replacingOccurrences(of: "_", with: " ")
    return spaced.prefix(1).uppercased() + spaced.dropFirst()
  }
}
