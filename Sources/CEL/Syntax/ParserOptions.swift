/// Options of ``CELParser``.
public struct ParserOptions: Hashable, Sendable {
  /// Whether macros (`has`, `all`, `exists`, `map`, `cel.bind`, …) are expanded. When `false`,
  /// macro calls stay ordinary calls.
  public var enableMacros: Bool
  /// The greatest nesting of the parsed tree (and of the parser's recursion).
  public var maxDepth: Int
  /// The greatest number of Unicode code points in the source.
  public var maxLength: Int

  public init(enableMacros: Bool = true, maxDepth: Int = 250, maxLength: Int = 100_000) {
    self.enableMacros = enableMacros
    self.maxDepth = maxDepth
    self.maxLength = maxLength
  }
}
