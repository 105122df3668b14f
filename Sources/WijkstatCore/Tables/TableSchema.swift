import Foundation

/// The kinds of table wijkstat joins, with their documented long formats.
public enum TableKind: String, Sendable, CaseIterable {
  /// `area,year,age_group,count` (+ optional `sex`, `kind`).
  case reports
  /// `area,year,age_group,children`.
  case population
  /// `area,year,<indicator>...` (wide) or `area,year,indicator,value` (long).
  case indicators
  /// `area,year,achterstandswijk`.
  case achterstand
}

/// Which column of a table plays which part. Column names are matched
/// case-insensitively against the documented names and common Dutch ones.
public struct TableSchema: Sendable, Equatable {
  public var area: Int
  public var year: Int?
  public var ageGroup: Int?
  /// `count` for reports, `children` for population, `value` for long indicators,
  /// `achterstandswijk` for achterstand.
  public var value: Int?
  /// Long indicator tables: the column naming the indicator.
  public var indicatorName: Int?
  /// Wide indicator tables: (column, indicator name).
  public var indicators: [(Int, String)]
  public var sex: Int?
  public var kind: Int?
  public var province: Int?
  public var name: Int?

  public static func == (a: TableSchema, b: TableSchema) -> Bool {
    a.area == b.area && a.year == b.year && a.ageGroup == b.ageGroup && a.value == b.value
      && a.indicatorName == b.indicatorName && a.indicators.map(\.0) == b.indicators.map(\.0)
  }

  static let areaNames = [
    "area", "gebied", "pc4", "postcode", "pc4code", "postcode4", "gemeentecode", "gemeente_code",
    "gm_code", "gwb_code", "code", "regio", "regiocode", "key", "gemeente", "municipality",
    "gemeentenaam", "gemeente_naam",
  ]
  static let yearNames = ["year", "jaar", "peiljaar", "jaartal", "periode"]
  static let ageNames = [
    "age_group", "agegroup", "age", "leeftijd", "leeftijdsgroep", "leeftijdscategorie",
  ]
  static let countNames = [
    "count", "reported", "aantal", "gemeld", "meldingen", "aantal_gemeld", "gemelde_kinderen",
  ]
  static let childrenNames = [
    "children", "kinderen", "population", "bevolking", "aantal_kinderen", "inwoners_0_17",
  ]
  static let achterstandNames = [
    "achterstandswijk", "achterstand", "aandachtswijk", "krachtwijk", "deprived",
  ]
  static let provinceNames = ["provincie", "province"]
  static let nameNames = ["name", "naam", "gemeentenaam", "gemeente_naam"]

  /// Recognises the columns of `table` as a table of `kind`. The area column is
  /// `keyColumn` when given; else, for a table given at a level of CBS codes
  /// (`wijk=FILE`), the first column holding that level's codes (a wijk table
  /// also has `gemeentecode`); else the first documented key name present or,
  /// failing that, the first column whose values are area keys.
  public static func recognise(
    _ table: RawTable, as kind: TableKind, keyColumn: String? = nil, level: AreaLevel? = nil
  ) throws -> TableSchema {
    func find(_ names: [String]) -> Int? {
      for name in names { if let i = table.columnIndex(name) { return i } }
      return nil
    }
    var area: Int? = nil
    if let keyColumn {
      guard let index = table.columnIndex(keyColumn) else {
        throw UserError(
          "no column \"\(keyColumn)\" (--key); columns are \(table.columns.joined(separator: ", "))",
          source: table.source, location: "line 1")
      }
      area = index
    } else if let level, level != .pc4, level != .pc6, let wanted = AreaKeyKind.code(of: level) {
      area = table.columns.indices.first { column in
        let values = table.rows.prefix(200).map { $0[column] }.filter {
          !CellParser.trimmed($0).isEmpty
        }
        return !values.isEmpty
          && Double(values.filter { AreaKey.normalise($0, as: wanted) != nil }.count) >= 0.95
            * Double(values.count)
          && (wanted != .gemeenteCode
            || AreaKey.detectKind(fieldName: table.columns[column], values: values) == .gemeenteCode)
      }
    }
    func require(_ names: [String], _ what: String) throws -> Int {
      guard let i = find(names) else {
        throw UserError(
          "no \(what) column in this \(kind.rawValue) table (looked for \(names.prefix(4).joined(separator: ", ")), ...); columns are \(table.columns.joined(separator: ", "))",
          source: table.source, location: "line 1")
      }
      return i
    }
    if area == nil { area = find(areaNames) }
    if area == nil {
      area = table.columns.indices.first { column in
        AreaKey.detectKind(
          fieldName: table.columns[column], values: table.rows.prefix(200).map { $0[column] })
          != nil
      }
    }
    guard let area else {
      throw UserError(
        "no area key column (area, pc4, gemeentecode, gemeente, ...); columns are \(table.columns.joined(separator: ", "))",
        source: table.source, location: "line 1")
    }
    // A name column next to a code column is a name, not a second key.
    var name = find(nameNames)
    if name == area { name = nil }
    var schema = TableSchema(
      area: area, year: find(yearNames), ageGroup: nil, value: nil, indicatorName: nil,
      indicators: [], sex: find(["sex", "geslacht"]), kind: find(["kind", "soort", "type"]),
      province: find(provinceNames), name: name)
    switch kind {
    case .reports:
      schema.year = try require(yearNames, "year")
      schema.ageGroup = find(ageNames)
      schema.value = try require(countNames, "count")
    case .population:
      schema.year = try require(yearNames, "year")
      schema.ageGroup = find(ageNames)
      schema.value = try require(childrenNames, "children")
    case .achterstand:
      schema.value = try require(achterstandNames, "achterstandswijk")
    case .indicators:
      if let indicator = find(["indicator", "variabele", "variable"]),
        let value = find(["value", "waarde"])
      {
        schema.indicatorName = indicator
        schema.value = value
      } else {
        let used = Set([schema.area, schema.year, schema.province, schema.name].compactMap { $0 })
        let skipped = Set(["rank", "rang", "nr", "volgnummer", "fid", "id"])
        schema.indicators = table.columns.indices.filter {
          !used.contains($0)
            && !skipped.contains(
              table.columns[$0].trimmingCharacters(in: .whitespaces).lowercased())
        }.map { ($0, table.columns[$0].trimmingCharacters(in: .whitespaces)) }
        if schema.indicators.isEmpty {
          throw UserError(
            "no indicator columns besides the key and year", source: table.source,
            location: "line 1")
        }
      }
    }
    return schema
  }
}
