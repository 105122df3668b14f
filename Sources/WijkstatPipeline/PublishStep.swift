import Foundation
import WijkstatIO

/// `run --publish`: the finished output folder into PostgreSQL/PostGIS.
public enum PublishStep {
  public static func run(folder: URL, target: Project.PublishTarget, title: String) throws {
    let started = Date()
    let summary: PostGISPublisher.Summary
    do {
      summary = try PostGISPublisher.publish(
        folder: folder, to: target.connection, schema: target.schema, title: title)
    } catch let busy as PublishBusy {
      // As for a locked output folder: exit 75, try again later.
      throw OutputRefused(busy.error, status: 75)
    }
    for skipped in summary.skipped { Terminal.warning("not published: \(skipped)") }
    let connection = ConnectionString(target.connection)
    Terminal.info(
      "published \(summary.tables.count) tables (\(summary.styles) with a QGIS style in public.layer_styles) into schema \"\(target.schema)\" on \(connection?.described ?? "the database")\(summary.replaced > 0 ? ", replacing wijkstat's \(summary.replaced) earlier tables" : "") in \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
    )
  }
}
