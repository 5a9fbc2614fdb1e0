import CEL

extension Expr {
  /// The global an identifier names: a root-scoped name (`.incident`) is the global of that
  /// name, since a pack's container is empty.
  public static func globalName(_ name: String) -> String {
    name.hasPrefix(".") ? String(name.dropFirst()) : name
  }

  /// Calls `visit` on this node and every node below it, parents first.
  func walk(_ visit: (Expr) -> Void) {
    visit(self)
    switch kind {
    case .literal, .ident: break
    case .select(let operand, _), .presenceTest(let operand, _): operand.walk(visit)
    case .call(_, let target, let args):
      target?.walk(visit)
      for a in args { a.walk(visit) }
    case .list(let elements, _): for e in elements { e.walk(visit) }
    case .map(let entries):
      for e in entries {
        e.key.walk(visit)
        e.value.walk(visit)
      }
    case .structure(_, let fields): for f in fields { f.value.walk(visit) }
    case .comprehension(let c):
      c.iterRange.walk(visit)
      c.accuInit.walk(visit)
      c.loopCondition.walk(visit)
      c.loopStep.walk(visit)
      c.result.walk(visit)
    }
  }

  /// Visits every node with the scope in force there: `enter` gives the scope inside a
  /// comprehension's loop (its step, condition and result) from the scope outside it.
  func walk<Scope>(
    in scope: Scope, entering enter: (Comprehension, Scope) -> Scope,
    _ visit: (Expr, Scope) -> Void
  ) {
    visit(self, scope)
    switch kind {
    case .literal, .ident: break
    case .select(let operand, _), .presenceTest(let operand, _):
      operand.walk(in: scope, entering: enter, visit)
    case .call(_, let target, let args):
      target?.walk(in: scope, entering: enter, visit)
      for a in args { a.walk(in: scope, entering: enter, visit) }
    case .list(let elements, _): for e in elements { e.walk(in: scope, entering: enter, visit) }
    case .map(let entries):
      for e in entries {
        e.key.walk(in: scope, entering: enter, visit)
        e.value.walk(in: scope, entering: enter, visit)
      }
    case .structure(_, let fields):
      for f in fields { f.value.walk(in: scope, entering: enter, visit) }
    case .comprehension(let c):
      c.iterRange.walk(in: scope, entering: enter, visit)
      c.accuInit.walk(in: scope, entering: enter, visit)
      let inner = enter(c, scope)
      c.loopCondition.walk(in: inner, entering: enter, visit)
      c.loopStep.walk(in: inner, entering: enter, visit)
      c.result.walk(in: inner, entering: enter, visit)
    }
  }

  /// Names used as free identifiers (not bound by a comprehension) anywhere below. A
  /// root-scoped name (`.in_scope`) is the global of that name whatever is bound, and is given
  /// without its dot: a pack's container is empty, so `.x` can only mean `x`.
  var freeIdentifiers: Set<String> {
    var out: Set<String> = []
    func go(_ e: Expr, _ bound: Set<String>) {
      switch e.kind {
      case .literal: break
      case .ident(let name) where name.hasPrefix("."): out.insert(Self.globalName(name))
      case .ident(let name): if !bound.contains(name) { out.insert(name) }
      case .select(let operand, _), .presenceTest(let operand, _): go(operand, bound)
      case .call(_, let target, let args):
        if let target { go(target, bound) }
        for a in args { go(a, bound) }
      case .list(let elements, _): for x in elements { go(x, bound) }
      case .map(let entries):
        for x in entries {
          go(x.key, bound)
          go(x.value, bound)
        }
      case .structure(_, let fields): for f in fields { go(f.value, bound) }
      case .comprehension(let c):
        go(c.iterRange, bound)
        go(c.accuInit, bound)
        var inner = bound
        inner.insert(c.iterVar)
        if let v2 = c.iterVar2 { inner.insert(v2) }
        inner.insert(c.accuVar)
        go(c.loopCondition, inner)
        go(c.loopStep, inner)
        var result = bound
        result.insert(c.accuVar)
        go(c.result, result)
      }
    }
    go(self, [])
    return out
  }

  /// The dotted path of a chain of selects from an identifier (`incident.pupil.sen_status`),
  /// or `nil` when the expression is not such a chain.
  public var selectPath: String? {
    switch kind {
    case .ident(let name): return Self.globalName(name)
    case .select(let operand, let field): return operand.selectPath.map { "\($0).\(field)" }
    default: return nil
    }
  }
}

extension Expr {
  /// Whether the expression may read member `field` of the variable `variable`: `false` only
  /// when every use of `variable` selects or tests another member of it directly
  /// (`pupil.sex`, `has(pupil.eal)`). Anything else (the variable passed whole, or shadowed
  /// by a comprehension) counts as a read, so the answer errs towards `true`.
  public func mayRead(_ field: String, of variable: String) -> Bool {
    func isVariable(_ e: Expr) -> Bool {
      if case .ident(let name) = e.kind { return Self.globalName(name) == variable }
      return false
    }
    var reads = false
    func go(_ e: Expr) {
      if reads { return }
      switch e.kind {
      case .literal: break
      case .ident: if isVariable(e) { reads = true }
      case .select(let operand, let member), .presenceTest(let operand, let member):
        if isVariable(operand) {
          if member == field { reads = true }
        } else {
          go(operand)
        }
      case .call(_, let target, let args):
        if let target { go(target) }
        for a in args { go(a) }
      case .list(let elements, _): for x in elements { go(x) }
      case .map(let entries):
        for x in entries {
          go(x.key)
          go(x.value)
        }
      case .structure(_, let fields): for f in fields { go(f.value) }
      case .comprehension(let c):
        if c.iterVar == variable || c.iterVar2 == variable || c.accuVar == variable {
          reads = true
          return
        }
        for x in [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result] { go(x) }
      }
    }
    go(self)
    return reads
  }
}
