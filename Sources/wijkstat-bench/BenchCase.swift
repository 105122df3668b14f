import Foundation
import LAPACKBridge
import WijkstatBenchData
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

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

  /// Writes the inputs of case `spec` (`real` or `synthetic:N`) into `folder`:
  /// the boundaries (for a tessellation) and the four CSV tables of a 7-year,
  /// 3-age-group panel with 10 indicators, streamed row by row. Runs in its own
  /// process before the timed runs, so their peak memory is their own.
  static func prepare(_ spec: String, pc4: String, folder: URL) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let years = Array(2003...2009)
    let codes: [String]
    let level: AreaLevel
    if let count = syntheticCount(spec) {
      let tessellation = BenchmarkData.tessellation(count: count)
      try VectorWriter.writeGeoPackage(
        [
          OutputLayer(
            name: "areas", fields: [AttributeField("pc6", .text)],
            geometries: tessellation.geometries, rows: tessellation.codes.map { [.text($0)] })
        ],
        to: folder.appendingPathComponent("areas.gpkg").path)
      codes = tessellation.codes
      level = .pc6
    } else {
      codes = try BoundaryReader.read(pc4).layer.areas.map(\.code)
      level = .pc4
    }
    let names = ["reports", "population", "indicators", "achterstand"]
    let writers = try names.map {
      try BufferedTextFile(folder.appendingPathComponent("\($0).csv").path)
    }
    for (writer, header) in zip(writers, BenchmarkData.tableHeaders) { try writer.write(header) }
    try BenchmarkData.forEachRow(codes: codes, level: level, years: years) { row in
      for (writer, line) in zip(writers, BenchmarkData.tableLines(row)) { try writer.write(line) }
    }
    for writer in writers { try writer.close() }
  }

  static func syntheticCount(_ spec: String) -> Int? {
    spec.hasPrefix("synthetic:") ? Int(spec.dropFirst("synthetic:".count)) : nil
  }

  /// Times case `spec` on the inputs `prepare` wrote into `folder`.
  static func runChild(_ spec: String, pc4: String, folder: URL) throws {
    var stages: [String: Double] = [:]
    var order: [String] = []
    func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
      let (value, seconds) = try measure(body)
      stages[name] = seconds
      order.append(name)
      return value
    }
    var boundaryPath = pc4
    var name = "real PC-4"
    let note = "7 years × 3 age groups, 10 indicators, through CSV and the join"
    var level = AreaLevel.pc4
    if let count = syntheticCount(spec) {
      level = .pc6
      name = "tessellation \(count)"
      boundaryPath = folder.appendingPathComponent("areas.gpkg").path
    }

    let boundaries = try stage("read boundaries") { try BoundaryReader.read(boundaryPath) }
    let layer = boundaries.layer
    let tables = try stage("read tables") {
      try ["reports", "population", "indicators"].map {
        try TableReader.read(folder.appendingPathComponent("\($0).csv").path)
      }
    }
    let panel = try stage("join") {
      try PanelBuilder.build(
        PanelSources(
          catalogs: [layer.level: AreaCatalog(layer)], reports: [LevelledTable(tables[0])],
          population: [LevelledTable(tables[1])], indicators: [LevelledTable(tables[2])])
      ).panel
    }
    let latest = panel.years.last!
    stage("correlations, contrast") {
      _ = CorrelationAnalysis(panel: panel, levels: [level])
      _ = ContrastAnalysis(panel: panel, level: level)
    }
    let weights = try stage("queen weights") { try AreaWeights(layer: layer, kind: .queen) }
    stage("EB rates") { _ = SmallAreaRates(panel: panel, level: level, weights: weights) }
    stage("count models (Poisson + NB2, 10 indicators, 1 year)") {
      var options = CountModelAnalysis.Options(permutations: 0)
      options.crude = false
      _ = CountModelAnalysis(
        panel: panel, level: level, years: [latest], options: options, algebra: LAPACK())
    }
    let rows = panel.rows(level: level, year: latest)
    let values = rows.map { $0.pctReported() ?? .nan }
    stage("Moran 99 permutations") {
      let keep = values.indices.filter { values[$0].isFinite }
      _ = MoranGlobal.compute(
        values: keep.map { values[$0] },
        weights: weights.restricted(to: keep.map { rows[$0].area }),
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
        code: map.entries[i].code, name: nil, geometry: map.entries[i].geometry,
        value: map.entries[i].value,
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
        title: "bench",
        areas: map.entries.indices.map {
          SVGMap.Area(
            code: map.entries[$0].code, geometry: map.entries[$0].geometry,
            fill: map.color(of: map.classNumbers[$0]), classNumber: map.classNumbers[$0])
        }, legendTitle: "%", legend: map.legend, source: "bench"
      ).svg
      try Data(svg.utf8).write(to: folder.appendingPathComponent("bench.svg"))
    }
    let result = Result(
      name: name, areas: layer.areas.count, stages: stages, order: order,
      peakBytes: peakResidentBytes(),
      note: note)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    FileHandle.standardOutput.write(try encoder.encode(result))
    print()
  }
}

/// A text file written through a 1 MiB buffer (the benchmark's tables run to
/// hundreds of megabytes).
final class BufferedTextFile {
  let handle: FileHandle
  var buffer: [UInt8] = []
  init(_ path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else {
      throw UserError("cannot create the file", source: path)
    }
    self.handle = handle
    buffer.reserveCapacity(1 << 20)
  }
  func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 20 { try flush() }
  }
  func flush() throws {
    try handle.write(contentsOf: buffer)
    buffer.removeAll(keepingCapacity: true)
  }
  func close() throws {
    try flush()
    try handle.close()
  }
}
