@testable import CEL

/// Parses, requiring success.
func parseOK(_ source: String, options: ParserOptions = .init()) -> ParsedExpression? {
  let (expression, issues) = CELParser.parse(source, options: options)
  if !issues.isEmpty { return nil }
  return expression
}

/// The issues of a source that must fail to parse.
func parseIssues(_ source: String, options: ParserOptions = .init()) -> [CELIssue] {
  CELParser.parse(source, options: options).issues
}

/// A fully bracketed rendering of the tree, macros expanded: `_+_(a, _*_(b, c))`.
func sexpr(_ expr: Expr) -> String {
  switch expr.kind {
  case .literal(let literal):
    switch literal {
    case .null: return "null"
    case .bool(let b): return "\(b)"
    case .int(let i): return "\(i)"
    case .uint(let u): return "\(u)u"
    case .double(let d): return "\(d)"
    case .string(let s): return "\"\(s)\""
    case .bytes(let b): return "b\(b)"
    }
  case .ident(let name): return name
  case .select(let operand, let field): return "\(sexpr(operand)).\(field)"
  case .presenceTest(let operand, let field): return "has(\(sexpr(operand)).\(field))"
  case .call(let function, let target, let args):
    let list = args.map(sexpr).joined(separator: ", ")
    if let target { return "\(sexpr(target)).\(function)(\(list))" }
    return "\(function)(\(list))"
  case .list(let elements, let optionalIndices):
    let items = elements.enumerated().map { (optionalIndices.contains($0) ? "?" : "") + sexpr($1) }
    return "[\(items.joined(separator: ", "))]"
  case .map(let entries):
    let items = entries.map { "\($0.isOptional ? "?" : "")\(sexpr($0.key)): \(sexpr($0.value))" }
    return "{\(items.joined(separator: ", "))}"
  case .structure(let name, let fields):
    let items = fields.map { "\($0.isOptional ? "?" : "")\($0.name): \(sexpr($0.value))" }
    return "\(name){\(items.joined(separator: ", "))}"
  case .comprehension(let c):
    let vars = c.iterVar + (c.iterVar2.map { ", " + $0 } ?? "")
    return
      "fold(\(vars) in \(sexpr(c.iterRange)); \(c.accuVar) = \(sexpr(c.accuInit)); "
      + "while \(sexpr(c.loopCondition)); \(c.accuVar) = \(sexpr(c.loopStep)); "
      + "\(sexpr(c.result)))"
  }
}

/// All nodes of a tree, in pre-order.
func allNodes(_ root: Expr) -> [Expr] {
  var out: [Expr] = []
  var stack = [root]
  while let expr = stack.popLast() {
    out.append(expr)
    stack.append(contentsOf: expr.children.reversed())
  }
  return out
}
