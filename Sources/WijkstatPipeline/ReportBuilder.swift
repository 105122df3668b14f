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

  var nl: Bool { project.language == "nl" }
  /// How numbers are written for people: `1.234,56` and `< 0,001` in Dutch.
  var people: ReportLanguage { ReportLanguage(code: project.language) }
  func t(_ dutch: String, _ english: String) -> String { nl ? dutch : english }
  /// What the counts count (labels only; the figures are the same).
  var unit: CountUnit { context.panel.countUnit }
  func number(_ value: Double, _ decimals: Int = 2) -> String {
    people.number(value, decimals: decimals)
  }
  func count(_ value: Double) -> String { people.integer(value) }
  func pValue(_ p: Double) -> String { people.pValue(p) }
  /// An indicator as people name it (`Kinderen in armoede (%)`), never its column name.
  func indicator(_ column: String) -> String { project.labels.label(column, people) }
  /// A level as people name it (`gemeente`, `PC-4`).
  func levelName(_ level: AreaLevel) -> String {
    switch level {
    case .pc4: return "PC-4"
    case .pc6: return "PC-6"
    default: return level.description
    }
  }
  /// A report-layout table (Tabel 1–4): its cells are already written for people;
  /// indicator names in the first column become their labels.
  func table(_ table: TextTable, caption: String? = nil, labelsFirstColumn: Bool = false)
    -> HTMLDocument.Block
  {
    let rows =
      labelsFirstColumn
      ? table.roundedRows.map { [indicator($0[0])] + $0.dropFirst() } : table.roundedRows
    return .table(
      HTMLDocument.Table(
        caption: caption ?? table.title, header: table.header, rows: rows,
        numericColumns: table.numeric))
  }

  /// The report's sections: anchor and title.
  var sections: [(String, String)] {
    [
      ("samenvatting", t("Samenvatting", "Summary")), ("kaarten", t("Kaarten", "Maps")),
      (
        "correlaties",
        t("Verband met Kinderen in Tel-indicatoren", "Relation with the Kinderen in Tel indicators")
      ),
      ("achterstand", t("Achterstandswijken", "Deprived areas (achterstandswijken)")),
      ("ranglijst", t("Ranglijsten en trends", "Rankings and trends")),
      (
        "kleine-gebieden",
        t("Kleine gebieden: onzekerheid en gladstrijken", "Small areas: uncertainty and smoothing")
      ),
      ("clustering", t("Ruimtelijke clustering", "Spatial clustering")),
    ]
      + (model == nil
        ? []
        : [("telmodel", t("Gecorrigeerde verbanden: telmodel", "Adjusted relations: count model"))])
      + [
        ("methoden", t("Methoden", "Methods")),
        ("herkomst", t("Herkomst van de gegevens", "Data provenance")),
      ]
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
              t(
                "Synthetische gegevens: alle gebieden en cijfers in dit rapport zijn verzonnen (wijkstat demo). Ze tonen wat de analyses doen, niet hoe het in een echte gemeente is.",
                "Synthetic data: every area and number in this report is invented (wijkstat demo). It shows what the analyses do, not how things are anywhere."
              )) + "</p>"))
    }
    doc.add(
      .note(
        t(
          "Gemaakt met wijkstat \(WijkstatVersion.current) uit ",
          "Made with wijkstat \(WijkstatVersion.current) from ")
          + URL(fileURLWithPath: project.file).lastPathComponent + "."))
    if !context.rule.enabled {
      doc.add(
        .raw(
          "<p class=\"synthetic\"><strong>"
            + HTMLDocument.escape(
              t(
                "Afscherming staat UIT (--no-suppress of suppression: {enabled: false}): alle aantallen staan erin, ook kleine. Dit rapport en deze bestanden zijn niet voor publicatie.",
                "Disclosure control is OFF (--no-suppress or suppression: {enabled: false}): every count is shown, small ones too. This report and these files are not for publication."
              )) + "</strong></p>"))
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
          t(
            "In \(year) werden \(count(reported)) kinderen gemeld: \(number(100 * reported / children))% van \(count(children)) kinderen van 0 tot en met 17 jaar, in \(count(Double(rows.count))) gebieden (\(levelName(topLevel))).",
            "In \(year), \(count(reported)) children were reported: \(number(100 * reported / children))% of \(count(children)) children aged 0–17, in \(count(Double(rows.count))) areas (\(levelName(topLevel)))."
          ))
      } else if children > 0 {
        // Veilig Thuis counts (meldingen, adviezen) or another age band: named as they are.
        facts.append(
          t(
            "In \(year): \(count(reported)) \(unit.countLabel(true)), \(number(1000 * reported / children)) per 1.000 \(unit.childrenLabel(true)) (\(count(children))), in \(count(Double(rows.count))) gebieden (\(levelName(topLevel))).",
            "In \(year): \(count(reported)) \(unit.countLabel(false)), \(number(1000 * reported / children)) per 1,000 \(unit.childrenLabel(false)) (\(count(children))), in \(count(Double(rows.count))) areas (\(levelName(topLevel)))."
          ))
      }
      if let first = panel.years.first, first < year {
        let before = published.rows(level: topLevel, year: first).filter {
          $0.reported[.all] != nil
        }
        let r0 = before.compactMap { $0.reported[.all] }.reduce(0, +)
        let c0 = before.compactMap { $0.children[.all] }.reduce(0, +)
        if c0 > 0, children > 0 {
          facts.append(
            t(
              "In \(first) was dat \(number(100 * r0 / c0))%.",
              "In \(first) it was \(number(100 * r0 / c0))%."))
        }
      }
      if let correlations {
        let latest = correlations.rows.filter {
          $0.year == year && $0.pearson.r.isFinite && $0.pearson.p < 0.01
        }
        if let strongest = latest.max(by: { abs($0.pearson.r) < abs($1.pearson.r) }) {
          facts.append(
            t(
              "Het sterkste verband in \(year) is met \(indicator(strongest.indicator)) op \(levelName(strongest.level))-niveau: r = \(number(strongest.pearson.r)) (95%-interval \(number(strongest.pearson.ciLow)) tot \(number(strongest.pearson.ciHigh)), n = \(strongest.pearson.n)).",
              "The strongest relation in \(year) is with \(indicator(strongest.indicator)) at \(levelName(strongest.level)) level: r = \(number(strongest.pearson.r)) (95% interval \(number(strongest.pearson.ciLow)) to \(number(strongest.pearson.ciHigh)), n = \(strongest.pearson.n))."
            ))
        }
      }
      if let contrast, !contrast.withheldYears(minimumCount: contrast.minimumCount).contains(year),
        let test = contrast.tests.first(where: { $0.year == year && $0.ageGroup == .all })
      {
        facts.append(
          t(
            "In achterstandswijken is \(unit.rateInSentence(true)) \(number(test.crude.rateRatio)) keer zo hoog als elders (95%-interval \(number(test.crude.ciLow))–\(number(test.crude.ciHigh))); binnen dezelfde gemeente vergeleken (Mantel–Haenszel) \(number(test.stratified.rateRatio)) keer.",
            "In deprived areas \(unit.rateInSentence(false)) is \(number(test.crude.rateRatio)) times as high as elsewhere (95% interval \(number(test.crude.ciLow))–\(number(test.crude.ciHigh))); compared within the same gemeente (Mantel–Haenszel) \(number(test.stratified.rateRatio)) times."
          ))
      }
      if let global = spatial?.global.first(where: {
        $0.year == year && $0.variable == "pct_reported"
      }), global.moran.i.isFinite {
        facts.append(
          t(
            "Wijken met veel meldingen liggen bij elkaar: Moran's I = \(number(global.moran.i, 3)) (pseudo-p \(pValue(global.moran.pSimulated))).",
            "Areas with many reports cluster: Moran's I = \(number(global.moran.i, 3)) (pseudo-p \(pValue(global.moran.pSimulated)))."
          ))
      }
    }
    doc.add(.raw("<ul>" + facts.map { "<li>\(HTMLDocument.escape($0))</li>" }.joined() + "</ul>"))

    // Maps.
    doc.add(.heading(sections[1].1, level: 2, id: sections[1].0))
    if maps.isEmpty {
      doc.add(.note(t("Het project vraagt geen kaarten.", "The project asks for no maps.")))
    }
    for map in maps {
      let files = map.files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(
        separator: ", ")
      doc.add(
        .map(
          svg: map.svg, legendTitle: map.legendTitle, legend: map.legendClasses,
          caption: "\(map.title). \(t("Bestanden in maps/", "Files in maps/")): \(files)."
            + (map.pictureNote.map { " " + $0 } ?? "")))
    }

    for block in middle ?? middleBlocks() { doc.add(block) }

    // Spatial.
    doc.add(.heading(sections[6].1, level: 2, id: sections[6].0))
    if let spatial {
      doc.add(
        .paragraph(
          t(
            "Moran's I meet of wijken met een hoog percentage naast wijken met een hoog percentage liggen (I > 0: clustering). De pseudo-p komt uit \(context.permutations) permutaties (vast zaad \(context.seed), dus herhaalbaar) en is \(Self.alternativeNL(context.spatialOptions.alternative)); gelijke waarden tellen aan beide kanten mee. De LISA-kaart toont als cluster \(Self.ruleNL(context.spatialOptions)).",
            "Moran's I measures whether areas with high rates lie next to areas with high rates (I > 0: clustering). The pseudo-p comes from \(context.permutations) permutations (fixed seed \(context.seed), so repeatable) and is a \(context.spatialOptions.alternative.description). The LISA map shows as clusters the areas with \(Self.ruleEN(context.spatialOptions))."
          )))
      doc.add(moranTable(spatial))
      if !spatial.islands.isEmpty {
        doc.add(
          .note(
            t(
              "Gebieden zonder buren (kregen hun dichtstbijzijnde buren): ",
              "Areas without neighbours (given their nearest neighbours): ")
              + spatial.islands.joined(separator: ", ")))
      }
    }

    // Count models (Tabel 5).
    if let model { modelBlocks(model).forEach { doc.add($0) } }

    // Methods.
    doc.add(.heading(section("methoden").1, level: 2, id: "methoden"))
    let methods =
      [
        unit.countsChildren && unit.ages == .children
          ? t(
            "Percentage gemeld = 100 × gemelde kinderen / kinderen 0–17 jaar in het gebied, per jaar; voor gemeenten en regio's uit de opgetelde aantallen, nooit als gemiddelde van percentages.",
            "Percentage reported = 100 × reported children / children aged 0–17 in the area, per year; for gemeenten and regions from the summed counts, never as a mean of percentages."
          )
          : t(
            "Gemeten wordt \(unit.countLabel(true)) (niet het aantal kinderen: één kind kan meer keren meetellen): \(unit.rateLabel(true)) = 100 × \(unit.countLabel(true)) / \(unit.childrenLabel(true)) in het gebied, per jaar (tables: pct_reported; per_1000 per 1.000); voor gemeenten en regio's uit de opgetelde aantallen, nooit als gemiddelde.",
            "What is counted is \(unit.countLabel(false)) (not children: one child may count more than once): \(unit.rateLabel(false)) = 100 × \(unit.countLabel(false)) / \(unit.childrenLabel(false)) in the area, per year (tables: pct_reported; per_1000 per 1,000); for gemeenten and regions from the summed counts, never as a mean."
          ),
        disclosureMethods,
        t(
          "Correlaties: Pearson met p uit de t-verdeling en 95%-interval via Fisher z; Spearman met t-benadering; q-waarden volgens Benjamini–Hochberg.",
          "Correlations: Pearson with p from the t distribution and a 95% interval by Fisher's z; Spearman with the t approximation; q-values by Benjamini–Hochberg."
        ),
        t(
          "Achterstandswijken: rate ratio met interval op logschaal en exacte conditionele toets; Mantel–Haenszel per gemeente met Greenland–Robins-variantie.",
          "Deprived areas: rate ratio with an interval on the log scale and an exact conditional test; Mantel–Haenszel by gemeente with the Greenland–Robins variance."
        ),
        t(
          "Kleine gebieden: exacte Poisson-intervallen (Garwood); empirisch Bayes volgens Marshall (1991), globaal en ruimtelijk (\(context.weightsKind)-buren); overschrijdingskans onder het Poisson-gammamodel.",
          "Small areas: exact Poisson intervals (Garwood); empirical Bayes after Marshall (1991), global and spatial (\(context.weightsKind) neighbours); exceedance probability under the Poisson–gamma model."
        ),
        t(
          "Ruimtelijk: \(context.weightsKind)-contiguïteit, rijgestandaardiseerd; Moran's I met verwachting en normale benadering; LISA (Anselin 1995) met conditionele permutaties; clusters \(Self.ruleNL(context.spatialOptions)).",
          "Spatial: \(context.weightsKind) contiguity, row-standardised; Moran's I with expectation and normal approximation; LISA (Anselin 1995) with conditional permutations; clusters are areas with \(Self.ruleEN(context.spatialOptions))."
        ),
        t(
          "Kaarten: één klassenindeling per kaart (methode in de legenda), bovengrens inclusief; kleuren van ColorBrewer (Brewer); geen gegevens gearceerd.",
          "Maps: one classification per map (method in the legend), upper bound inclusive; colours from ColorBrewer (Brewer); no data hatched."
        ),
      ] + (model == nil ? [] : [modelMethods])
    doc.add(.raw("<ul>" + methods.map { "<li>\(HTMLDocument.escape($0))</li>" }.joined() + "</ul>"))

    // Provenance.
    doc.add(.heading(section("herkomst").1, level: 2, id: "herkomst"))
    doc.add(
      .table(
        HTMLDocument.Table(
          header: [
            t("rol", "role"), t("bestand", "file"), t("SHA-256 (begin)", "SHA-256 (start)"),
            t("objecten", "features"), t("rijen", "rows"),
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
          t(
            "Cellen zonder cijfer (CBS-codes en -tekens, gelezen als ontbrekend):",
            "Cells without a figure (CBS codes and markers, read as missing):")))
      doc.add(
        .raw(
          "<ul>"
            + missingLines(join).map {
              "<li>\(HTMLDocument.escape(context.published.scrub($0)))</li>"
            }.joined() + "</ul>"))
    }
    doc.add(
      .note(
        t(
          "\(count(Double(join.issues.count))) sleutels pasten niet of twijfelachtig: zie join-report.csv.",
          "\(count(Double(join.issues.count))) keys did not fit or fitted doubtfully: see join-report.csv."
        )))
    return doc.html
  }

  /// Tabel 5 per fit (the latest year, or the pooled fit), the fit statistics,
  /// the residuals' Moran's I with its warning, and the residual map.
  func modelBlocks(_ model: CountModelAnalysis) -> [HTMLDocument.Block] {
    var blocks: [HTMLDocument.Block] = [.heading(section("telmodel").1, level: 2, id: "telmodel")]
    blocks.append(
      .paragraph(
        t(
          "Tabel 1 en 2 tonen verbanden van één indicator tegelijk. Een telmodel schat het verband van elke indicator terwijl de andere gelijk blijven: het aantal meldingen per gebied volgt een Poisson- of negatief-binomiale verdeling rond kinderen × exp(β₀ + β₁x₁ + …). De rate ratio exp(β) is de factor waarmee het percentage gemeld verandert bij één eenheid (of één standaarddeviatie) meer van een indicator, bij gelijke andere indicatoren. Een toets op overdispersie kiest tussen Poisson en negatief binomiaal.",
          "Tables 1 and 2 relate one indicator at a time. A count model estimates each indicator's relation while the others are held equal: the number of reports per area follows a Poisson or negative binomial distribution around children × exp(β₀ + β₁x₁ + …). The rate ratio exp(β) is the factor by which the rate changes for one unit (or one standard deviation) more of an indicator, the others equal. A test of overdispersion chooses between Poisson and negative binomial."
        )))
    let shown = model.fits.last { $0.chosenModel != nil }
    for fit in model.fits where fit.problem != nil {
      blocks.append(
        .note(
          t("Niet geschat", "Not fitted") + " (\(fit.label)): \(fit.problem(project.language)!)"))
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
        "n = \(fit.n)", "\(t("deviantie", "deviance")) \(number(m.deviance, 1))",
        "Pearson χ² \(number(m.pearsonChiSquare, 1))",
        "AIC \(number(m.aic, 1))",
        "\(t("conditiegetal", "condition number")) \(number(m.conditionNumber, 1))",
      ]
      if m.family == .negativeBinomial { facts.append("α = \(number(m.alpha, 4))") }
      if fit.lrStatistic.isFinite {
        facts.append(
          "\(t("LR-toets overdispersie", "LR test of overdispersion")) \(number(fit.lrStatistic, 1)), p \(pValue(fit.lrP))"
        )
      }
      if !fit.dropped.isEmpty {
        facts.append(t("weggelaten: ", "left out: ") + fit.droppedText(project.language))
      }
      blocks.append(.note(facts.joined(separator: " · ")))
      for warning in fit.warnings { blocks.append(.note(warning.text(project.language))) }
    }
    for (year, moran) in fit.residualMoran where moran.reason == nil {
      let clusters = moran.pSimulated < 0.05 && moran.i > moran.expected
      blocks.append(
        .paragraph(
          t(
            "Moran's I van de residuen (\(year)): \(number(moran.i, 3)), permutatie-p \(pValue(moran.pSimulated)). "
              + (clusters
                ? "De residuen clusteren: naburige gebieden lijken meer op elkaar dan de indicatoren verklaren. De intervallen zijn dan te smal; lees de rate ratio's met voorzichtigheid, of voeg indicatoren of gemeente-effecten toe."
                : "Geen aanwijzing dat de residuen ruimtelijk clusteren."),
            "Moran's I of the residuals (\(year)): \(number(moran.i, 3)), permutation p \(pValue(moran.pSimulated)). "
              + (clusters
                ? "The residuals cluster: neighbouring areas are more alike than the indicators explain. The intervals are then too narrow; read the rate ratios with care, or add indicators or gemeente effects."
                : "No sign that the residuals cluster in space."))))
    }
    if let modelMap {
      blocks.append(
        .figure(
          svg: modelMap.svg,
          caption: "\(modelMap.spec.title). "
            + t(
              "Rood: meer meldingen dan het model verwacht (Pearson-residu > 1), blauw: minder. Gebieden met een afgeschermd aantal doen niet mee. Bestanden: maps/model-residual-map.geojson, .gpkg, .svg; tables/model-residuals.csv.",
              "Red: more reports than the model expects (Pearson residual > 1), blue: fewer. Areas with a withheld count take no part. Files: maps/model-residual-map.geojson, .gpkg, .svg; tables/model-residuals.csv."
            )))
    }
    return blocks
  }

  var modelMethods: String {
    t(
      "Telmodellen: Poisson-GLM met log-link en log(kinderen) als offset, geschat met iteratief herwogen kleinste kwadraten; negatief binomiaal (NB2, variantie μ + αμ²) met α via maximale aannemelijkheid (zoals glm.nb in R); likelihood-ratiotoets op overdispersie met p = ½·P(χ²₁ > LR); standaardfouten uit de informatiematrix, of robuust (HC0, sandwich); voorspellers binnen de schatting gestandaardiseerd; conditiegetal van de gestandaardiseerde voorspellers; Moran's I van de Pearson-residuen met dezelfde buren en permutaties als hierboven. Lineaire algebra met LAPACK. Met afscherming doen gebieden met een afgeschermd aantal niet mee (de schattingsvergelijkingen zouden er anders vergelijkingen in publiceren); dat kan kleine aantallen ondervertegenwoordigen.",
      "Count models: Poisson GLM with log link and log(children) as offset, fitted by iteratively reweighted least squares; negative binomial (NB2, variance μ + αμ²) with α by maximum likelihood (as R's glm.nb); likelihood-ratio test of overdispersion with p = ½·P(χ²₁ > LR); standard errors from the information matrix, or robust (HC0 sandwich); predictors standardised inside the fit; the condition number of the standardised predictors; Moran's I of the Pearson residuals with the same neighbours and permutations as above. Linear algebra by LAPACK. With disclosure control, areas with a withheld count take no part (the estimating equations would otherwise publish equations in them); this can under-represent small counts."
    )
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
          t(
            "Zoals in tabel 1 en 2 van het rapport: de correlatie (Pearson) tussen \(unit.rateInSentence(true)) en elke indicator, alleen getoond bij p < 0,01; * zwak (0,2–0,4), ** redelijk (0,4–0,6), *** sterk. Nieuw: het 95%-interval, Spearmans ρ en q-waarden (Benjamini–Hochberg) over de hele tabel, in tables/correlations.csv.",
            "As in the report's Tabel 1 and 2: the (Pearson) correlation between \(unit.rateInSentence(false)) and each indicator, shown only at p < 0.01; * weak (0.2–0.4), ** moderate (0.4–0.6), *** strong. New: the 95% interval, Spearman's ρ and q-values (Benjamini–Hochberg) over the whole table, in tables/correlations.csv."
          )))
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
              caption: t("Details \(year)", "Details \(year)"),
              header: [
                t("niveau", "level"), "indicator", "n", "r (Pearson)",
                t("95%-interval", "95% interval"), "p", t("q (BH)", "q (BH)"), "ρ (Spearman)",
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
          t(
            "Zoals tabel 3 van het rapport: per leeftijdsgroep het gemiddeld aantal \(unit.countLabel(true)) per wijk en \(unit.rateInSentence(true)), in achterstandswijken en daarbuiten. Nieuw: de verhouding (rate ratio) met 95%-interval en exacte toets, en dezelfde verhouding binnen gemeenten (Mantel–Haenszel): die scheidt het verschil tussen wijken van het verschil tussen gemeenten.",
            "As the report's Tabel 3: per age group the mean number of \(unit.countsChildren ? "reported children per area and the percentage reported" : "\(unit.countLabel(false)) per area and \(unit.rateInSentence(false))"), in deprived areas and elsewhere. New: the rate ratio with a 95% interval and an exact test, and the same ratio within gemeenten (Mantel–Haenszel), which separates the difference between areas from the difference between gemeenten."
          )))
      doc.add(
        table(
          contrast.reportLayout(
            title: t(
              "Tabel 3 Meldingen per leeftijdsgroep en achterstandswijk",
              "Table 3 Reports by age group and deprived area"), language: project.language)))
      doc.add(testsTable(contrast))
      if let year = panel.years.last,
        !contrast.withheldYears(minimumCount: contrast.minimumCount).contains(year)
      {
        var bars: [IntervalBarChart.Bar] = []
        for group in [AgeGroup.age0to3, .age4to7, .age8to17, .all] {
          guard let pair = contrast.contrast.pair(year: year, group: group) else { continue }
          for (cell, label) in [
            (pair.outside, t("overig", "other")), (pair.inside, t("achterstandswijk", "deprived")),
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
            title: t(
              "\(unit.shortRateLabel(true)) in \(year) met 95%-interval",
              "\(unit.shortRateLabel(false)) in \(year) with 95% interval"),
            yLabel: unit.countsChildren ? "%" : t("per 100", "per 100"), language: people)
          doc.add(
            .figure(
              svg: chart.svg,
              caption: t(
                "Exacte Poisson-intervallen (Garwood).", "Exact Poisson intervals (Garwood).")))
        }
      }
    }
    if let (name, inside) = contrastWithin {
      doc.add(
        table(
          inside.reportLayout(
            title: t("Tabel 4 Achterstandswijken in \(name)", "Table 4 Deprived areas in \(name)"),
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
          title: t(
            "\(unit.shortRateLabel(true)) per jaar", "\(unit.shortRateLabel(false)) per year"),
          xLabel: t("jaar", "year"), yLabel: unit.countsChildren ? "%" : "per 100", language: people
        )
        doc.add(
          .figure(
            svg: chart.svg,
            caption: t(
              "Verloop per gebied (zoals figuur 15–19 van het rapport).",
              "Trend per area (like the report's figures 15–19).")))
      }
    }

    // Small areas.
    doc.add(.heading(sections[5].1, level: 2, id: sections[5].0))
    if let rates, let year = panel.years.last {
      doc.add(
        .paragraph(
          t(
            "Een wijk met 300 kinderen en 2 meldingen heeft een percentage dat op zichzelf weinig zegt. Daarom per wijk het exacte 95%-interval, het empirisch-Bayes-percentage (naar het gemiddelde getrokken naar mate van onzekerheid, ook ruimtelijk: naar de buren) en de kans dat het werkelijke percentage boven het landelijke ligt. Alle wijken en jaren: tables/rates.csv.",
            "An area with 300 children and 2 reports has a rate that means little alone. Hence per area the exact 95% interval, the empirical Bayes rate (pulled towards the mean as far as it is uncertain, also spatially: towards the neighbours) and the probability that the true rate is above the overall one. Every area and year: tables/rates.csv."
          )))
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
            caption: t(
              "Wijken met de grootste kans op een verhoogd percentage, \(year)",
              "Areas most likely to have a raised rate, \(year)"),
            header: [
              t("gebied", "area"), t("kinderen", "children"), t("EB-%", "EB %"),
              t("ruimtelijk EB-%", "spatial EB %"), t("kans > landelijk", "P(> overall)"),
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
        caption: t(
          "Rate ratio achterstandswijk / overig (95%-interval, p) en binnen gemeenten (Mantel–Haenszel)",
          "Rate ratio deprived / other (95% interval, p) and within gemeenten (Mantel–Haenszel)"),
        header: [
          t("jaar", "year"), t("leeftijd", "age"), "RR", t("95%-interval", "95% interval"), "p",
          "RR MH", t("95%-interval MH", "95% interval MH"), "p MH",
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
    let rate =
      unit.countsChildren ? t("% gemeld", "% reported") : t("per 100 kinderen", "per 100 children")
    let place =
      ranking.ranking.level == .gemeente ? t("provincie", "province") : t("regio", "region")
    return .table(
      HTMLDocument.Table(
        caption: (unit.countsChildren
          ? t(
            "Hoogste en laagste percentage gemelde kinderen",
            "Highest and lowest percentage of reported children")
          : t(
            "Hoogste en laagste aantal \(unit.countLabel(true)) per 100 kinderen",
            "Highest and lowest \(unit.countLabel(false)) per 100 children"))
          + " (\(levelName(ranking.ranking.level)), \(ranking.ranking.year))",
        header: [
          t("lijst", "list"), t("rang", "rank"), "code", t("naam", "name"), place, rate,
          unit.countLabel(nl), t("kinderen", "children"),
        ],
        rows: ranking.rankings.rows.map { cells in
          // rank, code, name, province, pct_reported, reported, children, list (RankingTables).
          [
            cells[7] == "top" ? t("hoogste", "highest") : t("laagste", "lowest"), cells[0],
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
      g.moran.reason.map { _ in t("niet te berekenen", "cannot be computed") }
        ?? (g.moran.enumerated
          ? t(
            "alle \(count(Double(g.moran.permutations))) permutaties: p exact",
            "all \(count(Double(g.moran.permutations))) permutations: p exact") : "")
    }
    let hasNotes = notes.contains { !$0.isEmpty }
    let variable = { (name: String) -> String in
      name == "pct_reported" ? self.unit.shortRateLabel(self.nl) : self.indicator(name)
    }
    return .table(
      HTMLDocument.Table(
        caption: t("Moran's I (ruimtelijke autocorrelatie)", "Moran's I (spatial autocorrelation)"),
        header: [
          t("jaar", "year"), t("variabele", "variable"), "Moran's I",
          t("verwacht E[I]", "expected E[I]"), "z", t("p (normaal)", "p (normal)"),
          t("pseudo-p (permutaties)", "pseudo-p (permutations)"), t("gebieden", "areas"),
          t("permutaties", "permutations"),
        ] + (hasNotes ? [t("opmerking", "note")] : []),
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
    case "areas": return t("grenzen", "boundaries")
    case "reports": return unit.countsChildren ? t("meldingen", "reports") : unit.countLabel(nl)
    case "population": return t("bevolking", "population")
    case "indicators": return t("indicatoren", "indicators")
    case "achterstand": return t("achterstandswijken", "deprived areas")
    case "lookup": return t("koppeltabel", "lookup table")
    case "crosswalk": return t("herindelingen", "boundary changes")
    default: return role
    }
  }

  /// A join summary in the report's language: `meldingen (PC-4) meldingen.csv:
  /// 352 van 352 gebieden gekoppeld (100,0%), 0 sleutels uit de tabel niet gebruikt`.
  func joinLine(_ summary: JoinSummary) -> String {
    let pct = summary.areas > 0 ? 100 * Double(summary.areasMatched) / Double(summary.areas) : 0
    let kind = role(summary.kind.rawValue)
    return t(
      "\(kind) (\(levelName(summary.level))) \(summary.table): \(count(Double(summary.areasMatched))) van \(count(Double(summary.areas))) gebieden gekoppeld (\(number(pct, 1))%), \(count(Double(summary.tableKeysUnused))) sleutels uit de tabel niet gebruikt",
      "\(kind) (\(levelName(summary.level))) \(summary.table): \(count(Double(summary.areasMatched))) of \(count(Double(summary.areas))) areas matched (\(number(pct, 1))%), \(count(Double(summary.tableKeysUnused))) table keys unused"
    )
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
  func reason(_ reason: MissingReason) -> String { nl ? reason.rawValue : reason.english }

  /// The methods text on disclosure control (README.md, "Disclosure control").
  var disclosureMethods: String {
    let rule = context.rule
    guard rule.enabled else {
      return t(
        "Afscherming: UIT (--no-suppress): alle aantallen zijn gepubliceerd, ook kleine.",
        "Disclosure control: OFF (--no-suppress): every count is published, small ones too.")
    }
    let m = count(rule.minimumCount)
    let secured = context.secured
    let withheld = count(Double(secured.suppression.entries.count))
    return t(
      "Afscherming. Dreigingsmodel: iemand met alle gepubliceerde bestanden van deze run, de aantallen kinderen en deze methoden, die alle bestanden combineert, lineaire en geheeltallige programma's oplost en elke formule omkeert. Regel: aantallen onder \(m) en alle aantallen van gebieden en leeftijdsgroepen met minder dan \(count(rule.minimumChildren)) kinderen zijn afgeschermd; daarna moet voor elk afgeschermd aantal de reeks waarden die met alles wat gepubliceerd is klopt [L, U] voldoen aan U − L ≥ \(m) en L = 0 of L ≥ \(m) (niemand kan zien of het nul is, of dat het klein is). Methode: secundaire afscherming over alle gekoppelde tabellen (leeftijdsgroepen binnen een gebied, PC-4, buurten en wijken binnen gemeente, gemeenten binnen regio's), gecontroleerd met de exacte grenzen van het geheeltallige programma (maximale stromen waar de vergelijkingen een netwerk vormen, anders GLPK) tot elke reeks aan de regel voldoet; \(withheld) cellen afgeschermd. Elk gepubliceerd getal komt alleen uit gepubliceerde aantallen: ruwe percentages, intervallen en overschrijdingskansen van afgeschermde aantallen ontbreken; correlaties, ranglijsten, trends en LISA van het percentage laten afgeschermde gebieden weg; de gladgestreken (EB-)percentages schatten hun a-priori verdeling alleen uit gepubliceerde gebieden, en een afgeschermd gebied krijgt het a-priori gemiddelde (globaal: som gepubliceerde aantallen / hun kinderen; ruimtelijk: dat van zijn buren), zodat terugrekenen niets oplevert. De achterstandstabellen tellen alleen gebieden met een gepubliceerd aantal; omdat gebieden wegvallen doordat hun aantal klein is, kan dat de tabellen, de rate ratio en de correlaties vertekenen (de cijfers over alle gebieden geeft alleen een run met --no-suppress, niet voor publicatie). Het logboek van wat waarom is afgeschermd staat in internal/ en is niet voor publicatie. Controle: wijkstat audit MAP; deze run is ermee gecontroleerd voordat hij werd weggeschreven.",
      "Disclosure control. Threat model: someone with every published file of this run, the numbers of children and these methods, who combines all files, solves linear and integer programmes and inverts every formula. Rule: counts below \(m) and every count of an area and age group with fewer than \(count(rule.minimumChildren)) children are withheld; then for every withheld count the range of values consistent with everything published, [L, U], must have U − L ≥ \(m) and L = 0 or L ≥ \(m) (nobody can tell whether it is zero, nor that it is small). Method: secondary suppression over every linked table (age groups within an area, PC-4, buurten and wijken within gemeente, gemeenten within regions), checked by the integer programme's exact bounds (maximum flows where the equations form a network, GLPK elsewhere) until every range meets the rule; \(withheld) cells withheld. Every published number comes from published counts only: raw rates, intervals and exceedance probabilities of withheld counts are left out; correlations, rankings, trends and the LISA of % reported leave withheld areas out; the smoothed (EB) rates take their prior from published areas only, and a withheld area gets the prior mean (globally Σ published counts / their children; spatially that of its neighbours), so inverting them gives nothing. The achterstand tables count only areas with a published count; since areas drop out because their counts are small, this can bias the tables, the rate ratio and the correlations (figures over all areas only from a --no-suppress run, not for publication). The log of what was withheld and why is in internal/ and is not for publication. Check: wijkstat audit DIR; this run was checked with it before it was written."
    )
  }
}

extension ReportBuilder {
  static func alternativeNL(_ alternative: PermutationAlternative) -> String {
    switch alternative {
    case .twoSided: return "tweezijdig (de kleinste staart verdubbeld)"
    case .greater: return "eenzijdig (greater: positieve autocorrelatie)"
    case .lesser: return "eenzijdig (lesser: negatieve autocorrelatie)"
    case .directed: return "gericht (directed, esda's oude p_sim: te klein)"
    }
  }

  static func ruleNL(_ options: SpatialAnalysis.Options) -> String {
    let a = CSVText.full(options.alpha).replacingOccurrences(of: ".", with: ",")
    switch options.clusterRule {
    case .fdr: return "de wijken met q < \(a) (Benjamini–Hochberg, false discovery rate)"
    case .p: return "de wijken met p < \(a) (niet gecorrigeerd voor het aantal toetsen)"
    case .bonferroni: return "de wijken met p < \(a)/m (Bonferroni, m getoetste wijken)"
    }
  }

  static func ruleEN(_ options: SpatialAnalysis.Options) -> String {
    let a = CSVText.full(options.alpha)
    switch options.clusterRule {
    case .fdr: return "q < \(a) (Benjamini–Hochberg false discovery rate)"
    case .p: return "p < \(a) (not corrected for the number of tests)"
    case .bonferroni: return "p < \(a)/m (Bonferroni, m tested areas)"
    }
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
      return nl ? "afgeschermd (bevat meldingen)" : "withheld (holds report counts)"
    }
    return String((input.sha256 ?? "").prefix(16))
  }
}
