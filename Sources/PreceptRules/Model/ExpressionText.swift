import CEL
import PreceptDiagnostics
import PreceptYAML

/// The text of a CEL expression as written in a rule file, able to map a position inside the
/// expression back to the exact line and column of the file (also inside `>` and `|` blocks).
public struct ExpressionText: Sendable {
  /// The expression as CEL sees it.
  public var text: String
  /// The YAML scalar it was written as; `nil` for expressions given on the command line.
  public var node: YAMLNode?
  /// Offset of `text` inside the scalar's value (non-zero for `{{ }}` template parts).
  public var valueOffset: Int

  /// A file holding exactly the expression (`precept eval`), when there is no YAML node.
  public var file: SourceFile?

  public init(_ text: String, node: YAMLNode? = nil, valueOffset: Int = 0) {
    self.text = text
    self.node = node
    self.valueOffset = valueOffset
  }

  /// An expression given on the command line, shown as its own one-line file.
  public init(commandLine text: String, name: String = "<expression>") {
    self.text = text
    self.node = nil
    self.valueOffset = 0
    self.file = SourceFile(path: name, text: text)
  }

  /// The file range of a span of the expression.
  public func range(of span: SourceSpan) -> SourceRange? {
    if let file {
      return SourceRange(file: file, start: span.lowerBound, end: span.upperBound)
    }
    guard let node else { return nil }
    guard case .scalar(let scalar) = node.kind else { return node.range }
    let start = scalar.sourceOffset(forValueOffset: valueOffset + span.lowerBound)
    let end: Int
    if span.upperBound > span.lowerBound {
      end = scalar.sourceOffset(forValueOffset: valueOffset + span.upperBound - 1) + 1
    } else {
      end = start
    }
    return SourceRange(file: node.range.file, start: start, end: max(start, end))
  }

  /// The range of the whole expression.
  public var range: SourceRange? {
    if let file { return SourceRange(file: file, start: 0, end: text.utf8.count) }
    return node?.range
  }
}
