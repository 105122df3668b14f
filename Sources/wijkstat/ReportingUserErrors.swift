import ArgumentParser
import WijkstatIO
import WijkstatPipeline

/// Runs a command body; an error ends the command with one line on stderr and
/// its exit status (`CommandFailure.report`: 1 for the user's input, 64 for
/// usage, 75 for a busy output folder). ArgumentParser's own exits pass through.
func reportingUserErrors(_ body: () throws -> Void) throws {
  do {
    try body()
    Interruption.waitIfInterrupted()
  } catch let error as ExitCode {
    throw error
  } catch let error as ValidationError {
    throw error
  } catch {
    throw ExitCode(CommandFailure.report(error))
  }
}

/// `reportingUserErrors` for a command whose work runs tasks (`run`).
func reportingUserErrors(_ body: () async throws -> Void) async throws {
  do {
    try await body()
    Interruption.waitIfInterrupted()
  } catch let error as ExitCode {
    throw error
  } catch let error as ValidationError {
    throw error
  } catch {
    throw ExitCode(CommandFailure.report(error))
  }
}
