/// The panel as every published number is computed from (threat model in
/// README.md, "Disclosure control"): an attacker has every published file and
/// inverts every published formula, so a published value may depend on the
/// published counts only, never on a withheld one.
///
/// `published` is the panel with the withheld counts removed
/// (Suppression.applied). Raw rates, correlations, rankings, trends, Moran's I
/// and LISA, and every scatter point are computed from it: a withheld area
/// takes no part. The smoothed rates (`rates`) too: the EB prior (its mean b
/// and variance a, globally, and per area from its neighbours for spatial EB)
/// comes from the published areas only, and a withheld area, about whose count
/// nothing is used, gets the prior mean as its smoothed rate: the pooled
/// published rate m₀ = Σ published yⱼ / Σ nⱼ for global EB, the pooled
/// published rate of its neighbours for spatial EB (m₀ when it has none). That
/// is the EB rate of a count imputed at ŷᵢ = nᵢ·(prior mean); inverting
/// count = n·(m + (eb − m)/C) gives back ŷᵢ, which the attacker can compute
/// without it: nothing is learnt (tested in ProtectionTests).
///
/// With protection off `published` is the full panel.
public struct Protection: Sendable {
  public let suppression: Suppression
  public let published: Panel

  public init(panel: Panel, suppression: Suppression) {
    self.suppression = suppression
    published = suppression.rule.enabled ? suppression.applied(to: panel) : panel
  }

  public init(panel: Panel, rule: SuppressionRule) {
    self.init(panel: panel, suppression: Suppression(panel: panel, rule: rule))
  }

  public var rule: SuppressionRule { suppression.rule }

  /// The imputation rate m₀ per level, year and age group: Σ published counts /
  /// Σ their children.
  public static func pooledPublishedRates(_ published: Panel) -> [String: Double] {
    var sums: [String: (Double, Double)] = [:]
    for row in published.rows {
      for group in AgeGroup.allCases {
        guard let y = row.reported[group], let n = row.children[group], n > 0 else { continue }
        sums["\(row.level)|\(row.year)|\(group.rawValue)", default: (0, 0)].0 += y
        sums["\(row.level)|\(row.year)|\(group.rawValue)", default: (0, 0)].1 += n
      }
    }
    return sums.compactMapValues { $0.1 > 0 ? $0.0 / $0.1 : nil }
  }

  /// Small-area rates as published: from `published`; for a withheld count the
  /// count, its raw rate, interval and exceedance probability are withheld, and
  /// its EB rates are the prior means (see above).
  public func rates(
    level: AreaLevel, weights: AreaWeights?, reference: SmallAreaRates.Reference = .national
  ) -> SmallAreaRates {
    var rates = SmallAreaRates(
      panel: published, level: level, weights: weights, reference: reference)
    guard rule.enabled else { return rates }
    let pooled = Self.pooledPublishedRates(published)
    // m₀ per year (one lookup per year, not per row).
    var priorOf: [Int: Double] = [:]
    for row in rates.rows where priorOf[row.year] == nil {
      priorOf[row.year] = pooled["\(level)|\(row.year)|\(AgeGroup.all.rawValue)"] ?? .nan
    }
    // Per year the published count and children of each area of the weights,
    // by its place in them, for the neighbourhood means (flat, by number).
    let areas = weights?.codes.count ?? 0
    var placeOf = [Int](repeating: -1, count: rates.rows.count)
    var byYear: [Int: [(y: Double, n: Double)?]] = [:]
    if let weights {
      for (i, row) in rates.rows.enumerated() {
        guard let own = weights.index[row.area] else { continue }
        placeOf[i] = own
        if let y = row.reported, let n = row.children, n > 0 {
          byYear[row.year, default: Array(repeating: nil, count: areas)][own] = (y, n)
        }
      }
    }
    for i in rates.rows.indices
    where suppression.isSuppressed(level: level, area: rates.rows[i].area, year: rates.rows[i].year)
    {
      let row = rates.rows[i]
      let m0 = priorOf[row.year] ?? .nan
      rates.rows[i].reported = nil
      rates.rows[i].rawRate = .nan
      rates.rows[i].rawLow = .nan
      rates.rows[i].rawHigh = .nan
      rates.rows[i].pExceeds = .nan
      rates.rows[i].withheld = true
      rates.rows[i].note = nil
      guard (row.children ?? 0) > 0 else { continue }
      rates.rows[i].ebRate = 100 * m0
      if let weights, placeOf[i] >= 0, let published = byYear[row.year] {
        var y = 0.0
        var n = 0.0
        for j in weights.weights.neighbours[placeOf[i]] {
          if let value = published[j] {
            y += value.y
            n += value.n
          }
        }
        rates.rows[i].spatialEBRate = 100 * (n > 0 ? y / n : m0)
      }
    }
    return rates
  }

  /// Moran's I and LISA as published: both variables from `published`
  /// (withheld areas left out with their links).
  public func spatial(
    level: AreaLevel, weights: AreaWeights, permutations: Int, seed: UInt64, years: [Int]? = nil,
    localYears: [Int]? = nil, options: SpatialAnalysis.Options = SpatialAnalysis.Options()
  ) -> SpatialAnalysis {
    SpatialAnalysis(
      panel: published, level: level, weights: weights, permutations: permutations,
      seed: seed, years: years, localYears: localYears, options: options)
  }
}
