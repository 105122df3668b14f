import Testing

@testable import GDALBridge

@Suite struct SpatialReferenceTests {
  @Test func identifiesEPSGCodes() throws {
    #expect(try SpatialReference(epsg: 28992).epsgCode == "EPSG:28992")
    #expect(try SpatialReference(definition: "urn:ogc:def:crs:EPSG::4289").epsgCode == "EPSG:4289")
    #expect(try SpatialReference(epsg: 4326).isGeographic)
  }

  @Test func unknownDefinitionThrowsWithGDALsMessage() {
    #expect(throws: GDALError.self) { try SpatialReference(definition: "EPSG:99999999") }
  }

  /// The RD New origin is defined at Amersfoort: φ0 = 52°09′22.178″ N, λ0 = 5°23′15.500″ E
  /// on the Bessel ellipsoid (EPSG:4289), mapped to (155 000, 463 000) m (EPSG:28992
  /// false easting/northing). Longitude goes in as x: the axis order must not flip.
  @Test func transformsAmersfoortOriginWithoutAxisFlip() throws {
    let t = try CoordinateTransformation(
      from: SpatialReference(epsg: 4289), to: SpatialReference(epsg: 28992))
    let lon = 5 + 23 / 60.0 + 15.500 / 3600
    let lat = 52 + 9 / 60.0 + 22.178 / 3600
    var x = [lon]
    var y = [lat]
    try t.transform(x: &x, y: &y)
    #expect(abs(x[0] - 155_000) < 0.05)
    #expect(abs(y[0] - 463_000) < 0.05)
  }
}
