import Foundation

/// The rows of a CSV table wijkstat wrote, each keyed by the header's names.
/// Cells are split at every comma: for the tables whose cells hold no quoted
/// commas (codes, numbers, labels), which are the ones the tests read so.
public enum CSVRows {
  public static func read(_ url: URL) throws -> [[String: String]] {
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return lines.dropFirst().map { line in
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      return Dictionary(uniqueKeysWithValues: zip(header, cells))
    }
  }
}
