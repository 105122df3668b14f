/// A map's name is also the name of its layer (an SQLite table) in the map's
/// GeoPackage, beside the tables the GeoPackage itself, SQLite, QGIS and
/// wijkstat keep there. A map named after one of those made GDAL fail with a
/// raw SQLite error after the whole run (finding Q16); this refuses such a name
/// as a usage error before any input is read.
///
/// The rules, all case-insensitive because SQLite table names are:
/// - `gpkg_…` and `gpkgext_…`: the GeoPackage's own tables and registered
///   extensions (OGC 12-128r18 §1.1.3.1.1 "table names beginning with gpkg_"
///   are reserved; GDAL refuses them as layer names);
/// - `sqlite_…`: SQLite's internal tables (sqlite.org/lang_createtable.html:
///   "Table names that begin with sqlite_ are reserved for internal use");
/// - `rtree_…`: the R-tree spatial index tables `rtree_<table>_<column>` and
///   their shadow tables (GeoPackage extension F.3);
/// - `layer_styles` and `qgis_projects`: the tables QGIS reads styles and
///   projects from (wijkstat writes `layer_styles` into every map GeoPackage);
/// - `outlines_…`: wijkstat's own outline layer `outlines_LEVEL`.
public enum GeoPackageLayerName {
  static let reservedPrefixes = ["gpkg_", "gpkgext_", "sqlite_", "rtree_", "outlines_"]
  static let reservedNames = ["layer_styles", "qgis_projects"]

  /// Why `name` cannot name a GeoPackage layer, or nil when it can.
  public static func reservation(of name: String) -> String? {
    let lower = name.lowercased()
    if reservedNames.contains(lower) {
      return lower == "layer_styles" ? "QGIS's style table" : "QGIS's project table"
    }
    guard let prefix = reservedPrefixes.first(where: { lower.hasPrefix($0) }) else { return nil }
    switch prefix {
    case "gpkg_", "gpkgext_": return "the GeoPackage's own tables begin with \(prefix)"
    case "sqlite_": return "SQLite's own tables begin with sqlite_"
    case "rtree_": return "spatial index tables begin with rtree_"
    default: return "wijkstat's outline layer is named outlines_LEVEL"
    }
  }

  /// Throws one line naming the option when `name` is reserved: a usage
  /// error (exit 64), also in a project file.
  public static func validate(_ name: String, what: String) throws {
    if let reason = reservation(of: name) {
      var error = UserError(
        "\(what) \"\(name)\" is reserved in a GeoPackage (\(reason)); choose another name such as kaart-1"
      )
      error.isUsage = true
      throw error
    }
  }
}
