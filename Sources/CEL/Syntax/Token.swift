/// A lexical token of CEL source.
struct Token: Sendable {
  var kind: TokenKind
  /// Byte offsets of the token's text.
  var start: Int
  var end: Int

  var span: SourceSpan { SourceSpan(start, end) }
}

/// The kinds of token, with literal payloads.
enum TokenKind: Equatable, Sendable {
  /// An identifier, including reserved words (the parser rejects those where not allowed).
  case identifier(String)
  /// A backtick-quoted field name: `` `content-type` ``.
  case quotedIdentifier(String)
  /// A decimal or hexadecimal integer literal's magnitude; `overflow` when it exceeds 64 bits.
  case int(magnitude: UInt64, overflow: Bool)
  case uint(UInt64, overflow: Bool)
  case double(Double)
  case string(String)
  case bytes([UInt8])
  case trueKeyword
  case falseKeyword
  case nullKeyword
  case inKeyword
  case leftParen
  case rightParen
  case leftBracket
  case rightBracket
  case leftBrace
  case rightBrace
  case dot
  case comma
  case colon
  case question
  case bang
  case minus
  case plus
  case star
  case slash
  case percent
  case less
  case lessEqual
  case greater
  case greaterEqual
  case equalEqual
  case bangEqual
  case ampAmp
  case pipePipe
  /// A malformed token; the lexer has already reported it.
  case invalid
  case endOfInput

  /// Whether the token can start an expression.
  var isLiteral: Bool {
    switch self {
    case .int, .uint, .double, .string, .bytes, .trueKeyword, .falseKeyword, .nullKeyword:
      return true
    default:
      return false
    }
  }

  /// The spelling of a punctuation token, for messages.
  var punctuation: String? {
    switch self {
    case .leftParen: return "("
    case .rightParen: return ")"
    case .leftBracket: return "["
    case .rightBracket: return "]"
    case .leftBrace: return "{"
    case .rightBrace: return "}"
    case .dot: return "."
    case .comma: return ","
    case .colon: return ":"
    case .question: return "?"
    case .bang: return "!"
    case .minus: return "-"
    case .plus: return "+"
    case .star: return "*"
    case .slash: return "/"
    case .percent: return "%"
    case .less: return "<"
    case .lessEqual: return "<="
    case .greater: return ">"
    case .greaterEqual: return ">="
    case .equalEqual: return "=="
    case .bangEqual: return "!="
    case .ampAmp: return "&&"
    case .pipePipe: return "||"
    default: return nil
    }
  }
}
