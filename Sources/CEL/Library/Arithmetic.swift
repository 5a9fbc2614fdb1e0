/// The arithmetic operators: `+ - * / %` and negation, with CEL's overflow and division
/// checks (errors, never traps).
enum Arithmetic {
  static func overflow(_ op: String) -> Value { .error(.overflow, "\(op) overflow") }

  static func add(_ a: Value, _ b: Value) -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      let (r, o) = x.addingReportingOverflow(y)
      return o ? overflow("addition") : .int(r)
    case (.uint(let x), .uint(let y)):
      let (r, o) = x.addingReportingOverflow(y)
      return o ? overflow("addition") : .uint(r)
    case (.double(let x), .double(let y)): return .double(x + y)
    case (.string(let x), .string(let y)): return .string(x + y)
    case (.bytes(let x), .bytes(let y)): return .bytes(x + y)
    case (.list(let x), .list(let y)): return .list(x + y)
    case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
      return Time.add(t, d)
    case (.duration(let x), .duration(let y)):
      let (s, o) = x.seconds.addingReportingOverflow(y.seconds)
      guard !o, let r = Duration.normalized(seconds: s, nanos: Int64(x.nanos) + Int64(y.nanos))
      else { return .error(.overflow, "duration out of range") }
      return .duration(r)
    case (.error, _): return a
    case (_, .error): return b
    default: return Value.noOverload(Operator.add, [a, b])
    }
  }

  static func subtract(_ a: Value, _ b: Value) -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      let (r, o) = x.subtractingReportingOverflow(y)
      return o ? overflow("subtraction") : .int(r)
    case (.uint(let x), .uint(let y)):
      let (r, o) = x.subtractingReportingOverflow(y)
      return o ? overflow("subtraction") : .uint(r)
    case (.double(let x), .double(let y)): return .double(x - y)
    case (.timestamp(let t), .duration(let d)):
      return Time.add(t, Duration(seconds: -d.seconds, nanos: -d.nanos))
    case (.timestamp(let x), .timestamp(let y)):
      // The difference must fit in 64-bit nanoseconds, as in the reference implementations.
      guard
        case (let diff, false) = x.seconds.subtractingReportingOverflow(y.seconds),
        diff.magnitude < 9_223_372_036,
        let r = Duration.normalized(
          seconds: x.seconds - y.seconds, nanos: Int64(x.nanos) - Int64(y.nanos)),
        r.totalNanos != nil
      else { return .error(.overflow, "duration out of range") }
      return .duration(r)
    case (.duration(let x), .duration(let y)):
      let (s, o) = x.seconds.subtractingReportingOverflow(y.seconds)
      guard !o, let r = Duration.normalized(seconds: s, nanos: Int64(x.nanos) - Int64(y.nanos))
      else { return .error(.overflow, "duration out of range") }
      return .duration(r)
    case (.error, _): return a
    case (_, .error): return b
    default: return Value.noOverload(Operator.subtract, [a, b])
    }
  }

  static func multiply(_ a: Value, _ b: Value) -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      let (r, o) = x.multipliedReportingOverflow(by: y)
      return o ? overflow("multiplication") : .int(r)
    case (.uint(let x), .uint(let y)):
      let (r, o) = x.multipliedReportingOverflow(by: y)
      return o ? overflow("multiplication") : .uint(r)
    case (.double(let x), .double(let y)): return .double(x * y)
    case (.error, _): return a
    case (_, .error): return b
    default: return Value.noOverload(Operator.multiply, [a, b])
    }
  }

  static func divide(_ a: Value, _ b: Value) -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      if y == 0 { return .error(.divisionByZero, "division by zero") }
      let (r, o) = x.dividedReportingOverflow(by: y)
      return o ? overflow("division") : .int(r)
    case (.uint(let x), .uint(let y)):
      if y == 0 { return .error(.divisionByZero, "division by zero") }
      return .uint(x / y)
    case (.double(let x), .double(let y)): return .double(x / y)
    case (.error, _): return a
    case (_, .error): return b
    default: return Value.noOverload(Operator.divide, [a, b])
    }
  }

  static func modulo(_ a: Value, _ b: Value) -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      if y == 0 { return .error(.divisionByZero, "modulus by zero") }
      let (r, o) = x.remainderReportingOverflow(dividingBy: y)
      return o ? overflow("modulus") : .int(r)
    case (.uint(let x), .uint(let y)):
      if y == 0 { return .error(.divisionByZero, "modulus by zero") }
      return .uint(x % y)
    case (.error, _): return a
    case (_, .error): return b
    default: return Value.noOverload(Operator.modulo, [a, b])
    }
  }

  static func negate(_ a: Value) -> Value {
    switch a {
    case .int(let x):
      return x == .min ? overflow("negation") : .int(-x)
    case .double(let x): return .double(-x)
    case .duration(let d): return .duration(Duration(seconds: -d.seconds, nanos: -d.nanos))
    case .error: return a
    default: return Value.noOverload(Operator.negate, [a])
    }
  }
}

let arithmeticFunctions: [FunctionDecl] = {
  func binary(
    _ name: String, _ prefix: String, _ types: [(String, CELType, CELType, CELType)],
    _ f: @escaping @Sendable (Value, Value) -> Value
  ) -> FunctionDecl {
    FunctionDecl(
      name: name,
      overloads: types.map { suffix, l, r, res in
        Overload("\(prefix)_\(suffix)", [l, r], res) { f($0[0], $0[1]) }
      })
  }
  let numeric: [(String, CELType, CELType, CELType)] = [
    ("int64", .int, .int, .int), ("uint64", .uint, .uint, .uint),
    ("double", .double, .double, .double),
  ]
  return [
    binary(
      Operator.add, "add",
      numeric + [
        ("string", .string, .string, .string), ("bytes", .bytes, .bytes, .bytes),
        ("list", .list(typeA), .list(typeA), .list(typeA)),
        ("timestamp_duration", .timestamp, .duration, .timestamp),
        ("duration_timestamp", .duration, .timestamp, .timestamp),
        ("duration_duration", .duration, .duration, .duration),
      ], Arithmetic.add),
    binary(
      Operator.subtract, "subtract",
      numeric + [
        ("timestamp_timestamp", .timestamp, .timestamp, .duration),
        ("timestamp_duration", .timestamp, .duration, .timestamp),
        ("duration_duration", .duration, .duration, .duration),
      ], Arithmetic.subtract),
    binary(Operator.multiply, "multiply", numeric, Arithmetic.multiply),
    binary(Operator.divide, "divide", numeric, Arithmetic.divide),
    binary(Operator.modulo, "modulo", Array(numeric.prefix(2)), Arithmetic.modulo),
    function(
      Operator.negate,
      Overload("negate_int64", [.int], .int) { Arithmetic.negate($0[0]) },
      Overload("negate_double", [.double], .double) { Arithmetic.negate($0[0]) }),
  ]
}()
