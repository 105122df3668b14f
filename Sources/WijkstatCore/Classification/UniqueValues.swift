/// A categorical classification: one class per category, in the given order
/// (LISA quadrants HH, LL, LH, HL, ns; the achterstand flag 0/1).
enum UniqueValues {
  static func classify(categories values: [String], order: [String]) -> Classification {
    var counts = [Int](repeating: 0, count: order.count)
    var warnings: [String] = []
    var unknown = Set<String>()
    for value in values {
      if let i = order.firstIndex(of: value) { counts[i] += 1 } else { unknown.insert(value) }
    }
    if !unknown.isEmpty {
      warnings.append("values without a class: \(unknown.sorted().joined(separator: ", "))")
    }
    return Classification(
      method: .unique, breaks: [], categories: order, counts: counts, warnings: warnings)
  }
}
