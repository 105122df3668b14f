import Foundation

// The join, step 3: summing counts and populations up the levels.

extension PanelBuilder.State {
  /// Sums reported and/or children (`which`) of `from` into `to` via
  /// `parentOf`. A parent whose parts have the value only partly is flagged in
  /// the join report.
  mutating func sumUp(
    from: AreaLevel, to: AreaLevel, parentOf: [String: String], which: Grids<Bool>,
    byYear: ((Int?) -> [String: String])? = nil
  ) throws {
    sumsMade.append((from, to))
    if which.reported { reportsSummedFrom[to] = from }
    let fromCodes = catalogs[from]?.codes ?? []
    // Fictive water buurten (no inhabitants), and wijken made of them only, are
    // not expected to have counts.
    var waterOnly = Set<String>()
    if from == .buurt || from == .wijk, let buurten = catalogs[.buurt]?.codes {
      var land = Set<String>()
      var water = Set<String>()
      for code in buurten {
        guard let buurt = AreaCode(code, level: .buurt) else { continue }
        let key = from == .buurt ? buurt.code : buurt.parent!.code
        if buurt.isFictiveWaterBuurt { water.insert(key) } else { land.insert(key) }
      }
      waterOnly = water.subtracting(land)
    }
    // Per year when the assignment changes by year (a lookup with `jaar`),
    // else one for every year (key nil).
    let mapYears: [Int?] =
      byYear == nil || years.isEmpty ? [nil] : years.sorted().map { Optional($0) }
    var partsPerParent: [Int?: [String: Int]] = [:]
    // The parent of every interned area of level `from`, by id (−1: none).
    var parentIDs: [Int?: [Int32]] = [:]
    for mapYear in mapYears {
      let map = byYear?(mapYear) ?? parentOf
      var parts: [String: Int] = [:]
      for code in fromCodes where !waterOnly.contains(code) {
        if let parent = map[code] { parts[parent, default: 0] += 1 }
      }
      partsPerParent[mapYear] = parts
      var parentID = [Int32](repeating: -1, count: areaTable.count)
      for (id, entry) in areaTable.enumerated() where entry.level == from {
        if let parent = map[entry.code] { parentID[id] = areaID(to, parent) }
      }
      parentIDs[mapYear] = parentID
    }
    let yearly = mapYears != [nil]
    func sums(_ grid: CellGrid<Double>) -> (values: CellGrid<Double>, counts: CellGrid<Double>) {
      var values = CellGrid<Double>(slots: 4)
      var counts = CellGrid<Double>(slots: 4)
      grid.forEach { area, column, slot, value in
        let year = grid.years[column]
        guard let parentID = parentIDs[yearly ? year : nil] ?? parentIDs[mapYears[0]],
          Int(area) < parentID.count, parentID[Int(area)] >= 0
        else { return }
        let into = values.column(for: year)
        _ = counts.column(for: year)
        values.add(value, area: parentID[Int(area)], column: into, slot: slot)
        counts.add(1, area: parentID[Int(area)], column: into, slot: slot)
      }
      return (values, counts)
    }
    // Incomplete sums, in a stable order (code, year) for reproducible reports.
    var incomplete: [(code: String, year: Int, count: Int, expected: Int, what: String)] = []
    func incompleteParts(_ withValue: CellGrid<Double>, _ what: String) {
      withValue.forEach { area, column, slot, count in
        guard slot == AgeGroup.all.index else { return }
        let code = areaTable[Int(area)].code
        let year = withValue.years[column]
        let expected =
          (partsPerParent[yearly ? year : nil] ?? partsPerParent[mapYears[0]])?[code]
          ?? Int(count)
        if Int(count) < expected { incomplete.append((code, year!, Int(count), expected, what)) }
      }
    }
    // Parts that have counts but no children, or children but no counts, in a
    // cell (year and age group) of a parent that gets both summed from them:
    // the two sums would cover different parts (QA Q13, session 6), so that
    // parent's children are left empty (no rate) and the parts are named.
    var lacking: [ParentCell: (reportsOnly: [String], childrenOnly: [String])] = [:]
    if which.reported && which.children {
      let allYears = Array(Set(reported.years + children.years))
      for (id, entry) in areaTable.enumerated()
      where entry.level == from && !waterOnly.contains(entry.code) {
        for year in allYears {
          guard let parentID = parentIDs[yearly ? year : nil] ?? parentIDs[mapYears[0]],
            id < parentID.count,
            parentID[id] >= 0
          else { continue }
          for slot in 0..<4 {
            let hasReports = reported.value(area: Int32(id), year: year, slot: slot) != nil
            let hasChildren = children.value(area: Int32(id), year: year, slot: slot) != nil
            guard hasReports != hasChildren else { continue }
            let cell = ParentCell(parent: parentID[id], year: year, slot: slot)
            if hasReports {
              lacking[cell, default: ([], [])].reportsOnly.append(entry.code)
            } else {
              lacking[cell, default: ([], [])].childrenOnly.append(entry.code)
            }
          }
        }
      }
    }
    if which.reported {
      let (sumsReported, withValue) = sums(reported)
      sumsReported.forEach { area, column, slot, value in
        reported.set(
          value, area: area, column: reported.column(for: sumsReported.years[column]), slot: slot)
      }
      incompleteParts(withValue, "reports")
    }
    if which.children {
      let (sumsChildren, withValue) = sums(children)
      sumsChildren.forEach { area, column, slot, value in
        children.set(
          value, area: area, column: children.column(for: sumsChildren.years[column]), slot: slot)
      }
      // Counts summed from elsewhere over children summed from parts of the
      // area: a missing part is said, and the children are left empty (the
      // rate would be too high).
      if !which.reported {
        incompleteParts(withValue, "a population")
        withValue.forEach { area, column, slot, count in
          let year = withValue.years[column]
          let expected =
            (partsPerParent[yearly ? year : nil] ?? partsPerParent[mapYears[0]])?[
              areaTable[Int(area)].code] ?? Int(count)
          guard Int(count) < expected, reported.value(area: area, year: year, slot: slot) != nil,
            let into = children.columnIndex(of: year)
          else { return }
          children.set(nil, area: area, column: into, slot: slot)
        }
      }
    }
    var mismatches: [(code: String, year: Int, text: String)] = []
    for (cell, parts) in lacking {
      guard reported.value(area: cell.parent, year: cell.year, slot: cell.slot) != nil,
        let into = children.columnIndex(of: cell.year)
      else { continue }
      children.set(nil, area: cell.parent, column: into, slot: cell.slot)
      guard cell.slot == AgeGroup.all.index, let year = cell.year else { continue }
      func named(_ codes: [String]) -> String {
        let sorted = codes.sorted()
        return sorted.prefix(5).joined(separator: ", ")
          + (sorted.count > 5 ? " and \(sorted.count - 5) more" : "")
      }
      var said: [String] = []
      if !parts.reportsOnly.isEmpty {
        said.append(
          "\(from) \(named(parts.reportsOnly)) \(parts.reportsOnly.count == 1 ? "has" : "have") reports but no population"
        )
      }
      if !parts.childrenOnly.isEmpty {
        said.append(
          "\(from) \(named(parts.childrenOnly)) \(parts.childrenOnly.count == 1 ? "has" : "have") a population but no reports"
        )
      }
      mismatches.append(
        (
          areaTable[Int(cell.parent)].code, year,
          said.joined(separator: "; ")
            + " in \(year): the sums of reports and children cover different parts, children left empty (no rate)"
        ))
    }
    for entry in mismatches.sorted(by: { ($0.code, $0.year) < ($1.code, $1.year) }) {
      report.issues.append(
        JoinIssue(
          level: to, side: .aggregate, key: entry.code, reason: .incompleteAggregate,
          suggestion: entry.text,
          source: "sum of \(from)"))
    }
    for entry in incomplete.sorted(by: { ($0.code, $0.year) < ($1.code, $1.year) }) {
      report.issues.append(
        JoinIssue(
          level: to, side: .aggregate, key: entry.code, reason: .incompleteAggregate,
          suggestion:
            "\(entry.count) of \(entry.expected) \(from) areas have \(entry.what) in \(entry.year)",
          source: "sum of \(from)"))
    }
    // PC-4s outside every gemeente (and wijken or buurten whose code names no
    // parent) are not silently dropped.
    if from == .pc4 || from == .wijk || from == .buurt {
      for code in fromCodes where parentOf[code] == nil {
        report.issues.append(
          JoinIssue(
            level: from, side: .boundaries, key: code, reason: .notInBoundaries,
            suggestion: "lies in no \(to)", source: catalogs[from]?.source ?? ""))
      }
    }
    // Areas whose parent (by their code) is not among the parent level's
    // boundaries: their counts reach no row, which is said.
    if from == .wijk || from == .buurt, let parents = catalogs[to] {
      for code in fromCodes {
        guard let parent = parentOf[code], !parents.contains(parent) else { continue }
        report.issues.append(
          JoinIssue(
            level: from, side: .boundaries, key: code, reason: .notInBoundaries,
            suggestion: "its \(to) \(parent) is not in \(parents.source)",
            source: catalogs[from]?.source ?? ""))
      }
    }
  }
}
