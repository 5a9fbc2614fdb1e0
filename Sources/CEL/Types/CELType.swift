/// A CEL type, as used by the checker and returned by `type()`.
public indirect enum CELType: Hashable, Sendable {
  /// The dynamic type: anything, checked at run time.
  case dyn
  case null
  case bool
  case int
  case uint
  case double
  case string
  case bytes
  case timestamp
  case duration
  case list(CELType)
  case map(key: CELType, value: CELType)
  /// The type of a type value; `type(int)` is `.type(.int)`, a bare `type` is `.type(nil)`.
  case type(CELType?)
  case optional(CELType)
  /// A host-declared message type (an incident record, a pupil), by its full name.
  case object(String)
  /// A type parameter of a function overload (`A` in `list(A).size()`).
  case typeParam(String)
  /// The type given to an expression that failed to check.
  case error
}

extension CELType: CustomStringConvertible {
  /// The type's name as CEL prints it: `int`, `list(string)`, `map(string, dyn)`.
  public var description: String {
    switch self {
    case .dyn: return "dyn"
    case .null: return "null_type"
    case .bool: return "bool"
    case .int: return "int"
    case .uint: return "uint"
    case .double: return "double"
    case .string: return "string"
    case .bytes: return "bytes"
    case .timestamp: return "google.protobuf.Timestamp"
    case .duration: return "google.protobuf.Duration"
    case .list(let element): return "list(\(element))"
    case .map(let key, let value): return "map(\(key), \(value))"
    case .type(let inner): return inner.map { "type(\($0))" } ?? "type"
    case .optional(let inner): return "optional_type(\(inner))"
    case .object(let name): return name
    case .typeParam(let name): return name
    case .error: return "*error*"
    }
  }
}
