import Foundation

/// Reads a table as StatLine publishes it into wijkstat's documented format
/// (`area,year,count`, `area,year,children`, `area,year,<indicator>...`):
///
/// - the OData v3 TypedDataSet (as JSON or CSV): `ID`, dimension columns holding
///   keys (`RegioS`, `WijkenEnBuurten`, `Perioden`, `Geslacht`, ...) padded with
///   spaces, topics `CamelCase_n`;
/// - the OData v4 long format: `Id, Measure, ValueAttribute, Value, <dimensions>`
///   (one row per figure, pivoted here; a `ValueAttribute` other than `None` makes
///   the figure missing with its reason);
/// - the web downloads "CSV met statistische symbolen" and "volgens tabelindeling":
///   dimension and topic *titles* as headers (`Regio's`, `Perioden`, `Meldingen
///   (aantal)`), a unit row under the header, values padded with spaces, `.` and
///   `x` markers, region and period titles, a `Bron: CBS` footer (the title rows
///   above the header are left out by the reader).
///
/// Periods (`Perioden`) become years (see `TableOptions.PeriodMode`); dimensions
/// besides region and period must be selected (`--where Geslacht=T001038`) when
/// they hold more than one value, so rows are never summed by accident. Topic
/// names lose their `_n` suffix (it changes between a table's versions).
///
/// Hand-written: no library reads StatLine's layouts; the rules come from the CBS
/// "Handleiding CBS Open Data Services" (v3), the OData v4 documentation of
/// odata4.cbs.nl and the layouts of StatLine's downloads.
public enum StatLineTable {
  /// The layouts recognised.
  public enum Layout: String, Sendable {
    case typedDataSet = "TypedDataSet"
    case long = "OData v4"
    case download = "StatLine download"
  }

  /// A table read: the documented-format table and what reading it did.
  public struct Prepared: Sendable {
    public var table: RawTable
    public var layout: Layout
    public var notes: [JoinNote]
    /// The count's unit named by the table (`meldingen` from a topic `Meldingen`), if any.
    public var unit: String?
    /// Years whose figures are provisional (`2023*`, voorlopig): shown beside
    /// the figures in the panel, maps and tables.
    public var provisionalYears: Set<Int> = []
  }

  /// Dimension column names of the region, as keys and as titles.
  static let regionColumns = [
    "regios", "regio's", "wijkenenbuurten", "wijken en buurten", "gemeenten", "regio", "regio s",
  ]
  /// `jaar`/`year` too: a hand-made table with a `RegioS` column and a year column.
  static let periodColumns = ["perioden", "periode", "jaar", "year"]
  static let idColumns = ["id"]
  /// Words a unit row holds under the topics (`aantal`, `%`, `x 1 000`, ...).
  static let unitWords = [
    "aantal", "%", "percentage", "x 1 000", "x 1000", "euro", "x 1 000 euro", "per 1 000 inwoners",
    "per 1 000", "per 1000", "jaar", "km²", "ha", "index", "promille", "‰",
  ]

  static func normalised(_ name: String) -> String {
    CellParser.trimmed(name).lowercased()
  }

  /// The layout of `table`, or nil when it is not a StatLine table (then it is
  /// read as it is). Looks at the column names only.
  public static func layout(of table: RawTable) -> Layout? {
    let names = Set(table.columns.map(normalised))
    if names.contains("measure"), names.contains("value"),
      names.contains(where: { periodColumns.contains($0) || regionColumns.contains($0) })
    {
      return .long
    }
    let hasRegion = table.columns.contains { regionColumns.contains(normalised($0)) }
    let hasPeriod = table.columns.contains { periodColumns.contains(normalised($0)) }
    // Without a region column only StatLine's own period names make a StatLine
    // table: `area,year,indicator_1,...` (wijkstat's own layout, as `bench`
    // writes it) is a plain table, though `year` and `_1` look like StatLine's.
    guard hasRegion || names.contains("perioden") || names.contains("periode") else { return nil }
    // TypedDataSet: key column names without spaces or quotes (RegioS, Perioden) and topics with `_n`.
    let typed =
      table.columns.contains { topicSuffix($0) != nil } || names.contains("regios")
      || names.contains("wijkenenbuurten")
    if typed, !names.contains("regio's") { return .typedDataSet }
    return hasRegion && hasPeriod || names.contains("regio's") ? .download : nil
  }

  /// `Meldingen_3` → 3; nil for names without such a suffix.
  static func topicSuffix(_ name: String) -> Int? {
    guard let underscore = name.lastIndex(of: "_") else { return nil }
    let digits = name[name.index(after: underscore)...]
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
      underscore > name.startIndex
    else { return nil }
    return Int(digits)
  }

  /// A topic's name without its `_n` suffix and without a trailing unit in
  /// brackets: `Meldingen_3` → `Meldingen`, `Meldingen (aantal)` → `Meldingen`.
  public static func topicName(_ column: String) -> String {
    var name = CellParser.trimmed(column)
    if topicSuffix(name) != nil, let underscore = name.lastIndex(of: "_") {
      name = String(name[..<underscore])
    }
    if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
      let inside = name[name.index(after: open)..<name.index(before: name.endIndex)].lowercased()
      if unitWords.contains(inside) { name = CellParser.trimmed(String(name[..<open])) }
    }
    return name
  }

  /// Whether the topic `column` is the one named `wanted` (case, `_n` suffix,
  /// unit and separators ignored: `TotaalMeldingen_4` is `totaal meldingen`).
  static func topic(_ column: String, is wanted: String) -> Bool {
    func squeezed(_ text: String) -> String {
      text.lowercased().filter { $0.isLetter || $0.isNumber }
    }
    return squeezed(topicName(column)) == squeezed(topicName(wanted))
      || normalised(column) == normalised(wanted)
  }

  /// Reads `table` as StatLine publishes it; nil when it is not a StatLine table.
  public static func prepare(_ table: RawTable, kind: TableKind, options: TableOptions) throws
    -> Prepared?
  {
    guard let layout = layout(of: table) else { return nil }
    var notes: [JoinNote] = []
    // The cells, trimmed of StatLine's padding, as a grid (StatLine tables are small).
    var columns = table.columns.map { CellParser.trimmed($0) }
    var rows: [[String]] = table.rows.map { $0.cells.map { CellParser.trimmed($0) } }
    var lines = table.lineNumbers
    func isFooter(_ row: [String]) -> Bool {
      guard let first = row.first else { return false }
      let lower = first.lowercased()
      return (lower.hasPrefix("bron:") || lower.hasPrefix("bron ") || lower == "bron")
        && row.dropFirst().allSatisfy(\.isEmpty)
    }
    if layout == .download {
      // The footer (`Bron: CBS`) and everything below it.
      if let footer = rows.firstIndex(where: isFooter) {
        rows.removeSubrange(footer...)
        lines.removeSubrange(footer...)
      }
      // A unit row under the header: units under the topics, the dimension cells empty.
      if let first = rows.first, first.contains(where: { !$0.isEmpty }),
        first.allSatisfy({ $0.isEmpty || unitWords.contains($0.lowercased()) })
      {
        for (j, unit) in first.enumerated() where !unit.isEmpty && j < columns.count {
          columns[j] = "\(columns[j]) (\(unit))"
        }
        rows.removeFirst()
        lines.removeFirst()
      }
    }
    if layout == .long {
      (columns, rows, lines) = try pivot(
        columns: columns, rows: rows, lines: lines, source: table.source)
    }
    let lowered = columns.map { $0.lowercased() }
    guard let regionColumn = lowered.firstIndex(where: { regionColumns.contains($0) }) else {
      throw UserError(
        "a StatLine \(layout.rawValue) without a region column (RegioS, WijkenEnBuurten, Regio's); columns are \(columns.joined(separator: ", "))",
        source: table.source, location: "line 1")
    }
    let periodColumn = lowered.firstIndex(where: { periodColumns.contains($0) })
    // A code column beside region titles (a download with codes, `Codering_3` in the Kerncijfers).
    var keyColumn = regionColumn
    let regionValues = rows.map { j in regionColumn < j.count ? j[regionColumn] : "" }
    if layout == .download, !looksLikeCodes(regionValues),
      let codes = columns.indices.first(where: { j in
        j != regionColumn && (lowered[j].contains("code") || lowered[j].hasPrefix("codering"))
          && looksLikeCodes(rows.map { j < $0.count ? $0[j] : "" })
      })
    {
      keyColumn = codes
    }
    // Dimensions and topics.
    var skipped: Set<Int> = [regionColumn, keyColumn]
    if let periodColumn { skipped.insert(periodColumn) }
    for (j, name) in lowered.enumerated() where idColumns.contains(name) { skipped.insert(j) }
    // The Kerncijfers' descriptive columns: names, kind of region, code.
    for (j, name) in lowered.enumerated() {
      let letters = topicName(name).lowercased().filter { $0.isLetter }
      if [
        "gemeentenaam", "soortregio", "codering", "indelingswijziging", "meestvoorkomendepostcode",
        "dekkingspercentage",
      ]
      .contains(where: { letters.hasPrefix($0) }) {
        skipped.insert(j)
      }
    }
    var dimensions: [Int] = []
    var topics: [Int] = []
    let suffixedTopics = columns.indices.contains {
      !skipped.contains($0) && topicSuffix(columns[$0]) != nil
    }
    for j in columns.indices where !skipped.contains(j) {
      let values = rows.map { j < $0.count ? $0[j] : "" }
      if isDimension(
        name: columns[j], values: values, layout: layout, suffixedTopics: suffixedTopics)
      {
        dimensions.append(j)
      } else {
        topics.append(j)
      }
    }
    // `-` is nihil in StatLine (CBS, "Verklaring van symbolen": nihil, i.e. none,
    // zero): in a StatLine table's figures it is read as 0 and counted in a note.
    // Only here: in any other table `-` stays missing, as it was.
    var nihil = 0
    for i in rows.indices {
      for j in topics where j < rows[i].count && rows[i][j] == "-" {
        rows[i][j] = "0"
        nihil += 1
      }
    }
    if nihil > 0 {
      notes.append(
        JoinNote(table: table.source, subject: "nihil", message: .noteNihil(count: nihil)))
    }
    // Dimensions: the user's choice, or their only value; never summed over.
    var keep = [Bool](repeating: true, count: rows.count)
    for j in dimensions {
      let name = columns[j]
      let selected = options.selections.first { topic(name, is: $0.key) }?.value
      var values: [String] = []
      var seen = Set<String>()
      for row in rows where seen.insert(row[j]).inserted { values.append(row[j]) }
      if let selected {
        let wanted = CellParser.trimmed(selected)
        guard values.contains(where: { $0.caseInsensitiveCompare(wanted) == .orderedSame }) else {
          throw UserError(
            "--where \(name)=\(selected): no such value; \(name) holds \(list(values))",
            source: table.source)
        }
        for (i, row) in rows.enumerated()
        where row[j].caseInsensitiveCompare(wanted) != .orderedSame { keep[i] = false }
        notes.append(
          JoinNote(
            table: table.source, subject: name,
            message: .noteOnlyValue(value: wanted, others: seen.count - 1)))
      } else if values.count > 1 {
        throw UserError(
          "\(name) is a dimension with \(values.count) values (\(list(values))): choose one with --where \(name)=\(values[0]) (or where: {\(name): \(values[0])} in the project); its rows are never summed",
          source: table.source)
      }
    }
    // Periods.
    var periods: [StatLinePeriod?] = []
    if let periodColumn {
      let selection: String? = options.selections.first(where: {
        ["perioden", "periode", "periods"].contains($0.key.lowercased())
      })
      .map { CellParser.trimmed($0.value) }
      for (i, row) in rows.enumerated() {
        guard let period = StatLinePeriod(parsing: row[periodColumn]) else {
          throw UserError(
            "period \"\(row[periodColumn])\" is not a StatLine period (2022JJ00, 2022HJ01, 2022KW03, 2022MM11, 2022, 1e halfjaar 2022, 2023*)",
            source: table.source, location: "line \(lines[i])")
        }
        if let selection, keep[i] {
          let upper = selection.uppercased()
          let matches =
            period.code == upper || (upper.count == 4 && period.code.hasSuffix(upper))
            || period.title == selection
          if !matches { keep[i] = false }
        }
        periods.append(period)
      }
      if let selection {
        notes.append(
          JoinNote(
            table: table.source, subject: "periods", message: .noteOnlyPeriods(selection: selection)
          ))
      }
    }
    // The value columns of the documented format.
    func chosen(_ wanted: String?, _ what: String, _ option: String) throws -> Int {
      if let wanted {
        guard let found = topics.first(where: { topic(columns[$0], is: wanted) }) else {
          throw UserError(
            "\(option) \(wanted): no such topic; topics are \(topics.map { topicName(columns[$0]) }.joined(separator: ", "))",
            source: table.source)
        }
        return found
      }
      guard topics.count == 1 else {
        throw UserError(
          "\(topics.count) topics (\(topics.map { topicName(columns[$0]) }.joined(separator: ", "))): say which holds the \(what) with \(option) NAME",
          source: table.source)
      }
      return topics[0]
    }
    var valueColumns: [(column: Int, name: String)]
    var unit: String? = nil
    switch kind {
    case .reports:
      let column = try chosen(options.countColumn, "counts", "--count-column")
      valueColumns = [(column, "count")]
      let name = topicName(columns[column]).lowercased()
      unit = [
        "meldingen", "adviezen", "casussen", "kinderen", "personen", "jongeren", "huishoudens",
      ].first { name.hasSuffix($0) || name.hasPrefix($0) }
    case .population:
      valueColumns = [
        (try chosen(options.childrenColumn, "children", "--children-column"), "children")
      ]
    case .indicators:
      valueColumns = topics.map { ($0, topicName(columns[$0])) }
    case .achterstand:
      valueColumns = [
        (
          topics.count == 1 ? topics[0] : try chosen(nil, "flags", "a single topic"),
          "achterstandswijk"
        )
      ]
    }
    // Rows into years.
    var out: [[String]] = []
    var outLines: [Int] = []
    var provisional = Set<Int>()
    if periodColumn == nil {
      for (i, row) in rows.enumerated() where keep[i] {
        out.append([row[keyColumn]] + valueColumns.map { row[$0.column] })
        outLines.append(lines[i])
      }
    } else {
      let selected = options.selections.keys.contains {
        ["perioden", "periode", "periods"].contains($0.lowercased())
      }
      // Group by key and year, in the table's order.
      var groups: [String: [Int]] = [:]
      var order: [String] = []
      for (i, row) in rows.enumerated() where keep[i] {
        let id = row[keyColumn] + "\u{1}" + String(periods[i]!.year)
        if groups[id] == nil { order.append(id) }
        groups[id, default: []].append(i)
      }
      var leftOut: [String: Int] = [:]
      var incomplete: [String] = []
      for id in order {
        let members = groups[id]!
        let year = periods[members[0]]!.year
        if let whole = members.first(where: { periods[$0]!.kind == .year })
          ?? (selected ? members.first : nil)
        {
          let row = rows[whole]
          out.append([row[keyColumn], String(year)] + valueColumns.map { row[$0.column] })
          outLines.append(lines[whole])
          if periods[whole]!.provisional { provisional.insert(year) }
          for m in members where m != whole { leftOut[periods[m]!.kind.rawValue, default: 0] += 1 }
          continue
        }
        // Only parts of the year.
        let kinds = Set(members.map { periods[$0]!.kind })
        let additive = kind == .reports
        guard additive, options.periods == .years, kinds.count == 1, let partKind = kinds.first
        else {
          for m in members { leftOut[periods[m]!.kind.rawValue, default: 0] += 1 }
          continue
        }
        let parts = Set(members.map { periods[$0]!.part })
        guard parts.count == partKind.partsPerYear, members.count == partKind.partsPerYear else {
          incomplete.append(
            "\(rows[members[0]][keyColumn]) \(year) (\(members.map { periods[$0]!.title }.joined(separator: ", ")))"
          )
          continue
        }
        // A complete year: the sum of its parts; a part without a figure leaves the year without one.
        var cells: [String] = []
        for (column, _) in valueColumns {
          var total = 0.0
          var missing: String? = nil
          for m in members {
            let cell = rows[m][column]
            switch options.specialValues.value(ofCell: cell) {
            case .number(let value): total += value
            case .missing: missing = missing ?? (cell.isEmpty ? "." : cell)
            case .invalid:
              throw UserError(
                "\"\(cell)\" is not a number", source: table.source, location: "line \(lines[m])")
            }
          }
          cells.append(missing ?? CSVText.number(total))
        }
        out.append([rows[members[0]][keyColumn], String(year)] + cells)
        outLines.append(lines[members[0]])
        if members.contains(where: { periods[$0]!.provisional }) { provisional.insert(year) }
        notes.append(
          JoinNote(
            table: table.source, subject: "periods",
            message: .noteYearSum(key: rows[members[0]][keyColumn], year: year, kind: partKind)))
      }
      // One note per kind of rows left out, and one for the incomplete years.
      for (code, count) in leftOut.sorted(by: { $0.key < $1.key }) {
        let reason: Message.NoteReason =
          kind == .reports && options.periods == .years
          ? .yearsWhole : kind == .reports ? .yearOnly : .notAdditive(kind)
        notes.append(
          JoinNote(
            table: table.source, subject: "periods",
            message: .noteRowsNotUsed(
              count: count, kind: StatLinePeriod.Kind(rawValue: code) ?? .year, reason: reason)))
      }
      if !incomplete.isEmpty {
        notes.append(
          JoinNote(
            table: table.source, subject: "periods",
            message: .noteIncompleteYears(
              count: incomplete.count,
              list:
                "\(incomplete.prefix(5).joined(separator: "; "))\(incomplete.count > 5 ? "; ..." : "")"
            )))
      }
      for year in provisional.sorted() {
        notes.append(
          JoinNote(table: table.source, subject: "periods", message: .noteProvisional(year: year)))
      }
    }
    // Collapse the per-year sum notes into one line per table.
    let sums = notes.filter { $0.subject == "periods" && $0.text.contains(": sum of ") }
    if sums.count > 1 {
      notes.removeAll { $0.subject == "periods" && $0.text.contains(": sum of ") }
      let example = sums[0].message ?? .noteProvisional(year: 0)
      notes.append(
        JoinNote(
          table: table.source, subject: "periods",
          message: .noteAreaYearsSummed(count: sums.count, example: example)))
    }
    let header =
      periodColumn == nil
      ? ["area"] + valueColumns.map(\.name) : ["area", "year"] + valueColumns.map(\.name)
    let result = RawTable(source: table.source, columns: header, rows: out, lineNumbers: outLines)
    return Prepared(
      table: result, layout: layout, notes: notes, unit: options.unit == nil ? unit : nil,
      provisionalYears: provisional)
  }

  /// `a, b, c, ... (12)`: the first values of a list, for messages.
  static func list(_ values: [String]) -> String {
    values.prefix(8).joined(separator: ", ") + (values.count > 8 ? ", ... (\(values.count))" : "")
  }

  /// Whether most values are area codes (`GM0363`, `VT01`, `PV20`, `NL01`, `WK036301`).
  static func looksLikeCodes(_ values: [String]) -> Bool {
    let present = values.filter { !$0.isEmpty }
    guard !present.isEmpty else { return false }
    let codes = present.filter { value in
      let bytes = Array(value.utf8)
      return bytes.count >= 4 && bytes.count <= 10 && bytes[0] >= 65 && bytes[0] <= 90
        && bytes[1] >= 65 && bytes[1] <= 90
        && bytes[2...].allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }
    }.count
    return Double(codes) >= 0.8 * Double(present.count)
  }

  /// A dimension holds keys or titles, not figures: in a TypedDataSet a column
  /// without the `_n` suffix every topic has; elsewhere a column whose values are
  /// mostly not numbers (markers aside).
  static func isDimension(name: String, values: [String], layout: Layout, suffixedTopics: Bool)
    -> Bool
  {
    // Keys may look like numbers (Leeftijd `10000`, Geslacht `3000`): the name
    // decides, when the table's topics carry the suffix at all.
    if layout == .typedDataSet, suffixedTopics { return topicSuffix(name) == nil }
    let present = values.filter { !CellParser.isMissingMarker($0) }
    guard !present.isEmpty else { return false }
    let text = present.filter { CellParser.number($0).number == nil }.count
    return Double(text) >= 0.8 * Double(present.count)
  }

  /// OData v4's long rows into one row per key and period with a column per
  /// measure. `ValueAttribute` `Confidential` becomes `x`, `Missing` `.`,
  /// `Impossible` `n.v.t.`; any other attribute but `None` is not available.
  static func pivot(columns: [String], rows: [[String]], lines: [Int], source: String) throws -> (
    [String], [[String]], [Int]
  ) {
    let lowered = columns.map { $0.lowercased() }
    guard let measure = lowered.firstIndex(of: "measure"),
      let value = lowered.firstIndex(of: "value")
    else {
      throw UserError(
        "an OData v4 table needs Measure and Value columns", source: source, location: "line 1")
    }
    let attribute = lowered.firstIndex(of: "valueattribute")
    let ignored: Set<Int> = Set(
      [measure, value]
        + [attribute, lowered.firstIndex(of: "id"), lowered.firstIndex(of: "stringvalue")]
        .compactMap { $0 })
    let dimensions = columns.indices.filter { !ignored.contains($0) }
    var measures: [String] = []
    var measureIndex: [String: Int] = [:]
    var keys: [String: Int] = [:]
    var outRows: [[String]] = []
    var outLines: [Int] = []
    var cells: [[String?]] = []
    for (i, row) in rows.enumerated() {
      let name = row[measure]
      if measureIndex[name] == nil {
        measureIndex[name] = measures.count
        measures.append(name)
      }
      let key = dimensions.map { row[$0] }.joined(separator: "\u{1}")
      let index: Int
      if let known = keys[key] {
        index = known
      } else {
        index = outRows.count
        keys[key] = index
        outRows.append(dimensions.map { row[$0] })
        outLines.append(lines[i])
        cells.append([])
      }
      var text = row[value]
      if let attribute {
        switch row[attribute].lowercased() {
        case "", "none": break
        case "confidential": text = "x"
        case "impossible": text = "n.v.t."
        default: text = "."
        }
      }
      let m = measureIndex[name]!
      while cells[index].count <= m { cells[index].append(nil) }
      if cells[index][m] != nil {
        throw UserError(
          "a second figure of \(name) for \(key.replacingOccurrences(of: "\u{1}", with: " "))",
          source: source, location: "line \(lines[i])")
      }
      cells[index][m] = text
    }
    let header = dimensions.map { columns[$0] } + measures
    let pivoted = outRows.enumerated().map { i, dims in
      dims + (0..<measures.count).map { m in m < cells[i].count ? cells[i][m] ?? "" : "" }
    }
    return (header, pivoted, outLines)
  }
}
