import Foundation
import WijkstatCore
import Yams

/// A node of a YAML document with its file and key path, so that every type
/// error or unknown key is reported as `file: line N: key: what is wrong`.
struct YAMLValue {
  let node: Node
  let file: String
  let keyPath: String

  var line: Int { node.mark?.line ?? 0 }

  func error(_ message: String) -> UserError {
    UserError(
      "\(keyPath.isEmpty ? "" : "\(keyPath): ")\(message)", source: file, location: "line \(line)")
  }

  /// A level name or a user region's name; a misspelt level (`level: wjik`) is a
  /// usage error at this line (exit 64, before any input is read) listing the levels.
  func checkedLevel() throws -> AreaLevel {
    let text = try string()
    guard let level = AreaLevel.misspelt(text) else { return AreaLevel(parsing: text) }
    var usage = error(
      "no such level \"\(text)\" (did you mean \(level)?); levels are \(AreaLevel.namesList), or the name of a region column of the lookup or a project region set"
    )
    usage.isUsage = true
    throw usage
  }

  /// Parses a whole file.
  static func load(file: String) throws -> YAMLValue {
    guard let data = FileManager.default.contents(atPath: file) else {
      throw UserError("no such file", source: file)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw UserError("not UTF-8 text", source: file)
    }
    // Deep nesting is refused before the YAML parser sees it (its composer
    // recurses once per level: 5,000 brackets overflowed the stack).
    if let (line, what) = tooDeep(text) {
      throw UserError(
        "\(what); wijkstat reads at most \(maximumDepth) levels of nesting", source: file,
        location: "line \(line)")
    }
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw UserError("the file is empty", source: file)
      }
      if let deep = deepest(node, depth: 0) {
        throw UserError(
          "nested more than \(maximumDepth) levels deep; wijkstat reads at most \(maximumDepth)",
          source: file,
          location: "line \(deep.mark?.line ?? 0)")
      }
      return YAMLValue(node: node, file: file, keyPath: "")
    } catch let error as YamlError {
      throw UserError("not valid YAML: \(describe(error))", source: file)
    }
  }

  /// The documented limit: a project or map file nests at most this many
  /// lists and mappings (the demo project needs 3).
  static let maximumDepth = 32

  /// A cheap scan of the text for nesting no project needs: brackets
  /// (outside quotes and comments) more than `maximumDepth` deep, a line
  /// indented more than 8 × `maximumDepth` columns, or more than
  /// `maximumDepth` `- ` list markers on one line. Returns the line and what.
  static func tooDeep(_ text: String) -> (Int, String)? {
    var depth = 0
    var line = 1
    var quote: UInt8? = nil  // quoted scalars may span lines
    var comment = false
    var atLineStart = true
    var indent = 0
    var dashes = 0
    var previous: UInt8 = 10
    for byte in text.utf8 {
      if byte == 10 {
        line += 1
        comment = false
        atLineStart = true
        indent = 0
        dashes = 0
        previous = byte
        continue
      }
      if comment { previous = byte; continue }
      if let q = quote {
        if byte == q { quote = nil }
        previous = byte
        continue
      }
      if atLineStart {
        if byte == 32 {
          indent += 1
          if indent > 8 * maximumDepth {
            return (line, "line indented more than \(8 * maximumDepth) columns")
          }
          previous = byte
          continue
        }
        if byte == 45 /* - */ { dashes += 1; previous = byte; continue }
        if byte != 32 && byte != 45 { atLineStart = false }
      }
      if dashes > maximumDepth {
        return (line, "more than \(maximumDepth) nested lists on one line")
      }
      switch byte {
      case 35 where previous == 32 || previous == 9 || previous == 10: comment = true
      // A quote opens a scalar only at its start (not `Kinderen's`).
      case 34,
        39 where [32, 9, 10, 58, 91, 123, 44, 45].contains(previous):
        quote = byte
      case 91, 123:
        depth += 1
        if depth > maximumDepth { return (line, "brackets nested more than \(maximumDepth) deep") }
      case 93, 125: depth = max(0, depth - 1)
      default: break
      }
      previous = byte
    }
    return nil
  }

  /// A node nested deeper than `maximumDepth`, if any.
  static func deepest(_ node: Node, depth: Int) -> Node? {
    if depth > maximumDepth { return node }
    if let sequence = node.sequence {
      for item in sequence { if let deep = deepest(item, depth: depth + 1) { return deep } }
    } else if let mapping = node.mapping {
      for (_, value) in mapping { if let deep = deepest(value, depth: depth + 1) { return deep } }
    }
    return nil
  }

  private static func describe(_ error: YamlError) -> String {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return "line \(mark.line), column \(mark.column): \(problem)"
    default:
      return "\(error)"
    }
  }

  /// The entries of a mapping; any key outside `allowed` is an error that lists the known keys.
  func mapping(allowed: [String]) throws -> [String: YAMLValue] {
    guard let mapping = node.mapping else { throw error("expected a mapping of keys to values") }
    var result: [String: YAMLValue] = [:]
    for (key, value) in mapping {
      guard let name = key.string else { throw error("keys must be text") }
      let path = keyPath.isEmpty ? name : "\(keyPath).\(name)"
      guard allowed.contains(name) else {
        throw UserError(
          "unknown key \"\(path)\"; known keys here: \(allowed.joined(separator: ", "))",
          source: file,
          location: "line \(key.mark?.line ?? line)")
      }
      guard result[name] == nil else {
        throw UserError(
          "key \"\(path)\" given twice", source: file, location: "line \(key.mark?.line ?? line)")
      }
      result[name] = YAMLValue(node: value, file: file, keyPath: path)
    }
    return result
  }

  /// A mapping with free keys (region names, say).
  func freeMapping() throws -> [(String, YAMLValue)] {
    guard let mapping = node.mapping else { throw error("expected a mapping") }
    return try mapping.map { key, value in
      guard let name = key.string else { throw error("keys must be text") }
      return (
        name,
        YAMLValue(node: value, file: file, keyPath: keyPath.isEmpty ? name : "\(keyPath).\(name)")
      )
    }
  }

  func string() throws -> String {
    guard let scalar = node.scalar else { throw error("expected text") }
    return scalar.string
  }

  func int() throws -> Int {
    guard let text = node.scalar?.string, let value = Int(text) else {
      throw error(
        "expected a whole number, found \(node.scalar.map { "\"\($0.string)\"" } ?? "a list or mapping")"
      )
    }
    return value
  }

  /// A whole number within `range`; the message names the range (and `hint`).
  func int(in range: ClosedRange<Int>, hint: String = "") throws -> Int {
    let value = try int()
    guard range.contains(value) else {
      let bounds =
        range.upperBound == Int.max
        ? "\(range.lowerBound) or more" : "\(range.lowerBound) to \(range.upperBound)"
      throw error("must be \(bounds), not \(value)\(hint)")
    }
    return value
  }

  func double() throws -> Double {
    guard let text = node.scalar?.string, let value = Double(text) else {
      throw error(
        "expected a number, found \(node.scalar.map { "\"\($0.string)\"" } ?? "a list or mapping")")
    }
    return value
  }

  func bool() throws -> Bool {
    switch node.scalar?.string.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: throw error("expected true or false")
    }
  }

  /// A list of items, or a single item standing for a list of one.
  func list() throws -> [YAMLValue] {
    if let sequence = node.sequence {
      return sequence.enumerated().map { index, item in
        YAMLValue(node: item, file: file, keyPath: "\(keyPath)[\(index)]")
      }
    }
    if node.scalar != nil || node.mapping != nil { return [self] }
    throw error("expected a list")
  }

  func strings() throws -> [String] { try list().map { try $0.string() } }
  func ints() throws -> [Int] { try list().map { try $0.int() } }
  func doubles() throws -> [Double] { try list().map { try $0.double() } }
}
