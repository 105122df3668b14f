import Foundation
import WijkstatCore
import WijkstatIO

/// `wijkstat inspect` as a library function: what is in a boundary source and
/// whether wijkstat can use it (`BoundaryReader.inspect`: CRS, extent, fields,
/// the area key, geometry problems), as a summary for people or one JSON object.
public enum InspectJob {
  public struct Result: Sendable {
    /// The source as it may be shown (a connection string's password blanked).
    public var source: String
    public var layers: [LayerSummary]

    /// One JSON object, `{"layers": [...], "source": ...}`, keys sorted.
    public func json() throws -> Data {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      return try encoder.encode(Document(source: source, layers: layers))
    }

    private struct Document: Encodable {
      var source: String
      var layers: [LayerSummary]
    }

    /// The summary for people: per layer its features, CRS, extent (WGS84 and
    /// RD New), fields, key, name field, geometry counts and warnings.
    public var text: String {
      var lines = [source]
      for s in layers {
        lines.append(
          "  layer \"\(s.name)\": \(grouped(s.featureCount)) features, \(s.geometryType)")
        lines.append("    crs       \(s.crs ?? "unknown")\(s.crsName.map { " (\($0))" } ?? "")")
        if let e = s.extentWGS84 {
          lines.append(
            "    extent    \(fixed(e[0], 6)), \(fixed(e[1], 6)) – \(fixed(e[2], 6)), \(fixed(e[3], 6)) (WGS84 lon/lat)"
          )
        }
        if let e = s.extentRD {
          lines.append(
            "              \(fixed(e[0], 0)), \(fixed(e[1], 0)) – \(fixed(e[2], 0)), \(fixed(e[3], 0)) (RD New, m)"
          )
        }
        lines.append(
          "    fields    " + s.fields.map { "\($0.name) (\($0.type))" }.joined(separator: ", "))
        if let field = s.keyField, let kind = s.keyKind {
          lines.append(
            "    key       \(field) → \(kind.rawValue); \(s.duplicateKeys.count) duplicate, \(s.emptyKeys) empty, \(s.invalidKeys.count) invalid"
          )
          if !s.duplicateKeys.isEmpty {
            lines.append(
              "              duplicates: " + s.duplicateKeys.prefix(10).joined(separator: ", "))
          }
          if !s.invalidKeys.isEmpty {
            lines.append(
              "              invalid: "
                + s.invalidKeys.prefix(10).map { "\"\($0)\"" }.joined(separator: ", "))
          }
        } else {
          lines.append("    key       none detected (give --key FIELD)")
        }
        if let name = s.nameField { lines.append("    name      \(name)") }
        if s.geometryType != "None" {
          lines.append(
            "    geometry  \(s.invalidGeometries) invalid (repaired), \(s.emptyGeometries) empty, \(s.flattened3D) flattened from 3D"
          )
        }
        for warning in s.warnings { lines.append("    warning   \(warning)") }
      }
      return lines.joined(separator: "\n")
    }
  }

  /// The summaries of every layer of `source` (or only `options.layer`).
  public static func compute(_ source: String, options: BoundaryOptions = BoundaryOptions()) throws
    -> Result
  {
    Result(
      source: Secrets.display(source), layers: try BoundaryReader.inspect(source, options: options))
  }

  private static func fixed(_ value: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
  }
}
