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
  /// PC-4 → gemeente by area overlay, when both levels were given and no PC-4
  /// lookup.
  public var overlay: OverlayResult?
  public var provenance: [InputProvenance]
  /// WGS84 coordinates of the boundaries, for GeoJSON maps (see `LonLatMemo`).
  public var lonLat = LonLatMemo()
  /// How the tables are read (special values, StatLine dimensions, unit, periods).
  public var tableOptions = TableOptions()

  public func layer(_ level: AreaLevel) -> AreaLayer? { boundaries[level]?.layer }
}

/// Reads every input named in an `InputSpec`. Fails before any work with a
/// `UserError` naming the first file that cannot be read.
public enum InputLoader {
  /// The tables and the inputs' checksums are read in child tasks (`async let`)
  /// while the boundaries are read in this one; their progress lines follow the
  /// boundaries', in the usual order. A boundary error is thrown first, after the
  /// tables were read (leaving the scope awaits the child tasks).
  public static func load(_ spec: InputSpec, progress: (String) -> Void = { _ in }) async throws
    -> LoadedInputs
  {
    let roles: [(String, [TableInput])] = [
      ("reports", spec.reports), ("population", spec.population), ("indicators", spec.indicators),
      ("achterstand", spec.achterstand), ("lookup", spec.lookup.map { [$0] } ?? []),
      ("crosswalk", spec.crosswalk.map { [$0] } ?? []),
    ]
    async let tableWork = readTables(roles)
    // The inputs' checksums (for the report's provenance).
    let paths = spec.areas.map(\.path) + roles.flatMap { $0.1.map(\.path) }
    async let checksumWork = checksums(of: paths)
    var boundaries: [AreaLevel: Boundaries] = [:]
    var provenance: [InputProvenance] = []
    let lonLat = LonLatMemo()
    do {
      for input in spec.areas {
        progress("reading boundaries \(Secrets.display(input.path))")
        var read = try BoundaryReader.read(
          input.path,
          options: BoundaryOptions(layer: input.layer, keyField: input.key, level: input.level),
          keepingLonLat: true)
        lonLat.learn(read.sourceLonLat)
        read.sourceLonLat = []
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
          InputProvenance(
            role: "areas (\(level))", path: input.path, layer: input.layer,
            features: read.summary.featureCount,
            sha256: await checksumWork[input.path]))
      }
    } catch {
      // A boundary error comes first; the tables are finished before it is thrown.
      _ = try? await tableWork
      throw error
    }
    for role in roles.flatMap({ role, inputs in inputs.map { (role, $0) } }) {
      progress("reading \(role.0) \(Secrets.display(role.1.path))")
    }
    let read = try await tableWork
    for entry in read {
      provenance.append(
        InputProvenance(
          role: entry.role, path: entry.input.path, layer: entry.input.layer,
          rows: entry.table.rows.count,
          sha256: await checksumWork[entry.input.path]))
    }
    func tables(_ role: String) -> [(TableInput, RawTable)] {
      read.filter { $0.role == role }.map { ($0.input, $0.table) }
    }
    let reports = tables("reports")
    let population = tables("population")
    let indicators = tables("indicators")
    let achterstand = tables("achterstand")
    let lookup = tables("lookup").first?.1
    let crosswalk = tables("crosswalk").first?.1

    let parsedLookup = try lookup.map { try LookupTable($0) }
    var overlay: OverlayResult? = nil
    if parsedLookup?.pc4ToGemeente.isEmpty ?? true, let pc4 = boundaries[.pc4]?.layer,
      let gemeenten = boundaries[.gemeente]?.layer
    {
      progress("overlaying \(pc4.areas.count) PC-4 areas on \(gemeenten.areas.count) gemeenten")
      overlay = try AreaOverlay.assign(pc4, to: gemeenten)
    }
    return LoadedInputs(
      boundaries: boundaries, reports: reports, population: population, indicators: indicators,
      achterstand: achterstand, lookup: lookup, crosswalk: crosswalk, parsedLookup: parsedLookup,
      overlay: overlay,
      provenance: provenance, lonLat: lonLat, tableOptions: spec.tableOptions)
  }

  /// One table as read, with the role it was given as.
  private typealias Read = (role: String, input: TableInput, table: RawTable)

  /// Every table of `roles`, in order.
  private static func readTables(_ roles: [(String, [TableInput])]) throws -> [Read] {
    try roles.flatMap { role, inputs in
      try inputs.map { input in
        (
          role, input,
          try TableReader.read(input.path, layer: input.layer, level: input.level, key: input.key)
        )
      }
    }
  }

  /// The SHA-256 of every file among `paths` (nil for what is not a file).
  private static func checksums(of paths: [String]) -> [String: String?] {
    Dictionary(paths.map { ($0, InputProvenance.checksum($0)) }, uniquingKeysWith: { a, _ in a })
  }
}
