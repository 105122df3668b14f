import Foundation
import Testing

/// The real boundary files in ../shared/data/nl (DOMAIN.md), read where they are
/// and never copied into the project. `WIJKSTAT_SHARED_DATA` names another folder
/// (a clone elsewhere, or a missing folder to check the skips).
///
/// A test that reads them carries `.needsSharedData`: where the folder is absent it
/// is skipped with that message; under `CI=true` the absence fails it instead, so CI
/// never passes by skipping. In the test-support target `WijkstatTestSupport`, which
/// every test target that reads the files depends on.
public enum SharedData {
  public static let root: URL = {
    if let folder = ProcessInfo.processInfo.environment["WIJKSTAT_SHARED_DATA"], !folder.isEmpty {
      return URL(fileURLWithPath: folder)
    }
    return URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("shared/data/nl")
  }()

  public static func path(_ name: String) -> String { root.appendingPathComponent(name).path }

  /// The folder exists (a folder with some files missing fails the test that opens them).
  public static var isPresent: Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder)
      && isFolder.boolValue
  }
}

/// Under `CI=true` a missing precondition fails the test instead of skipping it.
public struct MissingInCI: Error, CustomStringConvertible {
  public var description: String
}

extension Trait where Self == ConditionTrait {
  /// Skipped with `message` where `isPresent()` is false, except under `CI=true`,
  /// where the absence is an error (the test fails with `message`).
  public static func requires(_ message: String, _ isPresent: @escaping @Sendable () -> Bool)
    -> Self
  {
    .enabled(Comment(rawValue: "skipped: " + message)) {
      if isPresent() { return true }
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        throw MissingInCI(description: message + " (CI=true: this must not be skipped)")
      }
      return false
    }
  }

  /// The test reads the real files in ../shared/data/nl.
  public static var needsSharedData: Self {
    requires(
      "needs the real boundary files in \(SharedData.root.path) (../shared/data/nl, or WIJKSTAT_SHARED_DATA), which is absent"
    ) {
      SharedData.isPresent
    }
  }
}
