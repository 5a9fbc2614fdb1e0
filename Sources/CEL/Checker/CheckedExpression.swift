/// The result of type-checking a ``ParsedExpression``.
public struct CheckedExpression: Sendable {
  /// The expression that was checked.
  public var parsed: ParsedExpression
  /// The deduced type of every node, by id. Nodes of unknown type are `.dyn`; nodes that failed
  /// to check are `.error`.
  public var types: [Int: CELType]
  /// The type of the whole expression.
  public var resultType: CELType
  /// Problems found, in source order: undeclared references, undefined fields, calls no
  /// overload accepts.
  public var issues: [CELIssue]

  public init(
    parsed: ParsedExpression, types: [Int: CELType], resultType: CELType, issues: [CELIssue]
  ) {
    self.parsed = parsed
    self.types = types
    self.resultType = resultType
    self.issues = issues
  }

  /// Whether the expression checked without errors.
  public var isValid: Bool { !issues.contains { $0.severity == .error } }
}
