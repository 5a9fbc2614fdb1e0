/// A problem found while parsing or checking an expression: the CEL module's own diagnostic,
/// positioned by a span of the expression's source. Hosts map it onto their own positions.
public struct CELIssue: Hashable, Sendable, CustomStringConvertible {
  public enum Severity: String, Hashable, Sendable { case error, warning }

  /// Stable codes, so that hosts and tests can name them.
  public enum Code: String, Hashable, Sendable {
    /// The lexer or parser rejected the text.
    case syntax = "CEL1001"
    /// An identifier that is not declared.
    case undeclaredReference = "CEL2001"
    /// A field that the operand's type does not have.
    case undefinedField = "CEL2002"
    /// No overload of a function accepts the argument types.
    case noMatchingOverload = "CEL2003"
    /// The expression's type is not the one required (e.g. a rule condition that is not bool).
    case typeMismatch = "CEL2004"
    /// An expression nested or repeated beyond the parser's limits.
    case limitExceeded = "CEL1002"
  }

  public var severity: Severity
  public var code: Code
  public var message: String
  public var span: SourceSpan
  /// Suggestions such as "did you mean 'incident'?", rendered as help lines.
  public var help: String?

  public init(
    _ severity: Severity = .error, code: Code, message: String, span: SourceSpan,
    help: String? = nil
  ) {
    self.severity = severity
    self.code = code
    self.message = message
    self.span = span
    self.help = help
  }

  public var description: String { "\(span): \(severity): \(message) [\(code.rawValue)]" }
}
