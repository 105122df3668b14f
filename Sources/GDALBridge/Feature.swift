import CGDAL
import Foundation

/// An owned OGR feature (destroyed in deinit). Geometries read from it are
/// borrowed and keep the feature alive.
/// Not `Sendable` (as GEOSwift keeps its handles): GDAL objects are not safe to use
/// from two threads at once, so each task makes or clones its own.
public final class Feature {
  let handle: OGRFeatureH

  init(owning handle: OGRFeatureH) {
    self.handle = handle
  }

  deinit { OGR_F_Destroy(handle) }

  /// The feature id (for CSV sources, the data row number starting at 1).
  public var fid: Int64 { Int64(OGR_F_GetFID(handle)) }

  public var fieldCount: Int { Int(OGR_F_GetFieldCount(handle)) }

  /// Whether field `index` holds a value (set and not null).
  public func hasValue(at index: Int) -> Bool {
    OGR_F_IsFieldSetAndNotNull(handle, Int32(index)) != 0
  }

  /// The field as text, or nil when unset or null. Bytes that are not valid
  /// UTF-8 are read as Windows-1252 (a superset of Latin-1, what Dutch
  /// spreadsheets and older Shapefiles without a `.cpg` carry).
  public func string(at index: Int) -> String? {
    guard hasValue(at: index), let raw = OGR_F_GetFieldAsString(handle, Int32(index)) else {
      return nil
    }
    return decodeText(raw)
  }

  public func double(at index: Int) -> Double? {
    hasValue(at: index) ? OGR_F_GetFieldAsDouble(handle, Int32(index)) : nil
  }

  public func integer(at index: Int) -> Int64? {
    hasValue(at: index) ? Int64(OGR_F_GetFieldAsInteger64(handle, Int32(index))) : nil
  }

  /// The geometry, borrowed from this feature; nil when the feature has none.
  public var geometry: Geometry? {
    guard let geometry = OGR_F_GetGeometryRef(handle) else { return nil }
    return Geometry(borrowing: geometry, from: self)
  }

  /// Takes the geometry out of the feature (OGR_F_StealGeometry): owned, free to modify.
  public func takeGeometry() -> Geometry? {
    OGR_F_StealGeometry(handle).map { Geometry(owning: $0) }
  }

  // MARK: writing

  public func set(_ value: String, at index: Int) {
    OGR_F_SetFieldString(handle, Int32(index), value)
  }
  public func set(_ value: Double, at index: Int) {
    OGR_F_SetFieldDouble(handle, Int32(index), value)
  }
  public func set(_ value: Int64, at index: Int) {
    OGR_F_SetFieldInteger64(handle, Int32(index), GIntBig(value))
  }
  public func setNull(at index: Int) { OGR_F_SetFieldNull(handle, Int32(index)) }
  /// The OGR style string (`BRUSH(fc:#bd0026d9);PEN(c:#636363,w:0.5px)`), which
  /// the KML driver writes as the placemark's style.
  public func setStyle(_ style: String) { OGR_F_SetStyleString(handle, style) }

  /// Copies `geometry` into the feature.
  public func setGeometry(_ geometry: Geometry) throws {
    // OGR_F_SetGeometry returns OGRERR_NONE, or an error when the type does not fit the layer.
    let status = OGR_F_SetGeometry(handle, geometry.handle)
    guard status == OGRERR_NONE else {
      throw GDALError(context: "setting a feature geometry", messages: ["OGR error \(status)"])
    }
  }
}

/// UTF-8 when valid, otherwise Windows-1252.
func decodeText(_ raw: UnsafePointer<CChar>) -> String {
  if let text = String(validatingCString: raw) { return text }
  let data = Data(bytes: raw, count: strlen(raw))
  return String(data: data, encoding: .windowsCP1252)
    ?? String(decoding: data, as: UTF8.self)
}
