/// A half-open range of UTF-8 byte offsets into the source text of one expression.
///
/// Spans are what every CEL error, check result and explanation points at; a host that
/// embeds an expression in a larger file (a YAML rule pack) maps them to its own positions.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
  /// Offset of the first byte.
  public var lowerBound: Int
  /// Offset one past the last byte.
  public var upperBound: Int

  /// Creates a span; `upperBound` is clamped so that it is never below `lowerBound`.
  public init(_ lowerBound: Int, _ upperBound: Int) {
    self.lowerBound = lowerBound
    self.upperBound = Swift.max(lowerBound, upperBound)
  }

  /// An empty span at offset 0, for synthesized nodes.
  public static let none = SourceSpan(0, 0)

  /// The smallest span covering both.
  public func union(_ other: SourceSpan) -> SourceSpan {
    SourceSpan(Swift.min(lowerBound, other.lowerBound), Swift.max(upperBound, other.upperBound))
  }

  public var description: String { "\(lowerBound)..<\(upperBound)" }
}
