/// What a map shows per area: one of the values wijkstat computes, or an
/// indicator column of the panel by its name. The names are those of the CLI's
/// `--variable`, a project's `variable:` and the output files.
public enum MapVariable: Hashable, Sendable, CustomStringConvertible {
  /// Reports per 100 children (%), `pct_reported`.
  case pctReported
  /// Reports per 1,000 children, `per_1000`.
  case perThousand
  /// The report count, `reported`.
  case reported
  /// The child population, `children`.
  case children
  /// The global empirical Bayes rate (Marshall 1991), `eb_rate`.
  case ebRate
  /// The spatial empirical Bayes rate (Marshall 1991), `spatial_eb_rate`.
  case spatialEBRate
  /// The achterstandswijk flag (0/1), `achterstandswijk`.
  case achterstandswijk
  /// The LISA cluster of % reported (Anselin 1995), `lisa`.
  case lisa
  /// The count model's Pearson residual, `model_residual`: known in a project
  /// with a model (not listed by `map --help`).
  case modelResidual
  /// Any other column by its name: an indicator of the panel (e.g.
  /// `kinderen_in_armoede`) or a numeric attribute of the boundaries.
  case column(String)

  /// The computed values, in the order help lists them.
  public static let computed: [MapVariable] = [
    .pctReported, .perThousand, .reported, .children, .ebRate, .spatialEBRate, .achterstandswijk,
    .lisa,
  ]

  /// The variable a name stands for: a computed one by its exact name, else a column.
  public init(name: String) {
    self =
      Self.computed.first { $0.name == name }
      ?? (name == Self.modelResidual.name ? .modelResidual : .column(name))
  }

  public var name: String {
    switch self {
    case .pctReported: return "pct_reported"
    case .perThousand: return "per_1000"
    case .reported: return "reported"
    case .children: return "children"
    case .ebRate: return "eb_rate"
    case .spatialEBRate: return "spatial_eb_rate"
    case .achterstandswijk: return "achterstandswijk"
    case .lisa: return "lisa"
    case .modelResidual: return "model_residual"
    case .column(let column): return column
    }
  }

  public var description: String { name }
}
