import PreceptDiagnostics
import PreceptYAML

/// Reads a record schema (`incident.yaml`): `fields:` mapping names to types.
struct SchemaLoader {
  let sink: DiagnosticSink

  /// The schema of the root `fields:` mapping of a schema file.
  func load(root: YAMLNode) -> RecordSchema? {
    guard var reader = MappingReader(root, what: "record schema", sink: sink) else { return nil }
    let fields = reader.value("fields", required: true)
    _ = reader.string("doc")
    reader.finish()
    guard let fields else { return nil }
    return object(fields, path: "")
  }

  /// The fields of an object type.
  func object(_ node: YAMLNode, path: String) -> RecordSchema? {
    guard
      let reader = MappingReader(
        node, what: "fields of '\(path.isEmpty ? "record" : path)'",
        sink: sink)
    else { return nil }
    var fields: [RecordSchema.Field] = []
    var seen: [String: SourceRange] = [:]
    for (name, keyNode, value) in reader.entries {
      let fieldPath = path.isEmpty ? name : "\(path).\(name)"
      guard isFieldName(name) else {
        sink.error(
          .invalidValue, "field name '\(name)' must be lower_snake_case", at: keyNode.range)
        continue
      }
      if let first = seen[name] {
        sink.error(
          .duplicateName, "field '\(fieldPath)' is declared twice", at: keyNode.range,
          notes: [Diagnostic.Note("first declared here", at: first)])
        continue
      }
      seen[name] = keyNode.range
      if let field = field(name: name, node: value, path: fieldPath, keyRange: keyNode.range) {
        fields.append(field)
      }
    }
    return RecordSchema(path: path, fields: fields)
  }

  private func field(name: String, node: YAMLNode, path: String, keyRange: SourceRange)
    -> RecordSchema.Field?
  {
    // Short form: `ended_at: timestamp`.
    if case .scalar(let scalar) = node.kind {
      guard let type = simpleType(scalar.value, at: node.range, path: path) else { return nil }
      return RecordSchema.Field(name: name, type: type, declaredAt: keyRange)
    }
    guard var reader = MappingReader(node, what: "field '\(path)'", sink: sink) else { return nil }
    let type = type(&reader, path: path)
    let required = reader.bool("required")?.value ?? false
    let personal = reader.bool("personal")?.value ?? false
    let doc = reader.string("doc")?.value
    reader.finish()
    guard let type else { return nil }
    return RecordSchema.Field(
      name: name, type: type, required: required, personal: personal, doc: doc,
      declaredAt: keyRange)
  }

  /// The type of a `{type: …}` mapping. Marks `type`, `values`, `of`, `fields` as read.
  private func type(_ reader: inout MappingReader, path: String) -> FieldType? {
    guard let typeName = reader.string("type", required: true) else { return nil }
    switch typeName.value {
    case "enum":
      guard let values = reader.strings("values") else {
        sink.error(
          .missingKey, "enum field '\(path)' is missing its 'values'", at: typeName.range)
        return nil
      }
      if values.isEmpty {
        sink.error(.invalidValue, "enum field '\(path)' has no values", at: typeName.range)
      }
      return .enumeration(values.map(\.value))
    case "list":
      guard let of = reader.value("of", required: true) else { return nil }
      if case .scalar(let scalar) = of.kind {
        return simpleType(scalar.value, at: of.range, path: path).map { .list($0) }
      }
      guard var inner = MappingReader(of, what: "element of '\(path)'", sink: sink) else {
        return nil
      }
      let element = self.type(&inner, path: path)
      inner.finish()
      return element.map { .list($0) }
    case "object":
      guard let fields = reader.value("fields", required: true) else { return nil }
      return object(fields, path: path).map { .object($0) }
    default:
      return simpleType(typeName.value, at: typeName.range, path: path)
    }
  }

  private func simpleType(_ name: String, at range: SourceRange?, path: String) -> FieldType? {
    switch name {
    case "string": return .string
    case "bool": return .bool
    case "int": return .int
    case "double": return .double
    case "timestamp": return .timestamp
    case "date": return .date
    case "duration": return .duration
    case "enum", "list", "object":
      sink.error(
        .invalidValue, "'\(name)' needs more than a name: write {type: \(name), …}", at: range)
      return nil
    default:
      let known = [
        "string", "bool", "int", "double", "timestamp", "date", "duration", "enum",
        "list", "object",
      ]
      sink.error(
        .invalidValue, "unknown type '\(name)' for field '\(path)'", at: range,
        help: Suggestion.help(Suggestion.closest(to: name, in: known)))
      return nil
    }
  }

  private func isFieldName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first.properties.isLowercase || first == "_"
    else { return false }
    return name.unicodeScalars.allSatisfy {
      ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_"
    }
  }
}
