/// The region level of a StatLine region cell: a code (`GM0363`, `VT01  `,
/// `PV20`, `NL01`) or, in a web download without codes, a title (`Groningen
/// (gemeente)`, `Utrecht (VT)`, `Groningen (PV)`, `Nederland`).
public enum RegionKey {
  /// The level of `raw`, or nil when it is neither a code nor a title.
  public static func level(of raw: String) -> AreaLevel? {
    let text = CellParser.trimmed(raw)
    guard !text.isEmpty else { return nil }
    if text.uppercased().hasPrefix("GM"), AreaKey.gemeenteCode(text) != nil { return .gemeente }
    if let (_, suffix) = titleParts(text) {
      switch suffix.lowercased() {
      case "gemeente", "gem.", "gem": return .gemeente
      default: return nil
      }
    }
    // A title without a kind: a gemeente name (StatLine adds the kind only where
    // a gemeente shares its name with a province or region).
    return text.contains(where: \.isLetter) && !text.contains(where: \.isNumber) ? .gemeente : nil
  }

  /// `Utrecht (VT)` → (`Utrecht`, `VT`); nil without a bracketed suffix.
  public static func titleParts(_ text: String) -> (name: String, kind: String)? {
    guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return nil }
    let kind = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
    let name = CellParser.trimmed(String(text[..<open]))
    guard !name.isEmpty, !kind.isEmpty else { return nil }
    return (name, kind)
  }
}
