import Foundation
import Testing

@testable import WijkstatCore

/// The analyses read the panel through `PanelIndex`, walk areas in parallel and
/// reuse ranks and intervals. Here they are checked, value for value (NaN and
/// the sign of zero included, by comparing the printed values), against the
/// plain definitions: the rows of `Panel.rows(level:year:)`, one dictionary
/// lookup per value, every statistic computed afresh. The panel has more areas
/// than one parallel chunk, rows in mixed order, missing values, ties, areas
/// without children, an unknown flag and gemeente, and codes outside the layer.
@Suite struct AnalysesByDefinitionTests {
  static let columns = 60
  static let layerRows = 50
  let names = ["werkloos", "uitkering", "jeugdzorg", "niet_westers"]
  let panel: Panel
  let weights: AreaWeights

  init() throws {
    var random = SeededRandom(seed: 2009)
    let codes = (0..<(Self.columns * Self.layerRows)).map { String(1000 + $0) }
    let layer = AreaLayer(
      level: .pc4,
      areas: zip(codes, lattice(Self.columns, Self.layerRows)).map { Area(code: $0, geometry: $1) },
      source: "test")
    weights = try AreaWeights(layer: layer, kind: .queen)
    var rows: [PanelRow] = []
    for year in [2005, 2003, 2004] {
      for code in codes.shuffled(using: &random).prefix(2_900) + ["9998", "9999"] {
        var row = PanelRow(
          level: .pc4, area: code,
          gemeente: Int.random(in: 0..<20, using: &random) == 0
            ? nil : "GM\(Int.random(in: 1...12, using: &random))", year: year)
        for group in AgeGroup.parts {
          let children = Double(Int.random(in: 0...120, using: &random))
          row.children[group] = children
          if Int.random(in: 0..<30, using: &random) > 0 {
            row.reported[group] = Double(Int.random(in: 0...Int(children / 10), using: &random))
          }
        }
        row.children[.all] = AgeGroup.parts.reduce(0) { $0 + (row.children[$1] ?? 0) }
        row.reported[.all] =
          AgeGroup.parts.allSatisfy { row.reported[$0] != nil }
          ? AgeGroup.parts.reduce(0) { $0 + row.reported[$1]! } : nil
        row.achterstandswijk = [true, false, false, nil][Int.random(in: 0..<4, using: &random)]
        for name in names where Int.random(in: 0..<25, using: &random) > 0 {
          // One decimal: many ties.
          row.indicators[name] = (Double.random(in: 0...20, using: &random) * 10).rounded() / 10
        }
        rows.append(row)
      }
      for g in 1...12 {
        rows.append(
          PanelRow(
            level: .gemeente, area: "GM\(g)", gemeente: "GM\(g)", year: year,
            reported: [.all: Double(g * 7)], children: [.all: Double(g * 1_000)],
            indicators: ["werkloos": Double(g % 5), "uitkering": Double(g)]))
      }
    }
    rows.shuffle(using: &random)
    panel = Panel(rows: rows, indicatorNames: names)
  }

  func same<T>(_ a: T, _ b: T) -> Bool { String(describing: a) == String(describing: b) }

  @Test func correlations() {
    var expected: [String] = []
    var pValues: [Double] = []
    for level in [AreaLevel.pc4, .gemeente] {
      for year in panel.years {
        let areas = panel.rows(level: level, year: year).filter { ($0.children[.all] ?? 0) > 0 }
        let pct = areas.map { $0.pctReported() ?? .nan }
        for name in names where !areas.isEmpty {
          let values = areas.map { $0.indicators[name] ?? .nan }
          let pearson = PearsonCorrelation.compute(x: pct, y: values)
          expected.append(
            "\(level) \(year) \(name) \(pearson) \(SpearmanCorrelation.compute(x: pct, y: values))")
          pValues.append(pearson.p)
        }
      }
    }
    let analysis = CorrelationAnalysis(panel: panel, levels: [.pc4, .gemeente])
    #expect(
      analysis.rows.map { "\($0.level) \($0.year) \($0.indicator) \($0.pearson) \($0.spearman)" }
        == expected)
    #expect(same(analysis.rows.map(\.qValue), BenjaminiHochberg.qValues(pValues)))
  }

  @Test func contrast() {
    let include: (PanelRow) -> Bool = { ($0.gemeente ?? "GM1") < "GM5" }
    var cells: [AchterstandContrast.Cell] = []
    var strata: [[MantelHaenszelRateRatio.Stratum]] = []
    for year in panel.years {
      let rows = panel.rows(level: .pc4, year: year).filter {
        $0.achterstandswijk != nil && include($0)
      }
      for group in [AgeGroup.age0to3, .age4to7, .age8to17, .all] {
        for flag in [true, false] {
          var cell = AchterstandContrast.Cell(
            year: year, ageGroup: group, achterstandswijk: flag, areas: 0, reported: 0, children: 0)
          for row in rows where row.achterstandswijk == flag {
            guard let c = row.children[group], c > 0 else { continue }
            guard let r = row.reported[group] else {
              cell.areasWithoutCount += 1
              continue
            }
            cell.areas += 1
            cell.reported += r
            cell.children += c
          }
          cells.append(cell)
        }
        var byGemeente: [String: MantelHaenszelRateRatio.Stratum] = [:]
        for row in rows {
          guard let r = row.reported[group], let c = row.children[group], c > 0 else { continue }
          var s =
            byGemeente[row.gemeente ?? "?"] ?? .init(events1: 0, time1: 0, events0: 0, time0: 0)
          if row.achterstandswijk == true {
            s.events1 += r
            s.time1 += c
          } else {
            s.events0 += r
            s.time0 += c
          }
          byGemeente[row.gemeente ?? "?"] = s
        }
        strata.append(byGemeente.keys.sorted().map { byGemeente[$0]! })
      }
    }
    let analysis = ContrastAnalysis(panel: panel, include: include)
    #expect(same(analysis.contrast.cells, cells))
    #expect(
      same(analysis.tests.map(\.stratified), strata.map { MantelHaenszelRateRatio.compute($0) }))
    #expect(analysis.tests.count == panel.years.count * 4)
  }

  @Test(arguments: [SmallAreaRates.Reference.national, .gemeente])
  func smallAreaRates(reference: SmallAreaRates.Reference) {
    var expected: [String] = []
    for year in panel.years {
      let rows = panel.rows(level: .pc4, year: year)
      let counts = rows.map { $0.reported[.all] ?? .nan }
      let children = rows.map { $0.children[.all] ?? 0 }
      let valid = counts.indices.map { counts[$0].isFinite && children[$0] > 0 }
      let global = EmpiricalBayesRates.global(counts: counts, populations: children)
      // Restricted weights and spatial EB by their definitions.
      let index = Dictionary(
        weights.codes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
      var position: [Int: Int] = [:]
      for (new, area) in rows.enumerated() { if let old = index[area.area] { position[old] = new } }
      // Queen links between the year's areas; an area left without one gets its
      // 6 nearest among the year's areas (kNN on their centroids).
      let present = rows.indices.filter { index[rows[$0].area] != nil }
      let nearest = KNearestWeights.build(
        present.map { weights.centroids[index[rows[$0].area]!] }, k: 6)
      var neighbours = rows.map { row in
        index[row.area].map {
          weights.contiguity!.neighbours[$0].compactMap { position[$0] }.sorted()
        } ?? []
      }
      for (new, at) in present.enumerated() where neighbours[at].isEmpty {
        neighbours[at] = nearest.neighbours[new].map { present[$0] }.sorted()
      }
      let spatial = counts.indices.map { i -> Double in
        guard valid[i] else { return .nan }
        let (b, a) = EmpiricalBayesRates.moments(
          ([i] + neighbours[i]).filter { valid[$0] }, counts: counts, populations: children)
        let w = a > 0 ? a / (a + b / children[i]) : 0
        return w * (counts[i] / children[i]) + (1 - w) * b
      }
      var byGemeente: [String: (Double, Double)] = [:]
      for (i, row) in rows.enumerated() where valid[i] {
        byGemeente[row.gemeente ?? "", default: (0, 0)].0 += counts[i]
        byGemeente[row.gemeente ?? "", default: (0, 0)].1 += children[i]
      }
      for (i, row) in rows.enumerated() {
        var referenceRate = global.priorMean
        if reference == .gemeente, let sums = byGemeente[row.gemeente ?? ""], sums.1 > 0 {
          referenceRate = sums.0 / sums.1
        }
        let raw = PoissonInterval.ratePercent(count: counts[i], population: children[i])
        let exceed = ExceedanceProbability.compute(
          count: counts[i], population: children[i], reference: referenceRate,
          priorMean: global.priorMean, priorVariance: global.priorVariance)
        let note =
          valid[i]
          ? (neighbours[i].isEmpty
            ? "no neighbours: the area's own rate"
            : counts[i] == 0 && neighbours[i].allSatisfy({ !valid[$0] || counts[$0] == 0 })
              ? "no reports in the area or its neighbours: spatial EB rate 0" : exceed.reason)
          : (row.children[.all] == nil
            ? "no children" : row.reported[.all] == nil ? "no count" : "no children")
        let values = valid[i] ? [raw.rate, raw.low, raw.high] : [Double.nan, .nan, .nan]
        expected.append(
          "\(row.area) \(year) \(values) \(global.rates[i] * 100) \(spatial[i] * 100) \(exceed.p) \(referenceRate * 100) \(String(describing: note))"
        )
      }
    }
    let rates = SmallAreaRates(panel: panel, level: .pc4, weights: weights, reference: reference)
    let actual = rates.rows.map { row in
      "\(row.area) \(row.year) \([row.rawRate, row.rawLow, row.rawHigh]) \(row.ebRate) \(row.spatialEBRate) \(row.pExceeds) \(row.reference) \(String(describing: row.note))"
    }
    #expect(actual == expected)
  }

  @Test func trends() {
    // A repeated (area, year) row keeps panel order among its year.
    var rows = panel.rows
    rows.append(
      PanelRow(level: .pc4, area: "1000", year: 2004, reported: [.all: 1], children: [.all: 50]))
    let panel = Panel(rows: rows, indicatorNames: names)
    var order: [String] = []
    var byArea: [String: [PanelRow]] = [:]
    for row in panel.rows where row.level == .pc4 {
      if byArea[row.area] == nil { order.append(row.area) }
      byArea[row.area, default: []].append(row)
    }
    let expected = order.map { area in
      byArea[area]!.sorted { $0.year < $1.year }.compactMap { row in
        row.pctReported().map { "\(row.year):\($0)" }
      }
    }
    let trends = Trend.compute(panel: panel, level: .pc4)
    #expect(trends.map(\.area) == order)
    #expect(trends.map { $0.series.map { "\($0.year):\($0.pctReported)" } } == expected)
  }

  /// A run computes LISA (`years: []`) and Moran (`localYears: []`) apart, on
  /// different threads; together they must be the analysis done in one go.
  @Test func lisaAloneAndMoranAloneMakeTheWhole() {
    let whole = SpatialAnalysis(
      panel: panel, level: .pc4, weights: weights, permutations: 99, seed: 7, localYears: [2005])
    let local = SpatialAnalysis(
      panel: panel, level: .pc4, weights: weights, permutations: 99, seed: 7, years: [],
      localYears: [2005])
    let global = SpatialAnalysis(
      panel: panel, level: .pc4, weights: weights, permutations: 99, seed: 7, localYears: [])
    #expect(local.global.isEmpty && global.local.isEmpty)
    #expect(whole.global.count == 6 && whole.local.count > 5_000)
    var joined = local
    joined.global = global.global
    #expect(joined.moranTable.csv == whole.moranTable.csv)
    #expect(joined.lisaTable.csv == whole.lisaTable.csv)
  }
}
