import Foundation

/// The classification methods of `wijkstat map`, with mapclassify's semantics
/// (Rey, Stephens & Laura 2017, PySAL mapclassify): breaks are class upper
/// bounds and a value v is in the first class whose upper bound is ≥ v
/// (`lower < v ≤ upper`; the first class includes its minimum).
public enum ClassificationMethod: String, Sendable, CaseIterable {
  case quantiles
  case equalInterval = "equal-interval"
  case fisherJenks = "fisher-jenks"
  case stdDev = "std-dev"
  case box
  case breaks
  case unique

  /// The method as a map's source line names it for people.
  public func name(_ language: ReportLanguage) -> String {
    language.text(.classification(self))
  }

  /// Other names of the methods people use (`jenks`, `natural-breaks`).
  public static let aliases: [String: ClassificationMethod] = [
    "jenks": .fisherJenks, "natural-breaks": .fisherJenks, "naturalbreaks": .fisherJenks,
    "fisherjenks": .fisherJenks, "quantile": .quantiles, "equal_interval": .equalInterval,
    "equalinterval": .equalInterval, "std_dev": .stdDev, "stddev": .stdDev, "boxmap": .box,
    "user": .breaks, "categories": .unique,
  ]

  /// A method by its name or one of its other names (`aliases`), in any case.
  public init?(name: String) {
    let lower = name.lowercased()
    guard let method = Self(rawValue: lower) ?? Self.aliases[lower] else { return nil }
    self = method
  }

  /// What is wrong with a method name `init(name:)` does not know.
  public static func unknown(_ name: String) -> String {
    "method \"\(name)\" is not one of \(allCases.map(\.rawValue).joined(separator: ", ")) (jenks and natural-breaks mean fisher-jenks)"
  }
}

/// A classification of values into classes 1...k (0 is no data).
public struct Classification: Sendable, Equatable {
  public var method: ClassificationMethod
  /// Upper bounds of the classes (empty for `unique`).
  public var breaks: [Double]
  /// Category values of a `unique` classification, in class order.
  public var categories: [String]
  /// Values per class.
  public var counts: [Int]
  /// What the run should say: fewer classes than asked for, constant data.
  public var warnings: [String]
  public var k: Int { method == .unique ? categories.count : breaks.count }

  /// The class (1...k) of a value; values above the last break go to class k,
  /// below the first to class 1 (user breaks may not span the data).
  public func classOf(_ value: Double) -> Int {
    guard !breaks.isEmpty, value.isFinite else { return 0 }
    var low = 0
    var high = breaks.count - 1
    if value > breaks[high] { return breaks.count }
    while low < high {
      let mid = (low + high) / 2
      if value <= breaks[mid] { high = mid } else { low = mid + 1 }
    }
    return low + 1
  }

  public func classOf(category: String) -> Int {
    (categories.firstIndex(of: category) ?? -1) + 1
  }

  /// Legend labels: `0,12 – 0,35` style ranges (the first from the minimum),
  /// `decimals` after the separator, Dutch decimal comma when `language` is nl.
  public func labels(minimum: Double, decimals: Int = 2, language: ReportLanguage = .nl) -> [String]
  {
    if method == .unique { return categories }
    func text(_ v: Double) -> String { language.number(v, decimals: decimals) }
    return breaks.indices.map { i in
      let lower = i == 0 ? min(minimum, breaks[0]) : breaks[i - 1]
      return "\(text(lower)) – \(text(breaks[i]))"
    }
  }
}

public enum Classifier {
  /// Classifies the finite `values` (NaN is no data and is left out).
  /// `k` is the number of classes asked for; `breaks` the user's upper bounds.
  public static func classify(
    _ values: [Double], method: ClassificationMethod, k: Int = 5, breaks userBreaks: [Double]? = nil
  ) throws -> Classification {
    let data = values.filter(\.isFinite).sorted()
    var warnings: [String] = []
    guard !data.isEmpty else {
      throw UserError("no values to classify: every area is missing")
    }
    guard method == .breaks || method == .unique || (1...12).contains(k) else {
      throw UserError("classes must be 1 to 12, not \(k)")
    }
    var bins: [Double]
    if data.first == data.last, method != .unique, method != .breaks {
      bins = [data[0]]
      warnings.append("all values are \(CSVText.number(data[0])): one class")
    } else {
      switch method {
      case .quantiles: bins = Quantiles.breaks(data, k: k)
      case .equalInterval: bins = EqualInterval.breaks(data, k: k)
      case .fisherJenks: bins = FisherJenks.breaks(data, k: k)
      case .stdDev: bins = StandardDeviation.breaks(data)
      case .box: bins = BoxMap.breaks(data)
      case .breaks:
        guard let userBreaks, !userBreaks.isEmpty else {
          throw UserError(
            "method breaks needs the breaks (upper bounds), e.g. breaks: [0.25, 0.5, 1]")
        }
        guard zip(userBreaks, userBreaks.dropFirst()).allSatisfy({ $0 < $1 }) else {
          throw UserError(
            "breaks must increase: \(userBreaks.map { CSVText.number($0) }.joined(separator: ", "))"
          )
        }
        bins = userBreaks
        if data.last! > bins.last! { bins.append(data.last!) }
      case .unique:
        let categories = Array(Set(data.map { CSVText.number($0) })).sorted {
          (Double($0) ?? 0) < (Double($1) ?? 0)
        }
        return UniqueValues.classify(categories: data.map { CSVText.number($0) }, order: categories)
      }
    }
    var merged: [Double] = []
    if method == .box, bins.count == 6 {
      // The box map keeps its six classes, tied bounds and all (BoxMap).
      merged = bins
    } else {
      // Duplicate breaks (ties) merge, with a warning.
      for b in bins where merged.last.map({ b > $0 }) ?? true { merged.append(b) }
    }
    if method == .fisherJenks, merged.count < k, data.first != data.last {
      warnings.append(
        "asked for \(k) classes, \(merged.count) came out (only \(merged.count) distinct values)")
    } else if method != .box,
      merged.count < bins.count
        || (method == .quantiles && merged.count < k && data.first != data.last)
    {
      warnings.append("asked for \(k) classes, \(merged.count) came out (tied values)")
    }
    var result = Classification(
      method: method, breaks: merged, categories: [], counts: [], warnings: warnings)
    var counts = [Int](repeating: 0, count: merged.count)
    for v in data { counts[result.classOf(v) - 1] += 1 }
    result.counts = counts
    if method == .box, merged.count == 6, merged[1] == merged[3] {
      let empty = (1...6).filter { counts[$0 - 1] == 0 }.map(String.init)
      result.warnings.append(
        "box map: the quartiles tie (IQR 0), so the fences equal them; class\(empty.count == 1 ? "" : "es") \(empty.joined(separator: ", ")) empty"
      )
    }
    return result
  }

  /// Categorical classification of labels (LISA quadrants, flags).
  public static func classify(categories: [String?], order: [String]) -> Classification {
    UniqueValues.classify(categories: categories.compactMap { $0 }, order: order)
  }
}
