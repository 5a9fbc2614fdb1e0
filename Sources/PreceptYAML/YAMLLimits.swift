/// Bounds on what the YAML loader accepts, so that hostile input cannot exhaust memory or stack.
public struct YAMLLimits: Sendable, Hashable {
  /// The most nodes a document may have, counting every node an alias expands to.
  public var maxNodes: Int
  /// The deepest nesting of sequences and mappings allowed.
  public var maxDepth: Int

  /// Creates limits.
  /// - Parameters:
  ///   - maxNodes: The most nodes after alias expansion; 100,000 by default.
  ///   - maxDepth: The deepest nesting; 200 by default.
  public init(maxNodes: Int = 100_000, maxDepth: Int = 200) {
    self.maxNodes = maxNodes
    self.maxDepth = maxDepth
  }
}
