/// The level an analysis uses when none is given: the finest level of the
/// boundaries given, so a wijk/buurt project needs no `level: buurt` and a PC-4
/// project keeps PC-4. Order: PC-4 (the report's level), buurt, wijk, gemeente,
/// then any other level of the panel.
public enum DefaultLevel {
  public static let order: [AreaLevel] = [.pc4, .buurt, .wijk, .gemeente]

  /// The first of `order` the panel has and boundaries are given for; else the
  /// first of `order` the panel has (a table-only panel); else the panel's
  /// finest level; nil for an empty panel.
  public static func choose(panelLevels: [AreaLevel], boundaryLevels: Set<AreaLevel>) -> AreaLevel?
  {
    order.first { panelLevels.contains($0) && boundaryLevels.contains($0) }
      ?? order.first { panelLevels.contains($0) } ?? panelLevels.sorted().first
  }
}
