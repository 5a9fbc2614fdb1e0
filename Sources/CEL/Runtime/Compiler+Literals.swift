/// List, map and message literals.
extension Compiler {
  /// A list literal of compiled elements folded to a constant (its first error, if an
  /// element is one), or `nil` when some element is not constant.
  static func foldedList(_ nodes: [Node]) -> Node? {
    guard nodes.allSatisfy({ $0.constant != nil }) else { return nil }
    let values = nodes.map { $0.constant! }
    return constant(values.first(where: \.isError) ?? .list(values))
  }

  mutating func compileList(_ elements: [Expr], optional: Set<Int>) -> Node {
    let nodes = elements.map { compile($0) }
    if optional.isEmpty, let folded = Self.foldedList(nodes) { return folded }
    let evals = nodes.map(\.eval)
    let flags = elements.indices.map { optional.contains($0) }
    return Node(
      eval: { f in
        var out: [Value] = []
        out.reserveCapacity(evals.count)
        for i in evals.indices {
          let v = evals[i](&f)
          if case .error = v { return v }
          if flags[i] {
            guard case .optional(let inner) = v else {
              return Value.noOverload("optional list element", [v])
            }
            if let inner { out.append(inner) }
          } else {
            out.append(v)
          }
        }
        return .list(out)
      }, type: .list(.dyn))
  }

  static func buildMap(_ pairs: [(Value, Value, Bool)]) -> Value {
    var map = MapValue()
    for (k, v, isOptional) in pairs {
      if case .error = k { return k }
      if case .error = v { return v }
      var value = v
      if isOptional {
        guard case .optional(let inner) = v else {
          return Value.noOverload("optional map entry", [v])
        }
        guard let inner else { continue }
        value = inner
      }
      guard let key = MapKey(k) else {
        return .error(.invalidArgument, "unsupported map key type '\(k.celType.runtimeName)'")
      }
      if map.containsKey(k) { return .error(.invalidArgument, "repeated map key \(k)") }
      map.insert(key, value)
    }
    return .map(map)
  }

  mutating func compileMap(_ entries: [MapEntry]) -> Node {
    let keys = entries.map { compile($0.key) }
    let values = entries.map { compile($0.value) }
    let flags = entries.map(\.isOptional)
    if keys.allSatisfy({ $0.constant != nil }) && values.allSatisfy({ $0.constant != nil }) {
      let pairs = entries.indices.map { (keys[$0].constant!, values[$0].constant!, flags[$0]) }
      return Self.constant(Self.buildMap(pairs))
    }
    let keyEvals = keys.map(\.eval)
    let valueEvals = values.map(\.eval)
    return Node(
      eval: { f in
        var pairs: [(Value, Value, Bool)] = []
        pairs.reserveCapacity(keyEvals.count)
        for i in keyEvals.indices {
          let k = keyEvals[i](&f)
          if case .error = k { return k }
          let v = valueEvals[i](&f)
          if case .error = v { return v }
          pairs.append((k, v, flags[i]))
        }
        return Self.buildMap(pairs)
      }, type: .map(key: .dyn, value: .dyn))
  }

  mutating func compileStructure(_ e: Expr, typeName: String, fields: [StructField]) -> Node {
    var resolved: ObjectType?
    for candidate in environment.candidateNames(typeName) {
      if let t = environment.objectType(named: candidate) {
        resolved = t
        break
      }
    }
    guard let objectType = resolved else {
      return issue(.undeclaredReference, "undeclared message type '\(typeName)'", e)
    }
    var slots: [Int] = []
    var evals: [Eval] = []
    var flags: [Bool] = []
    for field in fields {
      guard let index = objectType.index(of: field.name) else {
        return issue(
          .undefinedField, "message type '\(objectType.name)' has no field '\(field.name)'", e)
      }
      slots.append(index)
      evals.append(compile(field.value).eval)
      flags.append(field.isOptional)
    }
    return Node(
      eval: { f in
        let object = ObjectValue(type: objectType)
        for i in evals.indices {
          let v = evals[i](&f)
          if case .error = v { return v }
          if flags[i] {
            guard case .optional(let inner) = v else {
              return Value.noOverload("optional field", [v])
            }
            object.slots[slots[i]] = inner
          } else {
            object.slots[slots[i]] = v
          }
        }
        return .object(object)
      }, type: .object(objectType.name))
  }
}
