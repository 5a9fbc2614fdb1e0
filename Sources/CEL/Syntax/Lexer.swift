/// Splits CEL source (as UTF-8 bytes) into tokens, reporting malformed ones as issues.
struct Lexer {
  let bytes: [UInt8]
  var position = 0
  var issues: [CELIssue] = []
  /// Whether the previous token can end an operand: then `.5` after it is a dot and a number
  /// (`a.5` is a selection error), not a double literal.
  var afterOperand = false

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// All tokens of the source, ending with `.endOfInput`.
  mutating func tokenize() -> [Token] {
    var tokens: [Token] = []
    tokens.reserveCapacity(bytes.count / 2 + 1)
    while true {
      let token = next()
      tokens.append(token)
      switch token.kind {
      case .identifier, .quotedIdentifier, .rightParen, .rightBracket, .rightBrace, .int, .uint,
        .double, .string, .bytes, .trueKeyword, .falseKeyword, .nullKeyword:
        afterOperand = true
      default:
        afterOperand = false
      }
      if token.kind == .endOfInput { break }
    }
    return tokens
  }

  func peek(_ offset: Int = 0) -> UInt8? {
    let index = position + offset
    return index < bytes.count ? bytes[index] : nil
  }

  mutating func report(_ message: String, _ start: Int, _ end: Int, help: String? = nil) {
    issues.append(
      CELIssue(code: .syntax, message: message, span: SourceSpan(start, end), help: help))
  }

  /// Skips whitespace and `//` comments.
  mutating func skipTrivia() {
    while let byte = peek() {
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0C, 0x0D:
        position += 1
      case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
        while let c = peek(), c != 0x0A { position += 1 }
      default:
        return
      }
    }
  }

  mutating func next() -> Token {
    skipTrivia()
    let start = position
    guard let byte = peek() else {
      return Token(kind: .endOfInput, start: start, end: start)
    }
    func single(_ kind: TokenKind, length: Int = 1) -> Token {
      position += length
      return Token(kind: kind, start: start, end: position)
    }
    switch byte {
    case UInt8(ascii: "("): return single(.leftParen)
    case UInt8(ascii: ")"): return single(.rightParen)
    case UInt8(ascii: "["): return single(.leftBracket)
    case UInt8(ascii: "]"): return single(.rightBracket)
    case UInt8(ascii: "{"): return single(.leftBrace)
    case UInt8(ascii: "}"): return single(.rightBrace)
    case UInt8(ascii: ","): return single(.comma)
    case UInt8(ascii: ":"): return single(.colon)
    case UInt8(ascii: "?"): return single(.question)
    case UInt8(ascii: "+"): return single(.plus)
    case UInt8(ascii: "-"): return single(.minus)
    case UInt8(ascii: "*"): return single(.star)
    case UInt8(ascii: "/"): return single(.slash)
    case UInt8(ascii: "%"): return single(.percent)
    case UInt8(ascii: "!"):
      return peek(1) == UInt8(ascii: "=") ? single(.bangEqual, length: 2) : single(.bang)
    case UInt8(ascii: "<"):
      return peek(1) == UInt8(ascii: "=") ? single(.lessEqual, length: 2) : single(.less)
    case UInt8(ascii: ">"):
      return peek(1) == UInt8(ascii: "=") ? single(.greaterEqual, length: 2) : single(.greater)
    case UInt8(ascii: "="):
      if peek(1) == UInt8(ascii: "=") { return single(.equalEqual, length: 2) }
      position += 1
      report("unexpected '='; did you mean '=='?", start, position)
      return Token(kind: .invalid, start: start, end: position)
    case UInt8(ascii: "&"):
      if peek(1) == UInt8(ascii: "&") { return single(.ampAmp, length: 2) }
      position += 1
      report("unexpected '&'; did you mean '&&'?", start, position)
      return Token(kind: .invalid, start: start, end: position)
    case UInt8(ascii: "|"):
      if peek(1) == UInt8(ascii: "|") { return single(.pipePipe, length: 2) }
      position += 1
      report("unexpected '|'; did you mean '||'?", start, position)
      return Token(kind: .invalid, start: start, end: position)
    case UInt8(ascii: "."):
      if !afterOperand, let next = peek(1), Lexer.isDigit(next) { return lexNumber() }
      return single(.dot)
    case UInt8(ascii: "`"):
      return lexQuotedIdentifier()
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      return lexString(start: start, raw: false, isBytes: false)
    default:
      if Lexer.isDigit(byte) { return lexNumber() }
      if Lexer.isIdentifierStart(byte) { return lexIdentifierOrPrefixedString() }
      return lexUnexpectedCharacter()
    }
  }

  static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

  static func isHexDigit(_ b: UInt8) -> Bool {
    isDigit(b) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)
  }

  static func hexValue(_ b: UInt8) -> UInt32 {
    if isDigit(b) { return UInt32(b - 0x30) }
    if b >= 0x61 { return UInt32(b - 0x61 + 10) }
    return UInt32(b - 0x41 + 10)
  }

  static func isIdentifierStart(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
  }

  static func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }

  /// Reports one (possibly multi-byte) character that cannot start a token.
  mutating func lexUnexpectedCharacter() -> Token {
    let start = position
    var length = 1
    let lead = bytes[position]
    if lead >= 0xF0 {
      length = 4
    } else if lead >= 0xE0 {
      length = 3
    } else if lead >= 0xC0 {
      length = 2
    }
    position = min(bytes.count, position + length)
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    let shown = lead < 0x20 || lead == 0x7F ? "\\u{\(String(lead, radix: 16))}" : text
    report("unexpected character '\(shown)'", start, position)
    return Token(kind: .invalid, start: start, end: position)
  }

  mutating func lexIdentifierOrPrefixedString() -> Token {
    let start = position
    while let b = peek(), Lexer.isIdentifierPart(b) { position += 1 }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    if let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
      switch text {
      case "r", "R": return lexString(start: start, raw: true, isBytes: false)
      case "b", "B": return lexString(start: start, raw: false, isBytes: true)
      case "br", "bR", "Br", "BR": return lexString(start: start, raw: true, isBytes: true)
      default: break
      }
    }
    let kind: TokenKind
    switch text {
    case "true": kind = .trueKeyword
    case "false": kind = .falseKeyword
    case "null": kind = .nullKeyword
    case "in": kind = .inKeyword
    default: kind = .identifier(text)
    }
    return Token(kind: kind, start: start, end: position)
  }

  /// `` `name` ``: letters, digits, `_`, `.`, `-`, `/` and spaces.
  mutating func lexQuotedIdentifier() -> Token {
    let start = position
    position += 1
    var badAt: Int?
    while let b = peek(), b != UInt8(ascii: "`"), b != 0x0A {
      let allowed =
        Lexer.isIdentifierPart(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
        || b == UInt8(ascii: "/") || b == UInt8(ascii: " ")
      if !allowed && badAt == nil { badAt = position }
      position += 1
    }
    guard peek() == UInt8(ascii: "`") else {
      report("unterminated quoted identifier", start, start + 1, help: "add a closing '`'")
      return Token(kind: .invalid, start: start, end: position)
    }
    position += 1
    let name = String(decoding: bytes[(start + 1)..<(position - 1)], as: UTF8.self)
    if let bad = badAt {
      report(
        "invalid character in quoted identifier", bad, bad + 1,
        help: "quoted identifiers may contain letters, digits, '_', '.', '-', '/' and spaces")
      return Token(kind: .invalid, start: start, end: position)
    }
    if name.isEmpty {
      report("empty quoted identifier", start, position)
      return Token(kind: .invalid, start: start, end: position)
    }
    return Token(kind: .quotedIdentifier(name), start: start, end: position)
  }
}
