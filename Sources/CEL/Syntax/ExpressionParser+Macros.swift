/// Macro expansion, exactly as cel-go expands the standard macros, the two-variable
/// comprehensions, `cel.bind` and the optional-value macros.
extension ExpressionParser {
  /// The accumulator variable of macro comprehensions.
  static let accumulator = "@result"
  /// The iteration variable of comprehensions that do not iterate (`cel.bind`, `optMap`).
  static let unusedIterVar = "#unused"
  /// The function `transformMap` and `transformMapEntry` insert entries with.
  static let mapInsert = "cel.@mapInsert"

  /// The expansion of `callExpr` if it is a macro call, else `nil`. The expansion's root takes
  /// the call's id, and the call is recorded in ``macroCalls``.
  func expandMacro(_ callExpr: Expr) -> Expr? {
    guard options.enableMacros,
      case .call(let function, let target, let args) = callExpr.kind
    else { return nil }
    let expansion: ExprKind?
    if let target {
      expansion = expandReceiverMacro(function, target: target, args: args, call: callExpr)
    } else if function == "has" && args.count == 1 {
      if case .select(let operand, let field) = args[0].kind {
        expansion = .presenceTest(operand: operand, field: field)
      } else {
        semanticError(
          "invalid argument to has() macro", args[0].span,
          help: "has() takes a field selection, as in 'has(record.field)'")
        expansion = .ident("*error*")
      }
    } else {
      expansion = nil
    }
    guard let expansion else { return nil }
    macroCalls[callExpr.id] = callExpr
    let expanded = Expr(id: callExpr.id, span: callExpr.span, kind: expansion)
    register(expanded)
    return expanded
  }

  private func expandReceiverMacro(
    _ function: String, target: Expr, args: [Expr], call callExpr: Expr
  ) -> ExprKind? {
    let span = callExpr.span
    switch (function, args.count) {
    case ("all", 2), ("exists", 2), ("exists_one", 2), ("map", 2), ("map", 3), ("filter", 2):
      guard let variable = simpleName(args[0]) else { return .ident("*error*") }
      return .comprehension(
        oneVariable(function, variable: variable, range: target, args: args, span: span))
    case ("all", 3), ("exists", 3), ("existsOne", 3), ("exists_one", 3),
      ("transformList", 3), ("transformList", 4), ("transformMap", 3), ("transformMap", 4),
      ("transformMapEntry", 3), ("transformMapEntry", 4):
      guard let first = simpleName(args[0]), let second = simpleName(args[1]) else {
        return .ident("*error*")
      }
      if first == second {
        semanticError("duplicate variable name '\(first)'", args[1].span)
        return .ident("*error*")
      }
      return .comprehension(
        twoVariable(function, first, second, range: target, args: args, span: span))
    case ("bind", 3):
      guard case .ident("cel") = target.kind else { return nil }
      guard let variable = simpleName(args[0]) else { return .ident("*error*") }
      return .comprehension(
        binding(variable, initial: args[1], result: args[2], span: span))
    case ("optMap", 2), ("optFlatMap", 2):
      guard let variable = simpleName(args[0]) else { return .ident("*error*") }
      let hasValue = call("hasValue", [], target: target, span: target.span)
      let value = call("value", [], target: copy(target), span: target.span)
      let bound = node(
        span, .comprehension(binding(variable, initial: value, result: args[1], span: span)))
      let some = function == "optMap" ? call("optional.of", [bound], span: span) : bound
      let none = call("optional.none", [], span: span)
      return .call(function: Operator.conditional, target: nil, args: [hasValue, some, none])
    default:
      return nil
    }
  }

  /// The name of a macro variable, which must be a simple identifier.
  private func simpleName(_ expr: Expr) -> String? {
    if case .ident(let name) = expr.kind, !name.hasPrefix("."), name != "*error*" {
      return name
    }
    if case .ident("*error*") = expr.kind { return nil }
    semanticError(
      "argument must be a simple name", expr.span,
      help: "the variable of a macro is a plain identifier, as in 'list.all(x, x > 0)'")
    return nil
  }

  private func accu(_ span: SourceSpan) -> Expr { node(span, .ident(Self.accumulator)) }

  private func literal(_ value: Literal, _ span: SourceSpan) -> Expr {
    node(span, .literal(value))
  }

  private func oneVariable(
    _ function: String, variable: String, range: Expr, args: [Expr], span: SourceSpan
  ) -> Comprehension {
    let body = args[args.count - 1]
    let initial: Expr
    let condition: Expr
    let step: Expr
    var result = accu(span)
    switch function {
    case "all":
      initial = literal(.bool(true), span)
      condition = call(Operator.notStrictlyFalse, [accu(span)], span: span)
      step = call(Operator.logicalAnd, [accu(span), body], span: span)
    case "exists":
      initial = literal(.bool(false), span)
      let notResult = call(Operator.logicalNot, [accu(span)], span: span)
      condition = call(Operator.notStrictlyFalse, [notResult], span: span)
      step = call(Operator.logicalOr, [accu(span), body], span: span)
    case "exists_one":
      initial = literal(.int(0), span)
      condition = literal(.bool(true), span)
      let plusOne = call(Operator.add, [accu(span), literal(.int(1), span)], span: span)
      step = call(Operator.conditional, [body, plusOne, accu(span)], span: span)
      result = call(Operator.equals, [accu(span), literal(.int(1), span)], span: span)
    case "map":
      initial = node(span, .list(elements: [], optionalIndices: []))
      condition = literal(.bool(true), span)
      let element = node(body.span, .list(elements: [body], optionalIndices: []))
      let append = call(Operator.add, [accu(span), element], span: span)
      step =
        args.count == 3
        ? call(Operator.conditional, [args[1], append, accu(span)], span: span) : append
    default:  // filter
      initial = node(span, .list(elements: [], optionalIndices: []))
      condition = literal(.bool(true), span)
      let element = node(
        args[0].span, .list(elements: [node(args[0].span, .ident(variable))], optionalIndices: []))
      let append = call(Operator.add, [accu(span), element], span: span)
      step = call(Operator.conditional, [body, append, accu(span)], span: span)
    }
    return Comprehension(
      iterVar: variable, iterRange: range, accuVar: Self.accumulator, accuInit: initial,
      loopCondition: condition, loopStep: step, result: result)
  }

  private func twoVariable(
    _ function: String, _ first: String, _ second: String, range: Expr, args: [Expr],
    span: SourceSpan
  ) -> Comprehension {
    let body = args[args.count - 1]
    let initial: Expr
    let condition: Expr
    let step: Expr
    var result = accu(span)
    switch function {
    case "all", "exists", "existsOne", "exists_one":
      let single = oneVariable(
        function == "existsOne" ? "exists_one" : function, variable: first, range: range,
        args: [args[0], body], span: span)
      initial = single.accuInit
      condition = single.loopCondition
      step = single.loopStep
      result = single.result
    case "transformList":
      initial = node(span, .list(elements: [], optionalIndices: []))
      condition = literal(.bool(true), span)
      let element = node(body.span, .list(elements: [body], optionalIndices: []))
      let append = call(Operator.add, [accu(span), element], span: span)
      step =
        args.count == 4
        ? call(Operator.conditional, [args[2], append, accu(span)], span: span) : append
    default:  // transformMap, transformMapEntry
      initial = node(span, .map(entries: []))
      condition = literal(.bool(true), span)
      let insertArgs =
        function == "transformMap"
        ? [accu(span), node(args[0].span, .ident(first)), body] : [accu(span), body]
      let insert = call(Self.mapInsert, insertArgs, span: span)
      step =
        args.count == 4
        ? call(Operator.conditional, [args[2], insert, accu(span)], span: span) : insert
    }
    return Comprehension(
      iterVar: first, iterVar2: second, iterRange: range, accuVar: Self.accumulator,
      accuInit: initial, loopCondition: condition, loopStep: step, result: result)
  }

  /// `cel.bind(variable, initial, result)`: a comprehension over an empty list whose
  /// accumulator is the variable.
  private func binding(
    _ variable: String, initial: Expr, result: Expr, span: SourceSpan
  ) -> Comprehension {
    Comprehension(
      iterVar: Self.unusedIterVar, iterRange: node(span, .list(elements: [], optionalIndices: [])),
      accuVar: variable, accuInit: initial, loopCondition: literal(.bool(false), span),
      loopStep: node(span, .ident(variable)), result: result)
  }

  /// A copy of `expr` with fresh ids (macros that use an argument twice need distinct nodes).
  func copy(_ expr: Expr) -> Expr {
    let id = nextID
    nextID += 1
    let kind: ExprKind
    switch expr.kind {
    case .literal, .ident:
      kind = expr.kind
    case .select(let operand, let field):
      kind = .select(operand: copy(operand), field: field)
    case .presenceTest(let operand, let field):
      kind = .presenceTest(operand: copy(operand), field: field)
    case .call(let function, let target, let args):
      kind = .call(function: function, target: target.map(copy), args: args.map(copy))
    case .list(let elements, let optionalIndices):
      kind = .list(elements: elements.map(copy), optionalIndices: optionalIndices)
    case .map(let entries):
      kind = .map(
        entries: entries.map { entry in
          var entry = entry
          entry.id = nextID
          nextID += 1
          entry.key = copy(entry.key)
          entry.value = copy(entry.value)
          return entry
        })
    case .structure(let typeName, let fields):
      kind = .structure(
        typeName: typeName,
        fields: fields.map { field in
          var field = field
          field.id = nextID
          nextID += 1
          field.value = copy(field.value)
          return field
        })
    case .comprehension(var c):
      c.iterRange = copy(c.iterRange)
      c.accuInit = copy(c.accuInit)
      c.loopCondition = copy(c.loopCondition)
      c.loopStep = copy(c.loopStep)
      c.result = copy(c.result)
      kind = .comprehension(c)
    }
    if let original = macroCalls[expr.id] { macroCalls[id] = original }
    let copied = Expr(id: id, span: expr.span, kind: kind)
    register(copied)
    return copied
  }
}
