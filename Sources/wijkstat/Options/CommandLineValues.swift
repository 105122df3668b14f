import ArgumentParser
import Foundation
import WijkstatCore
import WijkstatIO
import WijkstatPipeline

/// Levels named on the command line: `pc4`, `gemeente` or a region name.
func parseLevels(_ texts: [String]) -> [AreaLevel] { texts.map(AreaLevel.init(parsing:)) }

/// `--years` checked as a usage error (exit 64), before any input is read.
func validatedYears(_ text: String?) throws -> [Int]? {
  do {
    let years = try parseYears(text)
    for year in years ?? [] { try validateYear(year, option: "--years") }
    return years
  } catch let error as UserError {
    throw ValidationError(error.message)
  }
}

/// Years wijkstat accepts: 1900 to 2100.
func validateYear(_ year: Int, option: String) throws {
  guard (1900...2100).contains(year) else {
    throw ValidationError("\(option): \(year) is not a year from 1900 to 2100")
  }
}

/// Refuses a misspelt level (`--level wjik`) before any input is read: a usage
/// error, exit 64, listing the levels (`AreaLevel.parsingChecked`).
func checkLevels(_ texts: [String], option: String = "--level") throws {
  for text in texts {
    do { _ = try AreaLevel.parsingChecked(text, option: option) } catch let error as UserError {
      throw ValidationError(error.message)
    }
  }
}

/// `--out` given as "" (an unset shell variable): a usage error, before anything is read.
func validateOut(_ out: String, option: String = "--out") throws {
  if out.trimmingCharacters(in: .whitespaces).isEmpty {
    throw ValidationError("\(option) is empty (an unset shell variable?); give a folder")
  }
}
