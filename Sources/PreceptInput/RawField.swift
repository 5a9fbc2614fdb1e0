/// One member of a ``RawObject``: a key, its value and where the value starts.
public struct RawField: Sendable, Hashable {
  /// The member's key (one segment of a dotted CSV header).
  public var key: String
  /// The member's value.
  public var value: RawValue
  /// Where the value starts (for a nested object made from CSV columns, its first present cell).
  public var position: SourcePosition

  /// Creates a field.
  public init(key: String, value: RawValue, position: SourcePosition) {
    self.key = key
    self.value = value
    self.position = position
  }
}
