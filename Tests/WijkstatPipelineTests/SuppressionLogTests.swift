import GLPKBridge
import Testing
import WijkstatCore

@testable import WijkstatPipeline

/// The compact suppression log (`internal/suppression-SuppressionLog.text(log)`): one row per
/// area-year with a withheld cell, a short code per age group. The expected
/// logs are written out by hand from the panels' withheld cells, whose reasons
/// SuppressionTests and IntervalAttackTests work out.
@Suite struct SuppressionLogTests {
  func row(
    _ level: AreaLevel, _ area: String, all: Double, parts: [Double]? = nil,
    children: Double = 1000
  ) -> PanelRow {
    var reported: AgeCounts = [.all: all]
    var population: AgeCounts = [.all: children]
    if let parts {
      for (n, group) in AgeGroup.parts.enumerated() {
        reported[group] = parts[n]
        population[group] = children / 3
      }
    }
    return PanelRow(
      level: level, area: area, gemeente: "GM0001", year: 2009, reported: reported,
      children: population)
  }

  /// A: 2 (below 5) and, with the total published, 10 for it (reveals 0-3);
  /// B: 30 children (< 50); with the gemeente total, the smallest published
  /// total of the others, A's 32 (before C's 60 and D's 40), for B: every reason
  /// of `init` once.
  @Test func everyPrimaryAndSimpleSecondaryReasonHasItsCode() {
    let panel = Panel(
      rows: [
        row(.gemeente, "GM0001", all: 32 + 6 + 60 + 40, children: 4030),
        row(.pc4, "A", all: 32, parts: [2, 10, 20]),
        row(.pc4, "B", all: 6, children: 30),
        row(.pc4, "C", all: 60),
        row(.pc4, "D", all: 40),
      ], indicatorNames: [])
    let s = Suppression(panel: panel, rule: SuppressionRule())
    #expect(s.entries.count == 4)
    #expect(
      SuppressionLog.text(s) == """
        level,area,year,0-3,4-7,8-17,0-17
        pc4,A,2009,c,a0-3,,gB
        pc4,B,2009,,,,n30

        """)
  }

  /// IntervalAttackTests' gemeente of two small areas: A (2) and B (1) below 5;
  /// the interval attack withholds C for A and the gemeente total for B.
  @Test func protectionIntervalsNameTheirCell() {
    let panel = Panel(
      rows: [
        row(.gemeente, "GM0001", all: 30, children: 3000), row(.pc4, "A", all: 2),
        row(.pc4, "B", all: 1), row(.pc4, "C", all: 27),
      ], indicatorNames: [])
    var s = Suppression(panel: panel, rule: SuppressionRule())
    _ = s.secureIntervals(panel: panel, solver: GLPKSolver())
    #expect(
      SuppressionLog.text(s) == """
        level,area,year,0-3,4-7,8-17,0-17
        pc4,A,2009,,,,c
        pc4,B,2009,,,,c
        pc4,C,2009,,,,ppc4 A 2009 0-17
        gemeente,GM0001,2009,,,,ppc4 B 2009 0-17

        """)
  }

  /// The code of each kind of reason, given by hand: a protection interval
  /// within the same area-year (`p` and its age group), of another year or
  /// another level (the whole key), and the figures the words carry.
  @Test func codesOfSingleReasons() {
    func code(_ reason: Suppression.Reason, year: Int = 2009) -> String {
      SuppressionLog.code(reason, level: .pc4, area: "3512", year: year)
    }
    func key(_ table: String, _ year: Int) -> PublishedCells.Key {
      .init(table: table, area: "3512", year: year, group: .age4to7)
    }
    #expect(code(.countBelow(minimum: 10)) == "c")
    #expect(code(.tooFewChildren(minimum: 100, children: 12.5)) == "n12.5")
    #expect(code(.revealsAgeGroup(.age8to17)) == "a8-17")
    #expect(code(.revealsArea("3511")) == "g3511")
    #expect(code(.protectionInterval(of: key("pc4", 2009))) == "p4-7")
    #expect(code(.protectionInterval(of: key("pc4", 2008))) == "ppc4 3512 2008 4-7")
    #expect(code(.protectionInterval(of: key("gemeente", 2009))) == "pgemeente 3512 2009 4-7")
    // The words, as the log in words had them.
    #expect(
      Suppression.Reason.tooFewChildren(minimum: 100, children: 12.5).text
        == "fewer than 100 children (12.5)")
    #expect(
      Suppression.Reason.protectionInterval(of: key("pc4", 2008)).text
        == "secondary: protection interval of pc4 3512 2008 4-7")
    var log = Suppression(panel: Panel(rows: [], indicatorNames: []), rule: SuppressionRule())
    #expect(SuppressionLog.text(log) == "level,area,year,0-3,4-7,8-17,0-17\n")
    log = Suppression(
      panel: Panel(rows: [row(.pc4, "3512", all: 1)], indicatorNames: []),
      rule: SuppressionRule(minimumCount: 2))
    #expect(SuppressionLog.text(log).hasSuffix("pc4,3512,2009,,,,c\n"))
  }

  /// The log says what the one-row-per-cell log in words said: on a random
  /// panel (3 years, 7 gemeenten, 400 PC-4s of small counts, secured by the
  /// interval attack), every row decoded back to cells and reasons in words
  /// gives exactly the entries, cell for cell; and it is written the same in
  /// chunks of any size.
  @Test func decodedItIsTheEntries() throws {
    var random = SeededRandom(seed: 9)
    var rows: [PanelRow] = []
    for year in [2008, 2009] {
      var sums = [String: Double]()
      for n in 0..<150 {
        let gemeente = "GM000\(n % 7)"
        var reported = AgeCounts()
        var children = AgeCounts()
        for group in AgeGroup.parts {
          children[group] = Double(Int.random(in: 5...400, using: &random))
          reported[group] = Double(Int.random(in: 0...12, using: &random))
        }
        children[.all] = AgeGroup.parts.reduce(0) { $0 + children[$1]! }
        reported[.all] = AgeGroup.parts.reduce(0) { $0 + reported[$1]! }
        sums[gemeente, default: 0] += reported[.all]!
        rows.append(
          PanelRow(
            level: .pc4, area: String(1000 + n), gemeente: gemeente, year: year, reported: reported,
            children: children))
      }
      for (gemeente, sum) in sums.sorted(by: { $0.key < $1.key }) {
        rows.append(
          PanelRow(
            level: .gemeente, area: gemeente, year: year, reported: [.all: sum],
            children: [.all: 1e5]))
      }
    }
    let panel = Panel(rows: rows, indicatorNames: [])
    var s = Suppression(panel: panel, rule: SuppressionRule())
    _ = s.secureIntervals(panel: panel, solver: GLPKSolver())
    let reasons = Set(s.entries.map { String($0.reason.prefix(24)) })
    #expect(s.entries.count > 500)
    #expect(reasons.contains("secondary: protection in"))
    #expect(reasons.contains("fewer than 50 children ("))
    #expect(reasons.contains("secondary: with the tota"))
    // Decoded by the README's table of codes.
    var decoded: [String] = []
    let lines = SuppressionLog.text(s).split(separator: "\n").map(String.init)
    #expect(lines[0] == "level,area,year,0-3,4-7,8-17,0-17")
    for line in lines.dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      try #require(cells.count == 7, "\(line)")
      for (n, group) in AgeGroup.allCases.enumerated() where !cells[3 + n].isEmpty {
        let code = cells[3 + n]
        let detail = String(code.dropFirst())
        let reason: String
        switch code.first {
        case "c": reason = "count below 5"
        case "n": reason = "fewer than 50 children (\(detail))"
        case "a": reason = "secondary: with the total it would reveal age group \(detail)"
        case "g": reason = "secondary: with the gemeente total it would reveal PC-4 \(detail)"
        case "p":
          reason =
            "secondary: protection interval of "
            + (detail.contains(" ") ? detail : "\(cells[0]) \(cells[1]) \(cells[2]) \(detail)")
        default: reason = code
        }
        decoded.append("\(cells[0])|\(cells[1])|\(cells[2])|\(group.rawValue)|\(reason)")
      }
    }
    let entries = s.entries.map {
      "\($0.cell.level)|\($0.cell.area)|\($0.cell.year)|\($0.cell.ageGroup.rawValue)|\($0.reason)"
    }
    #expect(decoded.count == entries.count)
    #expect(Set(decoded) == Set(entries))
    for chunk in [1, 100, 1 << 20] {
      var bytes: [UInt8] = []
      SuppressionLog.write(s, chunkBytes: chunk) { bytes += $0 }
      #expect(String(decoding: bytes, as: UTF8.self) == SuppressionLog.text(s))
    }
  }
}
