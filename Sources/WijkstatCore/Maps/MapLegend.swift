import Foundation

/// The legend of a published map as JSON (`NAME.legend.json`): the method, the
/// breaks (class upper bounds), colours and counts, the no-data and suppressed
/// classes, and where the map comes from. Keys are sorted so the file is
/// byte-identical between runs.
public struct MapLegend: Sendable, Codable, Equatable {
  public struct Special: Sendable, Codable, Equatable {
    public var count: Int
    public var color: String
    public var label: String
    /// The value of the `class` property in the GeoJSON and GeoPackage.
    public var classValue: Int
    public init(count: Int, color: String, label: String, classValue: Int) {
      self.count = count
      self.color = color
      self.label = label
      self.classValue = classValue
    }
  }
  public struct Provenance: Sendable, Codable, Equatable {
    public var sources: [String]
    public var level: String
    public var years: [Int]
    public var variable: String
    public var smoothing: String?
    /// LISA maps: which areas are clusters (e.g. `fdr q<0.05`) and the p-value
    /// convention; absent for other maps.
    public var clusterRule: String? = nil
    /// Years of the map whose figures are provisional (StatLine `2023*`,
    /// voorlopig); absent when none is.
    public var provisionalYears: [Int]? = nil
    public var suppression: String
    public var wijkstatVersion: String
    public init(
      sources: [String], level: String, years: [Int], variable: String, smoothing: String?,
      suppression: String, wijkstatVersion: String
    ) {
      self.sources = sources
      self.level = level
      self.years = years
      self.variable = variable
      self.smoothing = smoothing
      self.suppression = suppression
      self.wijkstatVersion = wijkstatVersion
    }
  }
  public var title: String
  public var method: String
  public var k: Int
  public var breaks: [Double]
  public var categories: [String]
  public var labels: [String]
  public var colors: [String]
  public var counts: [Int]
  public var noData: Special
  public var suppressed: Special
  public var warnings: [String]
  public var provenance: Provenance

  public init(
    title: String, method: String, k: Int, breaks: [Double], categories: [String],
    labels: [String], colors: [String], counts: [Int], noData: Special, suppressed: Special,
    warnings: [String], provenance: Provenance
  ) {
    self.title = title
    self.method = method
    self.k = k
    self.breaks = breaks
    self.categories = categories
    self.labels = labels
    self.colors = colors
    self.counts = counts
    self.noData = noData
    self.suppressed = suppressed
    self.warnings = warnings
    self.provenance = provenance
  }

  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}
