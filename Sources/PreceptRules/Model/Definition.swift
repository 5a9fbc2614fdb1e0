import PreceptDiagnostics

/// A named CEL expression of a pack (`seclusion`), in scope by name in every rule and shown
/// expanded in explanations.
public struct Definition: Sendable {
  public var name: String
  public var expression: ExpressionText
  public var doc: String?
  public var declaredAt: SourceRange?
  /// The pack that declared it.
  public var packID: String

  public init(
    name: String, expression: ExpressionText, doc: String? = nil, declaredAt: SourceRange? = nil,
    packID: String
  ) {
    self.name = name
    self.expression = expression
    self.doc = doc
    self.declaredAt = declaredAt
    self.packID = packID
  }
}
