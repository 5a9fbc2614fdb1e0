/// Equality, ordering, membership and indexing.
enum Comparison {
  static func equals(_ a: Value, _ b: Value) -> Value {
    if case .error = a { return a }
    if case .error = b { return b }
    return .bool(a.celEquals(b))
  }

  static func notEquals(_ a: Value, _ b: Value) -> Value {
    if case .error = a { return a }
    if case .error = b { return b }
    return .bool(!a.celEquals(b))
  }

  @inline(__always)
  static func order(_ name: String, _ a: Value, _ b: Value, _ test: (Int) -> Bool) -> Value {
    if case .int(let x) = a, case .int(let y) = b {
      return .bool(test(x < y ? -1 : (x == y ? 0 : 1)))
    }
    guard let c = Value.compare(a, b) else {
      if case .error = a { return a }
      if case .error = b { return b }
      return Value.noOverload(name, [a, b])
    }
    return .bool(c != 2 && test(c))
  }

  static func less(_ a: Value, _ b: Value) -> Value { order(Operator.less, a, b) { $0 < 0 } }
  static func lessEquals(_ a: Value, _ b: Value) -> Value {
    order(Operator.lessEquals, a, b) { $0 <= 0 }
  }
  static func greater(_ a: Value, _ b: Value) -> Value {
    order(Operator.greater, a, b) { $0 == 1 }
  }
  static func greaterEquals(_ a: Value, _ b: Value) -> Value {
    order(Operator.greaterEquals, a, b) { $0 == 0 || $0 == 1 }
  }

  /// `a in b` for lists (element equality) and maps (key presence).
  static func contains(_ a: Value, _ b: Value) -> Value {
    if case .error = a { return a }
    switch b {
    case .list(let l):
      for e in l where e.celEquals(a) { return .bool(true) }
      return .bool(false)
    case .map(let m): return .bool(m.containsKey(a))
    case .error: return b
    default: return Value.noOverload(Operator.in, [a, b])
    }
  }

  /// `a[b]` for lists (int, uint or integral double index) and maps.
  static func index(_ a: Value, _ b: Value) -> Value {
    switch (a, b) {
    case (.list(let l), _):
      let i: Int64
      switch b {
      case .int(let x): i = x
      case .uint(let x): i = x > UInt64(Int64.max) ? -1 : Int64(x)
      case .double(let d):
        guard let x = Int64(exactly: d) else {
          return .error(.invalidArgument, "invalid list index: \(d)")
        }
        i = x
      case .error: return b
      default: return Value.noOverload(Operator.index, [a, b])
      }
      guard i >= 0 && i < Int64(l.count) else {
        return .error(.indexOutOfBounds, "index out of range: \(i)")
      }
      return l[Int(i)]
    case (.map(let m), _):
      if case .error = b { return b }
      if let v = m.lookup(b) { return v }
      switch b {
      case .int, .uint, .double, .bool, .string:
        return .error(.noSuchKey, "no such key: \(b)")
      default: return .error(.noSuchKey, "no such key: unsupported key type")
      }
    case (.optional(let inner), _):
      guard let inner else { return a }
      let r = index(inner, b)
      if case .error(let e) = r, e.kind == .noSuchKey || e.kind == .indexOutOfBounds {
        return .optional(nil)
      }
      return r.isError ? r : .optional(r)
    case (.error, _): return a
    case (_, .error): return b
    default: return Value.noOverload(Operator.index, [a, b])
    }
  }

  /// `a[?b]`: the element as an optional, `optional.none()` when absent.
  static func optionalIndex(_ a: Value, _ b: Value) -> Value {
    var base = a
    if case .optional(let inner) = a {
      guard let inner else { return a }
      base = inner
    }
    let r = index(base, b)
    if case .error(let e) = r {
      if e.kind == .noSuchKey || e.kind == .indexOutOfBounds { return .optional(nil) }
      return r
    }
    return .optional(r)
  }
}

let comparisonFunctions: [FunctionDecl] = {
  let ordered: [(String, CELType, CELType)] = [
    ("bool", .bool, .bool), ("int64", .int, .int), ("uint64", .uint, .uint),
    ("double", .double, .double), ("string", .string, .string), ("bytes", .bytes, .bytes),
    ("timestamp", .timestamp, .timestamp), ("duration", .duration, .duration),
    ("int64_uint64", .int, .uint), ("uint64_int64", .uint, .int),
    ("int64_double", .int, .double), ("double_int64", .double, .int),
    ("uint64_double", .uint, .double), ("double_uint64", .double, .uint),
  ]
  func ordering(
    _ name: String, _ prefix: String, _ f: @escaping @Sendable (Value, Value) -> Value
  ) -> FunctionDecl {
    FunctionDecl(
      name: name,
      overloads: ordered.map { suffix, l, r in
        Overload("\(prefix)_\(suffix)", [l, r], .bool) { f($0[0], $0[1]) }
      })
  }
  return [
    function(
      Operator.equals,
      Overload("equals", [typeA, typeA], .bool) { Comparison.equals($0[0], $0[1]) }),
    function(
      Operator.notEquals,
      Overload("not_equals", [typeA, typeA], .bool) { Comparison.notEquals($0[0], $0[1]) }),
    ordering(Operator.less, "less", Comparison.less),
    ordering(Operator.lessEquals, "less_equals", Comparison.lessEquals),
    ordering(Operator.greater, "greater", Comparison.greater),
    ordering(Operator.greaterEquals, "greater_equals", Comparison.greaterEquals),
    function(
      Operator.in,
      Overload("in_list", [typeA, .list(typeA)], .bool) { Comparison.contains($0[0], $0[1]) },
      Overload("in_map", [typeA, .map(key: typeA, value: typeB)], .bool) {
        Comparison.contains($0[0], $0[1])
      }),
    function(
      Operator.index,
      Overload("index_list", [.list(typeA), .int], typeA) { Comparison.index($0[0], $0[1]) },
      Overload("index_map", [.map(key: typeA, value: typeB), typeA], typeB) {
        Comparison.index($0[0], $0[1])
      }),
    function(
      Operator.logicalNot,
      Overload("logical_not", [.bool], .bool) {
        if case .bool(let b) = $0[0] { return .bool(!b) }
        return Value.noOverload(Operator.logicalNot, $0)
      }),
    // The logical operators and the conditional are evaluated lazily by the compiler; these
    // declarations give their signatures.
    function(
      Operator.logicalAnd, Overload("logical_and", [.bool, .bool], .bool) { _ in .null }),
    function(Operator.logicalOr, Overload("logical_or", [.bool, .bool], .bool) { _ in .null }),
    function(
      Operator.conditional,
      Overload("conditional", [.bool, typeA, typeA], typeA) { _ in .null }),
    function(
      Operator.notStrictlyFalse,
      Overload("not_strictly_false", [.bool], .bool) {
        if case .bool(false) = $0[0] { return .bool(false) }
        return .bool(true)
      }),
    function(
      Operator.optionalSelect,
      Overload("select_optional_field", [.dyn, .string], .optional(.dyn)) { _ in .null }),
    function(
      Operator.optionalIndex,
      Overload("list_optindex_optional_int", [.list(typeA), .int], .optional(typeA)) {
        Comparison.optionalIndex($0[0], $0[1])
      },
      Overload(
        "optional_list_optindex_optional_int", [.optional(.list(typeA)), .int],
        .optional(typeA)
      ) { Comparison.optionalIndex($0[0], $0[1]) },
      Overload(
        "map_optindex_optional_value", [.map(key: typeA, value: typeB), typeA],
        .optional(typeB)
      ) { Comparison.optionalIndex($0[0], $0[1]) },
      Overload(
        "optional_map_optindex_optional_value",
        [.optional(.map(key: typeA, value: typeB)), typeA], .optional(typeB)
      ) {
        Comparison.optionalIndex($0[0], $0[1])
      }),
  ]
}()
