import Testing

@testable import WijkstatCore

/// The message tables (both languages for every key) and the Markdown copies of
/// long tables (issue 18).
@Suite struct MessageAndMarkdownTests {
  @Test func everyKeyHasBothLanguagesAndTheyDiffer() {
    #expect(
      Set(Message.examples.map(\.caseNumber)) == Set(0..<Message.caseCount),
      "examples cover every key once")
    // Every section, word, column, indicator and classification (the enums' cases).
    let sections = Message.examples.compactMap { if case .section(let s) = $0 { s } else { nil } }
    let words = Message.examples.compactMap { if case .word(let w) = $0 { w } else { nil } }
    let columns = Message.examples.compactMap { if case .column(let c) = $0 { c } else { nil } }
    let indicators = Message.examples.compactMap {
      if case .indicator(let i) = $0 { i } else { nil }
    }
    let methods = Message.examples.compactMap {
      if case .classification(let m) = $0 { m } else { nil }
    }
    #expect(sections.count == 10 && Set(sections) == Set(ReportSection.allCases))
    #expect(words.count == 58 && Set(words) == Set(ReportWord.allCases))
    #expect(columns.count == 91 && Set(columns) == Set(MachineColumn.allCases))
    #expect(indicators.count == 18 && Set(indicators) == Set(StandardIndicator.allCases))
    #expect(methods.count == 7 && Set(methods) == Set(ClassificationMethod.allCases))
    for message in Message.examples {
      let nl = ReportLanguage.nl.text(message)
      let en = ReportLanguage.en.text(message)
      #expect(!nl.isEmpty && !en.isEmpty, "\(message)")
      if case .column(let column) = message, MachineColumn.sameInBothLanguages.contains(column) {
        #expect(nl == en)
        continue
      }
      // A name (Poisson) and an error that is not the model's own read the same.
      if message == .countFamily(.poisson) || message == .countModel(.other("LAPACK dgesv failed"))
      {
        #expect(nl == en)
        continue
      }
      // PC-4 and the Dutch area kinds the English texts use too; a region by its own name.
      if case .level = message, nl == en {
        #expect(["PC-6", "PC-4", "buurt", "wijk", "gemeente", "GGD-regio"].contains(nl))
        continue
      }
      #expect(nl != en, "\(message): \(nl)")
    }
    // Symbols only: no word of either language in them.
    #expect(
      MachineColumn.sameInBothLanguages.map { ReportLanguage.nl.text(.column($0)) }.sorted() == [
        "Moran's I", "cluster", "code", "indicator", "n", "p", "p (Pearson)", "p (Spearman)",
        "q (Benjamini–Hochberg)", "r (Pearson)", "rate ratio", "z", "ρ (Spearman)",
      ])
    // Each table in its own language (hand-picked words of the other one).
    for message in Message.examples {
      let nl = ReportLanguage.nl.text(message).lowercased()
      for english in [" the ", "areas", "withheld", "source", "every ", " per square", "rows"] {
        #expect(!nl.contains(english), "\(message): \(nl)")
      }
      let en = ReportLanguage.en.text(message).lowercased()
      for dutch in ["gebied", "afgeschermd", "bron", "elke ", "vakje", "rijen", "klasse"] {
        #expect(!en.contains(dutch), "\(message): \(en)")
      }
    }
  }

  @Test func dutchDecimalsOnlyForPlainNumbers() {
    #expect(MarkdownCopy.dutchDecimal("1.388") == "1,388")
    #expect(MarkdownCopy.dutchDecimal("-0.5") == "-0,5")
    #expect(MarkdownCopy.dutchDecimal("55060") == "55060")
    #expect(MarkdownCopy.dutchDecimal("2009") == "2009")
    #expect(MarkdownCopy.dutchDecimal("1e-300") == "1e-300")
    #expect(MarkdownCopy.dutchDecimal("PC-4 3300") == "PC-4 3300")
    #expect(MarkdownCopy.dutchDecimal("1.2.3") == "1.2.3")
    #expect(MarkdownCopy.dutchDecimal("") == "")
    #expect(MarkdownCopy.dutchDecimal(".5") == ".5")
    #expect(MarkdownCopy.dutchDecimal("5.") == "5.")
  }

  @Test func longTablesAreCutWithAPointerAndDutchNumbers() {
    let rows = (0..<301).map { i in ["\(1000 + i)", "2009", "\(Double(i) / 8)"] }
    let table = TextTable(header: ["area", "year", "pct_reported"], rows: rows, numeric: [1, 2])
    let nl = MarkdownCopy.table(table, name: "rates", language: .nl)
    #expect(nl.rows.count == 200)
    #expect(nl.note == "De eerste 200 van 301 rijen; elke rij staat in rates.csv.")
    #expect(nl.rows[3] == ["1003", "2009", "0,375"])
    let en = MarkdownCopy.table(table, name: "rates", language: .en)
    #expect(en.rows.count == 200 && en.rows[3] == ["1003", "2009", "0.375"])
    #expect(en.note == "The first 200 of 301 rows; every row is in rates.csv.")
    let short = TextTable(
      header: ["area", "year", "pct_reported"], rows: Array(rows.prefix(300)), numeric: [1, 2])
    #expect(MarkdownCopy.table(short, name: "rates", language: .en) == short)
    #expect(MarkdownCopy.table(short, name: "rates", language: .nl).rows.count == 300)
  }

  @Test func scatterOfManyPointsIsADensityGrid() {
    // 2,001 points: 1,500 at (1, 1) and 501 at (9, 9): two occupied squares, both of 65+ areas.
    let points =
      Array(repeating: (x: 1.0, y: 1.0), count: 1500)
      + Array(repeating: (x: 9.0, y: 9.0), count: 501)
    let plot = ScatterPlot(points: points, xLabel: "x", yLabel: "y", title: "t", language: .nl)
    #expect(plot.drawsDensity)
    let svg = plot.svg
    #expect(!svg.contains("<circle"))
    #expect(svg.components(separatedBy: "h4v4h-4z").count - 1 == 2)
    #expect(svg.contains("<title>65+ gebied(en) per vakje</title>"))
    #expect(svg.contains("vakjes: donkerder = meer gebieden"))
    let few = ScatterPlot(
      points: Array(points.prefix(2000)), xLabel: "x", yLabel: "y", title: "t", language: .en)
    #expect(!few.drawsDensity && few.svg.components(separatedBy: "<circle").count - 1 == 2000)
  }

  /// CBS notes: English `text` as before (join-report.csv, stderr), Dutch in a Dutch report.
  @Test func statLineNotesInBothLanguages() {
    let rows = JoinNote(
      table: "vt.csv", subject: "periods",
      message: .noteRowsNotUsed(count: 770, kind: .halfYear, reason: .yearsWhole))
    #expect(rows.text == "770 half-year rows not used: the table gives those years whole")
    #expect(
      rows.line == "vt.csv: periods: 770 half-year rows not used: the table gives those years whole"
    )
    #expect(rows.line(.en) == rows.line)
    #expect(
      rows.line(.nl)
        == "vt.csv: perioden: 770 rijen per halfjaar niet gebruikt: de tabel geeft die jaren ook in hun geheel"
    )
    let provisional = JoinNote(
      table: "vt.csv", subject: "periods", message: .noteProvisional(year: 2023))
    #expect(provisional.line == "vt.csv: periods: 2023 provisional (voorlopig, 2023*)")
    #expect(provisional.line(.nl) == "vt.csv: perioden: 2023 voorlopig (2023*)")
    let sums = JoinNote(
      table: "k.csv", subject: "periods",
      message: .noteAreaYearsSummed(
        count: 12, example: .noteYearSum(key: "GM0363", year: 2022, kind: .quarter)))
    #expect(sums.text == "12 area-years summed from their parts (GM0363 2022: sum of 4 quarters)")
    #expect(
      sums.line(.nl)
        == "k.csv: perioden: 12 gebiedsjaren opgeteld uit hun delen (GM0363 2022: som van 4 kwartalen)"
    )
    let nihil = JoinNote(table: "k.csv", subject: "nihil", message: .noteNihil(count: 1))
    #expect(
      nihil.text == "1 cell \"-\" (nihil) read as 0"
        && nihil.line(.nl) == "k.csv: nihil: 1 cel \"-\" (nihil) gelezen als 0")
  }
}
