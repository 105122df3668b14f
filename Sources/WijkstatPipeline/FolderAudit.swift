import Foundation
import GLPKBridge
import WijkstatCore
import WijkstatIO

/// `wijkstat audit DIR`: the disclosure audit of a published output folder as
/// read back from its files (`PublishedFolder`), with GLPK for the interval attack.
public enum FolderAudit {
  public static func audit(_ folder: PublishedFolder, minimumCount: Double, ratesLevel: String)
    -> DisclosureAudit
  {
    DisclosureAudit(
      cells: folder.cells, minimumCount: minimumCount, solver: GLPKSolver(), rates: folder.rates,
      ratesLevel: ratesLevel,
      local: folder.local, maps: folder.maps, svg: folder.svg)
  }
}

extension FolderAudit {
  /// The check `wijkstat run` makes of its own output folder `url` before it
  /// moves it into place: the audit of what `context` publishes (its last
  /// interval attack, the rates and local statistics) with the maps read back
  /// from the files as written (every GeoJSON, GeoPackage and SVG map in
  /// maps/ and the maps embedded in report.html), as `wijkstat audit` reads
  /// them.
  public static func beforePublishing(
    _ url: URL, context: AnalysisContext, rates: SmallAreaRates?, level: AreaLevel,
    local: [SpatialAnalysis.Local], earlier: PublishedFolder.MapReads = .init()
  ) throws -> DisclosureAudit {
    let (maps, svg, _) = try PublishedFolder.readMaps(url, panel: context.panel, earlier: earlier)
    return context.audit(rates: rates, level: level, local: local, maps: maps, svg: svg)
  }
}
