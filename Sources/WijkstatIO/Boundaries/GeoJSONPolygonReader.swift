import Foundation
import GDALBridge
import WijkstatCore

/// The common GeoJSON boundary file read by wijkstat itself: a FeatureCollection
/// of Polygon and MultiPolygon features with flat properties (text and numbers),
/// optionally a legacy named `crs`. Anything else (3D or other geometry types,
/// nested or boolean properties, feature `id`s, dates, a field that mixes text
/// and numbers, or JSON that does not parse) gives nil, and GDAL reads the file
/// as before, with its own messages for broken files.
///
/// Hand-written because GDAL's driver parses a file twice (a first pass for the
/// schema, then json-c objects per feature): 0.12 of the 0.25 s that reading the
/// national PC-4 boundaries took (BENCHMARKS.md). What it gives must be what GDAL
/// gives: the same layer name, fields and field types in the same order, the
/// same text per value, the same coordinates (numbers through `strtod` or its
/// exact fast path) and the same CRS; a test compares the two on the real files.
struct GeoJSONPolygonReader: BoundarySource {
  var name: String
  var fields: [FieldDefinition]
  /// Per field, per feature: the text GDAL's `OGR_F_GetFieldAsString` gives.
  var values: [[String?]]
  var shapes: [Shape?]
  var crsName: String?
  var extent: (minX: Double, minY: Double, maxX: Double, maxY: Double)?

  /// A feature's geometry as written: a Polygon is kept a Polygon (GEOS repairs
  /// Polygons and MultiPolygons differently).
  struct Shape {
    var polygons: [Polygon]
    var isMulti: Bool
  }

  /// Files above this size are left to GDAL, which streams them.
  static let largestFile = 512 << 20

  /// Local `.geojson` and `.json` files only. `valuesOnly`: the properties
  /// alone, for reading the values of wijkstat's own maps
  /// (`PublishedFolder.readMaps`), never for boundaries: every geometry is
  /// skipped (its shape is nil) and so is a feature's `id` member, which is
  /// otherwise declined (GDAL makes it a field or the FID by rules of its own;
  /// a map's ids are its area codes).
  static func read(_ path: String, valuesOnly: Bool = false) -> GeoJSONPolygonReader? {
    let lower = path.lowercased()
    guard lower.hasSuffix(".geojson") || lower.hasSuffix(".json"), !path.hasPrefix("/vsi"),
      let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
      size <= largestFile, let data = FileManager.default.contents(atPath: path)
    else { return nil }
    let fallbackName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return data.withUnsafeBytes { raw in
      var parser = Parser(bytes: raw.bindMemory(to: UInt8.self))
      parser.valuesOnly = valuesOnly
      return parser.collection(fallbackName: fallbackName)
    }
  }

  // MARK: BoundarySource

  var hasGeometry: Bool { true }

  var geometryTypeName: String {
    let kinds = Set(shapes.compactMap { $0?.isMulti })
    return kinds.count == 1 ? (kinds.first! ? "Multi Polygon" : "Polygon") : "Unknown (any)"
  }

  func spatialReference() throws -> SpatialReference? {
    // RFC 7946 and GDAL: without a `crs` member the coordinates are WGS84 lon/lat.
    guard let crsName else { return try SpatialReference.wgs84() }
    return try SpatialReference(definition: crsName)
  }

  func forEachFeature(_ body: (_ text: (Int) -> String?, _ geometry: Geometry?) throws -> Void)
    throws
  {
    for feature in shapes.indices {
      var geometry: Geometry? = nil
      if let shape = shapes[feature] {
        let multi = MultiPolygon(shape.polygons)
        geometry = try Geometry(
          wkb: shape.isMulti ? WKB.bytes(of: multi) : WKB.bytes(ofPolygon: shape.polygons[0]))
      }
      try body({ values[$0][feature] }, geometry)
    }
  }
}

extension GeoJSONPolygonReader {
  /// A property value as parsed, before the field's type is known.
  enum Value {
    case text(String)
    case integer(Int64)
    case real(Double)
    case null
  }

  /// Recursive descent over the bytes; every method returns nil (or false) for
  /// anything outside the supported subset.
  struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0
    var valuesOnly = false

    mutating func collection(fallbackName: String) -> GeoJSONPolygonReader? {
      var name = fallbackName
      var crsName: String? = nil
      var isCollection = false
      var features: [(properties: [(String, Value)], shape: Shape?)]? = nil
      guard
        object({ parser, key in
          switch key {
          case "type":
            guard let type = parser.string() else { return false }
            isCollection = type == "FeatureCollection"
            return isCollection
          case "name":
            guard let text = parser.string() else { return false }
            name = text
            return true
          case "crs":
            crsName = parser.namedCRS()
            return crsName != nil
          case "features":
            var list: [(properties: [(String, Value)], shape: Shape?)] = []
            let ok = parser.array { parser in
              guard let feature = parser.feature() else { return false }
              list.append(feature)
              return true
            }
            features = list
            return ok
          case "bbox": return parser.skipValue()
          default: return false
          }
        })
      else { return nil }
      skipSpace()
      guard at == bytes.count, isCollection, let features, !features.isEmpty,
        valuesOnly || features.contains(where: { $0.shape != nil })
      else { return nil }

      // Fields in GDAL's order: a topological order of "comes before in some
      // feature". Only a unique order is certain to be GDAL's; otherwise GDAL reads.
      var order: [String] = []
      var seen: [String: Int] = [:]
      var successors: [Set<Int>] = []
      for feature in features {
        var previous: Int? = nil
        for (key, _) in feature.properties {
          let node: Int
          if let known = seen[key] {
            node = known
          } else {
            node = order.count
            seen[key] = node
            order.append(key)
            successors.append([])
          }
          if let previous { successors[previous].insert(node) }
          previous = node
        }
      }
      var incoming = [Int](repeating: 0, count: order.count)
      for next in successors { for node in next { incoming[node] += 1 } }
      var ready = incoming.indices.filter { incoming[$0] == 0 }
      var sorted: [Int] = []
      while let node = ready.first {
        guard ready.count == 1 else { return nil }
        ready.removeAll()
        sorted.append(node)
        for next in successors[node] {
          incoming[next] -= 1
          if incoming[next] == 0 { ready.append(next) }
        }
      }
      guard sorted.count == order.count else { return nil }  // a cycle
      order = sorted.map { order[$0] }
      for (position, key) in order.enumerated() { seen[key] = position }
      var columns = [[Value]](
        repeating: [Value](repeating: .null, count: features.count), count: order.count)
      for (row, feature) in features.enumerated() {
        for (key, value) in feature.properties { columns[seen[key]!][row] = value }
      }
      var fields: [FieldDefinition] = []
      var values: [[String?]] = []
      for (n, column) in columns.enumerated() {
        var text = false
        var real = false
        var wide = false
        var number = false
        for value in column {
          switch value {
          case .text: text = true
          case .integer(let v):
            number = true
            if v < Int64(Int32.min) || v > Int64(Int32.max) { wide = true }
          case .real:
            number = true
            real = true
          case .null: break
          }
        }
        // A field mixing text and numbers: GDAL's text of a number is json-c's.
        if text && number { return nil }
        let type: FieldType =
          text || !number ? .string : real ? .real : wide ? .integer64 : .integer
        fields.append(FieldDefinition(name: order[n], type: type))
        values.append(
          column.map { value in
            switch value {
            case .text(let s): return s
            case .integer(let v): return type == .real ? Self.realText(Double(v)) : String(v)
            case .real(let v): return Self.realText(v)
            case .null: return nil
            }
          })
      }
      var box = BoundingBox.empty
      for feature in features {
        for polygon in feature.shape?.polygons ?? [] {
          for ring in polygon.rings { for p in ring.points { box.include(p) } }
        }
      }
      return GeoJSONPolygonReader(
        name: name, fields: fields, values: values, shapes: features.map(\.shape), crsName: crsName,
        extent: box.isEmpty ? nil : (box.minX, box.minY, box.maxX, box.maxY))
    }

    /// GDAL's text of a Real field without width: `%.15g`.
    static func realText(_ value: Double) -> String {
      withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
        _ = withVaList([value]) { vsnprintf(buffer.baseAddress!, 64, "%.15g", $0) }
        return String(cString: buffer.baseAddress!)
      }
    }

    mutating func feature() -> (properties: [(String, Value)], shape: Shape?)? {
      var isFeature = false
      var properties: [(String, Value)] = []
      var shape: Shape? = nil
      guard
        object({ parser, key in
          switch key {
          case "type":
            isFeature = parser.string() == "Feature"
            return isFeature
          case "properties":
            if parser.literal("null") { return true }
            return parser.object { parser, key in
              guard let value = parser.propertyValue(), !properties.contains(where: { $0.0 == key })
              else {
                return false
              }
              properties.append((key, value))
              return true
            }
          case "geometry":
            if parser.valuesOnly { return parser.skipValue() }
            if parser.literal("null") { return true }
            guard let parsed = parser.geometry() else { return false }
            shape = parsed
            return true
          case "bbox": return parser.skipValue()
          case "id" where parser.valuesOnly: return parser.skipValue()
          default: return false  // `id` and foreign members: GDAL's rules for them are its own
          }
        }), isFeature
      else { return nil }
      return (properties, shape)
    }

    mutating func propertyValue() -> Value? {
      skipSpace()
      guard at < bytes.count else { return nil }
      switch bytes[at] {
      case UInt8(ascii: "\""):
        guard let text = string(), !Self.looksLikeDateOrTime(text) else { return nil }
        return .text(text)
      case UInt8(ascii: "n"): return literal("null") ? .null : nil
      default:
        guard let (token, isInteger) = numberToken() else { return nil }
        if isInteger {
          // Beyond 64 bits json-c reads a double: left to GDAL.
          guard let value = Int64(token) else { return nil }
          return .integer(value)
        }
        guard let value = Double(token), value.isFinite else { return nil }
        return .real(value)
      }
    }

    /// GDAL types such strings as Date, Time or DateTime fields.
    static func looksLikeDateOrTime(_ text: String) -> Bool {
      let b = Array(text.utf8.prefix(10))
      func digit(_ i: Int) -> Bool { i < b.count && b[i] >= 48 && b[i] <= 57 }
      let date =
        b.count >= 8 && digit(0) && digit(1) && digit(2) && digit(3)
        && (b[4] == UInt8(ascii: "-") || b[4] == UInt8(ascii: "/"))
      let time =
        b.count >= 5 && digit(0) && digit(1) && b[2] == UInt8(ascii: ":") && digit(3) && digit(4)
      return date || time
    }

    /// `{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4289"}}`.
    mutating func namedCRS() -> String? {
      var isNamed = false
      var name: String? = nil
      guard
        object({ parser, key in
          switch key {
          case "type":
            isNamed = parser.string() == "name"
            return isNamed
          case "properties":
            return parser.object { parser, key in
              guard key == "name", let text = parser.string() else { return false }
              name = text
              return true
            }
          default: return false
          }
        }), isNamed
      else { return nil }
      return name
    }

    mutating func geometry() -> Shape? {
      var kind: String? = nil
      var coordinates: [Polygon]? = nil
      // `coordinates` may come before `type`: parse as a multipolygon nesting and
      // check the depth against the type afterwards.
      var depth = 0
      guard
        object({ parser, key in
          switch key {
          case "type":
            kind = parser.string()
            return kind == "Polygon" || kind == "MultiPolygon"
          case "coordinates":
            guard let (polygons, nesting) = parser.nestedPolygons() else { return false }
            coordinates = polygons
            depth = nesting
            return true
          case "bbox": return parser.skipValue()
          default: return false
          }
        }), let kind, let coordinates
      else { return nil }
      let multi = kind == "MultiPolygon"
      // Empty coordinates are left to GDAL (an empty geometry there).
      guard depth == (multi ? 4 : 3), !coordinates.isEmpty else { return nil }
      return Shape(polygons: coordinates, isMulti: multi)
    }

    /// A Polygon's `[[[x, y], ...], ...]` (depth 3) or a MultiPolygon's one level
    /// deeper (depth 4), as polygons.
    mutating func nestedPolygons() -> ([Polygon], Int)? {
      skipSpace()
      // Look ahead: count the opening brackets.
      var probe = at
      var brackets = 0
      while probe < bytes.count {
        let byte = bytes[probe]
        if byte == UInt8(ascii: "[") {
          brackets += 1
        } else if !Self.isSpace(byte) {
          break
        }
        probe += 1
      }
      if brackets == 4 {
        var polygons: [Polygon] = []
        guard
          array({ parser in
            guard let polygon = parser.polygon() else { return false }
            polygons.append(polygon)
            return true
          })
        else { return nil }
        return (polygons, 4)
      }
      guard brackets == 3, let polygon = polygon() else { return nil }
      return ([polygon], 3)
    }

    mutating func polygon() -> Polygon? {
      var rings: [Ring] = []
      guard
        array({ parser in
          var points: [Point] = []
          guard
            parser.array({ parser in
              guard let point = parser.position() else { return false }
              points.append(point)
              return true
            })
          else { return false }
          rings.append(Ring(points))
          return true
        }), let exterior = rings.first
      else { return nil }
      return Polygon(exterior: exterior, holes: Array(rings.dropFirst()))
    }

    /// `[x, y]`; a third number (Z) is left to GDAL, which flattens and counts it.
    mutating func position() -> Point? {
      skipSpace()
      guard expect(UInt8(ascii: "[")), let x = coordinate() else { return nil }
      skipSpace()
      guard expect(UInt8(ascii: ",")), let y = coordinate() else { return nil }
      skipSpace()
      guard expect(UInt8(ascii: "]")) else { return nil }
      return Point(x: x, y: y)
    }

    mutating func coordinate() -> Double? {
      guard let span = numberSpan() else { return nil }
      let slice = UnsafeBufferPointer(rebasing: bytes[span.range])
      if let fast = CellParser.plainNumber(slice) { return fast }
      return Double(String(decoding: slice, as: UTF8.self))
    }

    /// A JSON number's text and whether it is an integer (no fraction or exponent).
    mutating func numberToken() -> (String, Bool)? {
      guard let span = numberSpan() else { return nil }
      return (
        String(decoding: UnsafeBufferPointer(rebasing: bytes[span.range]), as: UTF8.self),
        span.isInteger
      )
    }

    /// Where a JSON number is (RFC 8259 §6: no leading zeros, a digit after
    /// the point, digits in the exponent), moving past it.
    mutating func numberSpan() -> (range: Range<Int>, isInteger: Bool)? {
      skipSpace()
      let start = at
      func digits() -> Int {
        let first = at
        while at < bytes.count, bytes[at] >= 48 && bytes[at] <= 57 { at += 1 }
        return at - first
      }
      if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
      let wholeStart = at
      let whole = digits()
      guard whole > 0, bytes[wholeStart] != 48 || whole == 1 else { return nil }
      var isInteger = true
      if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
        at += 1
        isInteger = false
        guard digits() > 0 else { return nil }
      }
      if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
        at += 1
        isInteger = false
        if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") {
          at += 1
        }
        guard digits() > 0 else { return nil }
      }
      return (start..<at, isInteger)
    }

    // MARK: JSON structure

    static func isSpace(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    mutating func skipSpace() {
      while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
    }

    mutating func expect(_ byte: UInt8) -> Bool {
      guard at < bytes.count, bytes[at] == byte else { return false }
      at += 1
      return true
    }

    mutating func literal(_ word: StaticString) -> Bool {
      skipSpace()
      let count = word.utf8CodeUnitCount
      guard at + count <= bytes.count else { return false }
      for i in 0..<count where bytes[at + i] != word.utf8Start[i] { return false }
      at += count
      return true
    }

    /// `{ "key": value, ... }`, each member handed to `member` (which parses the value).
    mutating func object(_ member: (inout Parser, String) -> Bool) -> Bool {
      skipSpace()
      guard expect(UInt8(ascii: "{")) else { return false }
      skipSpace()
      if expect(UInt8(ascii: "}")) { return true }
      while true {
        skipSpace()
        guard let key = string() else { return false }
        skipSpace()
        guard expect(UInt8(ascii: ":")), member(&self, key) else { return false }
        skipSpace()
        if expect(UInt8(ascii: ",")) { continue }
        return expect(UInt8(ascii: "}"))
      }
    }

    /// `[ element, ... ]`.
    mutating func array(_ element: (inout Parser) -> Bool) -> Bool {
      skipSpace()
      guard expect(UInt8(ascii: "[")) else { return false }
      skipSpace()
      if expect(UInt8(ascii: "]")) { return true }
      while true {
        guard element(&self) else { return false }
        skipSpace()
        if expect(UInt8(ascii: ",")) { continue }
        return expect(UInt8(ascii: "]"))
      }
    }

    /// Any JSON value, checked and skipped.
    mutating func skipValue() -> Bool {
      skipSpace()
      guard at < bytes.count else { return false }
      switch bytes[at] {
      case UInt8(ascii: "{"): return object { parser, _ in parser.skipValue() }
      case UInt8(ascii: "["): return array { $0.skipValue() }
      case UInt8(ascii: "\""): return string() != nil
      case UInt8(ascii: "t"): return literal("true")
      case UInt8(ascii: "f"): return literal("false")
      case UInt8(ascii: "n"): return literal("null")
      default: return numberSpan() != nil  // no text made of a skipped number
      }
    }

    /// A JSON string, escapes decoded; nil for invalid UTF-8 or escapes.
    mutating func string() -> String? {
      skipSpace()
      guard expect(UInt8(ascii: "\"")) else { return nil }
      let start = at
      var plain = true
      while at < bytes.count {
        let byte = bytes[at]
        if byte == UInt8(ascii: "\"") { break }
        if byte < 0x20 { return nil }
        if byte == UInt8(ascii: "\\") {
          plain = false
          at += 1
        }
        at += 1
      }
      guard at < bytes.count else { return nil }
      let raw = UnsafeBufferPointer(rebasing: bytes[start..<at])
      at += 1
      if plain { return String(validating: raw, as: UTF8.self) }
      return Self.unescape(raw)
    }

    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
      var out: [UInt8] = []
      out.reserveCapacity(raw.count)
      var i = 0
      func hex4(_ at: Int) -> UInt32? {
        guard at + 4 <= raw.count else { return nil }
        var value: UInt32 = 0
        for k in at..<(at + 4) {
          guard let digit = Character(Unicode.Scalar(raw[k])).hexDigitValue else { return nil }
          value = value * 16 + UInt32(digit)
        }
        return value
      }
      while i < raw.count {
        let byte = raw[i]
        guard byte == UInt8(ascii: "\\") else {
          out.append(byte)
          i += 1
          continue
        }
        guard i + 1 < raw.count else { return nil }
        let escaped = raw[i + 1]
        i += 2
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          guard var scalar = hex4(i) else { return nil }
          i += 4
          if scalar >= 0xD800 && scalar < 0xDC00 {
            // A surrogate pair.
            guard i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u"),
              let low = hex4(i + 2), low >= 0xDC00 && low < 0xE000
            else { return nil }
            i += 6
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let unicode = Unicode.Scalar(scalar), scalar != 0 else { return nil }
          out.append(contentsOf: String(Character(unicode)).utf8)
        default: return nil
        }
      }
      return String(validating: out, as: UTF8.self)
    }
  }
}
