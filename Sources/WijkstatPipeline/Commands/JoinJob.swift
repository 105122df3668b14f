import Foundation
import WijkstatCore
import WijkstatIO

/// `wijkstat join` as a library function: the joined panel as published
/// (small counts withheld unless the rule is off), its suppression log and the
/// join report.
public enum JoinJob {
  public struct Result {
    public var joined: JoinedInputs
    /// What is withheld (primary and secondary).
    public var suppression: Suppression
    /// The panel as published: withheld counts blank.
    public var published: Panel { suppression.applied(to: joined.panel) }

    /// The panel (CSV, or GeoPackage with the boundaries) at `path`.
    public func writePanel(to path: String) throws {
      try PanelOutput.write(published, boundaries: joined.boundaries, to: path)
    }
    /// The suppression log at `path` (it tells which withheld counts are small:
    /// internal, never to be published); nothing when nothing is withheld.
    public func writeLog(to path: String) throws {
      if suppression.count > 0 {
        try TextOutput.write(SuppressionLog.text(suppression), to: path)
      }
    }
    /// The join report at `path`, input paths written relative to `base`.
    public func writeReport(to path: String, base: String) throws {
      let names = PublishedPaths(inputs: joined.inputs.provenance.map(\.path), base: base)
      try TextOutput.write(names.scrub(joined.build.report.csv), to: path)
    }
  }

  public static func compute(_ joined: JoinedInputs, rule: SuppressionRule) -> Result {
    Result(joined: joined, suppression: securedSuppression(joined, rule: rule))
  }
}
