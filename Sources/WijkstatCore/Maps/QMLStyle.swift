import Foundation

/// A QGIS layer style (QML) for a classified map: a graduated renderer on the
/// integer `class` attribute, one range per legend class (data classes
/// labelled with their value ranges, then no data and suppressed), fill
/// colours as in the legend. Stored in a GeoPackage's `layer_styles` table,
/// QGIS applies it when the layer is opened. Hand-written XML: the format is
/// small and QGIS reads it from text (QGIS 3 `renderer-v2`).
public enum QMLStyle {
  public static func graduated(classes: [MapClass], attribute: String = "class", outline: String = "#636363") -> String {
    func rgba(_ hex: String) -> String {
      let value = Int(hex.dropFirst(), radix: 16) ?? 0
      return "\((value >> 16) & 255),\((value >> 8) & 255),\(value & 255),255"
    }
    func escape(_ text: String) -> String { SVGText.escape(text) }
    var ranges = ""
    var symbols = ""
    for (index, entry) in classes.enumerated() {
      let lower = Double(entry.number) - 0.5
      let upper = Double(entry.number) + 0.5
      ranges +=
        "      <range lower=\"\(CSVText.number(lower))\" upper=\"\(CSVText.number(upper))\" symbol=\"\(index)\" label=\"\(escape(entry.label))\" render=\"true\"/>\n"
      symbols += """
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
    return """
      <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
      <qgis version="3.28.0" styleCategories="Symbology">
        <renderer-v2 type="graduatedSymbol" attr="\(escape(attribute))" graduatedMethod="GraduatedColor" symbollevels="0" enableorderby="0" forceraster="0" referencescale="-1">
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
}
