import Testing
import WijkstatCore

@testable import WijkstatIO

/// The audit's reader of wijkstat's own SVG maps (`SVGAreas`), on hand-written
/// SVG and report text; the expected areas are read off the text by hand.
struct SVGAreasTests {
  static let svg = """
    <svg xmlns="http://www.w3.org/2000/svg"><g>\
    <path d="M0 0" data-code="3300" data-class="2"><title>Één &amp; twee: 3300, 4,1 %</title></path>\
    <path d="M1 1" data-code="3301" data-class="-1"/>\
    <path d="M2 2" data-class="1"><title>no code: skipped</title></path>\
    <path d="M3 3" data-code="3302" data-class="0"><title>&lt;5 afgeschermd</title></path>\
    </g></svg>
    """

  @Test func readsCodeClassAndTitleOfEveryPath() {
    let areas = SVGAreas.read(Self.svg, map: "m.svg")
    #expect(areas.map(\.area) == ["3300", "3301", "3302"])
    #expect(areas.map(\.classNumber) == [2, -1, 0])
    // Non-ASCII before a later tag must not shift the byte offsets.
    #expect(areas.map(\.title) == ["Één & twee: 3300, 4,1 %", nil, "<5 afgeschermd"])
    #expect(areas.allSatisfy { $0.map == "m.svg" })
  }

  /// The second figure's path starts with `data-code`, as a picture map's hover
  /// paths do (SVGMap): before session 9 the reader needed a space before the
  /// attribute's name and skipped those areas unchecked.
  @Test func readsTheMapsOfAReportByTheirCaptions() throws {
    let report = """
      <p>é</p><figure class="map">\(Self.svg)<figcaption>Bron: maps/kaart-1.geojson, kaart-1.svg</figcaption></figure>\
      <figure class="map"><svg><path data-code="9999" data-class="3"/></svg><figcaption>no file</figcaption></figure>
      """
    let areas = SVGAreas.readReport(report)
    #expect(areas.map(\.area) == ["3300", "3301", "3302", "9999"])
    #expect(areas.map(\.stem) == ["kaart-1", "kaart-1", "kaart-1", "report.html"])
    try #require(areas.count == 4)
    #expect(areas[0].map == "report.html (kaart-1.svg)")
    #expect(areas[3].map == "report.html")
  }

  @Test func aTruncatedFileEndsTheScanWithoutAnArea() {
    #expect(SVGAreas.read("<svg><path data-code=\"1\" data-class=\"2\"", map: "x").isEmpty)
    #expect(SVGAreas.read("", map: "x").isEmpty)
  }
}
