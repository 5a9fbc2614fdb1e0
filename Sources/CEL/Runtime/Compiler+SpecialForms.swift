/// The non-strict forms: `&&`, `||`, `?:`, `.?`, `or`/`orValue`, and the in-place accumulator
/// updates of macro comprehensions.
extension Compiler {
  mutating func compileSpecialForm(_ e: Expr, _ function: String, _ args: [Expr]) -> Node? {
    switch (function, args.count) {
    case (Operator.logicalAnd, 2):
      let a = compile(args[0]).eval
      let b = compile(args[1]).eval
      return Node(
        eval: { f in
          let x = a(&f)
          if case .bool(false) = x { return x }
          let y = b(&f)
          if case .bool(false) = y { return y }
          if case .bool(true) = x, case .bool(true) = y { return y }
          return Self.logicalError(Operator.logicalAnd, x, y)
        }, type: .bool)
    case (Operator.logicalOr, 2):
      let a = compile(args[0]).eval
      let b = compile(args[1]).eval
      return Node(
        eval: { f in
          let x = a(&f)
          if case .bool(true) = x { return x }
          let y = b(&f)
          if case .bool(true) = y { return y }
          if case .bool(false) = x, case .bool(false) = y { return y }
          return Self.logicalError(Operator.logicalOr, x, y)
        }, type: .bool)
    case (Operator.conditional, 3):
      let c = compile(args[0])
      let a = compile(args[1])
      let b = compile(args[2])
      let (ce, ae, be) = (c.eval, a.eval, b.eval)
      return Node(
        eval: { f in
          switch ce(&f) {
          case .bool(true): return ae(&f)
          case .bool(false): return be(&f)
          case .error(let err): return .error(err)
          case let other: return Value.noOverload(Operator.conditional, [other])
          }
        }, type: a.type == b.type ? a.type : .dyn)
    case (Operator.optionalSelect, 2):
      guard case .literal(.string(let field)) = args[1].kind else { return nil }
      let a = compile(args[0]).eval
      let id = e.id
      return Node(eval: { f in Runtime.optionalSelect(a(&f), field, id: id) })
    case ("cel.@mapInsert", 3), ("cel.@mapInsert", 2):
      return compileMapInsert(args)
    case (Operator.add, 2):
      return compileAppend(args)
    default:
      return nil
    }
  }

  /// The result of `&&`/`||` when neither operand decides it: the first error, else a
  /// no-overload error for non-boolean operands.
  static func logicalError(_ name: String, _ x: Value, _ y: Value) -> Value {
    if case .error = x { return x }
    if case .error = y { return y }
    return Value.noOverload(name, [x, y])
  }

  /// `opt.or(other)` and `opt.orValue(other)`: `other` is evaluated only when needed.
  mutating func compileOptionalMember(_ function: String, _ target: Expr, _ args: [Expr])
    -> Node?
  {
    guard args.count == 1, function == "or" || function == "orValue",
      environment.function(named: function)?.overloads.count
        == StandardLibrary.functions[function]?.overloads.count
    else { return nil }
    let a = compile(target).eval
    let b = compile(args[0]).eval
    let unwrap = function == "orValue"
    return Node(eval: { f in
      let x = a(&f)
      switch x {
      case .optional(let inner?): return unwrap ? inner : x
      case .optional(nil):
        let y = b(&f)
        if !unwrap, case .optional = y { return y }
        if !unwrap, !y.isError { return Value.noOverload(function, [x, y]) }
        return y
      case .error: return x
      default: return Value.noOverload(function, [x])
      }
    })
  }

  /// `@result + [e]` in a macro's loop step: appends in place instead of copying the list.
  /// Traced, it records both operands and adds them; either way it is not charged as a `+`
  /// that builds a long list, so that traced and untraced evaluations cost the same.
  mutating func compileAppend(_ args: [Expr]) -> Node? {
    guard case .ident(let name) = args[0].kind, let slot = local(name),
      accumulatorSlots.contains(slot),
      case .list(let elements, let optionalIndices) = args[1].kind, optionalIndices.isEmpty
    else { return nil }
    if traced {
      let accumulator = compile(args[0]).eval
      let items = compile(args[1]).eval
      return Node(eval: { f in
        let current = accumulator(&f)
        let added = items(&f)
        if case .error = added { return added }
        return Arithmetic.add(current, added)
      })
    }
    let evals = elements.map { compile($0).eval }
    return Node(eval: { f in
      var items: [Value] = []
      items.reserveCapacity(evals.count)
      for eval in evals {
        let v = eval(&f)
        if case .error = v { return v }
        items.append(v)
      }
      var current = f.locals[slot]
      f.locals[slot] = .null
      guard case .list(var list) = current else {
        f.locals[slot] = current
        return Arithmetic.add(current, .list(items))
      }
      current = .null
      list.append(contentsOf: items)
      return .list(list)
    })
  }

  /// `cel.@mapInsert(@result, k, v)` and `cel.@mapInsert(@result, {k: v})` of
  /// `transformMap`/`transformMapEntry`: inserts in place; a repeated key is an error.
  mutating func compileMapInsert(_ args: [Expr]) -> Node {
    let evals = args.map { compile($0).eval }
    var slot: Int?
    if !traced, case .ident(let name) = args[0].kind, let s = local(name),
      accumulatorSlots.contains(s)
    {
      slot = s
    }
    return Node(eval: { f in
      var entries: [(Value, Value)] = []
      if evals.count == 3 {
        let k = evals[1](&f)
        if case .error = k { return k }
        let v = evals[2](&f)
        if case .error = v { return v }
        entries = [(k, v)]
      } else {
        let m = evals[1](&f)
        guard case .map(let mv) = m else {
          return m.isError ? m : Value.noOverload("cel.@mapInsert", [m])
        }
        entries = mv.entries.map { ($0.key.value, $0.value) }
      }
      var current: Value
      if let slot {
        current = f.locals[slot]
        f.locals[slot] = .null
      } else {
        current = evals[0](&f)
      }
      guard case .map(var map) = current else {
        if let slot { f.locals[slot] = current }
        return current.isError ? current : Value.noOverload("cel.@mapInsert", [current])
      }
      current = .null
      for (k, v) in entries {
        guard let key = MapKey(k) else {
          return .error(.invalidArgument, "unsupported map key type '\(k.celType.runtimeName)'")
        }
        if map.containsKey(k) {
          return .error(.invalidArgument, "insert failed: key \(k) already exists")
        }
        map.insert(key, v)
      }
      return .map(map)
    })
  }
}
