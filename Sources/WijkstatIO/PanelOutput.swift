import Foundation
import WijkstatCore

/// Writes the joined panel: CSV (by extension) or a GeoPackage with, per level,
/// a table `panel_<level>` (one row per area and year, the same columns as the
/// CSV) and, where the level has boundaries, a layer `areas_<level>` with each
/// area's geometry once (join on `area` = `code` in QGIS), instead of repeating
/// every geometry for every year.
public enum PanelOutput {
  public static func write(
    _ panel: Panel, boundaries: [AreaLevel: AreaLayer], to path: String
  ) throws {
    if path.lowercased().hasSuffix(".csv") {
      try TextOutput.write(PanelCSV.text(panel), to: path)
    } else if path.lowercased().hasSuffix(".gpkg") {
      try VectorWriter.writeGeoPackage(layers(panel, boundaries: boundaries), to: path)
    } else {
      throw UserError("the panel is written as .csv or .gpkg", source: path)
    }
  }

  public static func layers(_ panel: Panel, boundaries: [AreaLevel: AreaLayer]) -> [OutputLayer] {
    // A `provisional` column (`*`) when the panel has provisional figures.
    let provisional = panel.rows.contains(where: \.provisional)
    let header = PanelCSV.header(indicators: panel.indicatorNames, provisional: provisional)
    let textColumns: Set<String> = ["level", "area", "name", "gemeente", "provisional"]
    let integerColumns: Set<String> = ["year", "achterstandswijk"]
    let fields = header.map { name in
      AttributeField(
        name, textColumns.contains(name) ? .text : integerColumns.contains(name) ? .integer : .real)
    }
    var layers: [OutputLayer] = []
    for level in panel.levels {
      // The level's rows by position: their values are made one row at a time
      // as the GeoPackage is written (3.2 million at 460,000 PC-6 areas).
      let rows = panel.rows.indices.filter { panel.rows[$0].level == level }
      if let layer = boundaries[level] {
        layers.append(
          OutputLayer(
            name: "areas_\(level.description.lowercased())",
            fields: [AttributeField("code", .text), AttributeField("name", .text)],
            geometries: layer.areas.map(\.geometry),
            rows: layer.areas.map { [.text($0.code), $0.name.map(AttributeValue.text) ?? .null] }))
      }
      layers.append(
        OutputLayer(
          name: "panel_\(level.description.lowercased())", fields: fields, count: rows.count
        ) { n in
          // The numbers the CSV would hold (rounded to its decimals), typed.
          PanelCSV.values(
            panel.rows[rows[n]], indicators: panel.indicatorNames, provisional: provisional
          )
          .map { value in
            switch value {
            case .text(let text): return .text(text)
            case .integer(let number): return number.map(AttributeValue.integer) ?? .null
            case .number(let number): return number.map { .real(PanelCSV.published($0)) } ?? .null
            }
          }
        })
    }
    return layers
  }
}

/// Writes text files atomically (temporary file beside the destination, then renamed).
public enum TextOutput {
  public static func write(_ text: String, to path: String) throws {
    try VectorWriter.atomically(path) { temporary in
      do {
        try FileBytes.write(Data(text.utf8), to: URL(fileURLWithPath: temporary))
      } catch {
        throw FileSystemError.describe(error, doing: "writing", path: path)
      }
    }
  }
}
