extension ExpressionParser {
  /// `Member = Primary | Member "." SELECTOR ["(" [ExprList] ")"] | Member "[" Expr "]"`,
  /// plus optional selection `a.?b`, optional index `a[?b]` and message construction `a.B{…}`.
  func parseMember(negatedLiteralStart: Int? = nil) -> Expr {
    var expr = parsePrimary(negatedLiteralStart: negatedLiteralStart)
    while !aborted {
      switch current.kind {
      case .dot:
        expr = parseSelection(of: expr)
      case .leftBracket:
        let open = advance()
        let optional = accept(.question) != nil
        let index = parseExpression()
        let end = expectClosing(.rightBracket, "]", open: open)
        expr = call(
          optional ? Operator.optionalIndex : Operator.index, [expr, index],
          span: SourceSpan(expr.span.lowerBound, end))
      case .leftBrace:
        guard let typeName = qualifiedName(expr) else { return expr }
        expr = parseStructure(typeName: typeName, start: expr.span.lowerBound)
      default:
        return expr
      }
    }
    return expr
  }

  /// The dotted name of an identifier or a chain of plain selections of one, if `expr` is one.
  func qualifiedName(_ expr: Expr) -> String? {
    switch expr.kind {
    case .ident(let name): return name == "*error*" ? nil : name
    case .select(let operand, let field):
      return qualifiedName(operand).map { "\($0).\(field)" }
    default: return nil
    }
  }

  /// After `expr`, at a `.`: a field selection, optional selection or method call.
  func parseSelection(of expr: Expr) -> Expr {
    let dot = advance()
    let optional = accept(.question) != nil
    let nameToken = current
    let name: String
    var quoted = false
    switch nameToken.kind {
    case .identifier(let text):
      name = text
    case .quotedIdentifier(let text):
      name = text
      quoted = true
    case .trueKeyword, .falseKeyword, .nullKeyword, .inKeyword:
      error(
        "\(describe(nameToken)) cannot be used as a field name", nameToken.span,
        help: "quote the field name with backticks: `\(text(nameToken))`")
      advance()
      return errorNode(expr.span.union(nameToken.span))
    case .invalid:
      advance()
      recovering = true
      return errorNode(expr.span.union(nameToken.span))
    default:
      error(
        "expected a field or method name after '.\(optional ? "?" : "")'", nameToken.span,
        help: nameToken.kind == .endOfInput ? nil : "found \(describe(nameToken))")
      return errorNode(expr.span.union(dot.span))
    }
    advance()
    if current.kind == .leftParen {
      if optional || quoted {
        error(
          "a method name must be a plain identifier", nameToken.span,
          help: optional ? "'.?' selects an optional field; it cannot call a method" : nil)
        return errorNode(expr.span.union(nameToken.span))
      }
      let open = advance()
      let (args, end) = parseArguments(open: open)
      let span = SourceSpan(expr.span.lowerBound, end)
      let callExpr = call(name, args, target: expr, span: span)
      return expandMacro(callExpr) ?? callExpr
    }
    let span = SourceSpan(expr.span.lowerBound, nameToken.end)
    if optional {
      let fieldLiteral = node(nameToken.span, .literal(.string(name)))
      return call(Operator.optionalSelect, [expr, fieldLiteral], span: span)
    }
    return node(span, .select(operand: expr, field: name))
  }

  func parsePrimary(negatedLiteralStart: Int? = nil) -> Expr {
    let token = current
    switch token.kind {
    case .identifier(let name):
      advance()
      return parseIdentifierOrCall(name: name, token: token, start: token.start)
    case .dot:
      advance()
      guard case .identifier(let name) = current.kind else {
        error(
          "expected an identifier after the leading '.'", current.span,
          help: "a leading '.' names an identifier in the root namespace, as in '.a.b'")
        return errorNode(token.span)
      }
      let nameToken = advance()
      return parseIdentifierOrCall(name: "." + name, token: nameToken, start: token.start)
    case .leftParen:
      advance()
      let inner = parseExpression()
      _ = expectClosing(.rightParen, ")", open: token)
      return inner
    case .leftBracket:
      advance()
      return parseList(open: token)
    case .leftBrace:
      advance()
      return parseMap(open: token)
    case .int(let magnitude, let overflow):
      advance()
      let start = negatedLiteralStart ?? token.start
      let span = SourceSpan(start, token.end)
      if negatedLiteralStart != nil {
        if !overflow && magnitude <= UInt64(Int64.max) + 1 {
          let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
          return node(span, .literal(.int(value)))
        }
      } else if !overflow && magnitude <= UInt64(Int64.max) {
        return node(span, .literal(.int(Int64(magnitude))))
      }
      semanticError(
        "int literal out of range", span,
        help: "int is 64-bit: from -9223372036854775808 to 9223372036854775807")
      return errorNode(span)
    case .uint(let value, _):
      advance()
      return node(token.span, .literal(.uint(value)))
    case .double(let value):
      advance()
      if let start = negatedLiteralStart {
        return node(SourceSpan(start, token.end), .literal(.double(-value)))
      }
      return node(token.span, .literal(.double(value)))
    case .string(let value):
      advance()
      return node(token.span, .literal(.string(value)))
    case .bytes(let value):
      advance()
      return node(token.span, .literal(.bytes(value)))
    case .trueKeyword:
      advance()
      return node(token.span, .literal(.bool(true)))
    case .falseKeyword:
      advance()
      return node(token.span, .literal(.bool(false)))
    case .nullKeyword:
      advance()
      return node(token.span, .literal(.null))
    case .invalid:
      advance()
      recovering = true
      return errorNode(token.span)
    case .quotedIdentifier(let name):
      advance()
      error(
        "a quoted identifier can only be a field name", token.span,
        help: "select it from its map or message: m.`\(name)`")
      return errorNode(token.span)
    default:
      error(unexpected(token), token.span, help: "expected an expression")
      switch token.kind {
      case .endOfInput, .rightParen, .rightBracket, .rightBrace, .comma, .colon:
        break
      default:
        advance()
      }
      return errorNode(token.span)
    }
  }

  /// An identifier (already consumed) or a global call `name(args)`.
  func parseIdentifierOrCall(name: String, token: Token, start: Int) -> Expr {
    let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
    if CELParser.reservedWords.contains(bare) {
      semanticError(
        "reserved identifier '\(bare)'", token.span,
        help: "'\(bare)' is reserved by CEL and cannot name a variable or function")
    }
    guard current.kind == .leftParen else {
      return node(SourceSpan(start, token.end), .ident(name))
    }
    let open = advance()
    let (args, end) = parseArguments(open: open)
    let callExpr = call(name, args, span: SourceSpan(start, end))
    return expandMacro(callExpr) ?? callExpr
  }

  /// Whether a token can begin an operand (for "missing ','?" hints).
  func startsExpression(_ kind: TokenKind) -> Bool {
    switch kind {
    case .identifier, .quotedIdentifier, .leftParen, .leftBracket, .leftBrace, .bang, .minus, .dot:
      return true
    default:
      return kind.isLiteral
    }
  }

  /// Consumes `closer`, or reports it missing; returns the end offset of what was parsed.
  func expectClosing(_ closer: TokenKind, _ spelling: String, open: Token) -> Int {
    if let token = accept(closer) {
      recovering = false
      return token.end
    }
    if current.kind == .endOfInput {
      error("expected '\(spelling)' to close '\(text(open))'", current.span)
    } else {
      error(
        "\(unexpected(current)); expected '\(spelling)' to close '\(text(open))'", current.span)
    }
    synchronize([closer])
    if let token = accept(closer) {
      recovering = false
      return token.end
    }
    return previousEnd
  }

  /// A comma-separated sequence up to `closer` (the opening token consumed). Returns the end
  /// offset, after the closer.
  func parseSequence(
    open: Token, closer: TokenKind, spelling: String, trailingComma: Bool,
    element: () -> Void
  ) -> Int {
    if let close = accept(closer) { return close.end }
    while !aborted {
      element()
      if accept(.comma) != nil {
        if trailingComma, let close = accept(closer) { return close.end }
        continue
      }
      if let close = accept(closer) { return close.end }
      if current.kind == .endOfInput {
        error("expected '\(spelling)' to close '\(text(open))'", current.span)
        return previousEnd
      }
      error(
        "\(unexpected(current)); expected ',' or '\(spelling)'", current.span,
        help: startsExpression(current.kind) ? "is a ',' missing before it?" : nil)
      synchronize([.comma, closer])
      if accept(.comma) != nil {
        recovering = false
        continue
      }
      if let close = accept(closer) {
        recovering = false
        return close.end
      }
      return previousEnd
    }
    return previousEnd
  }

  func parseArguments(open: Token) -> ([Expr], Int) {
    var args: [Expr] = []
    let end = parseSequence(open: open, closer: .rightParen, spelling: ")", trailingComma: false) {
      args.append(self.parseExpression())
    }
    return (args, end)
  }

  func parseList(open: Token) -> Expr {
    var elements: [Expr] = []
    var optionalIndices: [Int] = []
    let end = parseSequence(open: open, closer: .rightBracket, spelling: "]", trailingComma: true) {
      if self.accept(.question) != nil { optionalIndices.append(elements.count) }
      elements.append(self.parseExpression())
    }
    return node(
      SourceSpan(open.start, end), .list(elements: elements, optionalIndices: optionalIndices))
  }

  func parseMap(open: Token) -> Expr {
    var entries: [MapEntry] = []
    let end = parseSequence(open: open, closer: .rightBrace, spelling: "}", trailingComma: true) {
      let start = self.current.start
      let optional = self.accept(.question) != nil
      let key = self.parseExpression()
      let value: Expr
      if self.accept(.colon) != nil {
        value = self.parseExpression()
      } else {
        self.error(
          "\(self.unexpected(self.current)); expected ':' after a map key", self.current.span,
          help: "map entries are written 'key: value'")
        value = self.errorNode(self.current.span)
      }
      let id = self.nextID
      self.nextID += 1
      entries.append(
        MapEntry(
          id: id, span: SourceSpan(start, value.span.upperBound), key: key, value: value,
          isOptional: optional))
    }
    return node(SourceSpan(open.start, end), .map(entries: entries))
  }

  /// `TypeName{field: value, …}` after the type name, at the `{`.
  func parseStructure(typeName: String, start: Int) -> Expr {
    let open = advance()
    var fields: [StructField] = []
    let end = parseSequence(open: open, closer: .rightBrace, spelling: "}", trailingComma: true) {
      let fieldStart = self.current.start
      let optional = self.accept(.question) != nil
      let nameToken = self.current
      let name: String
      switch nameToken.kind {
      case .identifier(let text), .quotedIdentifier(let text):
        name = text
        self.advance()
      default:
        self.error(
          "\(self.unexpected(nameToken)); expected a field name", nameToken.span,
          help: "message fields are written 'name: value'")
        return
      }
      let value: Expr
      if self.accept(.colon) != nil {
        value = self.parseExpression()
      } else {
        self.error(
          "\(self.unexpected(self.current)); expected ':' after field name '\(name)'",
          self.current.span)
        value = self.errorNode(self.current.span)
      }
      let id = self.nextID
      self.nextID += 1
      fields.append(
        StructField(
          id: id, span: SourceSpan(fieldStart, value.span.upperBound), name: name, value: value,
          isOptional: optional))
    }
    return node(SourceSpan(start, end), .structure(typeName: typeName, fields: fields))
  }
}
