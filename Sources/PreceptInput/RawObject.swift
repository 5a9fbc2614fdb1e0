/// An object read from an input: its members in input order, each with its position.
public struct RawObject: Sendable, Hashable {
  /// The members, in input order. Keys are unique (readers reject duplicates).
  public var fields: [RawField]

  /// Creates an object from its members.
  public init(_ fields: [RawField] = []) {
    self.fields = fields
  }

  /// Whether the object has no members.
  public var isEmpty: Bool { fields.isEmpty }

  /// The number of members.
  public var count: Int { fields.count }

  /// The member with this key, if any.
  public subscript(key: String) -> RawField? {
    for field in fields where field.key == key {
      return field
    }
    return nil
  }

  /// The member at a dotted path (`pupil.sen_status`), descending through nested objects.
  public subscript(path path: String) -> RawField? {
    var object = self
    var found: RawField?
    for segment in path.split(separator: ".", omittingEmptySubsequences: false) {
      if let current = found {
        guard case .object(let inner) = current.value else { return nil }
        object = inner
      }
      guard let next = object[String(segment)] else { return nil }
      found = next
    }
    return found
  }

  /// The keys, in input order.
  public var keys: [String] { fields.map(\.key) }
}

extension RawObject: CustomStringConvertible {
  /// Compact JSON text of the object, keys in input order.
  public var description: String {
    var out = ""
    write(to: &out)
    return out
  }

  func write(to out: inout String) {
    out += "{"
    for (i, field) in fields.enumerated() {
      if i > 0 { out += "," }
      RawValue.writeQuoted(field.key, to: &out)
      out += ":"
      field.value.write(to: &out)
    }
    out += "}"
  }
}
