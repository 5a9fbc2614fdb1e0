extension Value {
  /// The run-time type of the value, as `type()` returns it (type parameters are `dyn`).
  public var celType: CELType {
    switch self {
    case .null: return .null
    case .bool: return .bool
    case .int: return .int
    case .uint: return .uint
    case .double: return .double
    case .string: return .string
    case .bytes: return .bytes
    case .list: return .list(.dyn)
    case .map: return .map(key: .dyn, value: .dyn)
    case .timestamp: return .timestamp
    case .duration: return .duration
    case .type: return .type(nil)
    case .optional: return .optional(.dyn)
    case .object(let o): return .object(o.type.name)
    case .error: return .error
    }
  }

  /// Whether the value is an error.
  @inlinable public var isError: Bool {
    if case .error = self { return true }
    return false
  }

  /// The error, if the value is one.
  public var errorValue: EvalError? {
    if case .error(let e) = self { return e }
    return nil
  }

  /// A `noMatchingOverload` error value for a function and its arguments.
  static func noOverload(_ function: String, _ args: some Collection<Value> = [Value]()) -> Value {
    let kinds = args.map { $0.celType.runtimeName }.joined(separator: ", ")
    return .error(
      EvalError(.noMatchingOverload, "no such overload: '\(function)' applied to (\(kinds))"))
  }

  static func error(_ kind: EvalError.Kind, _ message: String) -> Value {
    .error(EvalError(kind, message))
  }
}

extension CELType {
  /// The name CEL prints for a type value: `int`, `list`, `map`, `google.protobuf.Timestamp`.
  var runtimeName: String {
    switch self {
    case .list: return "list"
    case .map: return "map"
    case .type: return "type"
    case .optional: return "optional_type"
    default: return description
    }
  }
}
