/// Turns an expression tree into closures over resolved slots.
struct Compiler {
  /// A compiled node: its closure, its static type when known, its value when constant, and
  /// the dotted path of a variable/field chain (for "missing field" errors).
  struct Node {
    var eval: Eval
    var type: CELType = .dyn
    var constant: Value?
    var path: String?
    /// Set for variable reads and selections over declared types, which fuse into one closure.
    var slotPath: SlotPath?
  }

  let environment: Environment
  let types: [Int: CELType]
  /// Whether the node being compiled records its value (set while compiling the subtrees of a
  /// traced program that record nothing, which compile as untraced ones do).
  var traced: Bool
  /// In a traced program that records only some nodes: those nodes and their ancestors. Other
  /// subtrees compile untraced (fast paths and all), since no value inside them is wanted.
  let tracedNodes: Set<Int>?
  var issues: [CELIssue] = []
  /// Comprehension variables in scope, innermost last.
  var scopes: [(name: String, slot: Int, type: CELType)] = []
  var localCount = 0
  /// Slots of macro accumulators, which may be extended in place.
  var accumulatorSlots: Set<Int> = []

  init(
    environment: Environment, types: [Int: CELType], traced: Bool,
    tracedNodes: Set<Int>? = nil
  ) {
    self.environment = environment
    self.types = types
    self.traced = traced
    self.tracedNodes = tracedNodes
  }

  static func constant(_ v: Value) -> Node {
    Node(eval: { _ in v }, type: v.isError ? .dyn : v.celType, constant: v)
  }

  mutating func compile(_ e: Expr) -> Node {
    if traced, let tracedNodes, !tracedNodes.contains(e.id) {
      traced = false
      defer { traced = true }
      return compile(e)
    }
    var node = compileUntraced(e)
    if let t = types[e.id], t != .dyn, t != .error, node.type == .dyn { node.type = t }
    if traced {
      let inner = node.eval
      let id = e.id
      node.eval = { f in
        let v = inner(&f)
        f.trace?.record(id, v)
        return v
      }
      // No folding in traced programs, so that every node's closure runs and is recorded.
      node.constant = nil
    }
    return node
  }

  private mutating func compileUntraced(_ e: Expr) -> Node {
    switch e.kind {
    case .literal(let lit):
      switch lit {
      case .null: return Self.constant(.null)
      case .bool(let b): return Self.constant(.bool(b))
      case .int(let i): return Self.constant(.int(i))
      case .uint(let u): return Self.constant(.uint(u))
      case .double(let d): return Self.constant(.double(d))
      case .string(let s): return Self.constant(.string(s))
      case .bytes(let b): return Self.constant(.bytes(b))
      }
    case .ident(let name):
      return resolveIdent(name, e)
    case .select(let operand, let field):
      if let qualified = qualifiedName(e), let node = resolveQualified(qualified, e) {
        return node
      }
      let base = compile(operand)
      return select(base, field: field, id: e.id)
    case .presenceTest(let operand, let field):
      let base = compile(operand)
      return presence(base, field: field, id: e.id)
    case .call(let function, let target, let args):
      return compileCall(e, function: function, target: target, args: args)
    case .list(let elements, let optionalIndices):
      return compileList(elements, optional: Set(optionalIndices))
    case .map(let entries):
      return compileMap(entries)
    case .structure(let typeName, let fields):
      return compileStructure(e, typeName: typeName, fields: fields)
    case .comprehension(let c):
      return compileComprehension(c, id: e.id)
    }
  }

  mutating func issue(_ code: CELIssue.Code, _ message: String, _ e: Expr, help: String? = nil)
    -> Node
  {
    issues.append(CELIssue(code: code, message: message, span: e.span, help: help))
    let err = Value.error(EvalError(.other, message, exprID: e.id))
    return Node(eval: { _ in err })
  }

  // MARK: - Identifiers

  func local(_ name: String) -> Int? {
    scopes.last(where: { $0.name == name })?.slot
  }

  func localType(_ name: String) -> CELType {
    scopes.last(where: { $0.name == name })?.type ?? .dyn
  }

  /// The dotted name of an identifier/selection chain (`a.b.c`), or `nil` if the chain is
  /// rooted at something else or at a comprehension variable.
  func qualifiedName(_ e: Expr) -> [String]? {
    switch e.kind {
    case .ident(let name):
      if !name.hasPrefix("."), local(name) != nil { return nil }
      return [name]
    case .select(let operand, let field):
      return qualifiedName(operand).map { $0 + [field] }
    default:
      return nil
    }
  }

  /// Resolves the longest prefix of a qualified name that names a variable or type; the rest
  /// of the chain becomes field selections. `nil` if no prefix resolves.
  mutating func resolveQualified(_ parts: [String], _ e: Expr) -> Node? {
    let ids = selectIDs(e)
    for k in stride(from: parts.count, through: 1, by: -1) {
      let name = parts[0..<k].joined(separator: ".")
      guard var node = resolveGlobal(name) else { continue }
      if traced {
        // Record the value of the resolved prefix under the id of its node.
        let inner = node.eval
        let id = ids[k - 1]
        node.eval = { f in
          let v = inner(&f)
          f.trace?.record(id, v)
          return v
        }
      }
      for j in k..<parts.count {
        node = select(node, field: parts[j], id: ids[j])
        if traced && j < parts.count - 1 {
          let inner = node.eval
          let id = ids[j]
          node.eval = { f in
            let v = inner(&f)
            f.trace?.record(id, v)
            return v
          }
        }
      }
      return node
    }
    return nil
  }

  /// Node ids along a selection chain, root first.
  private func selectIDs(_ e: Expr) -> [Int] {
    switch e.kind {
    case .select(let operand, _): return selectIDs(operand) + [e.id]
    default: return [e.id]
    }
  }

  /// A variable or type name, resolved against the container.
  func resolveGlobal(_ name: String) -> Node? {
    let candidates = environment.candidateNames(name)
    for candidate in candidates {
      if let slot = environment.slot(of: candidate) {
        let type = environment.variables[slot].type
        if environment.variables[slot].isDerived {
          // Worked out on first read when the caller evaluates with derived values; read from
          // the activation otherwise. (Not a slot path: a derived value is not a record.)
          return Node(
            eval: { f in
              if let derived = f.derived { return derived.value(ofSlot: slot) }
              return f.vars[slot]
            }, type: type, path: candidate)
        }
        return Node(
          eval: { f in f.vars[slot] }, type: type, path: candidate,
          slotPath: SlotPath(root: .variable(slot)))
      }
    }
    for candidate in candidates {
      if let t = Self.typeNamed(candidate, environment) { return Self.constant(.type(t)) }
    }
    return nil
  }

  static func typeNamed(_ name: String, _ env: Environment) -> CELType? {
    switch name {
    case "int": return .int
    case "uint": return .uint
    case "double": return .double
    case "bool": return .bool
    case "string": return .string
    case "bytes": return .bytes
    case "list": return .list(.dyn)
    case "map": return .map(key: .dyn, value: .dyn)
    case "null_type": return .null
    case "type": return .type(nil)
    case "optional_type": return .optional(.dyn)
    case "google.protobuf.Timestamp": return .timestamp
    case "google.protobuf.Duration": return .duration
    default: return env.objectType(named: name).map { .object($0.name) }
    }
  }

  mutating func resolveIdent(_ name: String, _ e: Expr) -> Node {
    if !name.hasPrefix("."), let slot = local(name) {
      return Node(
        eval: { f in f.locals[slot] }, type: localType(name), path: name,
        slotPath: SlotPath(root: .local(slot)))
    }
    if let node = resolveGlobal(name) { return node }
    let display = name.hasPrefix(".") ? String(name.dropFirst()) : name
    if environment.strictIdentifiers {
      return issue(.undeclaredReference, "undeclared reference to '\(display)'", e)
    }
    let err = Value.error(
      EvalError(.unknownIdentifier, "unknown identifier '\(display)'", exprID: e.id))
    return Node(eval: { _ in err })
  }
}
