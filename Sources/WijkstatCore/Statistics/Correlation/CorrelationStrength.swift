/// The report's words for the size of a correlation (Kinderen in Tel report,
/// §2.2, under Tabel 1): zwak 0.2–0.4, redelijk 0.4–0.6, sterk 0.6–0.8, and
/// zeer sterk from 0.8; below 0.2 no relation. Lower bounds are inclusive.
public enum CorrelationStrength: String, Sendable, CaseIterable {
  case geen
  case zwak
  case redelijk
  case sterk
  case zeerSterk = "zeer sterk"

  public init(r: Double) {
    let size = abs(r)
    switch size {
    case 0.8...: self = .zeerSterk
    case 0.6..<0.8: self = .sterk
    case 0.4..<0.6: self = .redelijk
    case 0.2..<0.4: self = .zwak
    default: self = .geen
    }
  }

  /// The report's marks: `*` zwak, `**` redelijk; `***` for sterk and above (the
  /// report had none).
  public var stars: String {
    switch self {
    case .geen: return ""
    case .zwak: return "*"
    case .redelijk: return "**"
    case .sterk, .zeerSterk: return "***"
    }
  }
}
