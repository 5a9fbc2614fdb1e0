/// A key of a CEL map: maps are keyed by int, uint, bool or string.
public enum MapKey: Hashable, Sendable {
  case int(Int64)
  case uint(UInt64)
  case bool(Bool)
  case string(String)

  /// The key as a value.
  public var value: Value {
    switch self {
    case .int(let v): return .int(v)
    case .uint(let v): return .uint(v)
    case .bool(let v): return .bool(v)
    case .string(let v): return .string(v)
    }
  }
}
