import PreceptDiagnostics

/// A node of a YAML document with its exact place in the source file.
///
/// Built by ``YAMLLoader`` from libyaml's events; no libyaml type is visible. Aliases are expanded:
/// an alias becomes a copy of its anchored node whose own range is the alias's.
public struct YAMLNode: Sendable {
  /// What a node holds.
  public enum Kind: Sendable {
    /// A scalar value.
    case scalar(YAMLScalar)
    /// A sequence of nodes, in order.
    case sequence([YAMLNode])
    /// A mapping, its pairs in source order.
    case mapping([YAMLPair])
  }

  /// The node's content.
  public var kind: Kind
  /// Where the node is: its content, without any anchor or tag in front of it. For a block
  /// collection, from its first entry to the end of its last; for a block scalar, from the
  /// `|` or `>` to the end of its last content line.
  public var range: SourceRange
  /// The node's explicit tag, resolved (`!!str` is `tag:yaml.org,2002:str`), if it has one.
  public var tag: String?

  /// Creates a node.
  public init(kind: Kind, range: SourceRange, tag: String? = nil) {
    self.kind = kind
    self.range = range
    self.tag = tag
  }
}
