/// Equal-interval breaks: min + i·(max − min)/k, i = 1...k, the last exactly max
/// (mapclassify EqualInterval).
enum EqualInterval {
  static func breaks(_ sorted: [Double], k: Int) -> [Double] {
    let low = sorted.first!
    let high = sorted.last!
    let width = (high - low) / Double(k)
    return (1...k).map { $0 == k ? high : low + width * Double($0) }
  }
}
