/// One classification of one variable over areas (and years), with the colour
/// and label of every area: the single source that the GeoJSON, GeoPackage, SVG
/// and legend of a map are all written from, so they agree.
public struct ChoroplethMap: Sendable {
  public enum Status: String, Sendable {
    case data
    case noData = "no data"
    case suppressed
  }
  /// One area-year on the map.
  public struct Entry: Sendable {
    public var code: String
    public var name: String?
    public var geometry: MultiPolygon
    public var year: Int
    /// Nil when missing or withheld.
    public var value: Double?
    /// For categorical maps (`HH`, `1`).
    public var category: String?
    public var status: Status
    public init(
      code: String, name: String?, geometry: MultiPolygon, year: Int, value: Double?,
      category: String? = nil, status: Status
    ) {
      self.code = code
      self.name = name
      self.geometry = geometry
      self.year = year
      self.value = value
      self.category = category
      self.status = status
    }
  }
  public var entries: [Entry]
  public var classification: Classification
  /// Data classes then no data and suppressed.
  public var legend: [MapClass]
  public var colors: [String]
  /// Per entry: the legend class number (1...k, 0, −1).
  public var classNumbers: [Int]

  /// Classifies `entries` (pooled over all their years). `colors`: a ColorBrewer
  /// scheme name or `#RRGGBB` colours (one per class); empty for the default.
  /// `categoryLabels` gives display labels for categorical maps, in class order.
  public init(
    entries: [Entry], method: ClassificationMethod, classes classCount: Int = 5,
    colors: [String] = [],
    reverse: Bool = false, breaks: [Double]? = nil,
    categories: [(value: String, label: String, color: String)]? = nil,
    decimals: Int = 2, language: ReportLanguage = .nl
  ) throws {
    self.entries = entries
    let noDataLabel = language.text(.noData)
    let suppressedLabel = language.text(.withheld)
    var labels: [String]
    if method == .unique {
      let order: [(value: String, label: String, color: String)]
      if let categories {
        order = categories
      } else {
        let values = Array(
          Set(
            entries.compactMap {
              $0.status == .data ? ($0.category ?? $0.value.map { CSVText.number($0) }) : nil
            })
        ).sorted()
        let palette = try Self.palette(
          colors, count: values.count, kind: .qualitative, reverse: reverse)
        order = values.enumerated().map { ($1, $1, palette[$0]) }
      }
      classification = UniqueValues.classify(
        categories: entries.compactMap {
          $0.status == .data ? ($0.category ?? $0.value.map { CSVText.number($0) }) : nil
        },
        order: order.map(\.value))
      labels = order.map(\.label)
      self.colors =
        colors.isEmpty || categories != nil
        ? order.map(\.color)
        : try Self.palette(colors, count: order.count, kind: .qualitative, reverse: reverse)
    } else {
      let values = entries.compactMap { $0.status == .data ? $0.value : nil }
      classification = try Classifier.classify(
        values, method: method, k: classCount, breaks: breaks)
      let kind: ColorBrewer.Kind = method == .stdDev || method == .box ? .diverging : .sequential
      self.colors = try Self.palette(
        colors, count: classification.k, kind: kind,
        reverse: reverse != (method == .stdDev || method == .box))
      labels = classification.labels(
        minimum: values.min() ?? 0, decimals: decimals, language: language)
    }
    let classified = classification
    var numbers: [Int] = []
    var noData = 0
    var suppressed = 0
    for entry in entries {
      switch entry.status {
      case .noData:
        numbers.append(MapClass.noData)
        noData += 1
      case .suppressed:
        numbers.append(MapClass.suppressed)
        suppressed += 1
      case .data:
        if method == .unique {
          numbers.append(
            classified.classOf(
              category: entry.category ?? entry.value.map { CSVText.number($0) } ?? ""))
        } else {
          numbers.append(entry.value.map { classified.classOf($0) } ?? MapClass.noData)
        }
      }
    }
    classNumbers = numbers
    var classes: [MapClass] = []
    for i in 0..<classification.k {
      classes.append(
        MapClass(
          number: i + 1, label: labels[i], color: self.colors[i], count: classification.counts[i],
          lower: method == .unique ? nil : (i == 0 ? nil : classification.breaks[i - 1]),
          upper: method == .unique ? nil : classification.breaks[i]))
    }
    classes.append(
      MapClass(
        number: MapClass.noData, label: noDataLabel, color: ColorBrewer.noDataColor, count: noData))
    classes.append(
      MapClass(
        number: MapClass.suppressed, label: suppressedLabel, color: ColorBrewer.suppressedColor,
        count: suppressed))
    self.legend = classes
  }

  static func palette(_ colors: [String], count: Int, kind: ColorBrewer.Kind, reverse: Bool) throws
    -> [String]
  {
    if colors.count == 1, !colors[0].hasPrefix("#") {
      return try ColorBrewer.colors(colors[0], k: count, reverse: reverse)
    }
    if colors.isEmpty {
      return try ColorBrewer.colors(ColorBrewer.defaultScheme(kind), k: count, reverse: reverse)
    }
    let list = try ColorBrewer.validate(colors)
    guard list.count >= count else {
      throw UserError("\(list.count) colours given for \(count) classes")
    }
    let used = Array(list.prefix(count))
    return reverse ? used.reversed() : used
  }

  public func color(of number: Int) -> String {
    legend.first { $0.number == number }?.color ?? ColorBrewer.noDataColor
  }
  public func label(of number: Int) -> String {
    legend.first { $0.number == number }?.label ?? ""
  }
}
