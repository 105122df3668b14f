import Foundation

/// Matches gemeente names as they appear in tables (`s-Gravenhage`, `Den Haag`,
/// `Beek`, `Bergen (NH.)`, `Kollumerland c.a.`, `GRONINGEN`) to the codes of a
/// catalog. Names are compared after normalising case, diacritics, apostrophes,
/// hyphens, `'s-`, `c.a.`, `(gemeente)` and the province disambiguators; the
/// province, from a table column or a disambiguator, decides between gemeenten
/// of the same name. Fuzzy (edit-distance) candidates are only ever suggestions:
/// a wrong join is worse than a missing one.
public struct GemeenteNameMatcher: Sendable {
  public enum Match: Equatable, Sendable {
    case matched(String)
    /// No gemeente of that name (in that province); `suggestion` is the nearest
    /// name by edit distance, for a person to check.
    case notFound(suggestion: String?)
    /// Several gemeenten share the name and no province tells them apart.
    case ambiguous([String])
  }

  /// The province names behind the CBS disambiguators.
  public static let provinceAbbreviations: [String: String] = [
    "gr": "Groningen", "fr": "Fryslân", "dr": "Drenthe", "o": "Overijssel", "ov": "Overijssel",
    "fl": "Flevoland", "gld": "Gelderland", "g": "Gelderland", "u": "Utrecht",
    "nh": "Noord-Holland",
    "zh": "Zuid-Holland", "z": "Zeeland", "nb": "Noord-Brabant", "l": "Limburg", "lb": "Limburg",
  ]

  /// Common names that are not the official one.
  static let aliases: [String: String] = [
    "den haag": "s gravenhage", "the hague": "s gravenhage", "den bosch": "s hertogenbosch",
  ]

  private var byName: [String: [String]] = [:]
  private var provinceOf: [String: String] = [:]
  private var displayName: [String: String] = [:]

  public init(_ catalog: AreaCatalog) {
    for code in catalog.codes {
      guard let name = catalog.names[code] else { continue }
      let parsed = Self.parse(name)
      byName[parsed.base, default: []].append(code)
      displayName[code] = name
      if let province = catalog.provinces[code] ?? parsed.province {
        provinceOf[code] = Self.normaliseProvince(province)
      }
    }
  }

  /// Lowercased, without diacritics, apostrophes, `'s-`, `c.a.`, `(gemeente)` or a
  /// disambiguator; hyphens and runs of spaces become one space. The province of a
  /// disambiguator is returned separately.
  public static func parse(_ raw: String) -> (base: String, province: String?) {
    var text = raw.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
      .lowercased()
    for quote in ["'", "’", "‘", "`", "´"] { text = text.replacingOccurrences(of: quote, with: "") }
    var province: String? = nil
    while let open = text.lastIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
      let inner = text[text.index(after: open)..<close].replacingOccurrences(of: ".", with: "")
        .trimmingCharacters(in: .whitespaces)
      if let full = provinceAbbreviations[inner] {
        province = full
      } else if inner != "gemeente", inner != "gem" {
        break
      }
      text.removeSubrange(open...close)
    }
    text = text.replacingOccurrences(of: " c.a.", with: "").replacingOccurrences(
      of: " ca.", with: "")
    if text.hasSuffix(" ca") { text.removeLast(3) }
    let words = text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "." || $0 == "," })
    var base = words.joined(separator: " ")
    if let alias = aliases[base] { base = alias }
    return (base, province)
  }

  static func normaliseProvince(_ raw: String) -> String {
    let folded = raw.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
      .lowercased().replacingOccurrences(of: "-", with: " ")
      .trimmingCharacters(in: .whitespaces)
    if let full = provinceAbbreviations[folded.replacingOccurrences(of: ".", with: "")] {
      return normaliseProvince(full)
    }
    return folded == "friesland" ? "fryslan" : folded
  }

  /// Matches one table name, with the table's province for that row when it has one.
  public func match(_ name: String, province: String? = nil) -> Match {
    let parsed = Self.parse(name)
    let wantedProvince = (province?.isEmpty == false ? province : nil) ?? parsed.province
    let candidates = byName[parsed.base] ?? []
    if let wantedProvince {
      let wanted = Self.normaliseProvince(wantedProvince)
      let inProvince = candidates.filter { provinceOf[$0] == wanted }
      if inProvince.count == 1 { return .matched(inProvince[0]) }
      if inProvince.count > 1 { return .ambiguous(inProvince) }
      // One candidate whose province is unknown: accept only when no province
      // information exists for it at all.
      if candidates.count == 1, provinceOf[candidates[0]] == nil { return .matched(candidates[0]) }
      return .notFound(suggestion: suggestion(for: parsed.base, province: wanted))
    }
    if candidates.count == 1 { return .matched(candidates[0]) }
    if candidates.count > 1 { return .ambiguous(candidates.sorted()) }
    return .notFound(suggestion: suggestion(for: parsed.base, province: nil))
  }

  /// The closest catalog name by edit distance, within a quarter of the name's
  /// length (at least 1, at most 3), as "Name (GMxxxx)"; also same-name gemeenten
  /// in another province.
  func suggestion(for base: String, province: String?) -> String? {
    if let same = byName[base], !same.isEmpty {
      return same.sorted().map { "\(displayName[$0] ?? $0) (\($0))" }.joined(separator: " or ")
    }
    let limit = max(1, min(3, base.count / 4))
    var best: (distance: Int, code: String)? = nil
    for (candidate, codes) in byName {
      guard abs(candidate.count - base.count) <= limit else { continue }
      let distance = editDistance(candidate, base)
      guard distance <= limit else { continue }
      for code in codes
      where best == nil || distance < best!.distance
        || (distance == best!.distance && code < best!.code)
      {
        best = (distance, code)
      }
    }
    return best.map { "\(displayName[$0.code] ?? $0.code) (\($0.code))" }
  }
}
