/// A uniform grid over bounding boxes, answering "which boxes may intersect this
/// one" in about constant time per query for evenly spread areas such as PC-4s
/// and gemeenten. Hand-written: no spatial-index package is available here, and a
/// grid is all this needs (an R-tree would pay off only for very uneven data).
public struct BoundingBoxIndex: Sendable {
  private let boxes: [BoundingBox]
  private let extent: BoundingBox
  private let columns: Int
  private let rows: Int
  private let cellWidth: Double
  private let cellHeight: Double
  /// Box indices per grid cell, row-major.
  private let cells: [[Int32]]

  /// Indexes `boxes` (empty boxes are never returned) with about `perCell` boxes per cell.
  public init(_ boxes: [BoundingBox], perCell: Int = 4) {
    self.boxes = boxes
    let valid = boxes.filter { !$0.isEmpty }
    let extent = valid.reduce(BoundingBox.empty) { $0.union($1) }
    self.extent = extent
    let cellCount = max(1, valid.count / max(1, perCell))
    let aspect = extent.isEmpty || extent.height == 0 ? 1 : max(extent.width, 1e-9) / extent.height
    let columns = max(1, Int((Double(cellCount) * aspect).squareRoot().rounded()))
    let rows = max(1, cellCount / columns)
    self.columns = columns
    self.rows = rows
    cellWidth = extent.isEmpty ? 1 : max(extent.width / Double(columns), 1e-9)
    cellHeight = extent.isEmpty ? 1 : max(extent.height / Double(rows), 1e-9)
    var cells = [[Int32]](repeating: [], count: columns * rows)
    if !extent.isEmpty {
      for (index, box) in boxes.enumerated() where !box.isEmpty {
        let (c0, r0, c1, r1) = Self.range(box, extent, columns, rows, cellWidth, cellHeight)
        for r in r0...r1 { for c in c0...c1 { cells[r * columns + c].append(Int32(index)) } }
      }
    }
    self.cells = cells
  }

  private static func range(
    _ box: BoundingBox, _ extent: BoundingBox, _ columns: Int, _ rows: Int, _ w: Double, _ h: Double
  ) -> (Int, Int, Int, Int) {
    func clamp(_ v: Int, _ hi: Int) -> Int { min(max(v, 0), hi - 1) }
    return (
      clamp(Int(((box.minX - extent.minX) / w).rounded(.down)), columns),
      clamp(Int(((box.minY - extent.minY) / h).rounded(.down)), rows),
      clamp(Int(((box.maxX - extent.minX) / w).rounded(.down)), columns),
      clamp(Int(((box.maxY - extent.minY) / h).rounded(.down)), rows)
    )
  }

  /// Indices of boxes intersecting `box`, ascending.
  public func candidates(intersecting box: BoundingBox) -> [Int] {
    guard !extent.isEmpty, !box.isEmpty, box.intersects(extent) else { return [] }
    let (c0, r0, c1, r1) = Self.range(box, extent, columns, rows, cellWidth, cellHeight)
    var found = Set<Int32>()
    for r in r0...r1 {
      for c in c0...c1 {
        for index in cells[r * columns + c] where boxes[Int(index)].intersects(box) {
          found.insert(index)
        }
      }
    }
    return found.map(Int.init).sorted()
  }
}
