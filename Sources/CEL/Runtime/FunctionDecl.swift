/// A function callable from CEL: a name and its overloads.
///
/// The standard library and host functions are declared the same way, so the checker reads
/// the signatures and the compiler calls the implementations from one table.
public struct FunctionDecl: Sendable {
  /// The function's name as written in CEL (`size`, `math.greatest`) or an operator name from
  /// ``Operator``.
  public var name: String
  public var overloads: [Overload]

  public init(name: String, overloads: [Overload]) {
    self.name = name
    self.overloads = overloads
  }

  /// Adds overloads of the same function.
  public mutating func merge(_ other: FunctionDecl) {
    for o in other.overloads where !overloads.contains(where: { $0.id == o.id }) {
      overloads.append(o)
    }
  }
}

/// One signature of a function, with its implementation.
public struct Overload: Sendable {
  /// A stable id, e.g. `size_string`, `add_int64`.
  public var id: String
  /// Whether the overload is called receiver-style (`s.size()`); then `parameters[0]` is the
  /// receiver's type and `implementation` gets the receiver as `args[0]`.
  public var isMember: Bool
  /// Parameter types (receiver first for members). `.typeParam` and `.dyn` accept anything.
  public var parameters: [CELType]
  public var result: CELType
  /// Called with non-error arguments whose kinds match ``parameters``; returns the result or an
  /// error value. Never traps.
  public var implementation: @Sendable (Arguments) -> Value

  public init(
    _ id: String, member: Bool = false, _ parameters: [CELType], _ result: CELType,
    _ implementation: @escaping @Sendable (Arguments) -> Value
  ) {
    self.id = id
    self.isMember = member
    self.parameters = parameters
    self.result = result
    self.implementation = implementation
  }

  /// Whether run-time arguments match the parameter kinds.
  @inlinable
  func accepts(_ args: Arguments) -> Bool {
    guard args.count == parameters.count else { return false }
    for i in args.indices where !parameters[i].admits(args[i]) { return false }
    return true
  }
}

extension CELType {
  /// Whether a run-time value is of this (parameter) type, by kind.
  @usableFromInline
  func admits(_ v: Value) -> Bool {
    switch (self, v) {
    case (.dyn, _), (.typeParam, _): return true
    case (.null, .null), (.bool, .bool), (.int, .int), (.uint, .uint), (.double, .double),
      (.string, .string), (.bytes, .bytes), (.list, .list), (.map, .map),
      (.timestamp, .timestamp), (.duration, .duration), (.type, .type), (.optional, .optional):
      return true
    case (.object(let name), .object(let o)): return o.type.name == name
    default: return false
    }
  }
}
