/// The type of one field of a pack's record schema.
public indirect enum FieldType: Sendable, Hashable {
  case string
  case bool
  case int
  case double
  /// An instant, ISO 8601 with an offset.
  case timestamp
  /// A calendar date (`YYYY-MM-DD`), a timestamp at midnight in the pack's time zone.
  case date
  /// `15m`, `1h30m`, `90s`, or a whole number of minutes.
  case duration
  /// One of a fixed set of lower_snake_case strings.
  case enumeration([String])
  case list(FieldType)
  case object(RecordSchema)

  /// The name a rule author writes for this type.
  public var name: String {
    switch self {
    case .string: return "string"
    case .bool: return "bool"
    case .int: return "int"
    case .double: return "double"
    case .timestamp: return "timestamp"
    case .date: return "date"
    case .duration: return "duration"
    case .enumeration: return "enum"
    case .list(let element): return "list(\(element.name))"
    case .object: return "object"
    }
  }
}
