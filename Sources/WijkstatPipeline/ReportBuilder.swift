import Foundation
import WijkstatCore
import WijkstatIO

/// Assembles `report.html`: the report's tables in its own layout, the maps,
/// charts, what is new (intervals, q-values, the stratified rate ratio, small-area
/// rates, clustering), methods and provenance. Dutch or English.
public struct ReportBuilder: Sendable {
  let project: Project
  let context: AnalysisContext
  var correlations: CorrelationAnalysis?
  var contrast: ContrastAnalysis?
  var contrastWithin: (String, ContrastAnalysis)?
  var ranking: RankingTables?
  var rates: SmallAreaRates?
  var spatial: SpatialAnalysis?
  var maps: [MadeMap] = []
  /// The count models (Tabel 5) and their residual map, when the project asks.
  var model: CountModelAnalysis?
  var modelMap: MadeMap?

  public init(project: Project, context: AnalysisContext) {
    self.project = project
    self.context = context
  }

  /// Dutch for the `CountUnit` labels, which take a flag (their words are the catalogue's).
  var nl: Bool { people.isDutch }
  /// How numbers are written for people: `1.234,56` and `< 0,001` in Dutch.
  var people: ReportLanguage { project.language }
  /// The text of `message` in the report's language (`Message`: one table per language).
  func text(_ message: Message) -> String { people.text(message) }
  func word(_ word: ReportWord) -> String { people.text(.word(word)) }
  /// What the counts count (labels only; the figures are the same).
  var unit: CountUnit { context.panel.countUnit }
  func number(_ value: Double, _ decimals: Int = 2) -> String {
    people.number(value, decimals: decimals)
  }
  func count(_ value: Double) -> String { people.integer(value) }
  func pValue(_ p: Double) -> String { people.pValue(p) }
  /// An indicator as people name it (`Kinderen in armoede (%)`), never its column name.
  func indicator(_ column: String) -> String { project.labels.label(column, people) }
  /// A level as people name it (`gemeente`, `PC-4`, `province`).
  func levelName(_ level: AreaLevel) -> String { text(.level(level)) }
  /// A report-layout table (Tabel 1–5): its cells are already written for people;
  /// indicator names in the first column become their labels; its note (what the
  /// stars, sub-columns or the model are) under it.
  func table(_ table: TextTable, caption: String? = nil, labelsFirstColumn: Bool = false)
    -> HTMLDocument.Block
  {
    let rows =
      labelsFirstColumn
      ? table.roundedRows.map { [indicator($0[0])] + $0.dropFirst() } : table.roundedRows
    return .table(
      HTMLDocument.Table(
        caption: caption ?? table.title, header: table.header, rows: rows,
        numericColumns: table.numeric, note: table.note))
  }

  /// The report's sections: anchor and title.
  var sections: [(String, String)] {
    ReportSection.allCases.filter { $0 != .countModel || model != nil }.map {
      ($0.rawValue, text(.section($0)))
    }
  }
  /// A section by its anchor.
  func section(_ anchor: String) -> (String, String) { sections.first { $0.0 == anchor }! }

  /// The level the summary counts: gemeenten when there are, else the coarsest
  /// level that is not a region (buurt and wijk sum to gemeenten, so this is rare).
  var topLevel: AreaLevel {
    let panel = context.panel
    if panel.levels.contains(.gemeente) { return .gemeente }
    return panel.levels.filter { !$0.isRegion }.last ?? panel.levels.first ?? .pc4
  }

  /// The sections from correlations to small areas, made apart so that a run
  /// can make them on another core while its maps are drawn (`middle`).
  var middle: [HTMLDocument.Block]?

  public var html: String {
    let sections = self.sections
    let topLevel = self.topLevel
    let panel = context.panel
    var doc = HTMLDocument(title: project.reportTitle, language: project.language)
    doc.add(.heading(project.reportTitle, level: 1, id: nil))
    let lower = project.title.lowercased()
    if lower.contains("synthet") || lower.contains("demo") {
      doc.add(
        .raw(
          "<p class=\"synthetic\">"
            + HTMLDocument.escape(
              text(.syntheticData)) + "</p>"))
    }
    doc.add(
      .note(
        text(
          .madeWith(
            version: WijkstatVersion.current,
            file: URL(fileURLWithPath: project.file).lastPathComponent))))
    if !context.rule.enabled {
      doc.add(
        .raw(
          "<p class=\"synthetic\"><strong>"
            + HTMLDocument.escape(
              text(.suppressionOff)) + "</strong></p>"))
    }
    doc.add(
      .raw(
        "<nav><ol>"
          + sections.map { "<li><a href=\"#\($0.0)\">\(HTMLDocument.escape($0.1))</a></li>" }
          .joined() + "</ol></nav>"))

    // Summary.
    doc.add(.heading(sections[0].1, level: 2, id: sections[0].0))
    var facts: [String] = []
    if let year = panel.years.last {
      // Sums of the published counts only: a sum over withheld ones would give
      // them back (the total minus the published ones).
      let published = context.publishedPanel
      let rows = published.rows(level: topLevel, year: year).filter { $0.reported[.all] != nil }
      let reported = rows.compactMap { $0.reported[.all] }.reduce(0, +)
      let children = rows.compactMap { $0.children[.all] }.reduce(0, +)
      if children > 0, unit.countsChildren, unit.ages == .children {
        facts.append(
          text(
            .summaryChildren(
              year: year, reported: count(reported), pct: number(100 * reported / children),
              children: count(children), areas: count(Double(rows.count)),
              level: levelName(topLevel))))
      } else if children > 0 {
        // Veilig Thuis counts (meldingen, adviezen) or another age band: named as they are.
        facts.append(
          text(
            .summaryCounts(
              year: year, reported: count(reported), what: unit.countLabel(nl),
              rate: number(1000 * reported / children), childrenLabel: unit.childrenLabel(nl),
              children: count(children), areas: count(Double(rows.count)),
              level: levelName(topLevel))))
      }
      if let first = panel.years.first, first < year {
        let before = published.rows(level: topLevel, year: first).filter {
          $0.reported[.all] != nil
        }
        let r0 = before.compactMap { $0.reported[.all] }.reduce(0, +)
        let c0 = before.compactMap { $0.children[.all] }.reduce(0, +)
        if c0 > 0, children > 0 {
          facts.append(
            text(.summaryFirstYear(year: first, pct: number(100 * r0 / c0))))
        }
      }
      if let correlations {
        let latest = correlations.rows.filter {
          $0.year == year && $0.pearson.r.isFinite && $0.pearson.p < 0.01
        }
        if let strongest = latest.max(by: { abs($0.pearson.r) < abs($1.pearson.r) }) {
          facts.append(
            text(
              .summaryStrongest(
                year: year, indicator: indicator(strongest.indicator),
                level: levelName(strongest.level), r: number(strongest.pearson.r),
                low: number(strongest.pearson.ciLow), high: number(strongest.pearson.ciHigh),
                n: strongest.pearson.n)))
        }
      }
      if let contrast, !contrast.withheldYears(minimumCount: contrast.minimumCount).contains(year),
        let test = contrast.tests.first(where: { $0.year == year && $0.ageGroup == .all })
      {
        facts.append(
          text(
            .summaryContrast(
              rate: unit.rateInSentence(nl), crude: number(test.crude.rateRatio),
              low: number(test.crude.ciLow), high: number(test.crude.ciHigh),
              stratified: number(test.stratified.rateRatio))))
      }
      if let global = spatial?.global.first(where: {
        $0.year == year && $0.variable == .pctReported
      }), global.moran.i.isFinite {
        facts.append(
          text(
            .summaryMoran(
              i: number(global.moran.i, 3), p: pValue(global.moran.pSimulated))))
      }
    }
    doc.add(.raw("<ul>" + facts.map { "<li>\(HTMLDocument.escape($0))</li>" }.joined() + "</ul>"))

    // Maps.
    doc.add(.heading(sections[1].1, level: 2, id: sections[1].0))
    if maps.isEmpty {
      doc.add(.note(text(.noMaps)))
    }
    for map in maps {
      let files = map.files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(
        separator: ", ")
      doc.add(
        .map(
          svg: map.svg, legendTitle: map.legendTitle, legend: map.legendClasses,
          caption: "\(map.title). \(word(.filesInMaps)): \(files)."
            + (map.pictureNote.map { " " + $0 } ?? "")))
    }

    for block in middle ?? middleBlocks() { doc.add(block) }

    // Spatial.
    doc.add(.heading(sections[6].1, level: 2, id: sections[6].0))
    if let spatial {
      doc.add(
        .paragraph(
          text(
            .spatialIntro(
              permutations: context.permutations, seed: String(context.seed),
              alternative: context.spatialOptions.alternative,
              rule: context.spatialOptions.clusterRule, alpha: context.spatialOptions.alpha))))
      doc.add(moranTable(spatial))
      if !spatial.islands.isEmpty {
        doc.add(
          .note(
            text(.islands)
              + spatial.islands.joined(separator: ", ")))
      }
    }

    // Count models (Tabel 5).
    if let model { modelBlocks(model).forEach { doc.add($0) } }

    // Methods.
    doc.add(.heading(section("methoden").1, level: 2, id: "methoden"))
    let options = context.spatialOptions
    let methods =
      [
        text(
          unit.countsChildren && unit.ages == .children
            ? .methodRateChildren
            : .methodRateCounts(
              count: unit.countLabel(nl), rate: unit.rateLabel(nl),
              children: unit.childrenLabel(nl))),
        disclosureMethods,
        text(.methodCorrelations), text(.methodContrast),
        text(.methodSmallAreas(weights: context.weightsKind, k: context.neighbours)),
        text(
          .methodSpatial(
            weights: context.weightsKind, k: context.neighbours, rule: options.clusterRule,
            alpha: options.alpha)),
        text(.methodMaps),
      ] + (model == nil ? [] : [text(.methodModels)])
    doc.add(.raw("<ul>" + methods.map { "<li>\(HTMLDocument.escape($0))</li>" }.joined() + "</ul>"))

    // Provenance.
    doc.add(.heading(section("herkomst").1, level: 2, id: "herkomst"))
    doc.add(
      .table(
        HTMLDocument.Table(
          header: [
            word(.role), word(.file), word(.sha256Start), word(.features), word(.rows),
          ],
          rows: context.joined.inputs.provenance.map {
            [
              role($0.role), context.published.name($0.path, layer: $0.layer),
              publishedDigest($0, of: context.joined.inputs.provenance),
              $0.features.map { count(Double($0)) } ?? "", $0.rows.map { count(Double($0)) } ?? "",
            ]
          }, numericColumns: [3, 4])))
    let join = context.joined.build.report
    doc.add(
      .raw(
        "<ul>"
          + join.summaries.map {
            "<li>\(HTMLDocument.escape(context.published.scrub(joinLine($0))))</li>"
          }.joined() + "</ul>"))
    if !join.notes.isEmpty {
      doc.add(
        .raw(
          "<ul>"
            + join.notes.map {
              "<li>\(HTMLDocument.escape(context.published.scrub($0.line(people))))</li>"
            }.joined() + "</ul>"))
    }
    if !join.missingValueLines.isEmpty {
      // CBS special values and markers, read as missing: how many, why, per column.
      doc.add(
        .note(
          text(.missingCells)))
      doc.add(
        .raw(
          "<ul>"
            + missingLines(join).map {
              "<li>\(HTMLDocument.escape(context.published.scrub($0)))</li>"
            }.joined() + "</ul>"))
    }
    doc.add(
      .note(
        text(.keysNotFitting(count: count(Double(join.issues.count))))))
    return doc.html
  }

  /// Tabel 5 per fit (the latest year, or the pooled fit), the fit statistics,
  /// the residuals' Moran's I with its warning, and the residual map.
  func modelBlocks(_ model: CountModelAnalysis) -> [HTMLDocument.Block] {
    var blocks: [HTMLDocument.Block] = [.heading(section("telmodel").1, level: 2, id: "telmodel")]
    blocks.append(
      .paragraph(
        text(.modelIntro)))
    let shown = model.fits.last { $0.chosenModel != nil }
    for fit in model.fits where fit.problem != nil {
      blocks.append(
        .note(
          word(.notFitted)
            + " (\(fit.label)): \(fit.problem(project.language, labels: project.labels)!)"))
    }
    guard let fit = shown else { return blocks }
    // The crude r of Tabel 1/2 as the report shows it (only where p < 0.01).
    var crudeR: [String: String] = [:]
    if let correlations, let year = fit.years.last {
      for row in correlations.rows
      where row.level == model.level && row.year == year && row.pearson.p < 0.01 {
        crudeR[row.indicator] = number(row.pearson.r)
      }
    }
    blocks.append(
      table(
        model.reportLayout(fit, crudeR: crudeR, language: project.language), labelsFirstColumn: true
      ))
    if let m = fit.chosenModel {
      var facts = [
        "n = \(fit.n)", "\(word(.deviance)) \(number(m.deviance, 1))",
        "Pearson χ² \(number(m.pearsonChiSquare, 1))",
        "AIC \(number(m.aic, 1))",
        "\(word(.conditionNumber)) \(number(m.conditionNumber, 1))",
      ]
      if m.family == .negativeBinomial { facts.append("α = \(number(m.alpha, 4))") }
      if fit.lrStatistic.isFinite {
        facts.append(
          "\(word(.overdispersionTest)) \(number(fit.lrStatistic, 1)), p \(pValue(fit.lrP))"
        )
      }
      if !fit.dropped.isEmpty {
        facts.append(
          word(.leftOut) + ": " + fit.droppedText(project.language, labels: project.labels))
      }
      blocks.append(.note(facts.joined(separator: " · ")))
      for warning in fit.warnings { blocks.append(.note(text(.countModel(warning)))) }
    }
    for (year, moran) in fit.residualMoran where moran.reason == nil {
      let clusters = moran.pSimulated < 0.05 && moran.i > moran.expected
      blocks.append(
        .paragraph(
          text(
            .residualMoran(
              year: year, i: number(moran.i, 3), p: pValue(moran.pSimulated), clusters: clusters))))
    }
    if let modelMap {
      blocks.append(
        .figure(
          svg: modelMap.svg,
          caption: "\(modelMap.spec.title). "
            + text(.residualMapCaption)))
    }
    return blocks
  }

  /// Correlations, contrast, rankings and small areas (see `middle`).
  func middleBlocks() -> [HTMLDocument.Block] {
    let panel = context.panel
    let sections = self.sections
    let topLevel = self.topLevel
    var doc = HTMLDocument(title: project.title, language: project.language)
    // Correlations.
    doc.add(.heading(sections[2].1, level: 2, id: sections[2].0))
    if let correlations {
      doc.add(
        .paragraph(
          text(.correlationsIntro(rate: unit.rateInSentence(nl)))))
      for level in Array(Set(correlations.rows.map(\.level))).sorted(by: >) {
        doc.add(
          table(
            correlations.reportLayout(level: level, language: project.language),
            labelsFirstColumn: true))
      }
      if let year = panel.years.last {
        let latest = correlations.rows.filter { $0.year == year }
        doc.add(
          .table(
            HTMLDocument.Table(
              caption: text(.correlationDetails(year: year)),
              header: [
                word(.level), "indicator", "n", "r (Pearson)", word(.interval95), "p", "q (BH)",
                "ρ (Spearman)",
              ],
              rows: latest.map { row in
                [
                  levelName(row.level), indicator(row.indicator), count(Double(row.pearson.n)),
                  number(row.pearson.r),
                  "\(number(row.pearson.ciLow)) – \(number(row.pearson.ciHigh))",
                  pValue(row.pearson.p), pValue(row.qValue), number(row.spearman.rho),
                ]
              }, numericColumns: [2, 3, 4, 5, 6, 7])))
        // The finest level correlated (PC-4, buurt or wijk; Tabel 2's level).
        let level: AreaLevel =
          latest.map(\.level).min() ?? (panel.levels.contains(.pc4) ? .pc4 : topLevel)
        // Areas whose count is withheld are not plotted: their indicator values are
        // published in panel.gpkg, so a dot would give the rate, and with it the count, away.
        let rows = panel.rows(level: level, year: year).filter {
          ($0.children[.all] ?? 0) > 0
            && !context.suppression.isSuppressed(level: level, area: $0.area, year: year)
        }
        var figures = ""
        for indicator in panel.indicatorNames {
          let points = rows.compactMap { row -> (x: Double, y: Double)? in
            guard let x = row.indicators[indicator], let y = row.pctReported() else { return nil }
            return (x, y)
          }
          guard points.count >= 3 else { continue }
          let r = correlations.rows.first {
            $0.level == level && $0.year == year && $0.indicator == indicator
          }?.pearson
          let name = self.indicator(indicator)
          let plot = ScatterPlot(
            points: points, xLabel: name, yLabel: unit.shortRateLabel(nl),
            title: "\(name) (\(levelName(level)), \(year))",
            note: r.map { "r = \(number($0.r)) (n = \(count(Double($0.n))))" }, language: people)
          figures +=
            "<figure>\(plot.svg)<figcaption>\(HTMLDocument.escape(people.text(plot.drawsDensity ? .scatterDensityCaption : .scatterDotsCaption)))</figcaption></figure>"
        }
        doc.add(.raw(figures))
      }
    }

    // Contrast.
    doc.add(.heading(sections[3].1, level: 2, id: sections[3].0))
    if let contrast {
      doc.add(
        .paragraph(
          text(
            .contrastIntro(
              count: unit.countLabel(nl), rate: unit.rateInSentence(nl),
              countsChildren: unit.countsChildren))))
      doc.add(
        table(
          contrast.reportLayout(
            title: text(.table3Title), language: project.language)))
      doc.add(testsTable(contrast))
      if let year = panel.years.last,
        !contrast.withheldYears(minimumCount: contrast.minimumCount).contains(year)
      {
        var bars: [IntervalBarChart.Bar] = []
        for group in [AgeGroup.age0to3, .age4to7, .age8to17, .all] {
          guard let pair = contrast.contrast.pair(year: year, group: group) else { continue }
          for (cell, label) in [
            (pair.outside, word(.other)), (pair.inside, word(.deprived)),
          ] where cell.children > 0 {
            let interval = PoissonInterval.ratePercent(
              count: cell.reported, population: cell.children)
            bars.append(
              .init(
                group: group.rawValue, label: label, value: interval.rate, low: interval.low,
                high: interval.high))
          }
        }
        if !bars.isEmpty {
          let chart = IntervalBarChart(
            bars: bars,
            title: text(.contrastChartTitle(rate: unit.shortRateLabel(nl), year: year)),
            yLabel: unit.countsChildren ? "%" : "per 100", language: people)
          doc.add(
            .figure(
              svg: chart.svg,
              caption: text(.poissonIntervals)))
        }
      }
    }
    if let (name, inside) = contrastWithin {
      doc.add(
        table(
          inside.reportLayout(
            title: text(.table4Title(name: name)),
            language: project.language)))
      doc.add(testsTable(inside))
    }

    // Rankings.
    doc.add(.heading(sections[4].1, level: 2, id: sections[4].0))
    if let ranking {
      doc.add(rankingTable(ranking))
      let level = ranking.ranking.level
      let trends = Trend.compute(panel: context.suppression.applied(to: panel), level: level)
        .filter { $0.series.count >= 2 }.prefix(12)
      if !trends.isEmpty {
        let chart = LineChart(
          series: trends.map {
            .init(
              label: $0.name ?? $0.area, points: $0.series.map { (Double($0.year), $0.pctReported) }
            )
          },
          title: text(.trendChartTitle(rate: unit.shortRateLabel(nl))),
          xLabel: word(.year), yLabel: unit.countsChildren ? "%" : "per 100", language: people
        )
        doc.add(
          .figure(
            svg: chart.svg,
            caption: text(.trendCaption)))
      }
    }

    // Small areas.
    doc.add(.heading(sections[5].1, level: 2, id: sections[5].0))
    if let rates, let year = panel.years.last {
      doc.add(
        .paragraph(
          text(.smallAreasIntro)))
      let rule = context.suppression.rule
      let latest = rates.rows.filter {
        $0.year == year && $0.pExceeds.isFinite
          && (!rule.enabled || ($0.children ?? 0) >= rule.minimumChildren)
      }
      .sorted { $0.pExceeds != $1.pExceeds ? $0.pExceeds > $1.pExceeds : $0.area < $1.area }.prefix(
        10)
      doc.add(
        .table(
          HTMLDocument.Table(
            caption: text(.smallAreasCaption(year: year)),
            header: [
              word(.area), word(.children), word(.ebRate), word(.spatialEBRate),
              word(.probabilityAboveOverall),
            ],
            rows: latest.map {
              [
                $0.area, count($0.children ?? 0), number($0.ebRate), number($0.spatialEBRate),
                number($0.pExceeds, 3),
              ]
            },
            numericColumns: [1, 2, 3, 4])))
    }

    return doc.blocks
  }

  func testsTable(_ analysis: ContrastAnalysis) -> HTMLDocument.Block {
    // Years with a withheld cell are left out (ContrastAnalysis.minimumCount).
    let withheld = analysis.withheldYears(minimumCount: analysis.minimumCount)
    return .table(
      HTMLDocument.Table(
        caption: text(.testsCaption),
        header: [
          word(.year), word(.age), "RR", word(.interval95), "p", "RR MH", word(.interval95MH),
          "p MH",
        ],
        rows: analysis.tests.filter { !withheld.contains($0.year) }.map { test in
          [
            String(test.year), test.ageGroup.rawValue, number(test.crude.rateRatio),
            "\(number(test.crude.ciLow))–\(number(test.crude.ciHigh))", pValue(test.crude.p),
            number(test.stratified.rateRatio),
            "\(number(test.stratified.ciLow))–\(number(test.stratified.ciHigh))",
            pValue(test.stratified.p),
          ]
        }, numericColumns: [2, 3, 4, 5, 6, 7]))
  }

  /// The rankings for people: human headers, numbers in the report's language,
  /// `hoogste`/`laagste` instead of `top`/`bottom` (tables/rankings.csv keeps the machine form).
  func rankingTable(_ ranking: RankingTables) -> HTMLDocument.Block {
    let rate = word(unit.countsChildren ? .pctReported : .per100Children)
    let place = word(ranking.ranking.level == .gemeente ? .province : .region)
    return .table(
      HTMLDocument.Table(
        caption: text(
          unit.countsChildren
            ? .rankingCaptionChildren : .rankingCaptionCounts(count: unit.countLabel(nl)))
          + " (\(levelName(ranking.ranking.level)), \(ranking.ranking.year))",
        header: [
          word(.list), word(.rank), "code", word(.name), place, rate, unit.countLabel(nl),
          word(.children),
        ],
        rows: ranking.rankings.rows.map { cells in
          // rank, code, name, province, pct_reported, reported, children, list (RankingTables).
          [
            word(cells[7] == "top" ? .highest : .lowest), cells[0],
            cells[1], cells[2], cells[3],
            Double(cells[4]).map { number($0, 2) } ?? cells[4],
            Double(cells[5]).map(count) ?? cells[5], Double(cells[6]).map(count) ?? cells[6],
          ]
        }, numericColumns: [1, 5, 6, 7]))
  }

  /// Moran's I for people: one row per year, the p-values as `< 0,001`, the
  /// note column only when a row has a note.
  func moranTable(_ spatial: SpatialAnalysis) -> HTMLDocument.Block {
    let notes = spatial.global.map { g in
      g.moran.reason.map { _ in word(.cannotBeComputed) }
        ?? (g.moran.enumerated
          ? text(.moranAllPermutations(count: count(Double(g.moran.permutations)))) : "")
    }
    let hasNotes = notes.contains { !$0.isEmpty }
    let variable = { (variable: SpatialAnalysis.Variable) -> String in
      variable == .pctReported
        ? self.unit.shortRateLabel(self.nl) : self.indicator(variable.rawValue)
    }
    return .table(
      HTMLDocument.Table(
        caption: text(.moranCaption),
        header: [
          word(.year), word(.variable), "Moran's I", word(.expectedI), "z", word(.pNormal),
          word(.pseudoP), word(.areas), word(.permutations),
        ] + (hasNotes ? [word(.note)] : []),
        rows: zip(spatial.global, notes).map { g, note in
          [
            String(g.year), variable(g.variable), number(g.moran.i, 3), number(g.moran.expected, 3),
            number(g.moran.zNorm, 2), pValue(g.moran.pNorm),
            pValue(g.moran.pSimulated), count(Double(g.moran.n)),
            count(Double(g.moran.permutations)),
          ] + (hasNotes ? [note] : [])
        }, numericColumns: [2, 3, 4, 5, 6, 7, 8]))
  }

  /// The role of an input in the provenance table.
  func role(_ role: String) -> String {
    // `areas (pc4)`: the role and its level.
    if let open = role.firstIndex(of: "("), role.hasSuffix(")") {
      let name = String(role[..<open]).trimmingCharacters(in: .whitespaces)
      let inner = String(role[role.index(after: open)..<role.index(before: role.endIndex)])
      return "\(self.role(name)) (\(AreaLevel.named(inner).map(levelName) ?? inner))"
    }
    switch role {
    case "areas": return word(.roleBoundaries)
    case "reports": return unit.countsChildren ? word(.roleReports) : unit.countLabel(nl)
    case "population": return word(.rolePopulation)
    case "indicators": return word(.roleIndicators)
    case "achterstand": return word(.roleDeprivedAreas)
    case "lookup": return word(.roleLookup)
    case "crosswalk": return word(.roleCrosswalk)
    default: return role
    }
  }

  /// A join summary in the report's language: `meldingen (PC-4) meldingen.csv:
  /// 352 van 352 gebieden gekoppeld (100,0%), 0 sleutels uit de tabel niet gebruikt`.
  func joinLine(_ summary: JoinSummary) -> String {
    let pct = summary.areas > 0 ? 100 * Double(summary.areasMatched) / Double(summary.areas) : 0
    let kind = role(summary.kind.rawValue)
    return text(
      .joinLine(
        role: kind, level: levelName(summary.level), table: summary.table,
        matched: count(Double(summary.areasMatched)), areas: count(Double(summary.areas)),
        pct: number(pct, 1), unused: count(Double(summary.tableKeysUnused))))
  }

  /// `JoinReport.missingValueLines` in the report's language, columns by their labels:
  /// `indicatoren (PC-4) indicatoren-pc4.csv: Kinderen in armoede (%): 24 geheim (x)`.
  func missingLines(_ join: JoinReport) -> [String] {
    var order: [String] = []
    var byColumn: [String: [MissingValueCount]] = [:]
    for entry in join.missingValues where entry.reason != .empty {
      let id =
        "\(role(entry.kind.rawValue)) (\(levelName(entry.level))) \(entry.table): \(indicator(entry.column))"
      if byColumn[id] == nil { order.append(id) }
      byColumn[id, default: []].append(entry)
    }
    return order.map { id in
      let parts = byColumn[id]!.sorted { ($0.reason, $0.code) < ($1.reason, $1.code) }
        .map { "\(count(Double($0.count))) \(reason($0.reason)) (\($0.code))" }
      return "\(id): " + parts.joined(separator: ", ")
    }
  }

  /// Why a cell holds no figure, in the report's language (CBS's own Dutch terms in Dutch).
  func reason(_ reason: MissingReason) -> String { text(.missingReason(reason)) }

  /// The methods text on disclosure control (README.md, "Disclosure control").
  var disclosureMethods: String {
    let rule = context.rule
    guard rule.enabled else {
      return text(.methodDisclosureOff)
    }
    let m = count(rule.minimumCount)
    let secured = context.secured
    let withheld = count(Double(secured.suppression.count))
    return text(
      .methodDisclosure(
        minimum: m, minimumChildren: count(rule.minimumChildren), withheld: withheld))
  }
}

extension ReportBuilder {
  /// The digest the report shows for an input. With disclosure control on, a
  /// file that holds report counts gets none: its digest would let anyone who
  /// can rebuild the file's layout confirm guessed withheld counts by hashing
  /// them (found by the hostile QA, F2). Boundary, population and indicator
  /// files keep their SHA-256 prefix.
  func publishedDigest(_ input: InputProvenance, of all: [InputProvenance]) -> String {
    // A file's digest covers all its layers; a database table is its own input.
    let holdsCounts = all.contains {
      $0.path == input.path && $0.role == "reports"
        && (!ConnectionString.isPostgres(input.path) || $0.layer == input.layer)
    }
    if context.rule.enabled && holdsCounts {
      return word(.withheldHoldsReports)
    }
    return String((input.sha256 ?? "").prefix(16))
  }
}
