import Foundation

/// A QGIS layer style (QML) for a classified map: a graduated renderer on the
/// integer `class` attribute, one range per legend class (data classes
/// labelled with their value ranges, then no data and suppressed), fill
/// colours as in the legend. Stored in a GeoPackage's `layer_styles` table,
/// QGIS applies it when the layer is opened. Hand-written XML: the format is
/// small and QGIS reads it from text (QGIS 3 `renderer-v2`).
public enum QMLStyle {
  public static func graduated(
    classes: [MapClass], attribute: String = "class", outline: String = "#636363"
  ) -> String {
    var ranges = ""
    var symbols = ""
    for (index, entry) in classes.enumerated() {
      let lower = Double(entry.number) - 0.5
      let upper = Double(entry.number) + 0.5
      ranges +=
        "      <range lower=\"\(CSVText.number(lower))\" upper=\"\(CSVText.number(upper))\" symbol=\"\(index)\" label=\"\(SVGText.escape(entry.label))\" render=\"true\"/>\n"
      symbols += symbol(index, entry, outline)
    }
    return """
      <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
      <qgis version="3.28.0" styleCategories="Symbology">
        <renderer-v2 type="graduatedSymbol" attr="\(SVGText.escape(attribute))" graduatedMethod="GraduatedColor" symbollevels="0" enableorderby="0" forceraster="0" referencescale="-1">
          <ranges>
      \(ranges)    </ranges>
          <symbols>
      \(symbols)    </symbols>
        </renderer-v2>
        <blendMode>0</blendMode>
        <featureBlendMode>0</featureBlendMode>
        <layerGeometryType>2</layerGeometryType>
      </qgis>

      """
  }

  /// The value a graduated style gives withheld and no-data areas (a value
  /// field is NULL there): far below any value, each in its own range, so
  /// QGIS draws them (a graduated renderer skips NULL) in their legend colours.
  /// (Written as whole numbers: QGIS expressions read them without an exponent.)
  static let suppressedSentinel = -2_000_000_000.0
  static let noDataSentinel = -1_000_000_000.0

  /// A graduated renderer on the value field itself (`pct_reported`), one
  /// range per data class with its bounds (`lower < v ≤ upper`; QGIS puts a
  /// value on a boundary in the lower range, as mapclassify), and two ranges
  /// for withheld and no-data areas (by `status`).
  public static func graduated(classes: [MapClass], valueField: String, outline: String = "#636363")
    -> String
  {
    let field = "\"" + valueField.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    let expression =
      "CASE WHEN \"status\" = 'suppressed' THEN \(Int(suppressedSentinel)) WHEN \(field) IS NULL THEN \(Int(noDataSentinel)) ELSE \(field) END"
    var ranges = ""
    var symbols = ""
    let data = classes.filter { $0.number > 0 }
    for (index, entry) in classes.enumerated() {
      let lower: Double
      let upper: Double
      switch entry.number {
      case MapClass.suppressed:
        (lower, upper) = (suppressedSentinel * 1.25, suppressedSentinel * 0.75)
      case MapClass.noData: (lower, upper) = (noDataSentinel * 1.25, noDataSentinel * 0.75)
      default:
        // The first class from below its lowest value (above the sentinels).
        lower = entry.lower ?? min(data.first?.upper ?? 0, -400_000_000)
        upper = entry.upper ?? 1e300
      }
      ranges +=
        "      <range lower=\"\(qgisNumber(lower))\" upper=\"\(qgisNumber(upper))\" symbol=\"\(index)\" label=\"\(SVGText.escape(entry.label))\" render=\"true\"/>\n"
      symbols += symbol(index, entry, outline)
    }
    return document(
      renderer:
        "<renderer-v2 type=\"graduatedSymbol\" attr=\"\(SVGText.escape(expression))\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\" referencescale=\"-1\">\n    <ranges>\n\(ranges)    </ranges>\n    <symbols>\n\(symbols)    </symbols>\n  </renderer-v2>"
    )
  }

  /// A categorised renderer on the value field of a unique-value map
  /// (`lisa`: `HH`, `LL`, …; `achterstandswijk`: `1`, `0`), one category per
  /// value with its label, and QGIS's catch-all (empty value) for no data.
  public static func categorized(
    categories: [(value: String, label: String, color: String)], field: String, noData: MapClass,
    outline: String = "#636363"
  ) -> String {
    var entries = ""
    var symbols = ""
    for (index, category) in categories.enumerated() {
      entries +=
        "      <category value=\"\(SVGText.escape(category.value))\" symbol=\"\(index)\" label=\"\(SVGText.escape(category.label))\" render=\"true\"/>\n"
      symbols += symbol(
        index, MapClass(number: index + 1, label: category.label, color: category.color, count: 0),
        outline)
    }
    entries +=
      "      <category value=\"\" symbol=\"\(categories.count)\" label=\"\(SVGText.escape(noData.label))\" render=\"true\"/>\n"
    symbols += symbol(categories.count, noData, outline)
    return document(
      renderer:
        "<renderer-v2 type=\"categorizedSymbol\" attr=\"\(SVGText.escape(field))\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\" referencescale=\"-1\">\n    <categories>\n\(entries)    </categories>\n    <symbols>\n\(symbols)    </symbols>\n  </renderer-v2>"
    )
  }

  /// The outline layer (gemeente borders over PC-4): no fill, a dark line.
  public static func outlines(color: String = "#252525", widthMillimetres: Double = 0.5) -> String {
    let symbol = """
            <symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
              <layer class="SimpleFill" enabled="1" locked="0" pass="0">
                <Option type="Map">
                  <Option name="color" type="QString" value="0,0,0,0"/>
                  <Option name="outline_color" type="QString" value="\(rgba(color))"/>
                  <Option name="outline_style" type="QString" value="solid"/>
                  <Option name="outline_width" type="QString" value="\(CSVText.number(widthMillimetres))"/>
                  <Option name="outline_width_unit" type="QString" value="MM"/>
                  <Option name="style" type="QString" value="no"/>
                </Option>
              </layer>
            </symbol>

      """
    return document(
      renderer:
        "<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\" referencescale=\"-1\">\n    <symbols>\n\(symbol)    </symbols>\n  </renderer-v2>"
    )
  }

  /// A range bound as QGIS writes one: shortest decimal, whole numbers without exponent.
  static func qgisNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return CSVText.full(value)
  }

  static func rgba(_ hex: String) -> String {
    let value = Int(hex.dropFirst(), radix: 16) ?? 0
    return "\((value >> 16) & 255),\((value >> 8) & 255),\(value & 255),255"
  }

  static func symbol(_ index: Int, _ entry: MapClass, _ outline: String) -> String {
    """
          <symbol type="fill" name="\(index)" alpha="1" clip_to_extent="1" force_rhr="0">
            <layer class="SimpleFill" enabled="1" locked="0" pass="0">
              <Option type="Map">
                <Option name="color" type="QString" value="\(rgba(entry.color))"/>
                <Option name="outline_color" type="QString" value="\(rgba(outline))"/>
                <Option name="outline_style" type="QString" value="solid"/>
                <Option name="outline_width" type="QString" value="0.2"/>
                <Option name="outline_width_unit" type="QString" value="MM"/>
                <Option name="style" type="QString" value="\(entry.number == MapClass.noData ? "b_diagonal" : "solid")"/>
              </Option>
            </layer>
          </symbol>

    """
  }

  static func document(renderer: String) -> String {
    """
    <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
    <qgis version="3.28.0" styleCategories="Symbology">
      \(renderer)
      <blendMode>0</blendMode>
      <featureBlendMode>0</featureBlendMode>
      <layerGeometryType>2</layerGeometryType>
    </qgis>

    """
  }
}
