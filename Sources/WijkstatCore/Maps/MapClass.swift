/// One entry of a map legend: a data class, or the no-data / suppressed class.
public struct MapClass: Sendable, Equatable, Codable {
  /// 1...k for data; 0 no data; −1 suppressed (withheld by disclosure control).
  public var number: Int
  public var label: String
  public var color: String
  public var count: Int
  /// Lower and upper bound of a graduated class (nil for categories and specials).
  public var lower: Double?
  public var upper: Double?

  public init(
    number: Int, label: String, color: String, count: Int, lower: Double? = nil,
    upper: Double? = nil
  ) {
    self.number = number
    self.label = label
    self.color = color
    self.count = count
    self.lower = lower
    self.upper = upper
  }

  public static let noData = 0
  public static let suppressed = -1
}
