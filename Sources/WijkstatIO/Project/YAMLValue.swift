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
    UserError("\(keyPath.isEmpty ? "" : "\(keyPath): ")\(message)", source: file, location: "line \(line)")
  }

  /// Parses a whole file.
  static func load(file: String) throws -> YAMLValue {
    guard let data = FileManager.default.contents(atPath: file) else {
      throw UserError("no such file", source: file)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw UserError("not UTF-8 text", source: file)
    }
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw UserError("the file is empty", source: file)
      }
      return YAMLValue(node: node, file: file, keyPath: "")
    } catch let error as YamlError {
      throw UserError("not valid YAML: \(describe(error))", source: file)
    }
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
          "unknown key \"\(path)\"; known keys here: \(allowed.joined(separator: ", "))", source: file,
          location: "line \(key.mark?.line ?? line)")
      }
      guard result[name] == nil else {
        throw UserError("key \"\(path)\" given twice", source: file, location: "line \(key.mark?.line ?? line)")
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
      return (name, YAMLValue(node: value, file: file, keyPath: keyPath.isEmpty ? name : "\(keyPath).\(name)"))
    }
  }

  func string() throws -> String {
    guard let scalar = node.scalar else { throw error("expected text") }
    return scalar.string
  }

  func int() throws -> Int {
    guard let text = node.scalar?.string, let value = Int(text) else {
      throw error("expected a whole number, found \(node.scalar.map { "\"\($0.string)\"" } ?? "a list or mapping")")
    }
    return value
  }

  func double() throws -> Double {
    guard let text = node.scalar?.string, let value = Double(text) else {
      throw error("expected a number, found \(node.scalar.map { "\"\($0.string)\"" } ?? "a list or mapping")")
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
