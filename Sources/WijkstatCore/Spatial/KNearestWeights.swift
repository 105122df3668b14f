/// The k nearest neighbours of every area by centroid distance (ties by index),
/// found with a uniform grid over the centroids, searching rings of cells outward
/// until no closer point can remain: about O(n k) instead of comparing all pairs.
/// Hand-written for the same reason as `ContiguityWeights`.
public enum KNearestWeights {
  /// `only`: find the neighbours of these areas alone (the others get none),
  /// e.g. the islands of a contiguity.
  public static func build(_ centroids: [Point], k: Int = 6, only: [Int]? = nil) -> SpatialWeights {
    let n = centroids.count
    guard n > 1, k > 0 else {
      return SpatialWeights(kind: "knn-\(k)", neighbours: Array(repeating: [], count: n))
    }
    var box = BoundingBox.empty
    for p in centroids { box.include(p) }
    let side = max(1, Int((Double(n) / 2).squareRoot()))
    let width = max(box.width, 1e-9)
    let height = max(box.height, 1e-9)
    let cell = max(width, height) / Double(side)
    let columns = Int(width / cell) + 1
    let rows = Int(height / cell) + 1
    var grid = [[Int]](repeating: [], count: columns * rows)
    func cellOf(_ p: Point) -> (Int, Int) {
      (min(columns - 1, Int((p.x - box.minX) / cell)), min(rows - 1, Int((p.y - box.minY) / cell)))
    }
    for (i, p) in centroids.enumerated() {
      let (cx, cy) = cellOf(p)
      grid[cy * columns + cx].append(i)
    }
    let wanted = min(k, n - 1)
    var neighbours = [[Int]](repeating: [], count: n)
    for i in only ?? Array(centroids.indices) {
      let p = centroids[i]
      let (cx, cy) = cellOf(p)
      var found: [(d: Double, j: Int)] = []
      var radius = 0
      while true {
        for y in (cy - radius)...(cy + radius) where y >= 0 && y < rows {
          for x in (cx - radius)...(cx + radius) where x >= 0 && x < columns {
            guard max(abs(x - cx), abs(y - cy)) == radius else { continue }
            for j in grid[y * columns + x] where j != i {
              let dx = centroids[j].x - p.x
              let dy = centroids[j].y - p.y
              found.append((dx * dx + dy * dy, j))
            }
          }
        }
        found.sort { $0.d != $1.d ? $0.d < $1.d : $0.j < $1.j }
        if found.count > wanted { found.removeLast(found.count - wanted) }
        // Every point beyond this ring is at least radius × cell away.
        let reach = Double(radius) * cell
        if (found.count == wanted && found.last!.d <= reach * reach) || radius > max(columns, rows)
        {
          break
        }
        radius += 1
      }
      neighbours[i] = found.map(\.j)
    }
    return SpatialWeights(kind: "knn-\(k)", neighbours: neighbours)
  }
}
