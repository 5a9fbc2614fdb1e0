import PreceptInput
import PreceptYAML

/// Builds rule-test records from YAML (converted with `RawValue(yaml:)`).
enum YAMLRecord {
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
