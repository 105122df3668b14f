import Foundation

/// An area → gemeente / region table such as the CBS *gemeenten koppeltabel*
/// (`gemeenteCode;gemeenteNaam;veiligheidsRegioCode;veiligheidsRegioNaam;provincieCode;Provincie`)
/// or a PC-4 → gemeente table. Every `...code` column besides the key defines a
/// region level named after it (`veiligheidsregio`, `provincie`), with the
/// names from the column that follows it.
public struct LookupTable: Sendable {
  /// PC-4 → gemeente code (a PC-4 keyed table).
  public var pc4ToGemeente: [String: String] = [:]
  /// gemeente code → name and province (a gemeente keyed table).
  public var gemeenteNames: [String: String] = [:]
  public var provinces: [String: String] = [:]
  public var regions: [RegionDefinition] = []
  /// Gemeente codes in table order.
  public var gemeenten: [String] = []
  public var source: String

  public init(_ table: RawTable) throws {
    source = table.source
    guard
      let keyColumn = table.columns.indices.first(where: { column in
        AreaKey.detectKind(fieldName: table.columns[column], values: table.rows.map { $0[column] })
          .map { $0 != .gemeenteName } ?? false
      })
    else {
      throw UserError(
        "no PC-4 or gemeente code column; columns are \(table.columns.joined(separator: ", "))",
        source: table.source, location: "line 1")
    }
    let keyKind = AreaKey.detectKind(
      fieldName: table.columns[keyColumn], values: table.rows.map { $0[keyColumn] })!
    func lower(_ i: Int) -> String { table.columns[i].lowercased() }
    if keyKind == .pc4 {
      guard
        let gemeenteColumn = table.columns.indices.first(where: { column in
          column != keyColumn
            && AreaKey.detectKind(
              fieldName: table.columns[column], values: table.rows.map { $0[column] })
              == .gemeenteCode
        })
      else {
        throw UserError(
          "a PC-4 lookup needs a gemeente code column; columns are \(table.columns.joined(separator: ", "))",
          source: table.source, location: "line 1")
      }
      for (row, line) in zip(table.rows, table.lineNumbers) {
        guard let pc4 = AreaKey.pc4(row[keyColumn]) else {
          throw UserError(
            "\"\(row[keyColumn])\" is not a PC-4", source: source, location: "line \(line)")
        }
        guard let gemeente = AreaKey.gemeenteCode(row[gemeenteColumn]) else {
          throw UserError(
            "\"\(row[gemeenteColumn])\" is not a gemeente code", source: source,
            location: "line \(line)")
        }
        if let previous = pc4ToGemeente[pc4], previous != gemeente {
          throw UserError(
            "PC-4 \(pc4) is listed under \(previous) and \(gemeente)", source: source,
            location: "line \(line)")
        }
        pc4ToGemeente[pc4] = gemeente
      }
      return
    }
    // Gemeente keyed: names, provinces and region columns.
    let nameColumn = table.columns.indices.first {
      $0 != keyColumn && lower($0).contains("gemeente") && lower($0).contains("na")
    }
    let provinceColumn = table.columns.indices.first {
      ["provincie", "province", "provincienaam", "provincie_naam"].contains(lower($0))
    }
    var regionColumns: [(name: String, code: Int, label: Int?)] = []
    for column in table.columns.indices where column != keyColumn && lower(column).hasSuffix("code")
    {
      let name = String(lower(column).dropLast(4)).trimmingCharacters(
        in: CharacterSet(charactersIn: "_ "))
      guard !name.isEmpty, !name.contains("gemeente") else { continue }
      // A column of wijk or PC-4 codes does not group gemeenten: not a region.
      guard AreaLevel(regionNamed: name) != nil else { continue }
      let next =
        column + 1 < table.columns.count && !lower(column + 1).hasSuffix("code") ? column + 1 : nil
      regionColumns.append((name, column, next))
    }
    // A `jaar` column: one assignment per year (a gemeente may move to another
    // Veilig Thuis region, as the CBS *gebieden in Nederland* tables of each year show).
    let yearColumn = table.columns.indices.first {
      ["jaar", "year", "peiljaar", "perioden"].contains(lower($0))
    }
    var regionOf = Array(repeating: [String: String](), count: regionColumns.count)
    var byYear = Array(repeating: [Int: [String: String]](), count: regionColumns.count)
    var latestYear = Array(repeating: [String: Int](), count: regionColumns.count)
    var regionNames = Array(repeating: [String: String](), count: regionColumns.count)
    var listed = Set<String>()
    for (row, line) in zip(table.rows, table.lineNumbers) {
      guard let code = AreaKey.gemeenteCode(row[keyColumn]) else {
        throw UserError(
          "\"\(row[keyColumn])\" is not a gemeente code", source: source, location: "line \(line)")
      }
      var year: Int? = nil
      if let yearColumn {
        let text = CellParser.trimmed(row[yearColumn])
        guard
          let parsed = CellParser.year(text)
            ?? StatLinePeriod(parsing: text).flatMap({ $0.kind == .year ? $0.year : nil })
        else {
          throw UserError(
            "year \"\(row[yearColumn])\" is not a year", source: source, location: "line \(line)")
        }
        year = parsed
      }
      if listed.insert(code).inserted { gemeenten.append(code) }
      if let nameColumn { gemeenteNames[code] = row[nameColumn] }
      if let provinceColumn { provinces[code] = row[provinceColumn] }
      for (i, region) in regionColumns.enumerated() {
        let regionCode = row[region.code].trimmingCharacters(in: .whitespaces)
        guard !regionCode.isEmpty else { continue }
        if let year {
          if let previous = byYear[i][year]?[code], previous != regionCode {
            throw UserError(
              "gemeente \(code) is in \(region.name) \(previous) and \(regionCode) in \(year)",
              source: source,
              location: "line \(line)")
          }
          byYear[i][year, default: [:]][code] = regionCode
          // Without a year (a table of other years): the latest assignment.
          if year >= latestYear[i][code] ?? Int.min {
            latestYear[i][code] = year
            regionOf[i][code] = regionCode
          }
        } else {
          if let previous = regionOf[i][code], previous != regionCode {
            throw UserError(
              "gemeente \(code) is in \(region.name) \(previous) and \(regionCode); give a jaar column when the assignment changes by year",
              source: source, location: "line \(line)")
          }
          regionOf[i][code] = regionCode
        }
        if let label = region.label { regionNames[i][regionCode] = row[label] }
      }
    }
    regions = regionColumns.indices.map {
      RegionDefinition(
        name: regionColumns[$0].name, regionOf: regionOf[$0], names: regionNames[$0],
        byYear: byYear[$0])
    }
  }
}
