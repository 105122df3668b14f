import Foundation
import WijkstatCore
import WijkstatIO

/// One benchmark case, run inside a child process: stage timings and peak
/// memory printed as one JSON line on stdout.
enum BenchCase {
  struct Result: Codable {
    var name: String
    var areas: Int
    var stages: [String: Double]
    var order: [String]
    var peakBytes: Int
    var note: String
  }

  /// `real` or `synthetic:N`; inputs are generated in a temporary folder first
  /// (untimed).
  static func runChild(_ spec: String, pc4: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wijkstat-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var stages: [String: Double] = [:]
    var order: [String] = []
    func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
      let (value, seconds) = try measure(body)
      stages[name] = seconds
      order.append(name)
      return value
    }
    let years = Array(2003...2009)
    var boundaryPath = pc4
    var name = "real PC-4"
    var note = "7 years × 3 age groups, 10 indicators, through CSV and the join"
    var inMemoryPanel: Panel? = nil
    var level = AreaLevel.pc4
    if spec.hasPrefix("synthetic:"), let count = Int(spec.dropFirst("synthetic:".count)) {
      level = .pc6
      name = "tessellation \(count)"
      let tessellation = BenchmarkData.tessellation(count: count)
      boundaryPath = folder.appendingPathComponent("areas.gpkg").path
      try VectorWriter.writeGeoPackage(
        [OutputLayer(name: "areas", fields: [AttributeField("pc6", .text)], geometries: tessellation.geometries, rows: tessellation.codes.map { [.text($0)] })],
        to: boundaryPath)
      if count > 50_000 {
        inMemoryPanel = BenchmarkData.panel(codes: tessellation.codes, level: .pc6, years: [2009])
        note = "1 year × 3 age groups, 10 indicators, panel built in memory (no CSV/join)"
      } else {
        try writeTables(BenchmarkData.panel(codes: tessellation.codes, level: .pc6, years: years), to: folder)
      }
    } else {
      let codes = try BoundaryReader.read(pc4).layer.areas.map(\.code)
      try writeTables(BenchmarkData.panel(codes: codes, level: .pc4, years: years), to: folder)
    }

    let boundaries = try stage("read boundaries") { try BoundaryReader.read(boundaryPath) }
    let layer = boundaries.layer
    let panel: Panel
    if let inMemoryPanel {
      panel = inMemoryPanel
    } else {
      let tables = try stage("read tables") {
        try ["reports", "population", "indicators"].map { try TableReader.read(folder.appendingPathComponent("\($0).csv").path) }
      }
      panel = try stage("join") {
        try PanelBuilder.build(
          PanelSources(
            catalogs: [layer.level: AreaCatalog(layer)], reports: [LevelledTable(tables[0])],
            population: [LevelledTable(tables[1])], indicators: [LevelledTable(tables[2])])
        ).panel
      }
    }
    let latest = panel.years.last!
    stage("correlations, contrast") {
      _ = CorrelationAnalysis(panel: panel, levels: [level])
      _ = ContrastAnalysis(panel: panel, level: level)
    }
    let weights = try stage("queen weights") { try AreaWeights(layer: layer, kind: "queen") }
    stage("EB rates") { _ = SmallAreaRates(panel: panel, level: level, weights: weights) }
    let rows = panel.rows(level: level, year: latest)
    let values = rows.map { $0.pctReported() ?? .nan }
    stage("Moran 99 permutations") {
      let keep = values.indices.filter { values[$0].isFinite }
      _ = MoranGlobal.compute(
        values: keep.map { values[$0] }, weights: weights.restricted(to: keep.map { rows[$0].area }),
        permutations: 99, seed: 1)
    }
    let byCode = Dictionary(rows.map { ($0.area, $0) }, uniquingKeysWith: { a, _ in a })
    let map = try stage("classification") {
      try ChoroplethMap(
        entries: layer.areas.map { area in
          let value = byCode[area.code]?.pctReported()
          return ChoroplethMap.Entry(
            code: area.code, name: nil, geometry: area.geometry, year: latest, value: value,
            status: value == nil ? .noData : .data)
        }, method: .fisherJenks, classes: 5)
    }
    let features = map.entries.indices.map { i in
      ChoroplethFeature(
        code: map.entries[i].code, name: nil, geometry: map.entries[i].geometry, value: map.entries[i].value,
        classNumber: map.classNumbers[i], label: map.label(of: map.classNumbers[i]),
        fill: map.color(of: map.classNumbers[i]), status: .data)
    }
    try stage("GeoJSON") {
      try ChoroplethOutput.writeGeoJSON(
        name: "bench", variable: "pct_reported", year: latest, features: features,
        to: folder.appendingPathComponent("bench.geojson").path)
    }
    try stage("GeoPackage") {
      try ChoroplethOutput.writeGeoPackage(
        name: "bench", variable: "pct_reported", year: latest, features: features,
        qml: QMLStyle.graduated(classes: map.legend), title: "bench",
        to: folder.appendingPathComponent("bench.gpkg").path)
    }
    try stage("SVG") {
      let svg = SVGMap(
        title: "bench", areas: map.entries.indices.map {
          SVGMap.Area(code: map.entries[$0].code, geometry: map.entries[$0].geometry, fill: map.color(of: map.classNumbers[$0]), classNumber: map.classNumbers[$0])
        }, legendTitle: "%", legend: map.legend, source: "bench").svg
      try Data(svg.utf8).write(to: folder.appendingPathComponent("bench.svg"))
    }
    let result = Result(
      name: name, areas: layer.areas.count, stages: stages, order: order, peakBytes: peakResidentBytes(),
      note: note)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    FileHandle.standardOutput.write(try encoder.encode(result))
    print()
  }

  static func writeTables(_ panel: Panel, to folder: URL) throws {
    let tables = BenchmarkData.tables(panel)
    try Data(tables.reports.utf8).write(to: folder.appendingPathComponent("reports.csv"))
    try Data(tables.population.utf8).write(to: folder.appendingPathComponent("population.csv"))
    try Data(tables.indicators.utf8).write(to: folder.appendingPathComponent("indicators.csv"))
    try Data(tables.achterstand.utf8).write(to: folder.appendingPathComponent("achterstand.csv"))
  }
}
