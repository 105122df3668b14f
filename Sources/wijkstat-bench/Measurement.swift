import Foundation

/// Wall time of a closure, in seconds (monotonic clock).
func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
  let start = DispatchTime.now().uptimeNanoseconds
  let value = try body()
  return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// Peak resident memory of this process so far, in bytes (getrusage; Linux reports KiB).
func peakResidentBytes() -> Int {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Int(usage.ru_maxrss) * 1024
}

/// Median and spread of repeated timings.
struct TimingSummary {
  var samples: [Double]
  var median: Double {
    let s = samples.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
  var minimum: Double { samples.min() ?? .nan }
  var maximum: Double { samples.max() ?? .nan }
}
