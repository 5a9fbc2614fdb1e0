/// A message type declared by the host, such as the incident record of a rule pack's schema.
///
/// Fields have fixed indices, so the compiler resolves `incident.pupil.sen_status` to slot
/// reads instead of hash lookups. A field that is absent in a value is not set, and `has()`
/// reports it; selecting an absent field yields the field type's zero value only where
/// ``Field/defaultValue`` gives one, and otherwise an error naming the field (the record
/// layer relies on this to report "cannot evaluate: field is missing").
public final class ObjectType: Sendable, Hashable, CustomStringConvertible {
  /// One declared field.
  public struct Field: Sendable {
    public var name: String
    public var type: CELType
    /// The value selection yields when the field is absent; `nil` makes absence an error.
    public var defaultValue: Value?

    public init(name: String, type: CELType, defaultValue: Value? = nil) {
      self.name = name
      self.type = type
      self.defaultValue = defaultValue
    }
  }

  /// The full type name, e.g. `precept.Incident`.
  public let name: String
  /// Fields in declaration order; a field's index is its slot in ``ObjectValue``.
  public let fields: [Field]
  private let indexByName: [String: Int]

  public init(name: String, fields: [Field]) {
    self.name = name
    self.fields = fields
    var index: [String: Int] = [:]
    for (i, field) in fields.enumerated() where index[field.name] == nil { index[field.name] = i }
    self.indexByName = index
  }

  /// The slot of the named field, if declared.
  public func index(of field: String) -> Int? { indexByName[field] }

  public static func == (lhs: ObjectType, rhs: ObjectType) -> Bool { lhs === rhs }
  public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
  public var description: String { name }
}

/// A value of an ``ObjectType``: one optional ``Value`` per declared field (`nil` = absent).
public final class ObjectValue: @unchecked Sendable, Hashable {
  public let type: ObjectType
  /// Field values by slot. Mutated only while the value is being built.
  @exclusivity(unchecked) public var slots: ContiguousArray<Value?>

  public init(type: ObjectType, slots: ContiguousArray<Value?>? = nil) {
    self.type = type
    self.slots = slots ?? ContiguousArray(repeating: nil, count: type.fields.count)
  }

  /// The value of a field by name, or `nil` if undeclared or absent.
  public subscript(field: String) -> Value? {
    get { type.index(of: field).flatMap { slots[$0] } }
    set { if let i = type.index(of: field) { slots[i] = newValue } }
  }

  /// Identity; CEL's field-wise equality is the evaluator's `==`.
  public static func == (lhs: ObjectValue, rhs: ObjectValue) -> Bool { lhs === rhs }
  public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
