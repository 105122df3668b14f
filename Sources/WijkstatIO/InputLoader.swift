import Foundation
import WijkstatCore

/// Everything read from disk for one analysis, before any joining.
public struct LoadedInputs: Sendable {
  /// Boundary layers by level.
  public var boundaries: [AreaLevel: Boundaries]
  public var reports: [(TableInput, RawTable)]
  public var population: [(TableInput, RawTable)]
  public var indicators: [(TableInput, RawTable)]
  public var achterstand: [(TableInput, RawTable)]
  public var lookup: RawTable?
  public var crosswalk: RawTable?
  /// The lookup table, parsed.
  public var parsedLookup: LookupTable?
  /// PC-4 → gemeente by area overlay, when both levels were given and no PC-4 lookup.
  public var overlay: OverlayResult?
  public var provenance: [InputProvenance]

  public func layer(_ level: AreaLevel) -> AreaLayer? { boundaries[level]?.layer }
}

/// Reads every input named in an `InputSpec`. Fails before any work with a
/// `UserError` naming the first file that cannot be read.
public enum InputLoader {
  public static func load(_ spec: InputSpec, progress: (String) -> Void = { _ in }) throws
    -> LoadedInputs
  {
    var boundaries: [AreaLevel: Boundaries] = [:]
    var provenance: [InputProvenance] = []
    for input in spec.areas {
      progress("reading boundaries \(input.path)")
      let read = try BoundaryReader.read(input.path, options: BoundaryOptions(layer: input.layer))
      let level = input.level ?? read.layer.level
      if let given = input.level, given != read.layer.level {
        throw UserError(
          "given as \(given) boundaries, but its key \"\(read.summary.keyField ?? "?")\" holds \(read.summary.keyKind?.rawValue ?? "no area keys")",
          source: input.path)
      }
      if boundaries[level] != nil {
        throw UserError("a second boundary source for level \(level)", source: input.path)
      }
      boundaries[level] = read
      provenance.append(
        InputProvenance(role: "areas (\(level))", path: input.path, features: read.summary.featureCount))
    }

    func tables(_ inputs: [TableInput], role: String) throws -> [(TableInput, RawTable)] {
      try inputs.map { input in
        progress("reading \(role) \(input.path)")
        let table = try TableReader.read(input.path, layer: input.layer)
        provenance.append(InputProvenance(role: role, path: input.path, rows: table.rows.count))
        return (input, table)
      }
    }
    let reports = try tables(spec.reports, role: "reports")
    let population = try tables(spec.population, role: "population")
    let indicators = try tables(spec.indicators, role: "indicators")
    let achterstand = try tables(spec.achterstand, role: "achterstand")
    let lookup = try spec.lookup.map { try tables([$0], role: "lookup")[0].1 }
    let crosswalk = try spec.crosswalk.map { try tables([$0], role: "crosswalk")[0].1 }

    let parsedLookup = try lookup.map { try LookupTable($0) }
    var overlay: OverlayResult? = nil
    if parsedLookup?.pc4ToGemeente.isEmpty ?? true, let pc4 = boundaries[.pc4]?.layer, let gemeenten = boundaries[.gemeente]?.layer {
      progress("overlaying \(pc4.areas.count) PC-4 areas on \(gemeenten.areas.count) gemeenten")
      overlay = try AreaOverlay.assign(pc4, to: gemeenten)
    }
    return LoadedInputs(
      boundaries: boundaries, reports: reports, population: population, indicators: indicators,
      achterstand: achterstand, lookup: lookup, crosswalk: crosswalk, parsedLookup: parsedLookup, overlay: overlay,
      provenance: provenance)
  }
}
