/// Comprehensions: the loops that macros expand into.
extension Compiler {
  mutating func newLocal(_ name: String, type: CELType = .dyn) -> Int {
    let slot = localCount
    localCount += 1
    scopes.append((name, slot, type))
    return slot
  }

  mutating func compileComprehension(_ c: Comprehension, id: Int) -> Node {
    let rangeNode: Node
    if !traced, c.iterVar2 == nil, collectShape(c) != nil,
      case .list(let elements, let optional) = c.iterRange.kind, optional.isEmpty,
      !elements.isEmpty
    {
      // `filter` or `map` over a list literal: the elements go straight into the loop.
      let nodes = elements.map { compile($0) }
      // All constant: the list folded as `compileList` folds it, and the loop below.
      guard let folded = Self.foldedList(nodes) else {
        return compileCollect(c, elements: nodes.map(\.eval), id: id)
      }
      rangeNode = folded
    } else {
      rangeNode = compile(c.iterRange)
    }
    let range = rangeNode.eval
    let initialNode = compile(c.accuInit)
    let initial = initialNode.eval
    // The iteration variables' types follow from the range's static type, so that their fields
    // resolve to slots.
    var iterType = CELType.dyn
    var iter2Type = CELType.dyn
    switch rangeNode.type {
    case .list(let element):
      iterType = c.iterVar2 == nil ? element : .int
      iter2Type = element
    case .map(let key, let value):
      iterType = key
      iter2Type = value
    default: break
    }
    let accu = newLocal(
      c.accuVar, type: c.accuVar.hasPrefix("@") ? .dyn : initialNode.type)
    if c.accuVar.hasPrefix("@") || c.accuVar.hasPrefix("__") { accumulatorSlots.insert(accu) }
    let iter = newLocal(c.iterVar, type: iterType)
    let iter2 = c.iterVar2.map { newLocal($0, type: iter2Type) }
    if !traced, let quantifier = quantifierBody(c) {
      // `all`/`exists`: one loop that stops at the deciding element, with no accumulator.
      let body = compile(quantifier.body).eval
      scopes.removeLast(iter2 == nil ? 2 : 3)
      return Node(
        eval: Self.quantifier(
          range: range, body: body, iter: iter, iter2: iter2, exists: quantifier.exists, id: id),
        type: .bool)
    }
    if !traced, iter2 == nil, let shape = collectShape(c) {
      // `filter` and `map`: one loop that appends to an array of its own.
      let keep = shape.keep.map { compile($0).eval }
      let transform = shape.transform.map { compile($0).eval }
      scopes.removeLast(2)
      return Node(
        eval: Self.collect(range: range, keep: keep, transform: transform, iter: iter, id: id),
        type: .dyn)
    }
    let condition = compile(c.loopCondition)
    let step = compile(c.loopStep).eval
    scopes.removeLast(iter2 == nil ? 1 : 2)
    let result = compile(c.result)
    scopes.removeLast()
    let resultEval = result.eval
    let cond = condition.eval
    let alwaysTrue: Bool
    if case .bool(true)? = condition.constant { alwaysTrue = true } else { alwaysTrue = false }
    return Node(
      eval: { f in
        let r = range(&f)
        f.locals[accu] = initial(&f)
        switch r {
        case .list(let list):
          for (i, element) in list.enumerated() {
            f.budget -= 1
            if f.budget < 0 { return .error(.costExceeded) }
            if let iter2 {
              f.locals[iter] = .int(Int64(i))
              f.locals[iter2] = element
            } else {
              f.locals[iter] = element
            }
            if !alwaysTrue, case .bool(false) = cond(&f) { break }
            f.locals[accu] = step(&f)
          }
        case .map(let map):
          for key in map.keys {
            f.budget -= 1
            if f.budget < 0 { return .error(.costExceeded) }
            f.locals[iter] = key.value
            if let iter2 { f.locals[iter2] = map[key]! }
            if !alwaysTrue, case .bool(false) = cond(&f) { break }
            f.locals[accu] = step(&f)
          }
        case .error: return r
        default: return Self.cannotIterate(r, id: id)
        }
        let v = resultEval(&f)
        f.locals[accu] = .null
        return v
      }, type: result.type)
  }

  /// The error of a comprehension over a value that is neither a list nor a map.
  static func cannotIterate(_ r: Value, id: Int) -> Value {
    .error(
      EvalError(
        .noMatchingOverload, "cannot iterate over a value of type '\(r.celType.runtimeName)'",
        exprID: id))
  }

  /// The predicate of an `all` or `exists` expansion: accumulator `@result` starting at
  /// `true`/`false`, step `@result && p` / `@result || p`, result `@result`.
  func quantifierBody(_ c: Comprehension) -> (body: Expr, exists: Bool)? {
    guard c.accuVar.hasPrefix("@"), case .ident(let r) = c.result.kind, r == c.accuVar,
      case .literal(.bool(let initial)) = c.accuInit.kind,
      case .call(let function, nil, let args) = c.loopStep.kind, args.count == 2,
      case .ident(let a) = args[0].kind, a == c.accuVar
    else { return nil }
    if function == Operator.logicalOr && !initial { return (args[1], true) }
    if function == Operator.logicalAnd && initial { return (args[1], false) }
    return nil
  }

  /// The loop of `exists` (or `all`): the deciding value as soon as one element decides;
  /// otherwise the first error (errors do not stop the loop, as `||` and `&&` absorb them);
  /// otherwise the neutral value.
  static func quantifier(
    range: @escaping Eval, body: @escaping Eval, iter: Int, iter2: Int?, exists: Bool, id: Int
  ) -> Eval {
    { f in
      let r = range(&f)
      var firstError: Value?
      func visit(_ v: Value) -> Bool {
        if case .bool(let b) = v {
          return b == exists
        }
        if firstError == nil {
          firstError =
            v.isError ? v : Value.noOverload(exists ? Operator.logicalOr : Operator.logicalAnd, [v])
        }
        return false
      }
      switch r {
      case .list(let list):
        for i in list.indices {
          f.budget -= 1
          if f.budget < 0 { return .error(.costExceeded) }
          if let iter2 {
            f.locals[iter] = .int(Int64(i))
            f.locals[iter2] = list[i]
          } else {
            f.locals[iter] = list[i]
          }
          if visit(body(&f)) { return .bool(exists) }
        }
      case .map(let map):
        for key in map.keys {
          f.budget -= 1
          if f.budget < 0 { return .error(.costExceeded) }
          f.locals[iter] = key.value
          if let iter2 { f.locals[iter2] = map[key]! }
          if visit(body(&f)) { return .bool(exists) }
        }
      case .error: return r
      default: return Self.cannotIterate(r, id: id)
      }
      return firstError ?? .bool(!exists)
    }
  }
}
