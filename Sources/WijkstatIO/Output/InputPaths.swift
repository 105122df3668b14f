import WijkstatCore

extension InputSpec {
  /// Every input path named (connection strings too; `PathGuard` skips what is not a file).
  public var paths: [String] {
    (areas + reports + population + indicators + achterstand
      + [lookup, crosswalk].compactMap { $0 }).map(\.path)
  }
}
