/// Function and operator calls.
extension Compiler {
  mutating func compileCall(_ e: Expr, function: String, target: Expr?, args: [Expr]) -> Node {
    if target == nil, let special = compileSpecialForm(e, function, args) { return special }
    if let target, let node = compileOptionalMember(function, target, args) { return node }
    // `math.greatest(…)`, `optional.of(…)`: a qualified global function, not a method call.
    if let target, let parts = qualifiedName(target), resolveGlobal(parts[0]) == nil {
      let qualified = parts.joined(separator: ".") + "." + function
      for candidate in environment.candidateNames(qualified) {
        if let decl = environment.function(named: candidate) {
          return compileFunction(e, decl, receiver: nil, args: args)
        }
      }
    }
    var decl: FunctionDecl?
    if target == nil {
      for candidate in environment.candidateNames(function) {
        decl = environment.function(named: candidate)
        if decl != nil { break }
      }
    } else {
      decl = environment.function(named: function)
    }
    guard let decl else {
      if !environment.strictIdentifiers {
        let err = Value.error(
          EvalError(.noMatchingOverload, "unknown function '\(function)'", exprID: e.id))
        return Node(eval: { _ in err })
      }
      return issue(.undeclaredReference, "undeclared reference to function '\(function)'", e)
    }
    return compileFunction(e, decl, receiver: target, args: args)
  }

  /// Marks an error raised by the call `id` with that node, unless it already names one.
  @inline(__always)
  static func stamp(_ v: Value, _ id: Int) -> Value {
    guard case .error(var e) = v, e.exprID == nil else { return v }
    e.exprID = id
    return .error(e)
  }

  /// Evaluates argument closures, returning the first error instead if any.
  static func evaluate(_ evals: [Eval], _ f: inout Frame) -> Result<[Value], EvalError> {
    var values: [Value] = []
    values.reserveCapacity(evals.count)
    for eval in evals {
      let v = eval(&f)
      if case .error(let err) = v { return .failure(err) }
      values.append(v)
    }
    return .success(values)
  }

  mutating func compileFunction(_ e: Expr, _ decl: FunctionDecl, receiver: Expr?, args: [Expr])
    -> Node
  {
    let member = receiver != nil
    let arity = args.count + (member ? 1 : 0)
    let overloads = decl.overloads.filter {
      $0.isMember == member && $0.parameters.count == arity
    }
    guard !overloads.isEmpty else {
      return issue(
        .noMatchingOverload,
        "no overload of '\(decl.name)' takes \(args.count) argument\(args.count == 1 ? "" : "s")"
          + (member ? " as a method" : ""), e)
    }
    var nodes: [Node] = []
    if let receiver { nodes.append(compile(receiver)) }
    for a in args { nodes.append(compile(a)) }
    let standard = StandardLibrary.functions[decl.name]?.overloads.count == decl.overloads.count
    let resultType =
      overloads.count == 1 && !overloads[0].result.hasTypeParams
      ? overloads[0].result : .dyn
    if standard, let fast = fastPath(decl.name, nodes, id: e.id) {
      return Node(eval: fast, type: resultType)
    }
    let evals = nodes.map(\.eval)
    let name = decl.name
    let id = e.id
    let dispatch: @Sendable (Arguments) -> Value
    if overloads.count == 1 {
      let only = overloads[0]
      dispatch = { values in
        only.accepts(values) ? only.implementation(values) : Value.noOverload(name, values)
      }
    } else {
      dispatch = { values in
        for o in overloads where o.accepts(values) { return o.implementation(values) }
        return Value.noOverload(name, values)
      }
    }
    // Fold calls of standard functions on constants.
    if standard, nodes.allSatisfy({ $0.constant != nil }) {
      let values = nodes.map { $0.constant! }
      if let err = values.first(where: \.isError) { return Self.constant(err) }
      return Self.constant(Self.stamp(Arguments.with(values, dispatch), id))
    }
    switch evals.count {
    case 1:
      let a = evals[0]
      return Node(
        eval: { f in
          let x = a(&f)
          if case .error = x { return x }
          return Self.stamp(Arguments.with(x, dispatch), id)
        }, type: resultType)
    case 2:
      let a = evals[0]
      let b = evals[1]
      return Node(
        eval: { f in
          let x = a(&f)
          if case .error = x { return x }
          let y = b(&f)
          if case .error = y { return y }
          return Self.stamp(Arguments.with(x, y, dispatch), id)
        }, type: resultType)
    default:
      return Node(
        eval: { f in
          switch Self.evaluate(evals, &f) {
          case .success(let values): return Self.stamp(Arguments.with(values, dispatch), id)
          case .failure(let err): return .error(err)
          }
        }, type: resultType)
    }
  }

  /// Direct closures for the operators and `size`, skipping argument arrays and dispatch.
  mutating func fastPath(_ name: String, _ nodes: [Node], id: Int) -> Eval? {
    if nodes.count == 1 {
      let a = nodes[0].eval
      switch name {
      case Operator.logicalNot:
        return { f in
          let x = a(&f)
          if case .bool(let b) = x { return .bool(!b) }
          if case .error = x { return x }
          return Value.noOverload(Operator.logicalNot, [x])
        }
      case Operator.negate: return { f in Arithmetic.negate(a(&f)) }
      case "size": return { f in Strings.size(a(&f)) }
      case Operator.notStrictlyFalse:
        return { f in
          if case .bool(false) = a(&f) { return .bool(false) }
          return .bool(true)
        }
      default: return nil
      }
    }
    guard nodes.count == 2 else { return nil }
    if let stringTest = stringPredicate(name, nodes) { return stringTest }
    let op: (Value, Value) -> Value
    switch name {
    case Operator.equals: op = Comparison.equals
    case Operator.notEquals: op = Comparison.notEquals
    case Operator.less: op = Comparison.less
    case Operator.lessEquals: op = Comparison.lessEquals
    case Operator.greater: op = Comparison.greater
    case Operator.greaterEquals: op = Comparison.greaterEquals
    case Operator.add: op = Arithmetic.add
    case Operator.subtract: op = Arithmetic.subtract
    case Operator.multiply: op = Arithmetic.multiply
    case Operator.divide: op = Arithmetic.divide
    case Operator.modulo: op = Arithmetic.modulo
    case Operator.index: op = Comparison.index
    case Operator.in: op = Comparison.contains
    case Operator.optionalIndex: op = Comparison.optionalIndex
    default: return nil
    }
    if let x = nodes[0].constant, let y = nodes[1].constant {
      let v = Self.stamp(op(x, y), id)
      return { _ in v }
    }
    let a = nodes[0].eval
    let b = nodes[1].eval
    // Comparisons of an int against an int constant: no dispatch at all.
    if case .int(let k)? = nodes[1].constant {
      switch name {
      case Operator.less:
        return { f in
          let x = a(&f)
          if case .int(let i) = x { return .bool(i < k) }
          return Comparison.less(x, .int(k))
        }
      case Operator.lessEquals:
        return { f in
          let x = a(&f)
          if case .int(let i) = x { return .bool(i <= k) }
          return Comparison.lessEquals(x, .int(k))
        }
      case Operator.greater:
        return { f in
          let x = a(&f)
          if case .int(let i) = x { return .bool(i > k) }
          return Comparison.greater(x, .int(k))
        }
      case Operator.greaterEquals:
        return { f in
          let x = a(&f)
          if case .int(let i) = x { return .bool(i >= k) }
          return Comparison.greaterEquals(x, .int(k))
        }
      case Operator.equals:
        return { f in
          let x = a(&f)
          if case .int(let i) = x { return .bool(i == k) }
          return Comparison.equals(x, .int(k))
        }
      default: break
      }
    }
    if name == Operator.equals || name == Operator.notEquals,
      case .bool(let k)? = nodes[1].constant
    {
      let negate = name == Operator.notEquals
      return { f in
        let x = a(&f)
        if case .bool(let v) = x { return .bool((v == k) != negate) }
        return negate ? Comparison.notEquals(x, .bool(k)) : Comparison.equals(x, .bool(k))
      }
    }
    if name == Operator.equals || name == Operator.notEquals,
      case .string(let k)? = nodes[1].constant
    {
      // Equality with a string constant: code-point equality without dispatch. For an ASCII
      // constant, `==` (canonical equivalence) plus equal byte counts is code-point equality.
      let ascii = k.utf8.allSatisfy { $0 < 0x80 }
      let count = k.utf8.count
      let negate = name == Operator.notEquals
      return { f in
        let x = a(&f)
        if case .string(let s) = x {
          let equal =
            ascii ? (s.utf8.count == count && s == k) : s.sameCodePoints(k)
          return .bool(equal != negate)
        }
        return negate ? Comparison.notEquals(x, .string(k)) : Comparison.equals(x, .string(k))
      }
    }
    if name == Operator.in, case .list(let items)? = nodes[1].constant, items.count > 2 {
      // Membership in a constant list of strings: a set lookup (confirmed by code points, as
      // String hashing identifies canonically equivalent strings).
      let strings = items.compactMap { v -> String? in
        if case .string(let s) = v { return s }
        return nil
      }
      if strings.count == items.count && strings.count <= 16 {
        // Few candidates: compare lengths, then contents. For an ASCII candidate, `==`
        // (canonical equivalence, fast for ASCII) with equal byte counts is code-point equality.
        let candidates = strings.map { ($0, $0.utf8.count, $0.utf8.allSatisfy { $0 < 0x80 }) }
        return { f in
          let x = a(&f)
          if case .string(let s) = x {
            let n = s.utf8.count
            for (c, count, ascii) in candidates where count == n {
              if ascii ? s == c : s.sameCodePoints(c) { return .bool(true) }
            }
            return .bool(false)
          }
          return Comparison.contains(x, .list(items))
        }
      }
      if strings.count == items.count {
        let set = Set(strings)
        return { f in
          let x = a(&f)
          if case .string(let s) = x {
            guard let i = set.firstIndex(of: s) else { return .bool(false) }
            return .bool(set[i].sameCodePoints(s))
          }
          return Comparison.contains(x, .list(items))
        }
      }
    }
    if name == Operator.add {
      return { f in
        let x = a(&f)
        if case .error = x { return x }
        let y = b(&f)
        // Concatenations past small sizes are charged before they are built (one unit per
        // element, or per 64 bytes), so that definitions doubling a list stop at the budget
        // instead of allocating it.
        var cost = 0
        switch (x, y) {
        case (.list(let l), .list(let m)) where l.count + m.count > 64: cost = l.count + m.count
        case (.string(let s), .string(let t)):
          let n = s.utf8.count + t.utf8.count
          if n > 4096 { cost = n / 64 }
        case (.bytes(let s), .bytes(let t)) where s.count + t.count > 4096:
          cost = (s.count + t.count) / 64
        default: break
        }
        if cost > 0 {
          f.budget -= cost
          if f.budget < 0 { return .error(.costExceeded) }
        }
        return Self.stamp(Arithmetic.add(x, y), id)
      }
    }
    return { f in
      let x = a(&f)
      if case .error = x { return x }
      let y = b(&f)
      if case .error = y { return y }
      return Self.stamp(op(x, y), id)
    }
  }
}

extension CELType {
  var hasTypeParams: Bool {
    switch self {
    case .typeParam: return true
    case .list(let e), .optional(let e): return e.hasTypeParams
    case .map(let k, let v): return k.hasTypeParams || v.hasTypeParams
    case .type(let t): return t?.hasTypeParams ?? false
    default: return false
    }
  }
}

extension Compiler {
  /// `contains`, `startsWith`, `endsWith` on strings without argument arrays, and `matches`
  /// with a constant pattern compiled once.
  func stringPredicate(_ name: String, _ nodes: [Node]) -> Eval? {
    let test: @Sendable (String, String) -> Bool
    switch name {
    case "contains": test = Strings.contains
    case "startsWith": test = Strings.startsWith
    case "endsWith": test = Strings.endsWith
    case "matches":
      guard case .string(let pattern)? = nodes[1].constant,
        case .success(let regex) = Regex2.compile(pattern)
      else { return nil }
      let a = nodes[0].eval
      return { f in
        let x = a(&f)
        if case .string(let s) = x { return .bool(regex.matches(s)) }
        if case .error = x { return x }
        return Value.noOverload("matches", [x, .string(pattern)])
      }
    default: return nil
    }
    let a = nodes[0].eval
    let b = nodes[1].eval
    return { f in
      let x = a(&f)
      if case .error = x { return x }
      let y = b(&f)
      if case .string(let s) = x, case .string(let t) = y { return .bool(test(s, t)) }
      if case .error = y { return y }
      return Value.noOverload(name, [x, y])
    }
  }
}
