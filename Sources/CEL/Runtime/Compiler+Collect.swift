/// `filter` and `map`: the comprehensions that build a list, compiled to loops of their own.
extension Compiler {
  /// The parts of a `filter` or `map` expansion: accumulator `@result` starting at `[]`, no
  /// loop condition, step `@result + [x']` or `keep ? @result + [x'] : @result`, result
  /// `@result`; `transform` is x' (nil when it is the element itself).
  func collectShape(_ c: Comprehension) -> (keep: Expr?, transform: Expr?)? {
    let accu = c.accuVar
    guard accu.hasPrefix("@"), c.iterVar2 == nil,
      case .ident(let r) = c.result.kind, r == accu,
      case .literal(.bool(true)) = c.loopCondition.kind,
      case .list(let initial, let initialOptional) = c.accuInit.kind,
      initial.isEmpty, initialOptional.isEmpty
    else { return nil }
    func appended(_ e: Expr) -> Expr? {
      guard case .call(Operator.add, nil, let args) = e.kind, args.count == 2,
        case .ident(let a) = args[0].kind, a == accu,
        case .list(let items, let optional) = args[1].kind, items.count == 1, optional.isEmpty
      else { return nil }
      return items[0]
    }
    func transform(_ x: Expr) -> Expr? {
      if case .ident(let name) = x.kind, name == c.iterVar { return nil }
      return x
    }
    if let x = appended(c.loopStep) { return (nil, transform(x)) }
    guard case .call(Operator.conditional, nil, let args) = c.loopStep.kind, args.count == 3,
      let x = appended(args[1]), case .ident(let b) = args[2].kind, b == accu
    else { return nil }
    return (args[0], transform(x))
  }

  /// What a `filter` or `map` loop has made so far: the kept values, and the failure that
  /// makes the result (the first error, or a `keep` that is not a bool; each later one replaces
  /// it, as the general loop's accumulator steps do).
  struct Collected {
    var out: [Value] = []
    var failure: Value?

    /// Takes one element: `keep` (if any) decides whether it is kept, and `transform` (if any)
    /// what is kept.
    mutating func take(
      _ element: Value, _ f: inout Frame, iter: Int, keep: Eval?, transform: Eval?
    ) {
      f.locals[iter] = element
      if let keep {
        switch keep(&f) {
        case .bool(true): break
        case .bool(false): return
        case .error(let err):
          failure = .error(err)
          return
        case let other:
          failure = Value.noOverload(Operator.conditional, [other])
          return
        }
      }
      guard let transform else {
        if failure == nil { out.append(element) }
        return
      }
      let kept = transform(&f)
      if case .error = kept {
        failure = kept
      } else if failure == nil {
        out.append(kept)
      }
    }

    var result: Value { failure ?? .list(out) }
  }

  /// The loop of `filter` and `map`, with the values the general loop would give.
  static func collect(
    range: @escaping Eval, keep: Eval?, transform: Eval?, iter: Int, id: Int
  ) -> Eval {
    { f in
      let r = range(&f)
      var collected = Collected()
      switch r {
      case .list(let list):
        for element in list {
          f.budget -= 1
          if f.budget < 0 { return .error(.costExceeded) }
          collected.take(element, &f, iter: iter, keep: keep, transform: transform)
        }
      case .map(let map):
        for key in map.keys {
          f.budget -= 1
          if f.budget < 0 { return .error(.costExceeded) }
          collected.take(key.value, &f, iter: iter, keep: keep, transform: transform)
        }
      case .error: return r
      default: return Self.cannotIterate(r, id: id)
      }
      f.locals[iter] = .null
      return collected.result
    }
  }

  /// `filter` or `map` over a list literal (not all constant): the elements are evaluated into
  /// temporary storage on the stack, not into a list, and then kept or not in turn. The values,
  /// errors and costs are those of the general loop over the built list: the first element that
  /// fails is the result, before any predicate runs or any budget is spent on the loop. A filter
  /// by `x != ''` (how lists of issues drop their blanks) tests string elements directly.
  mutating func compileCollect(_ c: Comprehension, elements: [Eval], id: Int) -> Node {
    let shape = collectShape(c)!
    // As the general path declares them: the accumulator (unused here) and the element, whose
    // type is that of a list literal's elements.
    let accu = newLocal(c.accuVar, type: .dyn)
    accumulatorSlots.insert(accu)
    let iter = newLocal(c.iterVar, type: .dyn)
    let keep = shape.keep.map { compile($0).eval }
    let transform = shape.transform.map { compile($0).eval }
    scopes.removeLast(2)
    let dropsBlanks =
      shape.transform == nil && shape.keep.map { Self.isNotBlank($0, c.iterVar) } == true
    return Node(
      eval: { f in
        withUnsafeTemporaryAllocation(of: Value.self, capacity: elements.count) { values in
          var made = 0
          defer { values.baseAddress!.deinitialize(count: made) }
          for element in elements {
            let v = element(&f)
            if case .error = v { return v }
            (values.baseAddress! + made).initialize(to: v)
            made += 1
          }
          var collected = Collected()
          for v in values[0..<made] {
            f.budget -= 1
            if f.budget < 0 { return .error(.costExceeded) }
            if dropsBlanks, case .string(let s) = v {
              // `x != ''` is true exactly for the non-empty strings.
              if !s.isEmpty && collected.failure == nil { collected.out.append(v) }
              continue
            }
            collected.take(v, &f, iter: iter, keep: keep, transform: transform)
          }
          f.locals[iter] = .null
          return collected.result
        }
      }, type: .dyn)
  }

  /// Whether `keep` is `x != ''` (either way round) for the element `x`.
  static func isNotBlank(_ keep: Expr, _ variable: String) -> Bool {
    guard case .call(Operator.notEquals, nil, let args) = keep.kind, args.count == 2 else {
      return false
    }
    switch (args[0].kind, args[1].kind) {
    case (.ident(let name), .literal(.string(""))), (.literal(.string("")), .ident(let name)):
      return name == variable
    default: return false
    }
  }
}
