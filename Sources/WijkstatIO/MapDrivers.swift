import GDALBridge

/// The GDAL vector driver a map's `formats:` entry (`ESRI Shapefile`, `KML`, ...)
/// is written with, so that code above IO never asks GDALBridge itself.
public enum MapDrivers {
  /// `name`'s driver (short name and file extension), or nil when GDAL has no
  /// vector driver of that name that creates files. KML goes through LIBKML where
  /// GDAL has it: GDAL 3.6's KML writer drops the fill of an OGR style
  /// (PolyStyle fill 0), LIBKML writes it.
  public static func driver(for name: String) -> (shortName: String, fileExtension: String)? {
    let wanted = name == "KML" && GDALLibrary.vectorDriver(named: "LIBKML") != nil ? "LIBKML" : name
    return GDALLibrary.vectorDriver(named: wanted)
  }
}
