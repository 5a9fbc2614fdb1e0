/// Recursive-descent parser over the lexer's tokens. One instance parses one expression.
final class ExpressionParser {
  let tokens: [Token]
  let sourceBytes: [UInt8]
  let options: ParserOptions
  var index = 0
  var nextID = 1
  var issues: [CELIssue] = []
  var macroCalls: [Int: Expr] = [:]
  /// Current nesting of `parseExpression`.
  var depth = 0
  /// Set after the depth limit is hit: parsing stops.
  var aborted = false
  /// Set after an error until the parser resynchronises, to avoid cascades of errors.
  var recovering = false
  /// The height of every node built so far, by id.
  var heights: [Int: Int] = [:]

  init(tokens: [Token], source: [UInt8], options: ParserOptions) {
    self.tokens = tokens
    self.sourceBytes = source
    self.options = options
  }

  // MARK: Tokens

  var current: Token { tokens[index] }

  func peekKind(_ offset: Int) -> TokenKind {
    tokens[min(index + offset, tokens.count - 1)].kind
  }

  @discardableResult
  func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  /// Consumes the current token if it is `kind`.
  func accept(_ kind: TokenKind) -> Token? {
    current.kind == kind ? advance() : nil
  }

  /// The previous token's end offset (the end of what has been consumed).
  var previousEnd: Int { index > 0 ? tokens[index - 1].end : 0 }

  /// How a token is named in messages.
  func describe(_ token: Token) -> String {
    switch token.kind {
    case .endOfInput: return "end of expression"
    case .identifier(let name): return "identifier '\(name)'"
    case .quotedIdentifier(let name): return "quoted identifier '`\(name)`'"
    case .int, .uint, .double: return "number '\(text(token))'"
    case .string: return "string literal"
    case .bytes: return "bytes literal"
    case .trueKeyword: return "keyword 'true'"
    case .falseKeyword: return "keyword 'false'"
    case .nullKeyword: return "keyword 'null'"
    case .inKeyword: return "keyword 'in'"
    case .invalid: return "'\(text(token))'"
    default: return "'\(token.kind.punctuation ?? text(token))'"
    }
  }

  /// The unexpected-token message: "unexpected token '}'", "unexpected end of expression".
  func unexpected(_ token: Token) -> String {
    switch token.kind {
    case .endOfInput: return "unexpected end of expression"
    case .identifier, .quotedIdentifier, .int, .uint, .double, .string, .bytes, .trueKeyword,
      .falseKeyword, .nullKeyword, .inKeyword:
      return "unexpected \(describe(token))"
    default: return "unexpected token \(describe(token))"
    }
  }

  func text(_ token: Token) -> String {
    // Tokens hold byte offsets; the text is only needed for messages.
    String(decoding: sourceBytes[token.start..<token.end], as: UTF8.self)
  }

  // MARK: Issues and nodes

  func error(_ message: String, _ span: SourceSpan, help: String? = nil) {
    // An invalid token was already reported by the lexer; do not report it again.
    if aborted || recovering || current.kind == .invalid {
      recovering = true
      return
    }
    issues.append(CELIssue(code: .syntax, message: message, span: span, help: help))
    recovering = true
  }

  /// Reports an error that is not subject to recovery suppression (it is not a cascade).
  func semanticError(_ message: String, _ span: SourceSpan, help: String? = nil) {
    if aborted { return }
    issues.append(CELIssue(code: .syntax, message: message, span: span, help: help))
  }

  func node(_ span: SourceSpan, _ kind: ExprKind) -> Expr {
    let expr = Expr(id: nextID, span: span, kind: kind)
    nextID += 1
    register(expr)
    return expr
  }

  /// Records the height of a new node, and stops parsing when it exceeds the depth limit (so
  /// that no tree deeper than the limit is ever built: even destroying one recurses).
  func register(_ expr: Expr) {
    var height = 1
    for child in expr.children { height = max(height, (heights[child.id] ?? 1) + 1) }
    heights[expr.id] = height
    if height > options.maxDepth && !aborted {
      // Point at the innermost part: the suffix after the last operand (`.f`, `]`), or it.
      var span = expr.span
      if let last = expr.children.max(by: { $0.span.upperBound < $1.span.upperBound }) {
        span =
          last.span.upperBound < expr.span.upperBound
          ? SourceSpan(last.span.upperBound, expr.span.upperBound) : last.span
      }
      abortForDepth(span)
    }
  }

  func abortForDepth(_ span: SourceSpan) {
    issues.append(
      CELIssue(
        code: .limitExceeded,
        message: "expression nests more than \(options.maxDepth) levels deep", span: span,
        help: "split the expression, or use a list and 'all' or 'exists'"))
    aborted = true
    index = tokens.count - 1
  }

  func errorNode(_ span: SourceSpan) -> Expr { node(span, .ident("*error*")) }

  func call(_ function: String, _ args: [Expr], target: Expr? = nil, span: SourceSpan) -> Expr {
    node(span, .call(function: function, target: target, args: args))
  }

  /// Skips tokens (balancing brackets) until one of `stops` at nesting level 0, or the end.
  func synchronize(_ stops: [TokenKind]) {
    var nesting = 0
    while current.kind != .endOfInput {
      let kind = current.kind
      if nesting == 0 && stops.contains(kind) { return }
      switch kind {
      case .leftParen, .leftBracket, .leftBrace: nesting += 1
      case .rightParen, .rightBracket, .rightBrace:
        if nesting == 0 { return }
        nesting -= 1
      default: break
      }
      advance()
    }
  }

  // MARK: Expressions

  func parseRoot() -> Expr {
    let root = parseExpression()
    if current.kind != .endOfInput && !aborted {
      if let closer = current.kind.punctuation, [")", "]", "}"].contains(closer) {
        error(
          "unexpected token '\(closer)'", current.span,
          help: "there is no matching opening bracket")
      } else {
        error(unexpected(current), current.span, help: "expected an operator or the end")
      }
    }
    return root
  }

  /// `Expr = ConditionalOr ["?" ConditionalOr ":" Expr]`
  func parseExpression() -> Expr {
    if aborted { return errorNode(current.span) }
    depth += 1
    defer { depth -= 1 }
    if depth > options.maxDepth {
      abortForDepth(current.span)
      return errorNode(current.span)
    }
    let condition = parseLogical(.pipePipe, Operator.logicalOr) {
      self.parseLogical(.ampAmp, Operator.logicalAnd) { self.parseRelation() }
    }
    guard let question = accept(.question) else { return condition }
    let then = parseLogical(.pipePipe, Operator.logicalOr) {
      self.parseLogical(.ampAmp, Operator.logicalAnd) { self.parseRelation() }
    }
    if accept(.colon) == nil {
      if current.kind == .endOfInput {
        error("expected ':' to complete '?'", current.span)
      } else {
        error(
          "\(unexpected(current)); expected ':' to complete '?'", current.span,
          help: "a conditional is written 'condition ? value : other'")
      }
      _ = question
      return errorNode(condition.span.union(then.span))
    }
    let otherwise = parseExpression()
    return call(
      Operator.conditional, [condition, then, otherwise],
      span: condition.span.union(otherwise.span))
  }

  /// A chain of `||` or `&&`, built as a balanced tree (as cel-go does) to limit depth.
  func parseLogical(_ token: TokenKind, _ function: String, _ operand: () -> Expr) -> Expr {
    var terms = [operand()]
    while accept(token) != nil {
      terms.append(operand())
    }
    return balance(terms[...], function)
  }

  func balance(_ terms: ArraySlice<Expr>, _ function: String) -> Expr {
    if terms.count == 1 { return terms[terms.startIndex] }
    let middle = terms.startIndex + terms.count / 2
    let lhs = balance(terms[terms.startIndex..<middle], function)
    let rhs = balance(terms[middle...], function)
    return call(function, [lhs, rhs], span: lhs.span.union(rhs.span))
  }

  static func relationOperator(_ kind: TokenKind) -> String? {
    switch kind {
    case .less: return Operator.less
    case .lessEqual: return Operator.lessEquals
    case .greater: return Operator.greater
    case .greaterEqual: return Operator.greaterEquals
    case .equalEqual: return Operator.equals
    case .bangEqual: return Operator.notEquals
    case .inKeyword: return Operator.in
    default: return nil
    }
  }

  func parseRelation() -> Expr {
    var lhs = parseAddition()
    while let function = Self.relationOperator(current.kind) {
      advance()
      let rhs = parseAddition()
      lhs = call(function, [lhs, rhs], span: lhs.span.union(rhs.span))
    }
    return lhs
  }

  func parseAddition() -> Expr {
    var lhs = parseMultiplication()
    while current.kind == .plus || current.kind == .minus {
      let function = advance().kind == .plus ? Operator.add : Operator.subtract
      let rhs = parseMultiplication()
      lhs = call(function, [lhs, rhs], span: lhs.span.union(rhs.span))
    }
    return lhs
  }

  func parseMultiplication() -> Expr {
    var lhs = parseUnary()
    while true {
      let function: String
      switch current.kind {
      case .star: function = Operator.multiply
      case .slash: function = Operator.divide
      case .percent: function = Operator.modulo
      default: return lhs
      }
      advance()
      let rhs = parseUnary()
      lhs = call(function, [lhs, rhs], span: lhs.span.union(rhs.span))
    }
  }

  /// `!` and `-`, repeated. As in cel-go, an even number of the same operator cancels out, and
  /// a single `-` directly before a number literal makes a negative literal.
  func parseUnary() -> Expr {
    let kind = current.kind
    guard kind == .bang || kind == .minus else { return parseMember() }
    let first = current
    var count = 0
    while current.kind == kind {
      advance()
      count += 1
    }
    if kind == .minus && count == 1 {
      switch current.kind {
      case .int, .double: return parseMember(negatedLiteralStart: first.start)
      default: break
      }
    }
    let operand = parseMember()
    if count % 2 == 0 { return operand }
    let function = kind == .bang ? Operator.logicalNot : Operator.negate
    return call(function, [operand], span: first.span.union(operand.span))
  }
}
