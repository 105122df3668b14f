import Foundation
import WijkstatCore

/// Reads a StatLine OData response saved as JSON — `{"odata.metadata": …,
/// "value": [{…}, …]}` (v3 TypedDataSet) or `{"@odata.context": …, "value": […]}`
/// (v4 Observations) — into a `RawTable` of text, columns in the order of the
/// first record. `null` is a figure CBS does not give (read as `.`, not
/// available). Foundation's JSONSerialization parses; it does not keep the order
/// of an object's keys, so the order is taken from the first record's text.
enum ODataJSONReader {
  /// Whether the file at `path` looks like an OData response (its first bytes).
  static func looksLikeOData(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
    return head.contains("odata.metadata") || head.contains("@odata.context")
      || head.range(of: #"^\s*\{\s*"value"\s*:"#, options: .regularExpression) != nil
  }

  static func read(_ path: String) throws -> RawTable {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw UserError("cannot read: \(error.localizedDescription)", source: path)
    }
    let object: Any
    do { object = try JSONSerialization.jsonObject(with: data) } catch {
      throw UserError(
        "not valid JSON: \((error as NSError).userInfo["NSDebugDescription"] ?? error.localizedDescription)",
        source: path)
    }
    guard let root = object as? [String: Any], let records = root["value"] as? [[String: Any]]
    else {
      throw UserError("an OData response needs a \"value\" list of records", source: path)
    }
    guard let first = records.first else {
      throw UserError("the OData response holds no records", source: path)
    }
    var columns = keyOrder(data).filter { first[$0] != nil }
    for key in first.keys.sorted() where !columns.contains(key) { columns.append(key) }
    var rows: [[String]] = []
    rows.reserveCapacity(records.count)
    for (index, record) in records.enumerated() {
      if let extra = record.keys.first(where: { !columns.contains($0) }) {
        throw UserError(
          "record \(index + 1) has a field \"\(extra)\" the first record lacks", source: path)
      }
      rows.append(columns.map { text(record[$0]) })
    }
    // Record numbers stand in for lines: record 1 is "line 2", as in a CSV with a header.
    return RawTable(
      source: path, columns: columns, rows: rows, lineNumbers: rows.indices.map { $0 + 2 })
  }

  static func text(_ value: Any?) -> String {
    switch value {
    case nil, is NSNull: return "."
    case let string as String: return string
    case let flag as Bool where !(value is Int) && !(value is Double):
      return flag ? "true" : "false"
    case let number as NSNumber:
      let double = number.doubleValue
      if double == double.rounded(), abs(double) < 1e15 { return String(Int64(double)) }
      return "\(double)"
    default: return "\(value!)"
    }
  }

  /// The keys of the first object inside `"value": [`, in the order written.
  static func keyOrder(_ data: Data) -> [String] {
    let bytes = [UInt8](data)
    let marker = Array("\"value\"".utf8)
    guard
      let start = (0..<max(0, bytes.count - marker.count)).first(where: {
        bytes[$0..<$0 + marker.count].elementsEqual(marker)
      })
    else { return [] }
    var i = start + marker.count
    while i < bytes.count, bytes[i] != UInt8(ascii: "{") { i += 1 }
    var depth = 0
    var keys: [String] = []
    var expectKey = false
    while i < bytes.count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "\"") {
        var j = i + 1
        var scalar: [UInt8] = []
        while j < bytes.count, bytes[j] != UInt8(ascii: "\"") {
          if bytes[j] == UInt8(ascii: "\\") { j += 1 }
          if j < bytes.count { scalar.append(bytes[j]) }
          j += 1
        }
        if depth == 1, expectKey { keys.append(String(decoding: scalar, as: UTF8.self)) }
        expectKey = false
        i = j + 1
        continue
      }
      switch byte {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        if depth == 1 { expectKey = true }
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        if depth == 0 { return keys }
      case UInt8(ascii: ","):
        if depth == 1 { expectKey = true }
      default: break
      }
      i += 1
    }
    return keys
  }
}
