/// Why a cell holds no number. CBS tells some of these apart and not others:
/// `x` is secret, `.` unknown, but `-99997` in the Kerncijfers wijken en buurten
/// stands for "geheim of niet aanwezig" together, and is counted as such.
/// The raw value is CBS's own Dutch term, the machine value of join-report.csv
/// and of the stderr lines (`missingValueLines`); the report names a reason in its
/// language through the message catalogue (`Message.missingReason`).
public enum MissingReason: String, Sendable, CaseIterable, Comparable, Codable {
  /// `x`, `geheim`, OData v4 `ValueAttribute` `Confidential`: withheld for disclosure control.
  case secret = "geheim"
  /// `.`, `n.b.`, `onbekend`, OData v4 `Missing`: the figure is unknown or not available.
  case notAvailable = "niet beschikbaar"
  /// `-99997` (Kerncijfers wijken en buurten 2022 and later, CBS PC-4 statistics) and
  /// `-99999999` (2021 and earlier): "geheim of niet aanwezig", CBS does not say which.
  case secretOrNotAvailable = "geheim of niet aanwezig"
  /// `-99995`: the figure comes in a later version (v2, v3) of the file.
  case laterVersion = "komt in latere versie"
  /// `-99991`: the figure is no longer published.
  case noLongerPublished = "niet meer gepubliceerd"
  /// `n.v.t.`, OData v4 `Impossible`: the figure cannot occur.
  case notApplicable = "kan niet voorkomen"
  /// An empty cell.
  case empty = "leeg"

  public static func < (a: MissingReason, b: MissingReason) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// The numeric codes CBS writes into number columns in place of a figure, by
/// product, and the text markers every table may carry. A cell holding one of
/// them is missing (with its reason), never a number: `-99997` averaged or
/// correlated like data turns a Pearson r of 0.8 into one of −0.1.
///
/// Sources: the toelichting of the Kerncijfers wijken en buurten (2022 and later:
/// `-99997` geheim of niet aanwezig, `-99995` komt in een latere versie, `-99991`
/// niet meer gepubliceerd; 2021 and earlier `-99999999`), of the CBS PC-4
/// statistics (`-99997`), and StatLine's "verklaring van symbolen" (`.` onbekend,
/// `x` geheim). The codes are far outside any count, percentage or index CBS
/// publishes, so all of them apply by default; a project can choose products or
/// add codes of its own (`special_values:` in the project file).
public struct SpecialValues: Sendable, Equatable {
  /// Numeric codes and what they mean.
  public let codes: [Double: MissingReason]
  /// The largest code: values above it need no lookup.
  let largest: Double

  public init(codes: [Double: MissingReason]) {
    self.codes = codes
    largest = codes.keys.max() ?? -.infinity
  }

  /// CBS products with special values of their own.
  public enum Product: String, Sendable, CaseIterable {
    /// Kerncijfers wijken en buurten / Wijk- en Buurtkaart 2022 and later.
    case kwb
    /// Kerncijfers wijken en buurten / Wijk- en Buurtkaart 2021 and earlier.
    case kwb2021 = "kwb-2021"
    /// CBS statistics per PC-4 (`cbs_pc4_YYYY_v1`).
    case pc4
    /// StatLine tables: text markers only (`.`, `x`), no numeric codes.
    case statline

    public var codes: [Double: MissingReason] {
      switch self {
      case .kwb:
        return [-99997: .secretOrNotAvailable, -99995: .laterVersion, -99991: .noLongerPublished]
      case .kwb2021: return [-99999999: .secretOrNotAvailable, -99997: .secretOrNotAvailable]
      case .pc4: return [-99997: .secretOrNotAvailable]
      case .statline: return [:]
      }
    }
  }

  /// The codes of the given products together.
  public init(products: [Product], extra: [Double: MissingReason] = [:]) {
    var codes: [Double: MissingReason] = [:]
    for product in products { codes.merge(product.codes) { a, _ in a } }
    codes.merge(extra) { _, b in b }
    self.init(codes: codes)
  }

  /// Every CBS product's codes: the default.
  public static let cbs = SpecialValues(products: Product.allCases)
  /// No numeric codes (markers still count as missing).
  public static let none = SpecialValues(codes: [:])

  /// The reason a number stands for, or nil when it is a figure. Costs one
  /// comparison for every value above the largest code (all CBS codes are
  /// below −99990).
  @inline(__always)
  public func reason(for value: Double) -> MissingReason? {
    guard value <= largest else { return nil }
    return codes[value]
  }

  /// Text markers and what they mean, compared lowercased and trimmed. Every
  /// other marker `CellParser` treats as missing counts as not available.
  public static let markerReasons: [String: MissingReason] = [
    "": .empty, ".": .notAvailable, "..": .notAvailable, "x": .secret, "geheim": .secret,
    "confidential": .secret, "n.b.": .notAvailable, "nb": .notAvailable, "onbekend": .notAvailable,
    "missing": .notAvailable, "n.v.t.": .notApplicable, "nvt": .notApplicable,
    "impossible": .notApplicable,
  ]

  /// Why a missing marker is missing (`x` → secret, `.` → not available).
  public static func reason(forMarker raw: String) -> MissingReason {
    markerReasons[CellParser.trimmed(raw).lowercased()] ?? .notAvailable
  }

  /// The reason a cell's text holds no figure: a special code (`-99997`,
  /// `"-99997 "`, `-99997,0`) or a missing marker (`.`, `x`, empty); nil when the
  /// cell is a number or text that is not a number. For boundary attributes,
  /// spreadsheets and tables alike.
  public func reason(forCell raw: String) -> MissingReason? {
    switch CellParser.number(raw) {
    case .missing: return Self.reason(forMarker: raw)
    case .number(let value): return reason(for: value)
    case .invalid: return nil
    }
  }

  /// The cell as a value: a special code or a marker gives `.missing`.
  public func value(ofCell raw: String) -> CellValue {
    let value = CellParser.number(raw)
    if case .number(let number) = value, reason(for: number) != nil { return .missing }
    return value
  }
}

extension SpecialValues {
  /// From a list of product names (`kwb`, `kwb-2021`, `pc4`, `statline`, `cbs` for
  /// all, `none`) and numeric codes of one's own (`-1`, `9999`: not available).
  /// Throws a message naming the item that is neither.
  public init(parsing items: [String]) throws {
    var products: [Product] = []
    var extra: [Double: MissingReason] = [:]
    for item in items {
      let text = CellParser.trimmed(item).lowercased()
      if text == "none" || text == "geen" { continue }
      if text == "cbs" {
        products += Product.allCases
      } else if let product = Product(rawValue: text) {
        products.append(product)
      } else if let value = CellParser.number(text).number {
        extra[value] = .notAvailable
      } else {
        throw UserError(
          "special value \"\(item)\" is neither a CBS product (\(Product.allCases.map(\.rawValue).joined(separator: ", ")), cbs, none) nor a number"
        )
      }
    }
    self.init(products: products, extra: extra)
  }
}
