import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// `wijkstat inspect SOURCE`: what is in a boundary source, and whether wijkstat can use it.
struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Summarise the layers of a boundary source: CRS, extent, fields, area key, geometry problems."
  )

  @Argument(
    help:
      "A file GDAL reads (GeoJSON, GeoPackage, Shapefile, FlatGeobuf, KML, CSV...) or a connection string (PG:..., WFS:...)."
  )
  var source: String

  @Option(help: "Only this layer.")
  var layer: String?

  @Option(help: "The field holding the area key (default: detected).")
  var key: String?

  @Option(help: "The CRS to assume when the source declares none, e.g. EPSG:28992.")
  var crs: String?

  @Flag(help: "Print one JSON object for machines instead of a summary for people.")
  var json = false

  @Flag(name: .shortAndLong, help: "No progress messages on stderr.")
  var quiet = false

  func run() throws {
    try reportingUserErrors {
      Terminal.quiet = quiet
      let summaries = try BoundaryReader.inspect(
        source, options: BoundaryOptions(layer: layer, keyField: key, crs: crs))
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = InspectDocument(source: Secrets.display(source), layers: summaries)
        FileHandle.standardOutput.write(try encoder.encode(document))
        print()
      } else {
        print(describe(source: Secrets.display(source), summaries: summaries))
      }
    }
  }

  struct InspectDocument: Encodable {
    var source: String
    var layers: [LayerSummary]
  }

  func describe(source: String, summaries: [LayerSummary]) -> String {
    var lines = [source]
    for s in summaries {
      lines.append("  layer \"\(s.name)\": \(grouped(s.featureCount)) features, \(s.geometryType)")
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

func fixed(_ value: Double, _ decimals: Int) -> String {
  String(format: "%.\(decimals)f", value)
}
