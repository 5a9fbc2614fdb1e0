/// The CEL parser: source text to a macro-expanded ``ParsedExpression``.
public enum CELParser {
  /// Identifiers that the language reserves (they cannot name variables or global functions).
  public static let reservedWords: Set<String> = [
    "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
    "package", "namespace", "return", "var", "void", "while",
  ]

  /// Parses one expression.
  ///
  /// - Returns: the expression, or `nil` when there are errors; and the issues found, in source
  ///   order. The first issue is the most precise one.
  public static func parse(
    _ source: String, options: ParserOptions = .init()
  ) -> (expression: ParsedExpression?, issues: [CELIssue]) {
    let length = source.unicodeScalars.count
    if length > options.maxLength {
      let issue = CELIssue(
        code: .limitExceeded,
        message:
          "expression is \(length) characters long; the limit is \(options.maxLength)",
        span: SourceSpan(0, 0))
      return (nil, [issue])
    }
    let bytes = Array(source.utf8)
    var lexer = Lexer(bytes: bytes)
    let tokens = lexer.tokenize()
    let parser = ExpressionParser(tokens: tokens, source: bytes, options: options)
    let root = parser.parseRoot()
    var issues = lexer.issues + parser.issues
    if issues.isEmpty, let deep = Self.firstNodeBeyond(depth: options.maxDepth, in: root) {
      issues.append(
        CELIssue(
          code: .limitExceeded,
          message: "expression nests more than \(options.maxDepth) levels deep",
          span: deep.span,
          help: "split the expression, or use a list and 'all' or 'exists'"))
    }
    if !issues.isEmpty {
      issues.sort {
        ($0.span.lowerBound, $0.span.upperBound) < ($1.span.lowerBound, $1.span.upperBound)
      }
      if let limit = issues.firstIndex(where: { $0.code == .limitExceeded }) {
        issues.insert(issues.remove(at: limit), at: 0)
      }
      return (nil, issues)
    }
    let parsed = ParsedExpression(
      source: source, root: root, macroCalls: parser.macroCalls, nextID: parser.nextID)
    return (parsed, [])
  }

  /// The first node (in pre-order) whose depth exceeds `limit`, found without recursion.
  static func firstNodeBeyond(depth limit: Int, in root: Expr) -> Expr? {
    var stack: [(Expr, Int)] = [(root, 1)]
    while let (expr, depth) = stack.popLast() {
      if depth > limit { return expr }
      for child in expr.children.reversed() { stack.append((child, depth + 1)) }
    }
    return nil
  }
}

extension Expr {
  /// The direct subexpressions, in source order (comprehension parts in evaluation order).
  public var children: [Expr] {
    switch kind {
    case .literal, .ident: return []
    case .select(let operand, _), .presenceTest(let operand, _): return [operand]
    case .call(_, let target, let args): return (target.map { [$0] } ?? []) + args
    case .list(let elements, _): return elements
    case .map(let entries): return entries.flatMap { [$0.key, $0.value] }
    case .structure(_, let fields): return fields.map(\.value)
    case .comprehension(let c):
      return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result]
    }
  }
}
