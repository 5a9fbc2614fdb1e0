/// The CEL type checker: deduces the type of every node of a parsed expression against an
/// ``Environment`` and reports undeclared references, undefined fields and calls that no
/// overload accepts.
///
/// Checking is gradual: `dyn` is accepted everywhere and defers the question to run time.
public enum Checker {
  /// Checks an expression.
  public static func check(
    _ parsed: ParsedExpression, environment: Environment
  ) -> CheckedExpression {
    let checker = TypeChecker(environment: environment)
    let result = checker.check(parsed.root)
    let issues = checker.issues.sorted {
      ($0.span.lowerBound, $0.span.upperBound) < ($1.span.lowerBound, $1.span.upperBound)
    }
    return CheckedExpression(
      parsed: parsed, types: checker.types.mapValues(\.resolvingFree),
      resultType: result.resolvingFree, issues: issues)
  }
}

/// One checking pass over one expression.
final class TypeChecker {
  let environment: Environment
  var types: [Int: CELType] = [:]
  var issues: [CELIssue] = []
  /// Comprehension variables in scope, innermost last.
  var scopes: [(name: String, type: CELType)] = []

  init(environment: Environment) {
    self.environment = environment
  }

  func report(
    _ code: CELIssue.Code, _ message: String, _ span: SourceSpan, help: String? = nil
  ) {
    issues.append(CELIssue(code: code, message: message, span: span, help: help))
  }

  /// Checks a node, recording and returning its type.
  @discardableResult
  func check(_ expr: Expr) -> CELType {
    let type = deduce(expr)
    types[expr.id] = type
    return type
  }

  private func deduce(_ expr: Expr) -> CELType {
    switch expr.kind {
    case .literal(let literal):
      switch literal {
      case .null: return .null
      case .bool: return .bool
      case .int: return .int
      case .uint: return .uint
      case .double: return .double
      case .string: return .string
      case .bytes: return .bytes
      }
    case .ident(let name):
      return checkIdent(name, expr)
    case .select(let operand, let field):
      if let resolved = checkQualified(expr) { return resolved }
      return selectField(check(operand), field, expr)
    case .presenceTest(let operand, let field):
      return checkPresence(check(operand), field, expr)
    case .call(let function, let target, let args):
      return checkCall(expr, function, target, args)
    case .list(let elements, let optionalIndices):
      var element = CELType.free
      for (i, e) in elements.enumerated() {
        var t = check(e)
        if optionalIndices.contains(i) { t = unwrapOptional(t, e, what: "an optional element") }
        element = CELType.join(element, t) ?? .dyn
      }
      return .list(element)
    case .map(let entries):
      var key = CELType.free
      var value = CELType.free
      for entry in entries {
        key = CELType.join(key, check(entry.key)) ?? .dyn
        var v = check(entry.value)
        if entry.isOptional { v = unwrapOptional(v, entry.value, what: "an optional entry") }
        value = CELType.join(value, v) ?? .dyn
      }
      return .map(key: key, value: value)
    case .structure(let typeName, let fields):
      return checkStructure(expr, typeName, fields)
    case .comprehension(let c):
      return checkComprehension(c, expr)
    }
  }

  /// The type inside an optional, for `?x` elements and entries.
  private func unwrapOptional(_ type: CELType, _ expr: Expr, what: String) -> CELType {
    switch type {
    case .optional(let inner): return inner
    case .dyn, .error, .typeParam: return .dyn
    default:
      report(
        .typeMismatch, "\(what) must be an optional value, not '\(type.resolvingFree)'",
        expr.span, help: "wrap the value with optional.of(…), or remove the '?'")
      return .error
    }
  }

  // MARK: Identifiers

  func local(_ name: String) -> CELType? {
    scopes.last(where: { $0.name == name })?.type
  }

  /// A type name (`int`, `google.protobuf.Timestamp`, a declared message type).
  func typeNamed(_ name: String) -> CELType? {
    name == "dyn" ? .dyn : Compiler.typeNamed(name, environment)
  }

  /// A variable or type name resolved against the container.
  func resolveGlobal(_ name: String) -> CELType? {
    let candidates = environment.candidateNames(name)
    for candidate in candidates {
      if let type = environment.variableType(candidate) { return type }
    }
    for candidate in candidates {
      if let type = typeNamed(candidate) { return .type(type) }
    }
    return nil
  }

  private func checkIdent(_ name: String, _ expr: Expr) -> CELType {
    if !name.hasPrefix("."), let type = local(name) { return type }
    if let type = resolveGlobal(name) { return type }
    let display = name.hasPrefix(".") ? String(name.dropFirst()) : name
    let known =
      relativeNames(environment.variables.map(\.name))
      + scopes.map(\.name).filter { !$0.hasPrefix("@") }
    // Without strict identifiers an undeclared name is an evaluation error, not a compile one.
    issues.append(
      CELIssue(
        environment.strictIdentifiers ? .error : .warning, code: .undeclaredReference,
        message: "undeclared reference to '\(display)'", span: expr.span,
        help: didYouMean(display, known)))
    return environment.strictIdentifiers ? .error : .dyn
  }

  /// Names as declared, and as written relative to the container (for suggestions).
  func relativeNames(_ names: [String]) -> [String] {
    var out = names
    var prefix = Substring(environment.container)
    while !prefix.isEmpty {
      for name in names where name.hasPrefix(prefix + ".") {
        out.append(String(name.dropFirst(prefix.count + 1)))
      }
      guard let dot = prefix.lastIndex(of: ".") else { break }
      prefix = prefix[..<dot]
    }
    return out
  }

  /// The dotted name of an identifier/selection chain not rooted at a comprehension variable.
  func qualifiedName(_ expr: Expr) -> [String]? {
    switch expr.kind {
    case .ident(let name):
      if !name.hasPrefix("."), local(name) != nil { return nil }
      return [name]
    case .select(let operand, let field):
      return qualifiedName(operand).map { $0 + [field] }
    default:
      return nil
    }
  }

  /// Resolves `a.b.c` as the longest prefix that names a variable or type, with the rest as
  /// field selections; `nil` if no prefix does.
  private func checkQualified(_ expr: Expr) -> CELType? {
    guard let parts = qualifiedName(expr) else { return nil }
    var chain: [Expr] = []
    var node = expr
    while true {
      chain.insert(node, at: 0)
      guard case .select(let operand, _) = node.kind else { break }
      node = operand
    }
    for k in stride(from: parts.count, through: 1, by: -1) {
      guard var type = resolveGlobal(parts[0..<k].joined(separator: ".")) else { continue }
      types[chain[k - 1].id] = type
      for j in k..<parts.count {
        type = selectField(type, parts[j], chain[j])
        types[chain[j].id] = type
      }
      return type
    }
    return nil
  }

  // MARK: Fields

  func selectField(_ operand: CELType, _ field: String, _ expr: Expr) -> CELType {
    switch operand {
    case .object(let name):
      guard let object = environment.objectType(named: name) else { return .dyn }
      if let index = object.index(of: field) { return object.fields[index].type }
      report(
        .undefinedField, "undefined field '\(field)' on type '\(name)'", expr.span,
        help: didYouMean(field, object.fields.map(\.name)))
      return .error
    case .map(_, let value):
      return value
    case .dyn, .typeParam:
      return .dyn
    case .error:
      return .error
    case .optional(let inner):
      let selected = selectField(inner, field, expr)
      if case .optional = selected { return selected }
      return selected == .error ? .error : .optional(selected)
    default:
      report(
        .typeMismatch, "type '\(operand)' does not support field selection", expr.span,
        help: "only messages and maps have fields")
      return .error
    }
  }

  private func checkPresence(_ operand: CELType, _ field: String, _ expr: Expr) -> CELType {
    switch operand {
    case .object, .optional:
      let selected = selectField(operand, field, expr)
      return selected == .error ? .error : .bool
    case .map, .dyn, .typeParam, .error:
      return .bool
    default:
      report(
        .typeMismatch, "has() cannot test a field of type '\(operand)'", expr.span,
        help: "only messages and maps have fields")
      return .error
    }
  }

  private func checkStructure(_ expr: Expr, _ typeName: String, _ fields: [StructField])
    -> CELType
  {
    var object: ObjectType?
    for candidate in environment.candidateNames(typeName) {
      object = environment.objectType(named: candidate)
      if object != nil { break }
    }
    guard let object else {
      for field in fields { check(field.value) }
      let display = typeName.hasPrefix(".") ? String(typeName.dropFirst()) : typeName
      report(
        .undeclaredReference, "undeclared reference to message type '\(display)'", expr.span,
        help: didYouMean(display, relativeNames(environment.objectTypes.map(\.name))))
      return .error
    }
    for field in fields {
      var valueType = check(field.value)
      if field.isOptional {
        valueType = unwrapOptional(valueType, field.value, what: "an optional field")
      }
      guard let index = object.index(of: field.name) else {
        report(
          .undefinedField, "undefined field '\(field.name)' on type '\(object.name)'",
          field.span, help: didYouMean(field.name, object.fields.map(\.name)))
        continue
      }
      let declared = object.fields[index].type
      var binder = TypeBinder()
      if !binder.accepts(declared, valueType) {
        report(
          .typeMismatch,
          "field '\(field.name)' of '\(object.name)' has type '\(declared)', "
            + "not '\(valueType.resolvingFree)'", field.value.span)
      }
    }
    return .object(object.name)
  }

  // MARK: Comprehensions

  private func checkComprehension(_ c: Comprehension, _ expr: Expr) -> CELType {
    let range = check(c.iterRange)
    var first = CELType.dyn
    var second = CELType.dyn
    switch range {
    case .list(let element):
      if c.iterVar2 != nil {
        first = .int
        second = element
      } else {
        first = element
      }
    case .map(let key, let value):
      first = key
      second = value
    case .dyn, .typeParam, .error:
      break
    default:
      report(
        .typeMismatch, "cannot iterate over a value of type '\(range)'", c.iterRange.span,
        help: "macros such as 'all' and 'exists' take a list or a map")
    }
    let initial = check(c.accuInit)
    let depth = scopes.count
    scopes.append((c.accuVar, initial))
    scopes.append((c.iterVar, first))
    if let second2 = c.iterVar2 { scopes.append((second2, second)) }
    check(c.loopCondition)
    let step = check(c.loopStep)
    scopes.removeLast(scopes.count - depth)
    scopes.append((c.accuVar, CELType.join(initial, step) ?? .dyn))
    let result = check(c.result)
    scopes.removeLast()
    return result
  }
}
