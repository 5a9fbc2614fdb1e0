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
///
/// The fields are kept in memory the object allocates and frees itself, not in an array: a
/// record is a tree of these made and dropped for every record read, and an array of an enum
/// is created and destroyed through the runtime's generic paths (a metadata look-up to make
/// it, a call per element to free it), which cost more than the values.
public final class ObjectValue: @unchecked Sendable, Hashable {
  public let type: ObjectType
  /// The number of slots (the type's field count).
  public let count: Int
  @usableFromInline let storage: UnsafeMutablePointer<Value?>

  /// An object with every field absent.
  public init(type: ObjectType) {
    self.type = type
    count = type.fields.count
    storage = .allocate(capacity: max(count, 1))
    storage.initialize(repeating: nil, count: count)
  }

  /// An object with the given field values (by slot; as many as the type has fields).
  public convenience init(type: ObjectType, slots: ContiguousArray<Value?>) {
    self.init(type: type)
    for i in 0..<min(count, slots.count) { storage[i] = slots[i] }
  }

  /// A new object with the same field values.
  public func copy() -> ObjectValue {
    let other = ObjectValue(type: type)
    for i in 0..<count where storage[i] != nil { other.storage[i] = storage[i] }
    return other
  }

  deinit {
    // Each present value destroyed by the specialised code for `Value`, not by the generic
    // array destroy.
    var i = 0
    while i < count {
      if storage[i] != nil { _ = (storage + i).move() }
      i += 1
    }
    storage.deallocate()
  }

  /// Field values by slot. Mutated only while the value is being built.
  @inlinable public var slots: Slots { Slots(object: self) }

  /// The field values of an object, by slot: a view of the object's own storage (setting a
  /// slot sets the object's field).
  public struct Slots: RandomAccessCollection {
    public let object: ObjectValue
    @inlinable init(object: ObjectValue) { self.object = object }
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { object.count }
    @inlinable public subscript(i: Int) -> Value? {
      get {
        precondition(i >= 0 && i < object.count, "slot out of range")
        return object.storage[i]
      }
      nonmutating set {
        precondition(i >= 0 && i < object.count, "slot out of range")
        object.storage[i] = newValue
      }
    }
    /// A copy of the values.
    public var array: ContiguousArray<Value?> { ContiguousArray(self) }
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
