/// What makes two mapping keys the same: their resolved scalar value (so `1` and `"1"` differ,
/// and `x` and `'x'` do not), or the structure of a collection key.
enum YAMLKeyIdentity: Hashable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(UInt64)
  case string(String)
  case collection(String)

  init(_ node: YAMLNode) {
    switch node.kind {
    case .scalar(let scalar):
      switch scalar.resolved {
      case .null: self = .null
      case .bool(let value): self = .bool(value)
      case .int(let value): self = .int(value)
      case .double(let value): self = .double(value == 0 ? 0 : value.bitPattern)
      case .string(let value): self = .string(value)
      }
    case .sequence, .mapping:
      self = .collection(node.description)
    }
  }
}
