/// Type relations used by the checker: joining, assignability to overload parameters.
extension CELType {
  /// The name of the free type given to the elements of empty aggregates (`[]`, `{}`) and to
  /// unbound type parameters of results (`optional.none()`). It joins with anything.
  static let freeName = "_"
  static let free = CELType.typeParam(freeName)

  var isFree: Bool { self == .free }

  /// Whether values of the type are numbers (CEL compares and equates them across types).
  var isNumeric: Bool { self == .int || self == .uint || self == .double }

  /// The type with free parameters replaced by `dyn`, as reported to hosts.
  var resolvingFree: CELType {
    switch self {
    case .typeParam: return .dyn
    case .list(let element): return .list(element.resolvingFree)
    case .map(let key, let value): return .map(key: key.resolvingFree, value: value.resolvingFree)
    case .optional(let inner): return .optional(inner.resolvingFree)
    case .type(let inner): return .type(inner?.resolvingFree)
    default: return self
    }
  }

  /// The most specific type both `a` and `b` belong to, or `nil` if they are incompatible.
  /// Numbers of different types join to `dyn` (heterogeneous equality); `null` joins with
  /// anything; free types join to the other type.
  static func join(_ a: CELType, _ b: CELType) -> CELType? {
    if a == b { return a }
    switch (a, b) {
    case (.typeParam, _): return b
    case (_, .typeParam): return a
    case (.error, _), (_, .error): return .error
    case (.dyn, _), (_, .dyn): return .dyn
    case (.null, _): return b
    case (_, .null): return a
    case (.list(let x), .list(let y)):
      return join(x, y).map { .list($0) }
    case (.map(let k1, let v1), .map(let k2, let v2)):
      guard let k = join(k1, k2), let v = join(v1, v2) else { return nil }
      return .map(key: k, value: v)
    case (.optional(let x), .optional(let y)):
      return join(x, y).map { .optional($0) }
    case (.type(let x), .type(let y)):
      guard let x, let y else { return .type(nil) }
      return .type(join(x, y) ?? nil)
    default:
      if a.isNumeric && b.isNumeric { return .dyn }
      return nil
    }
  }

  /// The type with type parameters replaced by their bindings (unbound ones become free).
  func substituting(_ bindings: [String: CELType]) -> CELType {
    switch self {
    case .typeParam(let name): return bindings[name] ?? .free
    case .list(let element): return .list(element.substituting(bindings))
    case .map(let key, let value):
      return .map(key: key.substituting(bindings), value: value.substituting(bindings))
    case .optional(let inner): return .optional(inner.substituting(bindings))
    case .type(let inner): return .type(inner?.substituting(bindings))
    default: return self
    }
  }
}

/// Matches argument types against an overload's parameters, binding its type parameters.
struct TypeBinder {
  var bindings: [String: CELType] = [:]

  /// Whether an argument of type `argument` may be passed for `parameter`.
  mutating func accepts(_ parameter: CELType, _ argument: CELType) -> Bool {
    switch (parameter, argument) {
    case (.typeParam(let name), _):
      if name == CELType.freeName { return true }
      if let bound = bindings[name] {
        guard let joined = CELType.join(bound, argument) else { return false }
        bindings[name] = joined
      } else {
        bindings[name] = argument
      }
      return true
    case (_, .dyn), (_, .error), (_, .typeParam):
      bindTypeParams(in: parameter, to: argument)
      return true
    case (.dyn, _):
      return true
    case (.list(let p), .list(let a)):
      return accepts(p, a)
    case (.map(let pk, let pv), .map(let ak, let av)):
      return accepts(pk, ak) && accepts(pv, av)
    case (.optional(let p), .optional(let a)):
      return accepts(p, a)
    case (.type(let p), .type(let a)):
      guard let p else { return true }
      guard let a else { return true }
      return accepts(p, a)
    case (.object, .null), (.optional, .null):
      return true
    default:
      return parameter == argument
    }
  }

  /// Binds unbound type parameters inside `parameter` to `argument` (`dyn` or free).
  private mutating func bindTypeParams(in parameter: CELType, to argument: CELType) {
    switch parameter {
    case .typeParam(let name):
      if bindings[name] == nil { bindings[name] = argument == .error ? .dyn : argument }
    case .list(let e), .optional(let e):
      bindTypeParams(in: e, to: argument)
    case .map(let k, let v):
      bindTypeParams(in: k, to: argument)
      bindTypeParams(in: v, to: argument)
    case .type(let t):
      if let t { bindTypeParams(in: t, to: argument) }
    default:
      break
    }
  }
}
