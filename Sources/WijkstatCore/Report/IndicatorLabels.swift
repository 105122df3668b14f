/// The names people read for indicator columns (`kinderen_in_armoede` →
/// `Kinderen in armoede (%)`): the Kinderen in Tel indicators by their usual
/// column names (`StandardIndicator`, named in the message catalogue), and the project's own (`labels:` in the project file, one text
/// for both languages or `{nl: …, en: …}`). A column without a label is shown
/// with its underscores as spaces and a capital (`Mijn_index` → `Mijn index`),
/// never as the raw column name.
public struct IndicatorLabels: Sendable, Equatable {
  /// Column name → language code (`nl`, `en`, or `*` for both) → label.
  public var custom: [String: [String: String]]

  public init(custom: [String: [String: String]] = [:]) { self.custom = custom }

  /// The label of `column` in `language`.
  public func label(_ column: String, _ language: ReportLanguage) -> String {
    if let own = custom[column] {
      if let text = own[language.rawValue] ?? own["*"] { return text }
    }
    if let known = StandardIndicator(rawValue: column) { return language.text(.indicator(known)) }
    let spaced = column.replacingOccurrences(of: "_", with: " ")
    return spaced.prefix(1).uppercased() + spaced.dropFirst()
  }
}
