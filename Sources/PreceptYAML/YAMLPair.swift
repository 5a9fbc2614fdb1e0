/// One entry of a mapping: a key and its value, both positioned nodes.
public struct YAMLPair: Sendable {
  /// The key (usually a scalar).
  public var key: YAMLNode
  /// The value.
  public var value: YAMLNode

  /// Creates a pair.
  public init(key: YAMLNode, value: YAMLNode) {
    self.key = key
    self.value = value
  }
}
