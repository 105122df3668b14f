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
      let result = try InspectJob.compute(
        source, options: BoundaryOptions(layer: layer, keyField: key, crs: crs))
      if json {
        FileHandle.standardOutput.write(try result.json())
        print()
      } else {
        print(result.text)
      }
    }
  }
}
