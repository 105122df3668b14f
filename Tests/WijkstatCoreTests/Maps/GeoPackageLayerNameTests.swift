import Testing

@testable import WijkstatCore

/// Finding Q16 (s6-qa.md): a map named after a table a GeoPackage keeps made
/// GDAL fail with a 92-line SQLite error after the whole run.
@Suite struct GeoPackageLayerNameTests {
  @Test func reservedNamesAreRefusedInAnyCase() {
    for name in [
      "layer_styles", "Layer_Styles", "sqlite_master", "SQLITE_sequence", "gpkg_contents", "gpkg_x",
      "GPKGEXT_relations", "rtree_kaart_geom", "qgis_projects", "outlines_pc4", "outlines_gemeente",
    ] {
      #expect(GeoPackageLayerName.reservation(of: name) != nil, "\(name)")
      #expect(throws: UserError.self, "\(name)") {
        try GeoPackageLayerName.validate(name, what: "--name")
      }
    }
  }

  @Test func ordinaryNamesPass() throws {
    for name in [
      "kaart-1", "pct_reported", "layer_styles2", "my_layer_styles", "gpkg", "sqlite", "outlines",
      "rtree",
      "Kaart 2 (2009)",
    ] {
      #expect(GeoPackageLayerName.reservation(of: name) == nil, "\(name)")
      try GeoPackageLayerName.validate(name, what: "--name")
    }
  }

  @Test func oneLineUsageErrorNamingTheOption() throws {
    let error = try #require(throws: UserError.self) {
      try GeoPackageLayerName.validate("layer_styles", what: "map name")
    }
    #expect(error.isUsage)
    #expect(
      error.message
        == "map name \"layer_styles\" is reserved in a GeoPackage (QGIS's style table); choose another name such as kaart-1"
    )
    #expect(!error.message.contains("\n"))
  }
}
