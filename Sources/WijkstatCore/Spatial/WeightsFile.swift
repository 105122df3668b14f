/// Spatial weights as text files that GeoDa and libpysal read and write, so
/// that the neighbour structure of a run can be checked and reused:
///
/// - GAL (contiguity; GeoDa, `libpysal.io.open(path).read()`): a header line
///   `0 n level CODE`, then per area a line `id k` and a line with its k
///   neighbours' ids.
/// - GWT (distance and k nearest neighbours): the same header, then one line
///   `id neighbour weight` per link. wijkstat writes weight 1 (binary links,
///   which the analyses row-standardise, libpysal's `transform = "r"`).
///
/// Ids are the area codes. Reading accepts both formats with a header of one
/// (`n`, libpysal) or four fields (`0 n name key`, GeoDa). wijkstat's
/// statistics use binary neighbours, row-standardised: a GWT whose weights
/// within a row differ is refused (it would be silently wrong), and
/// self-links are refused. Hand-written: no library reads these formats in Swift.
public enum WeightsFile {
  public enum Format: String, Sendable { case gal, gwt }

  /// The format for weights of `kind`: GAL for contiguity, GWT for kNN.
  public static func format(forKind kind: String) -> Format {
    kind.hasPrefix("knn") ? .gwt : .gal
  }

  /// The text of `weights` over areas `codes`, in `format`.
  public static func write(
    _ weights: SpatialWeights, codes: [String], format: Format, name: String = "wijkstat"
  )
    -> String
  {
    precondition(codes.count == weights.count, "one code per area")
    var out =
      "0 \(weights.count) \(name.isEmpty ? "wijkstat" : name.replacingOccurrences(of: " ", with: "_")) CODE\n"
    for (i, neighbours) in weights.neighbours.enumerated() {
      switch format {
      case .gal:
        out += "\(codes[i]) \(neighbours.count)\n"
        out += neighbours.map { codes[$0] }.joined(separator: " ") + "\n"
      case .gwt:
        for j in neighbours { out += "\(codes[i]) \(codes[j]) 1\n" }
      }
    }
    return out
  }

  /// Neighbour lists by code, read from the text of a GAL or GWT file (`file`
  /// names it in errors, with the line). Areas that appear only as
  /// neighbours, or in a GAL with k = 0, have no neighbours of their own.
  public static func read(_ text: String, format: Format, file: String) throws -> (
    codes: [String], neighbours: [[String]]
  ) {
    var lines = text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }
    )
    .enumerated().map {
      (
        number: $0.offset + 1,
        fields: $0.element.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(
          String.init)
      )
    }
    .filter { !$0.fields.isEmpty }
    guard let header = lines.first else { throw UserError("\(file): empty weights file") }
    lines.removeFirst()
    let countField =
      header.fields.count == 1
      ? header.fields[0] : (header.fields.count >= 2 ? header.fields[1] : "")
    guard let n = Int(countField), n >= 0, header.fields.count == 1 || header.fields.count >= 2
    else {
      throw UserError(
        "\(file) line \(header.number): header \"\(header.fields.joined(separator: " "))\" is not `n` or `0 n name key`"
      )
    }
    var order: [String] = []
    var lists: [String: [String]] = [:]
    func note(_ code: String) {
      if lists[code] == nil {
        lists[code] = []
        order.append(code)
      }
    }
    switch format {
    case .gal:
      var headed = Set<String>()
      var i = 0
      while i < lines.count {
        let line = lines[i]
        guard line.fields.count == 2, let k = Int(line.fields[1]), k >= 0 else {
          throw UserError(
            "\(file) line \(line.number): expected `id k` (an area and its number of neighbours), found \"\(line.fields.joined(separator: " "))\""
          )
        }
        let code = line.fields[0]
        let listLine = i + 1 < lines.count ? lines[i + 1].number : line.number
        guard headed.insert(code).inserted else {
          throw UserError("\(file) line \(line.number): area \(code) is listed twice")
        }
        note(code)
        var neighbours: [String] = []
        if k > 0 {
          guard i + 1 < lines.count else {
            throw UserError(
              "\(file) line \(line.number): area \(code) has \(k) neighbours but the file ends")
          }
          neighbours = lines[i + 1].fields
          guard neighbours.count == k else {
            throw UserError(
              "\(file) line \(lines[i + 1].number): area \(code) should have \(k) neighbours, the line lists \(neighbours.count)"
            )
          }
          i += 1
        } else if i + 1 < lines.count,
          lines[i + 1].fields.count != 2 || Int(lines[i + 1].fields[1]) == nil
        {
          // GeoDa writes an empty line for k = 0; a stray list is an error.
          throw UserError(
            "\(file) line \(lines[i + 1].number): area \(code) has 0 neighbours but a list follows")
        }
        if let self = neighbours.first(where: { $0 == code }) {
          throw UserError(
            "\(file) line \(k > 0 ? listLine : line.number): area \(self) is its own neighbour")
        }
        lists[code] = neighbours
        i += 1
      }
    case .gwt:
      var rowWeight: [String: (Double, Int)] = [:]
      for line in lines {
        guard line.fields.count == 3, let w = Double(line.fields[2]), w.isFinite else {
          throw UserError(
            "\(file) line \(line.number): expected `id neighbour weight`, found \"\(line.fields.joined(separator: " "))\""
          )
        }
        let (code, neighbour) = (line.fields[0], line.fields[1])
        guard code != neighbour else {
          throw UserError("\(file) line \(line.number): area \(code) is its own neighbour")
        }
        guard w > 0 else {
          throw UserError(
            "\(file) line \(line.number): weight \(line.fields[2]) is not positive (leave the link out instead)"
          )
        }
        if let (first, at) = rowWeight[code], first != w {
          throw UserError(
            "\(file) line \(line.number): weight \(line.fields[2]) for \(code) differs from \(CSVText.full(first)) on line \(at); wijkstat uses binary neighbours, row-standardised, so unequal weights would be ignored silently"
          )
        }
        rowWeight[code] = rowWeight[code] ?? (w, line.number)
        note(code)
        note(neighbour)
        lists[code]!.append(neighbour)
      }
    }
    for code in order { for neighbour in lists[code]! { note(neighbour) } }
    guard order.count <= n || n == 0 else {
      throw UserError("\(file): the header says \(n) areas, the file names \(order.count)")
    }
    return (order, order.map { lists[$0]! })
  }
}
