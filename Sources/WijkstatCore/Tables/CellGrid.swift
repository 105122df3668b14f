/// A value that a `CellGrid` can hold, with the sentinel that marks a missing cell.
protocol GridValue: Sendable {
  static var missing: Self { get }
  var isMissing: Bool { get }
}

extension Double: GridValue {
  static var missing: Double { .nan }
  var isMissing: Bool { isNaN }
}

/// The join's storage: values per interned area (a small integer), year and slot
/// (an age group, say) in one flat array per year, with a sentinel for missing
/// cells. Looking a cell up is an index computation, not a hash: the join of a
/// 460,000-area, 7-year panel makes tens of millions of such lookups.
///
/// Years are columns in the order first met (a linear search over a handful of
/// years beats hashing); `nil` is the column of values given for every year.
struct CellGrid<Value: GridValue>: Sendable {
  /// Values per area: 4 for age groups, 1 for a flag or one indicator.
  let slots: Int
  private(set) var years: [Int?] = []
  private var columns: [[Value]] = []

  init(slots: Int) { self.slots = slots }

  /// The column of `year`, added when new.
  mutating func column(for year: Int?) -> Int {
    if let existing = columnIndex(of: year) { return existing }
    years.append(year)
    columns.append([])
    return years.count - 1
  }

  func columnIndex(of year: Int?) -> Int? { years.firstIndex(of: year) }

  /// Number of areas a column has room for (areas beyond it are missing).
  func areaCount(column: Int) -> Int { columns[column].count / slots }

  func value(area: Int32, column: Int, slot: Int) -> Value? {
    let index = Int(area) * slots + slot
    guard index < columns[column].count else { return nil }
    let value = columns[column][index]
    return value.isMissing ? nil : value
  }

  func value(area: Int32, year: Int?, slot: Int) -> Value? {
    columnIndex(of: year).flatMap { value(area: area, column: $0, slot: slot) }
  }

  mutating func set(_ value: Value?, area: Int32, column: Int, slot: Int) {
    let index = Int(area) * slots + slot
    if index >= columns[column].count {
      guard value != nil else { return }
      // Grow to the area's block, with room to spare (amortised growth).
      let needed = max(index + 1, columns[column].count * 3 / 2, (Int(area) + 1) * slots)
      let rounded = (needed + slots - 1) / slots * slots
      columns[column].append(
        contentsOf: repeatElement(Value.missing, count: rounded - columns[column].count))
    }
    columns[column][index] = value ?? Value.missing
  }

  /// Every present cell, column by column, area by area, slot by slot.
  func forEach(_ body: (_ area: Int32, _ column: Int, _ slot: Int, _ value: Value) throws -> Void)
    rethrows
  {
    for column in columns.indices {
      let values = columns[column]
      for index in values.indices where !values[index].isMissing {
        try body(Int32(index / slots), column, index % slots, values[index])
      }
    }
  }
}

extension CellGrid where Value == Double {
  mutating func add(_ value: Double, area: Int32, column: Int, slot: Int) {
    set(
      (self.value(area: area, column: column, slot: slot) ?? 0) + value, area: area, column: column,
      slot: slot)
  }
}

/// Where a count came from, for error messages: a table (index into the
/// builder's sources) and a line. Zero is the missing sentinel (lines start at 1).
struct CellOrigin: GridValue, Equatable {
  let packed: UInt64
  init(source: Int, line: Int) {
    packed = UInt64(source) << 32 | UInt64(UInt32(truncatingIfNeeded: line))
  }
  private init(packed: UInt64) { self.packed = packed }
  static var missing: CellOrigin { CellOrigin(packed: 0) }
  var isMissing: Bool { packed == 0 }
  var source: Int { Int(packed >> 32) }
  var line: Int { Int(packed & 0xFFFF_FFFF) }
}
