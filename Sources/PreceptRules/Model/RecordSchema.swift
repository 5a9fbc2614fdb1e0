import PreceptDiagnostics

/// The fields of a record (or of a nested object in it), as a pack declares them.
public final class RecordSchema: Sendable, Hashable {
  /// One declared field.
  public struct Field: Sendable, Hashable {
    public var name: String
    public var type: FieldType
    public var required: Bool
    /// Never printed unless the user asks (`--show-personal`).
    public var personal: Bool
    public var doc: String?
    /// Where the field is declared, for diagnostics.
    public var declaredAt: SourceRange?

    public init(
      name: String, type: FieldType, required: Bool = false, personal: Bool = false,
      doc: String? = nil, declaredAt: SourceRange? = nil
    ) {
      self.name = name
      self.type = type
      self.required = required
      self.personal = personal
      self.doc = doc
      self.declaredAt = declaredAt
    }

    public static func == (lhs: Field, rhs: Field) -> Bool {
      lhs.name == rhs.name && lhs.type == rhs.type && lhs.required == rhs.required
        && lhs.personal == rhs.personal
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
  }

  /// The dotted path of this object from the record root (`""` for the root, `pupil`, `staff`).
  public let path: String
  /// Fields in declaration order.
  public let fields: [Field]
  /// Each field's dotted path from the record root, by index (`pupil.sen_status`).
  public let fieldPaths: [String]
  private let indexByName: [String: Int]

  public init(path: String, fields: [Field]) {
    self.path = path
    self.fields = fields
    fieldPaths = fields.map { path.isEmpty ? $0.name : "\(path).\($0.name)" }
    var index: [String: Int] = [:]
    for (i, field) in fields.enumerated() where index[field.name] == nil { index[field.name] = i }
    indexByName = index
  }

  /// The index of a field by name.
  public func index(of name: String) -> Int? { indexByName[name] }

  /// The field with this name.
  public func field(_ name: String) -> Field? { indexByName[name].map { fields[$0] } }

  /// The field at a dotted path below this object (`pupil.sen_status`), through objects and
  /// lists of objects.
  public func field(atPath path: String) -> Field? {
    var schema: RecordSchema = self
    let parts = path.split(separator: ".").map(String.init)
    for (i, part) in parts.enumerated() {
      guard let field = schema.field(part) else { return nil }
      if i == parts.count - 1 { return field }
      switch field.type {
      case .object(let nested): schema = nested
      case .list(.object(let nested)): schema = nested
      default: return nil
      }
    }
    return nil
  }

  /// Every personal field's dotted path, depth first.
  public var personalPaths: [String] {
    var out: [String] = []
    func walk(_ schema: RecordSchema, _ prefix: String) {
      for field in schema.fields {
        let path = prefix.isEmpty ? field.name : "\(prefix).\(field.name)"
        if field.personal { out.append(path) }
        switch field.type {
        case .object(let nested), .list(.object(let nested)): walk(nested, path)
        default: break
        }
      }
    }
    walk(self, "")
    return out
  }

  public static func == (lhs: RecordSchema, rhs: RecordSchema) -> Bool {
    lhs === rhs || (lhs.path == rhs.path && lhs.fields == rhs.fields)
  }
  public func hash(into hasher: inout Hasher) { hasher.combine(path) }
}
