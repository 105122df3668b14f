import Foundation

/// Names the user gives to outputs (a map's `name`, `--name`) become file names
/// inside the output folder, never paths: wijkstat must not write outside it.
public enum FileName {
  /// Refuses a name with `/`, `\`, `..`, a leading `.`, a control character,
  /// a `:` (Windows drive letters and streams), more than 200 bytes, or nothing
  /// at all. `what` names it in the message (`--name`, `map name`).
  public static func validate(_ name: String, what: String) throws {
    let shown = name.unicodeScalars.map {
      $0.properties.generalCategory == .control ? "\\u{\(String($0.value, radix: 16))}" : String($0)
    }.joined()
    func refuse(_ reason: String) -> UserError {
      UserError(
        "\(what) \"\(shown)\" \(reason); give a plain file name such as kaart-1 (letters, digits, - and _)"
      )
    }
    if name.trimmingCharacters(in: .whitespaces).isEmpty {
      throw UserError("\(what) is empty; give a plain file name such as kaart-1")
    }
    if name.contains("/") || name.contains("\\") { throw refuse("contains a path separator") }
    if name.contains("..") { throw refuse("contains \"..\"") }
    if name.hasPrefix(".") { throw refuse("begins with \".\" (a hidden file)") }
    if name.unicodeScalars.contains(where: {
      $0.properties.generalCategory == .control || $0.value == 0x7F
    }) {
      throw refuse("contains a control character")
    }
    if name.contains(":") { throw refuse("contains \":\"") }
    if name.hasPrefix(" ") || name.hasSuffix(" ") { throw refuse("begins or ends with a space") }
    if name.utf8.count > 200 { throw refuse("is longer than 200 bytes") }
  }
}
