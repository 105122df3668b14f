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
