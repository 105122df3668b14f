import CGDAL

/// The OGR field types wijkstat distinguishes.
public enum FieldType: String, Sendable, Codable {
  case integer = "Integer"
  case integer64 = "Integer64"
  case real = "Real"
  case string = "String"
  case date = "Date"
  case time = "Time"
  case dateTime = "DateTime"
  case binary = "Binary"
  case list = "List"

  init(_ type: OGRFieldType) {
    switch type {
    case OFTInteger: self = .integer
    case OFTInteger64: self = .integer64
    case OFTReal: self = .real
    case OFTString: self = .string
    case OFTDate: self = .date
    case OFTTime: self = .time
    case OFTDateTime: self = .dateTime
    case OFTBinary: self = .binary
    default: self = .list
    }
  }

  var ogrType: OGRFieldType {
    switch self {
    case .integer: return OFTInteger
    case .integer64: return OFTInteger64
    case .real: return OFTReal
    case .string: return OFTString
    case .date: return OFTDate
    case .time: return OFTTime
    case .dateTime: return OFTDateTime
    case .binary: return OFTBinary
    case .list: return OFTStringList
    }
  }
}

/// A field of a layer: its name and type.
public struct FieldDefinition: Hashable, Sendable {
  public var name: String
  public var type: FieldType
  public init(name: String, type: FieldType) {
    self.name = name
    self.type = type
  }
}
