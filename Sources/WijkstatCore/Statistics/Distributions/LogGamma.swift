import Foundation

/// ln |Γ(x)|, the value of C's `lgamma`, through `lgamma_r`: C's `lgamma` also
/// writes the global `signgam`, a data race when areas or indicators are
/// computed on several threads at once.
func logGamma(_ x: Double) -> Double { lgamma(x).0 }
