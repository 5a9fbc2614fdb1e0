/// Calls: operators, standard and host functions, overload resolution.
extension TypeChecker {
  func checkCall(_ expr: Expr, _ function: String, _ target: Expr?, _ args: [Expr]) -> CELType {
    if target == nil, let special = checkSpecialCall(expr, function, args) { return special }
    // `math.greatest(…)`, `optional.of(…)`: a qualified global function, not a method call.
    if let target, let parts = qualifiedName(target), resolveGlobal(parts[0]) == nil {
      let qualified = parts.joined(separator: ".") + "." + function
      for candidate in environment.candidateNames(qualified) {
        if let decl = environment.function(named: candidate) {
          return resolve(expr, decl, receiver: nil, args.map { check($0) })
        }
      }
      // Neither a namespaced function nor a method of a declared value.
      if environment.function(named: function)?.overloads.contains(where: \.isMember) != true {
        for arg in args { check(arg) }
        let names = environment.functions.values
          .filter { d in d.name.first?.isLetter == true && d.overloads.contains { !$0.isMember } }
          .map(\.name)
        report(
          .undeclaredReference, "undeclared reference to function '\(qualified)'", expr.span,
          help: didYouMean(qualified, names))
        return .error
      }
    }
    let receiver = target.map { check($0) }
    let argTypes = args.map { check($0) }
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
      let member = target != nil
      let names = environment.functions.values
        .filter { d in
          d.overloads.contains { $0.isMember == member } && d.name.first?.isLetter == true
        }
        .map(\.name)
      report(
        .undeclaredReference, "undeclared reference to function '\(function)'", expr.span,
        help: didYouMean(function, names))
      return .error
    }
    return resolve(expr, decl, receiver: receiver, argTypes)
  }

  /// Calls that the overload table does not describe precisely.
  private func checkSpecialCall(_ expr: Expr, _ function: String, _ args: [Expr]) -> CELType? {
    switch (function, args.count) {
    case (Operator.logicalAnd, 2), (Operator.logicalOr, 2):
      // The step of `all` and `exists`: `@result && predicate`.
      guard isAccumulator(args[0]) else { return nil }
      check(args[0])
      checkPredicate(args[1])
      return .bool
    case (Operator.conditional, 3) where isAccumulator(args[2]):
      // The step of `exists_one`, `filter` and filtering `map`: `p ? @result + … : @result`.
      checkPredicate(args[0])
      let then = check(args[1])
      let otherwise = check(args[2])
      return CELType.join(then, otherwise) ?? .dyn
    case (Operator.optionalSelect, 2):
      let operand = check(args[0])
      check(args[1])
      guard case .literal(.string(let field)) = args[1].kind else { return .optional(.dyn) }
      if case .optional = operand { return selectField(operand, field, expr) }
      let selected = selectField(operand, field, expr)
      return selected == .error ? .error : .optional(selected)
    case (Operator.index, 2):
      let operand = check(args[0])
      guard case .optional(let inner) = operand else { return nil }
      let index = check(args[1])
      guard let decl = environment.function(named: Operator.index) else { return .dyn }
      let element = resolve(expr, decl, receiver: nil, [inner, index])
      if case .optional = element { return element }
      return element == .error ? .error : .optional(element)
    case ("cel.@mapInsert", 3):
      let map = check(args[0])
      let key = check(args[1])
      let value = check(args[2])
      guard case .map(let k, let v) = map else { return .map(key: key, value: value) }
      return .map(key: CELType.join(k, key) ?? .dyn, value: CELType.join(v, value) ?? .dyn)
    case ("cel.@mapInsert", 2):
      let map = check(args[0])
      let entry = check(args[1])
      return CELType.join(map, entry) ?? .map(key: .dyn, value: .dyn)
    default:
      return nil
    }
  }

  /// Whether `expr` is the accumulator of a macro comprehension.
  private func isAccumulator(_ expr: Expr) -> Bool {
    if case .ident(let name) = expr.kind, name.hasPrefix("@") { return local(name) != nil }
    return false
  }

  /// A macro's condition, which must be a bool.
  private func checkPredicate(_ expr: Expr) {
    let type = check(expr)
    switch type {
    case .bool, .dyn, .error, .typeParam: break
    default:
      report(
        .typeMismatch,
        "the condition of a macro must be of type 'bool', not '\(type.resolvingFree)'",
        expr.span, help: "write a condition that is true or false, such as 'x > 0'")
    }
  }

  /// Picks the overloads of `decl` that accept the argument types; the result is theirs (or
  /// `dyn` when several with different results match).
  func resolve(_ expr: Expr, _ decl: FunctionDecl, receiver: CELType?, _ args: [CELType])
    -> CELType
  {
    let member = receiver != nil
    let all = (receiver.map { [$0] } ?? []) + args
    let candidates = decl.overloads.filter {
      $0.isMember == member && $0.parameters.count == all.count
    }
    var results: [CELType] = []
    for overload in candidates {
      var binder = TypeBinder()
      var matches = true
      for (parameter, argument) in zip(overload.parameters, all)
      where !binder.accepts(parameter, argument) {
        matches = false
        break
      }
      if matches { results.append(overload.result.substituting(binder.bindings)) }
    }
    guard let first = results.first else {
      if all.contains(.error) { return .error }
      reportNoOverload(expr, decl, member: member, all, candidates: candidates)
      return .error
    }
    var result = first
    for other in results.dropFirst() {
      guard let joined = CELType.join(result, other), joined != .error else { return .dyn }
      result = joined
    }
    return result
  }

  private func reportNoOverload(
    _ expr: Expr, _ decl: FunctionDecl, member: Bool, _ all: [CELType], candidates: [Overload]
  ) {
    let shown = all.map { $0.resolvingFree.description }
    let applied =
      member
      ? "\(shown[0]).(\(shown.dropFirst().joined(separator: ", ")))"
      : "(\(shown.joined(separator: ", ")))"
    let help: String
    if candidates.isEmpty {
      let arities = Set(
        decl.overloads.filter { $0.isMember == member }.map {
          $0.parameters.count - (member ? 1 : 0)
        }
      ).sorted()
      if arities.isEmpty {
        help =
          member
          ? "'\(decl.name)' is a function, not a method: call it as \(decl.name)(…)"
          : "'\(decl.name)' is a method: call it as x.\(decl.name)(…)"
      } else {
        let counts = arities.map(String.init).joined(separator: " or ")
        help = "'\(decl.name)' takes \(counts) argument\(arities == [1] ? "" : "s")"
      }
    } else {
      // The overloads that take one of the given types first: those the author most likely
      // meant (`(timestamp, timestamp)` for a timestamp compared with text).
      let given = Set(shown)
      let relevant = candidates.enumerated().sorted { a, b in
        let ra = a.element.parameters.contains { given.contains($0.description) }
        let rb = b.element.parameters.contains { given.contains($0.description) }
        return ra != rb ? ra : a.offset < b.offset
      }.map(\.element)
      let signatures = relevant.prefix(6).map { overload -> String in
        let ps = overload.parameters.map(\.description)
        return member
          ? "\(ps[0]).(\(ps.dropFirst().joined(separator: ", ")))"
          : "(\(ps.joined(separator: ", ")))"
      }
      var text =
        "accepted: \(signatures.joined(separator: ", "))"
        + (candidates.count > 6 ? ", …" : "")
      // Text where a time was meant: say how to write it (a timestamp compared with text is
      // a date; added to or subtracted from one, text is a duration).
      let comparison = ["_<_", "_<=_", "_>_", "_>=_", "_==_", "_!=_"].contains(decl.name)
      let timestamp = given.contains("google.protobuf.Timestamp") || given.contains("timestamp")
      let duration = given.contains("google.protobuf.Duration") || given.contains("duration")
      if given.contains("string") {
        if timestamp && comparison {
          text += "; write a time as timestamp('2026-09-01T00:00:00+01:00')"
        } else if timestamp || duration {
          text += "; write a duration as duration('24h')"
        }
      }
      help = text
    }
    report(
      .noMatchingOverload, "no matching overload for '\(decl.name)' applied to '\(applied)'",
      expr.span, help: help)
  }
}
