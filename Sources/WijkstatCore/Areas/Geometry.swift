/// Planar geometry as plain Swift values. Coordinates are in a projected CRS
/// (RD New, EPSG:28992, metres) unless a type says otherwise; the GDAL bridge
/// converts to and from these values, so nothing above it sees a C handle.

/// A position: `x` is easting (or longitude), `y` northing (or latitude).
public struct Point: Hashable, Sendable {
  public var x: Double
  public var y: Double
  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }
}

/// An axis-aligned bounding box. `empty` has min > max so any union fixes it.
public struct BoundingBox: Hashable, Sendable {
  public var minX: Double
  public var minY: Double
  public var maxX: Double
  public var maxY: Double
  public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
    self.minX = minX
    self.minY = minY
    self.maxX = maxX
    self.maxY = maxY
  }
  public static let empty = BoundingBox(
    minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
  public var isEmpty: Bool { minX > maxX || minY > maxY }
  public var width: Double { maxX - minX }
  public var height: Double { maxY - minY }
  public mutating func include(_ p: Point) {
    if p.x < minX { minX = p.x }
    if p.y < minY { minY = p.y }
    if p.x > maxX { maxX = p.x }
    if p.y > maxY { maxY = p.y }
  }
  public func union(_ other: BoundingBox) -> BoundingBox {
    BoundingBox(
      minX: Swift.min(minX, other.minX), minY: Swift.min(minY, other.minY),
      maxX: Swift.max(maxX, other.maxX), maxY: Swift.max(maxY, other.maxY))
  }
  public func intersects(_ other: BoundingBox) -> Bool {
    !(other.minX > maxX || other.maxX < minX || other.minY > maxY || other.maxY < minY)
  }
  /// `[minX, minY, maxX, maxY]`, the order of GeoJSON's `bbox` member.
  public var array: [Double] { [minX, minY, maxX, maxY] }
}

/// A closed ring: the first point is repeated as the last.
public struct Ring: Hashable, Sendable {
  public var points: [Point]
  public init(_ points: [Point]) {
    self.points = points
  }

  /// Shoelace formula: ½ Σ (x_i·y_{i+1} − x_{i+1}·y_i). Positive when the ring
  /// runs counter-clockwise (x east, y north).
  public var signedArea: Double {
    guard points.count >= 3 else { return 0 }
    var sum = 0.0
    for i in 0..<(points.count - 1) {
      sum += points[i].x * points[i + 1].y - points[i + 1].x * points[i].y
    }
    // Close the ring if the caller left it open.
    if let first = points.first, let last = points.last, first != last {
      sum += last.x * first.y - first.x * last.y
    }
    return sum / 2
  }
  public var isCounterClockwise: Bool { signedArea > 0 }
  public func reversed() -> Ring { Ring(points.reversed()) }
  public var boundingBox: BoundingBox {
    var box = BoundingBox.empty
    for p in points { box.include(p) }
    return box
  }
}

/// A polygon: one exterior ring and any number of holes.
public struct Polygon: Hashable, Sendable {
  public var exterior: Ring
  public var holes: [Ring]
  public init(exterior: Ring, holes: [Ring] = []) {
    self.exterior = exterior
    self.holes = holes
  }
  /// Area: |exterior| − Σ|holes|.
  public var area: Double {
    abs(exterior.signedArea) - holes.reduce(0) { $0 + abs($1.signedArea) }
  }
  public var rings: [Ring] { [exterior] + holes }
}

/// A multipolygon, the geometry of every area (a polygon is a multipolygon of one).
public struct MultiPolygon: Hashable, Sendable {
  public var polygons: [Polygon]
  public init(_ polygons: [Polygon]) {
    self.polygons = polygons
  }
  public var isEmpty: Bool { polygons.isEmpty }
  public var area: Double { polygons.reduce(0) { $0 + $1.area } }
  public var boundingBox: BoundingBox {
    var box = BoundingBox.empty
    for polygon in polygons { for p in polygon.exterior.points { box.include(p) } }
    return box
  }
  public var pointCount: Int {
    polygons.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.points.count } }
  }
  /// Appends every point's x and y, in the order of polygons, rings and points.
  public func appendPoints(x: inout [Double], y: inout [Double]) {
    for polygon in polygons {
      for ring in polygon.rings {
        for p in ring.points {
          x.append(p.x)
          y.append(p.y)
        }
      }
    }
  }
  /// Area-weighted centroid of the exterior-minus-holes shape (standard polygon
  /// centroid: C = 1/(6A) Σ (p_i + p_{i+1})(x_i y_{i+1} − x_{i+1} y_i)).
  public var centroid: Point? {
    var cx = 0.0
    var cy = 0.0
    var total = 0.0
    for polygon in polygons {
      for (index, ring) in polygon.rings.enumerated() {
        // Orient so the exterior counts positively and holes negatively.
        let sign: Double = (index == 0) == ring.isCounterClockwise ? 1 : -1
        let pts = ring.points
        guard pts.count >= 3 else { continue }
        for i in 0..<(pts.count - 1) {
          let cross = pts[i].x * pts[i + 1].y - pts[i + 1].x * pts[i].y
          cx += sign * (pts[i].x + pts[i + 1].x) * cross
          cy += sign * (pts[i].y + pts[i + 1].y) * cross
          total += sign * cross
        }
      }
    }
    guard total != 0 else { return polygons.first?.exterior.points.first }
    return Point(x: cx / (3 * total), y: cy / (3 * total))
  }
  /// The same shape with exterior rings counter-clockwise and holes clockwise
  /// (the right-hand rule of RFC 7946 §3.1.6).
  public func rightHandRule() -> MultiPolygon {
    MultiPolygon(
      polygons.map { polygon in
        Polygon(
          exterior: polygon.exterior.isCounterClockwise
            ? polygon.exterior : polygon.exterior.reversed(),
          holes: polygon.holes.map { $0.isCounterClockwise ? $0.reversed() : $0 })
      })
  }
}
