import PreceptInput
import PreceptYAML

/// Converts YAML nodes (rule tests, YAML exports) to raw records for typing.
enum YAMLRecord {
  static func raw(_ node: YAMLNode) -> RawValue {
    switch node.kind {
    case .scalar(let s):
      switch s.resolved {
      case .null: return .null
      case .bool(let b): return .bool(b)
      case .int, .double: return .number(s.value)
      case .string(let text): return .string(text)
      }
    case .sequence(let items):
      return .list(items.map(raw))
    case .mapping(let pairs):
      return .object(
        RawObject(
          pairs.map {
            RawField(
              key: $0.key.scalarValue ?? "", value: raw($0.value), position: position($0.key))
          }))
    }
  }

  static func position(_ node: YAMLNode) -> PreceptInput.SourcePosition {
    let p = node.range.startPosition
    return PreceptInput.SourcePosition(line: p.line, column: p.column)
  }

  /// Deep merge: maps merge key by key, anything else replaces, `null` deletes.
  static func merge(_ base: RawValue, _ patch: RawValue) -> RawValue {
    guard case .object(let b) = base, case .object(let p) = patch else { return patch }
    var fields = b.fields
    for field in p.fields {
      if let i = fields.firstIndex(where: { $0.key == field.key }) {
        if case .null = field.value {
          fields.remove(at: i)
        } else {
          fields[i].value = merge(fields[i].value, field.value)
          fields[i].position = field.position
        }
      } else if case .null = field.value {
        continue
      } else {
        fields.append(field)
      }
    }
    return .object(RawObject(fields))
  }
}

extension YAMLNode {
  /// The keys and values of a mapping (empty for other nodes).
  var mappingPairs: [(String, YAMLNode)] {
    (mapping ?? []).map { ($0.key.scalarValue ?? "", $0.value) }
  }
}
