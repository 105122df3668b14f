import Foundation
import GDALBridge
import WijkstatCore

/// The layer and field names of CBS's Wijk- en Buurtkaart: 2022 and later one
/// GeoPackage with layers `gemeenten`, `wijken`, `buurten` and lower-case fields;
/// 2021 and before `gemeente_2021_v1`, `wijk_2021_v1`, `buurt_2021_v1` (shapefiles,
/// 2021 also a GeoPackage) with upper-case fields (`GM_CODE`, `WK_CODE`, `BU_CODE`,
/// `WATER` or `H2O`). Source: CBS, Toelichting Wijk- en Buurtkaart 2021 and 2023.
enum CBSLayers {
  /// Layer name → level, for the layers named as CBS names them.
  static func levels(of names: [String]) -> [String: AreaLevel] {
    var result: [String: AreaLevel] = [:]
    for name in names {
      var base = Substring(name.lowercased())
      // gemeente_2021_v1 → gemeente
      if let range = base.range(of: #"_[0-9]{4}(_v[0-9]+)?$"#, options: .regularExpression) {
        base = base[..<range.lowerBound]
      }
      switch base {
      case "gemeenten", "gemeente", "gem": result[name] = .gemeente
      case "wijken", "wijk": result[name] = .wijk
      case "buurten", "buurt": result[name] = .buurt
      default: break
      }
    }
    return result
  }

  /// The water field (`water` since 2022, `WATER` or `H2O` before), if any.
  static func waterField(_ fields: [FieldDefinition]) -> Int? {
    fields.firstIndex { ["water", "h2o"].contains($0.name.lowercased()) && $0.type == .string }
  }

  /// `JA` marks a water part; `NEE` land; `B` Belgian territory around Baarle-Nassau (land).
  static func isWater(_ value: String?) -> Bool {
    value.map { CellParser.trimmed($0).uppercased() == "JA" } ?? false
  }
}
