import Foundation

/// The math extension library: `math.greatest`, `math.least`, rounding, `abs`, `sign`,
/// classification and bit operations.
enum MathExt {
  static func isNumber(_ v: Value) -> Bool {
    switch v {
    case .int, .uint, .double: return true
    default: return false
    }
  }

  static func extreme(_ name: String, _ args: Arguments, greatest: Bool) -> Value {
    var items = Array(args)
    if args.count == 1, case .list(let l) = args[0] {
      guard !l.isEmpty else { return .error(.invalidArgument, "\(name)(): list is empty") }
      items = l
    }
    guard var best = items.first, isNumber(best) else { return Value.noOverload(name, args) }
    for v in items.dropFirst() {
      guard isNumber(v), let c = Value.compareNumbers(v, best) else {
        return Value.noOverload(name, args)
      }
      if (greatest && c == 1) || (!greatest && c == -1) { best = v }
    }
    return best
  }

  static func double(
    _ name: String, result: CELType = .double, _ f: @escaping @Sendable (Double) -> Value
  ) -> FunctionDecl {
    function(
      name,
      Overload(name.replacingOccurrences(of: ".", with: "_") + "_double", [.double], result) {
        guard case .double(let d) = $0[0] else { return Value.noOverload(name, $0) }
        return f(d)
      })
  }

  static func bits(
    _ name: String, _ id: String, _ fi: @escaping @Sendable (Int64, Int64) -> Int64,
    _ fu: @escaping @Sendable (UInt64, UInt64) -> UInt64
  ) -> FunctionDecl {
    function(
      name,
      Overload("\(id)_int_int", [.int, .int], .int) {
        guard case .int(let a) = $0[0], case .int(let b) = $0[1] else {
          return Value.noOverload(name, $0)
        }
        return .int(fi(a, b))
      },
      Overload("\(id)_uint_uint", [.uint, .uint], .uint) {
        guard case .uint(let a) = $0[0], case .uint(let b) = $0[1] else {
          return Value.noOverload(name, $0)
        }
        return .uint(fu(a, b))
      })
  }

  static func shift(_ name: String, left: Bool) -> FunctionDecl {
    let impl: @Sendable (Arguments) -> Value = { args in
      guard case .int(let n) = args[1] else { return Value.noOverload(name, args) }
      guard n >= 0 else { return .error(.invalidArgument, "\(name)() negative offset: \(n)") }
      switch args[0] {
      case .int(let v):
        if n >= 64 { return .int(0) }
        let u = UInt64(bitPattern: v)
        return .int(Int64(bitPattern: left ? u << UInt64(n) : u >> UInt64(n)))
      case .uint(let v):
        if n >= 64 { return .uint(0) }
        return .uint(left ? v << UInt64(n) : v >> UInt64(n))
      default: return Value.noOverload(name, args)
      }
    }
    let id = left ? "math_bit_shift_left" : "math_bit_shift_right"
    return function(
      name, Overload("\(id)_int_int", [.int, .int], .int, impl),
      Overload("\(id)_uint_int", [.uint, .int], .uint, impl))
  }
}

let mathExtFunctions: [FunctionDecl] = {
  func variadic(_ name: String, greatest: Bool) -> FunctionDecl {
    var overloads: [Overload] = [
      Overload("\(name)_list", [.list(.dyn)], .dyn) {
        MathExt.extreme(name, $0, greatest: greatest)
      }
    ]
    for arity in 1...8 {
      overloads.append(
        Overload("\(name)_\(arity)", Array(repeating: .dyn, count: arity), .dyn) {
          MathExt.extreme(name, $0, greatest: greatest)
        })
    }
    return FunctionDecl(name: name, overloads: overloads)
  }
  return [
    variadic("math.greatest", greatest: true),
    variadic("math.least", greatest: false),
    MathExt.double("math.ceil") { .double($0.rounded(.up)) },
    MathExt.double("math.floor") { .double($0.rounded(.down)) },
    MathExt.double("math.round") { .double($0.rounded(.toNearestOrAwayFromZero)) },
    MathExt.double("math.trunc") { .double($0.rounded(.towardZero)) },
    MathExt.double("math.isInf", result: .bool) { .bool($0.isInfinite) },
    MathExt.double("math.isNaN", result: .bool) { .bool($0.isNaN) },
    MathExt.double("math.isFinite", result: .bool) { .bool($0.isFinite) },
    MathExt.double("math.sqrt") { .double($0.squareRoot()) },
    function(
      "math.abs",
      Overload("math_abs_int", [.int], .int) {
        guard case .int(let i) = $0[0] else { return Value.noOverload("math.abs", $0) }
        return i == .min ? .error(.overflow, "integer overflow in math.abs") : .int(abs(i))
      },
      Overload("math_abs_uint", [.uint], .uint) { $0[0] },
      Overload("math_abs_double", [.double], .double) {
        guard case .double(let d) = $0[0] else { return Value.noOverload("math.abs", $0) }
        return .double(abs(d))
      }),
    function(
      "math.sign",
      Overload("math_sign_int", [.int], .int) {
        guard case .int(let i) = $0[0] else { return Value.noOverload("math.sign", $0) }
        return .int(i.signum())
      },
      Overload("math_sign_uint", [.uint], .uint) {
        guard case .uint(let u) = $0[0] else { return Value.noOverload("math.sign", $0) }
        return .uint(u == 0 ? 0 : 1)
      },
      Overload("math_sign_double", [.double], .double) {
        guard case .double(let d) = $0[0] else { return Value.noOverload("math.sign", $0) }
        if d.isNaN || d == 0 { return .double(d) }
        return .double(d > 0 ? 1 : -1)
      }),
    MathExt.bits("math.bitAnd", "math_bit_and", { $0 & $1 }, { $0 & $1 }),
    MathExt.bits("math.bitOr", "math_bit_or", { $0 | $1 }, { $0 | $1 }),
    MathExt.bits("math.bitXor", "math_bit_xor", { $0 ^ $1 }, { $0 ^ $1 }),
    function(
      "math.bitNot",
      Overload("math_bit_not_int", [.int], .int) {
        guard case .int(let i) = $0[0] else { return Value.noOverload("math.bitNot", $0) }
        return .int(~i)
      },
      Overload("math_bit_not_uint", [.uint], .uint) {
        guard case .uint(let u) = $0[0] else { return Value.noOverload("math.bitNot", $0) }
        return .uint(~u)
      }),
    MathExt.shift("math.bitShiftLeft", left: true),
    MathExt.shift("math.bitShiftRight", left: false),
  ]
}()
