import Testing

@testable import WijkstatCore

@Suite struct BackgroundTaskTests {
  struct Failure: Error, Equatable { let code: Int }

  /// The value comes back as often as asked; an error is rethrown each time.
  @Test func valueAndErrorComeBack() throws {
    let task = BackgroundTask { (1...1000).reduce(0, +) }
    #expect(try task.value() == 500_500)
    #expect(try task.value() == 500_500)
    let failing = BackgroundTask { () throws -> Int in throw Failure(code: 7) }
    #expect(throws: Failure(code: 7)) { try failing.value() }
    #expect(throws: Failure(code: 7)) { try failing.value() }
  }
}
