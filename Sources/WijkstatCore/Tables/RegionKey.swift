/// The region level of a StatLine region cell: a code (`GM0363`, `VT01  `,
/// `PV20`, `NL01`, read by `AreaCode`) or, in a web download without codes, a
/// title (`Groningen (gemeente)`, `Utrecht (VT)`, `Groningen (PV)`, `Nederland`).
public enum RegionKey {
  /// The kinds StatLine writes after a region title, and their levels.
  static let titleKinds: [String: AreaLevel] = [
    "gemeente": .gemeente, "gem.": .gemeente, "gem": .gemeente, "pv": .provincie,
    "provincie": .provincie,
    "ld": .landsdeel, "landsdeel": .landsdeel, "vt": .veiligthuisregio, "vr": .veiligheidsregio,
    "jz": .jeugdregio, "wk": .wijk, "wijk": .wijk, "bu": .buurt, "buurt": .buurt,
  ]

  /// The level of `raw`, or nil when it is neither a code nor a title.
  public static func level(of raw: String) -> AreaLevel? {
    let text = CellParser.trimmed(raw)
    guard !text.isEmpty else { return nil }
    if let code = AreaCode(text) { return code.level }
    // Any other bracket is a gemeente's province disambiguator: `Bergen (NH.)`, `Beek (L.)`.
    if let (_, kind) = titleParts(text) { return titleKinds[kind.lowercased()] ?? .gemeente }
    if text.lowercased() == "nederland" { return .nederland }
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
