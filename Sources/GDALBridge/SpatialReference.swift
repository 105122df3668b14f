import CGDAL

/// An owned OGR spatial reference. Axis order is always the traditional GIS
/// order (x = easting/longitude, y = northing/latitude), so lon/lat never flips
/// whatever the EPSG definition says.
/// Not `Sendable` (as GEOSwift keeps its handles): GDAL objects are not safe to use
/// from two threads at once, so each task makes or clones its own.
public final class SpatialReference {
  let handle: OGRSpatialReferenceH

  /// Takes ownership of `handle` (released with OSRRelease in deinit).
  init(owning handle: OGRSpatialReferenceH) {
    self.handle = handle
    OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
  }

  /// Clones a handle borrowed from a layer or geometry.
  convenience init(cloning borrowed: OGRSpatialReferenceH) {
    self.init(owning: OSRClone(borrowed))
  }

  /// A CRS from its EPSG code (28992 RD New, 4326 WGS84, 4289 Amersfoort).
  public convenience init(epsg: Int) throws {
    let handle = OSRNewSpatialReference(nil)!
    let status = withGDALErrors { fail -> GDALError? in
      // OSRImportFromEPSG returns OGRERR_NONE (0) on success.
      OSRImportFromEPSG(handle, Int32(epsg)) == OGRERR_NONE ? nil : fail("EPSG:\(epsg)")
    }
    if let status {
      OSRRelease(handle)
      throw status
    }
    self.init(owning: handle)
  }

  /// A CRS from any user input GDAL understands: `EPSG:28992`, WKT, PROJ string.
  public convenience init(definition: String) throws {
    let handle = OSRNewSpatialReference(nil)!
    let status = withGDALErrors { fail -> GDALError? in
      // OSRSetFromUserInput returns OGRERR_NONE (0) on success.
      OSRSetFromUserInput(handle, definition) == OGRERR_NONE
        ? nil : fail("unknown coordinate reference system \"\(definition)\"")
    }
    if let status {
      OSRRelease(handle)
      throw status
    }
    self.init(owning: handle)
  }

  deinit { OSRRelease(handle) }

  public static func rdNew() throws -> SpatialReference { try SpatialReference(epsg: 28992) }
  public static func wgs84() throws -> SpatialReference { try SpatialReference(epsg: 4326) }

  /// `EPSG:NNNN` when the CRS can be identified: from its own authority code, or
  /// by OSRFindMatches with confidence ≥ 90 (as gdalsrsinfo does); otherwise nil.
  public var epsgCode: String? {
    withGDALErrors { _ in
      if let code = authorityCode(handle) { return code }
      let copy = OSRClone(handle)!
      defer { OSRRelease(copy) }
      // OSRAutoIdentifyEPSG returns OGRERR_NONE when it could set an EPSG code.
      if OSRAutoIdentifyEPSG(copy) == OGRERR_NONE, let code = authorityCode(copy) { return code }
      var count: Int32 = 0
      var confidences: UnsafeMutablePointer<Int32>? = nil
      guard let matches = OSRFindMatches(handle, nil, &count, &confidences) else { return nil }
      defer {
        OSRFreeSRSArray(matches)
        VSIFree(confidences)
      }
      for i in 0..<Int(count) where (confidences?[i] ?? 0) >= 90 {
        if let match = matches[i], let code = authorityCode(match) { return code }
      }
      return nil
    }
  }

  public var isGeographic: Bool { OSRIsGeographic(handle) != 0 }

  /// The CRS's name, e.g. `Amersfoort / RD New`.
  public var name: String? {
    OSRGetName(handle).map { String(cString: $0) }
  }

  /// WKT2 text of the CRS.
  public var wkt: String? {
    var text: UnsafeMutablePointer<CChar>? = nil
    let options = CStringList(["FORMAT=WKT2_2018"])
    // OSRExportToWktEx returns OGRERR_NONE on success; the string is freed with CPLFree.
    guard OSRExportToWktEx(handle, &text, options.constPointer) == OGRERR_NONE, let text else {
      return nil
    }
    defer { VSIFree(text) }
    return String(cString: text)
  }

  public func isSame(as other: SpatialReference) -> Bool {
    OSRIsSame(handle, other.handle) != 0
  }
}

/// `EPSG:NNNN` from the root authority of a CRS handle, or nil.
private func authorityCode(_ handle: OGRSpatialReferenceH) -> String? {
  guard let authority = OSRGetAuthorityName(handle, nil),
    String(cString: authority).uppercased() == "EPSG",
    let code = OSRGetAuthorityCode(handle, nil)
  else { return nil }
  return "EPSG:" + String(cString: code)
}
