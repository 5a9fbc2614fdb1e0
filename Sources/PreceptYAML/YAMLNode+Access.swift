import PreceptDiagnostics

extension YAMLNode {
  /// The scalar, if this is one.
  public var scalar: YAMLScalar? {
    if case .scalar(let scalar) = kind { return scalar }
    return nil
  }

  /// The scalar's processed text, if this is a scalar.
  public var scalarValue: String? { scalar?.value }

  /// The entries, if this is a sequence.
  public var sequence: [YAMLNode]? {
    if case .sequence(let items) = kind { return items }
    return nil
  }

  /// The pairs in source order, if this is a mapping.
  public var mapping: [YAMLPair]? {
    if case .mapping(let pairs) = kind { return pairs }
    return nil
  }

  /// Whether this is a scalar that resolves to null (`null`, `~` or nothing).
  public var isNull: Bool { scalar?.isNull ?? false }

  /// The first pair of a mapping whose key is a scalar with this text.
  public func pair(for key: String) -> YAMLPair? {
    mapping?.first { $0.key.scalarValue == key }
  }

  /// The value for a scalar key in a mapping; nil if this is not a mapping or has no such key.
  public subscript(key: String) -> YAMLNode? {
    pair(for: key)?.value
  }

  /// The element at an index of a sequence; nil if this is not a sequence or it is too short.
  public subscript(index: Int) -> YAMLNode? {
    guard let items = sequence, items.indices.contains(index) else { return nil }
    return items[index]
  }

  /// Where a key of a mapping is written, for diagnostics about the key itself.
  public func keyRange(for key: String) -> SourceRange? {
    pair(for: key)?.key.range
  }

  /// The scalar keys of a mapping in source order (empty if this is not a mapping).
  public var keys: [String] {
    mapping?.compactMap(\.key.scalarValue) ?? []
  }

  /// What the node is, for messages such as `expected a mapping, found a sequence`:
  /// `a mapping`, `a sequence`, `a string`, `an integer`, `a number`, `a boolean` or `null`.
  public var kindDescription: String {
    switch kind {
    case .mapping: return "a mapping"
    case .sequence: return "a sequence"
    case .scalar(let scalar):
      switch scalar.resolved {
      case .null: return "null"
      case .bool: return "a boolean"
      case .int: return "an integer"
      case .double: return "a number"
      case .string: return "a string"
      }
    }
  }

  /// The file range that produced a range of a scalar's processed value, e.g. to place a CEL
  /// error found at value offsets `12..<19` of a `require: >` block. Nil for collections.
  /// - Parameter valueRange: UTF-8 offsets into ``YAMLScalar/value``.
  /// - Returns: The range in the file, from the character that produced the first byte to the
  ///   end of the character that produced the last.
  public func sourceRange(forValueRange valueRange: Range<Int>) -> SourceRange? {
    guard let scalar else { return nil }
    let start = scalar.sourceOffset(forValueOffset: valueRange.lowerBound)
    guard valueRange.upperBound > valueRange.lowerBound else {
      return .point(range.file, start)
    }
    let last = scalar.sourceOffset(forValueOffset: valueRange.upperBound - 1)
    let bytes = range.file.bytes
    var end = min(last + 1, bytes.count)
    while end < bytes.count, bytes[end] & 0b1100_0000 == 0b1000_0000 { end += 1 }
    return SourceRange(file: range.file, start: start, end: max(start, end))
  }
}
