import CEL

/// The CEL object types of a record schema: one per object (the record, `incident.pupil`,
/// elements of `incident.staff`), named by their path so messages read naturally.
public struct SchemaTypes: Sendable {
  /// The record's type.
  public let root: ObjectType
  /// Every object type by its schema path (`""` for the record).
  public let byPath: [String: ObjectType]

  public init(schema: RecordSchema, variable: String) {
    var byPath: [String: ObjectType] = [:]
    // Capitalised, so that a type name never reads as a field path (`incident.pupil`).
    let root = variable.prefix(1).uppercased() + variable.dropFirst()
    func typeName(_ s: RecordSchema) -> String { s.path.isEmpty ? root : "\(root).\(s.path)" }
    func build(_ s: RecordSchema) -> ObjectType {
      var fields: [ObjectType.Field] = []
      for field in s.fields {
        switch field.type {
        case .object(let nested), .list(.object(let nested)): _ = build(nested)
        default: break
        }
        // An absent list reads as empty: CSV cannot tell the two apart.
        let defaultValue: Value? = if case .list = field.type { .list([]) } else { nil }
        fields.append(
          ObjectType.Field(
            name: field.name, type: field.type.celType(objectName: typeName),
            defaultValue: defaultValue))
      }
      let type = ObjectType(name: typeName(s), fields: fields)
      byPath[s.path] = type
      return type
    }
    self.root = build(schema)
    self.byPath = byPath
  }

  /// Every type, for declaring in an environment.
  public var all: [ObjectType] { byPath.keys.sorted().map { byPath[$0]! } }
}
