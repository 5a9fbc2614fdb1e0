/// How ``DiagnosticRenderer`` lays out its text.
public struct RenderOptions: Sendable, Hashable {
  /// Whether to use ANSI colour and bold.
  public var color: Bool
  /// How many lines before a diagnostic's line to show in its source snippet.
  public var contextLines: Int
  /// Whether to show source snippets at all; without them each diagnostic is one header line
  /// (plus its help and notes).
  public var snippets: Bool

  /// Creates options.
  /// - Parameters:
  ///   - color: Whether to use ANSI colour and bold.
  ///   - contextLines: Lines of context shown before the diagnostic's line.
  ///   - snippets: Whether to show source snippets.
  public init(color: Bool = false, contextLines: Int = 1, snippets: Bool = true) {
    self.color = color
    self.contextLines = max(0, contextLines)
    self.snippets = snippets
  }
}
