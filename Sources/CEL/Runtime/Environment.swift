/// Everything an expression may refer to: variables (with their activation slots), host message
/// types, functions (the standard library, its extensions and host functions) and the container
/// that qualifies names.
public struct Environment: Sendable {
  /// A declared variable.
  public struct Variable: Hashable, Sendable {
    public var name: String
    public var type: CELType
    /// Whether the host may work the value out when an expression first reads it (see
    /// ``DerivedValues``) instead of setting it in the activation beforehand.
    public var isDerived = false
  }

  /// The namespace unqualified names are resolved in (`com.example`; `""` for none).
  public var container: String
  /// Whether an identifier that is neither declared nor a type name is a compile error
  /// (otherwise it evaluates to an `unknownIdentifier` error).
  public var strictIdentifiers: Bool
  /// Variables in declaration order; a variable's index is its slot in an ``Activation``.
  public private(set) var variables: [Variable] = []
  private var slots: [String: Int] = [:]
  /// The value of each slot in a fresh activation: an `unknownIdentifier` error naming it.
  private(set) var unsetSlots: [Value] = []
  private var types: [String: ObjectType] = [:]
  /// Functions by name: the standard library (with extensions) and host functions.
  public private(set) var functions: [String: FunctionDecl]

  /// An environment with the standard library and the string, math, optional and binding
  /// extensions.
  public init(container: String = "", strictIdentifiers: Bool = true) {
    self.container = container
    self.strictIdentifiers = strictIdentifiers
    self.functions = StandardLibrary.functions
  }

  /// Declares a variable; redeclaring a name changes its type (and whether it is derived) but
  /// keeps its slot.
  /// - Parameter derived: whether its value may be supplied on demand by ``DerivedValues``
  ///   (an expression over other variables, such as a rule pack's definition).
  public mutating func declareVariable(_ name: String, type: CELType, derived: Bool = false) {
    if let slot = slots[name] {
      variables[slot].type = type
      variables[slot].isDerived = derived
    } else {
      slots[name] = variables.count
      variables.append(Variable(name: name, type: type, isDerived: derived))
      unsetSlots.append(.error(EvalError(.unknownIdentifier, "no value for '\(name)'")))
    }
  }

  /// The activation slot of a declared variable.
  public func slot(of name: String) -> Int? { slots[name] }

  /// Slots by variable name.
  var slotTable: [String: Int] { slots }

  /// The declared type of a variable.
  public func variableType(_ name: String) -> CELType? { slots[name].map { variables[$0].type } }

  /// Declares a host message type, so that `type` names and field slots resolve.
  public mutating func declareType(_ t: ObjectType) { types[t.name] = t }

  /// A declared message type by full name.
  public func objectType(named name: String) -> ObjectType? { types[name] }

  /// All declared message types.
  public var objectTypes: [ObjectType] { Array(types.values) }

  /// Declares a host function, or more overloads of an existing one.
  public mutating func declareFunction(_ decl: FunctionDecl) {
    if var existing = functions[decl.name] {
      existing.merge(decl)
      functions[decl.name] = existing
    } else {
      functions[decl.name] = decl
    }
  }

  /// A function by name.
  public func function(named name: String) -> FunctionDecl? { functions[name] }

  /// The names an unqualified or partly qualified `name` may refer to, most qualified first
  /// (`com.example.x`, `com.x`, `x` in container `com.example`); a leading `.` means the root.
  public func candidateNames(_ name: String) -> [String] {
    if name.hasPrefix(".") { return [String(name.dropFirst())] }
    guard !container.isEmpty else { return [name] }
    var out: [String] = []
    var prefix = Substring(container)
    while true {
      out.append(prefix + "." + name)
      guard let dot = prefix.lastIndex(of: ".") else { break }
      prefix = prefix[..<dot]
    }
    out.append(name)
    return out
  }
}
