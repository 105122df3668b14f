/// 10⁰ … 10²², the powers of ten a double holds exactly: dividing an integer
/// below 2⁵³ by one of them is a single correctly rounded operation (Clinger
/// 1990), which the fixed-decimal writers and the plain-number parser rely on.
enum PowersOfTen {
  static let exact: [Double] = (0...22).map { power in
    (0..<power).reduce(1.0) { value, _ in value * 10 }
  }
}
