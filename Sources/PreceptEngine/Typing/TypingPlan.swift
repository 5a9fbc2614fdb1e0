import CEL
import PreceptRules

/// How to type the fields of one object of the schema, worked out once per ``RecordTyper``:
/// each field's path, kind and value map, so that typing a record copies no schema structs and
/// hashes no paths.
final class ObjectPlan: Sendable {
  let schema: RecordSchema
  let type: ObjectType
  /// Parallel to `schema.fields`.
  let fields: [FieldPlan]
  /// Parallel to `schema.fields`: each field's name, for a quick check before hashing.
  let names: [String]
  /// The indices of the required fields.
  let required: [Int]

  init(schema: RecordSchema, type: ObjectType, pack: CompiledPack, profile: Profile) {
    self.schema = schema
    self.type = type
    fields = schema.fields.indices.map { i in
      FieldPlan(
        path: schema.fieldPaths[i], type: schema.fields[i].type, pack: pack, profile: profile)
    }
    names = schema.fields.map(\.name)
    required = schema.fields.indices.filter { schema.fields[$0].required }
  }

  /// The index of the field named `key`; `guess` is tried first (fields usually arrive in
  /// declaration order).
  @inline(__always)
  func index(of key: String, guess: Int) -> Int? {
    if guess < names.count, names[guess] == key { return guess }
    return schema.index(of: key)
  }
}

/// How to type one field (or the elements of a list field, which share its path).
final class FieldPlan: Sendable {
  indirect enum Kind: Sendable {
    case string
    case bool
    case int
    case double
    case timestamp
    case date
    case duration
    /// The allowed values, and the message parts listing them.
    case enumeration([String], list: String)
    case list(FieldPlan)
    case object(ObjectPlan)
  }

  /// The dotted path from the record root (`pupil.sen_status`).
  let path: String
  let kind: Kind
  /// The profile's value map for this path (`Y` → `true`).
  let valueMap: [String: String]?

  init(path: String, type: FieldType, pack: CompiledPack, profile: Profile) {
    self.path = path
    valueMap = profile.values[path]
    switch type {
    case .string: kind = .string
    case .bool: kind = .bool
    case .int: kind = .int
    case .double: kind = .double
    case .timestamp: kind = .timestamp
    case .date: kind = .date
    case .duration: kind = .duration
    case .enumeration(let values):
      kind = .enumeration(values, list: values.joined(separator: ", "))
    case .list(let element):
      kind = .list(FieldPlan(path: path, type: element, pack: pack, profile: profile))
    case .object(let schema):
      let type = pack.types.byPath[schema.path] ?? ObjectType(name: path, fields: [])
      kind = .object(ObjectPlan(schema: schema, type: type, pack: pack, profile: profile))
    }
  }
}
