/// The result of parsing one CEL expression.
public struct ParsedExpression: Sendable {
  /// The source text, exactly as given to the parser.
  public var source: String
  /// The root of the (macro-expanded) tree.
  public var root: Expr
  /// For every node produced by a macro expansion, keyed by that node's id: the call as written
  /// (`list.exists(x, p)`), for display in explanations.
  public var macroCalls: [Int: Expr]
  /// One more than the largest node id in `root`; new nodes created by hosts start here.
  public var nextID: Int

  public init(source: String, root: Expr, macroCalls: [Int: Expr] = [:], nextID: Int) {
    self.source = source
    self.root = root
    self.macroCalls = macroCalls
    self.nextID = nextID
  }

  /// The source text of a span of this expression.
  public func text(of span: SourceSpan) -> String {
    let utf8 = source.utf8
    let lo = utf8.index(utf8.startIndex, offsetBy: min(span.lowerBound, utf8.count))
    let hi = utf8.index(utf8.startIndex, offsetBy: min(span.upperBound, utf8.count))
    return String(decoding: utf8[lo..<hi], as: UTF8.self)
  }
}
