import Foundation
import Testing

@testable import GDALBridge
import WijkstatTestSupport

/// Resident memory of this process in bytes, from /proc/self/statm (Linux); nil
/// where it cannot be read (then the test is skipped, or fails under CI=true,
/// rather than reading the growth as 0).
func residentBytes() -> Int? {
  guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
    return nil
  }
  let fields = text.split(separator: " ")
  guard fields.count > 1, let pages = Int(fields[1]), pages > 0 else { return nil }
  return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// The memory of repeated GDAL reads, measured in a process of its own: the test
/// bundle is started again with only `measureInThisProcess` (and
/// WIJKSTAT_MEMORY_CHILD=1), so tests running beside it in this process cannot
/// disturb the measurement and the suite need not run one test at a time for it.
@Suite struct MemoryTests {
  static let childVariable = "WIJKSTAT_MEMORY_CHILD"
  static var isChild: Bool { ProcessInfo.processInfo.environment[childVariable] == "1" }
  /// The line the child prints; the parent reads the figure from it.
  static let marker = "resident memory growth over 30 rounds: "

  /// Opens the real PC-4 file, reads every feature, checks validity, transforms to
  /// RD New and exports WKB, 30 times. Every handle is owned by a Swift object, so
  /// memory after the warm-up rounds must stay flat (a leak of the 4,038 geometries,
  /// about 2.5 MB a round, would add some 60 MB).
  @Test(
    .needsSharedData,
    .requires("resident memory is read from /proc/self/statm (Linux), which is unreadable here") {
      residentBytes() != nil
    })
  func repeatedReadsDoNotGrowMemory() throws {
    guard !Self.isChild else { return }
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0])
    var environment = ProcessInfo.processInfo.environment
    environment[Self.childVariable] = "1"
    let child = try ChildProcess.run(
      bundle,
      [
        "--testing-library", "swift-testing", "--filter", "MemoryTests/measureInThisProcess",
      ], environment: environment)
    let output = child.stdout + child.stderr
    #expect(child.status == 0, "\(output)")
    // The figure itself, so a child that ran no measurement cannot pass.
    let line = try #require(
      output.split(separator: "\n").first { $0.contains(Self.marker) }, "\(output)")
    let growth = try #require(
      Int(line.components(separatedBy: Self.marker)[1].split(separator: " ")[0]), "\(line)")
    #expect(growth < 20_000_000, "resident memory grew by \(growth) bytes over 30 rounds")
  }

  /// The measurement, in the child only (skipped in the suite's own process).
  @Test(
    .enabled("runs in the child process of repeatedReadsDoNotGrowMemory") { MemoryTests.isChild })
  func measureInThisProcess() throws {
    let rd = try SpatialReference.rdNew()
    func round() throws {
      let dataset = try Dataset.openVector(SharedData.path("pc4.geojson"))
      let layer = try #require(dataset.layer(at: 0))
      let transform = try CoordinateTransformation(
        from: try #require(layer.spatialReference), to: rd)
      try layer.forEachFeature { feature in
        guard let geometry = feature.takeGeometry() else { return }
        _ = geometry.isValid
        try geometry.transform(transform)
        _ = geometry.wkb()
      }
    }
    for _ in 0..<5 { try round() }
    let before = try #require(residentBytes())
    for _ in 0..<30 { try round() }
    let growth = try #require(residentBytes()) - before
    print(Self.marker + "\(growth) bytes")
    #expect(growth < 20_000_000, "resident memory grew by \(growth) bytes over 30 rounds")
  }
}
