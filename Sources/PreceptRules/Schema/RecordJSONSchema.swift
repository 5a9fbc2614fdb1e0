import Foundation

/// The JSON Schema of a pack's records (for JSON exports and editors).
public enum RecordJSONSchema {
  public static func json(for pack: RulePack) -> String {
    var root = object(pack.record.schema)
    root["$schema"] = "http://json-schema.org/draft-07/schema#"
    root["title"] = "\(pack.id) record"
    let data = try! JSONSerialization.data(
      withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  static func object(_ schema: RecordSchema) -> [String: Any] {
    var props: [String: Any] = [:]
    for f in schema.fields {
      // An optional field may also be written null: an export's null counts as missing.
      var p: [String: Any] =
        f.required ? type(f.type) : ["anyOf": [type(f.type), ["type": "null"]]]
      if let doc = f.doc { p["description"] = doc }
      if f.personal { p["x-personal"] = true }
      props[f.name] = p
    }
    var out: [String: Any] = ["type": "object", "properties": props]
    let required = schema.fields.filter(\.required).map(\.name)
    if !required.isEmpty { out["required"] = required }
    return out
  }

  static func type(_ t: FieldType) -> [String: Any] {
    switch t {
    case .string: return ["type": "string"]
    case .bool: return ["type": "boolean"]
    case .int: return ["type": "integer"]
    case .double: return ["type": "number"]
    case .timestamp: return ["type": "string", "format": "date-time"]
    case .date: return ["type": "string", "format": "date"]
    case .duration: return ["type": ["string", "integer"]]
    case .enumeration(let values): return ["enum": values]
    case .list(let element): return ["type": "array", "items": type(element)]
    case .object(let schema): return object(schema)
    }
  }
}
