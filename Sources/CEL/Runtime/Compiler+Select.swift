/// Field selection and presence tests.
extension Compiler {
  func objectType(of node: Node) -> ObjectType? {
    switch node.type {
    case .object(let name): return environment.objectType(named: name)
    default: return nil
    }
  }

  func select(_ base: Node, field: String, id: Int) -> Node {
    let path = base.path.map { "\($0).\(field)" }
    let baseEval = base.eval
    if let objectType = objectType(of: base), let index = objectType.index(of: field) {
      // The operand's type is known: read the slot directly.
      let declared = objectType.fields[index]
      let missing: Value =
        declared.defaultValue
        ?? .error(
          EvalError(.noSuchField, "no such field '\(field)'", exprID: id, fieldPath: path ?? field))
      if !traced, var slotPath = base.slotPath {
        slotPath.steps.append(
          SlotPath.Step(
            type: objectType, index: index, missing: missing, field: field, id: id, path: path))
        return Node(
          eval: slotPath.compile(), type: declared.type, path: path, slotPath: slotPath)
      }
      return Node(
        eval: { f in
          let v = baseEval(&f)
          if case .object(let o) = v, o.type === objectType {
            return o.slots[index] ?? missing
          }
          return Runtime.select(v, field, id: id, path: path)
        }, type: declared.type, path: path)
    }
    if let c = base.constant {
      return Self.constant(Runtime.select(c, field, id: id, path: path))
    }
    return Node(
      eval: { f in Runtime.select(baseEval(&f), field, id: id, path: path) }, path: path)
  }

  func presence(_ base: Node, field: String, id: Int) -> Node {
    let baseEval = base.eval
    if let objectType = objectType(of: base), let index = objectType.index(of: field) {
      if !traced, let slotPath = base.slotPath {
        return Node(
          eval: slotPath.presence(of: index, in: objectType, field: field, id: id), type: .bool)
      }
      return Node(
        eval: { f in
          let v = baseEval(&f)
          if case .object(let o) = v, o.type === objectType { return .bool(o.slots[index] != nil) }
          return Runtime.presence(v, field, id: id)
        }, type: .bool)
    }
    return Node(eval: { f in Runtime.presence(baseEval(&f), field, id: id) }, type: .bool)
  }
}

/// Run-time helpers shared by compiled closures.
enum Runtime {
  static func select(_ v: Value, _ field: String, id: Int, path: String?) -> Value {
    switch v {
    case .map(let m):
      if let r = m[.string(field)] { return r }
      return .error(EvalError(.noSuchKey, "no such key: '\(field)'", exprID: id))
    case .object(let o):
      guard let index = o.type.index(of: field) else {
        return .error(
          EvalError(
            .noSuchField, "no such field '\(field)' in '\(o.type.name)'", exprID: id,
            fieldPath: path ?? field))
      }
      if let r = o.slots[index] { return r }
      if let d = o.type.fields[index].defaultValue { return d }
      return .error(
        EvalError(.noSuchField, "no such field '\(field)'", exprID: id, fieldPath: path ?? field))
    case .optional(let inner):
      guard let inner else { return v }
      return optionalSelect(inner, field, id: id)
    case .error: return v
    default:
      return .error(
        EvalError(
          .noMatchingOverload,
          "type '\(v.celType.runtimeName)' does not support field selection", exprID: id))
    }
  }

  /// `v.?field`: the field as an optional, `optional.none()` when absent.
  static func optionalSelect(_ v: Value, _ field: String, id: Int) -> Value {
    switch v {
    case .optional(let inner):
      guard let inner else { return v }
      return optionalSelect(inner, field, id: id)
    case .map(let m):
      return .optional(m[.string(field)])
    case .object(let o):
      guard let index = o.type.index(of: field) else {
        return .error(
          EvalError(.noSuchField, "no such field '\(field)' in '\(o.type.name)'", exprID: id))
      }
      return .optional(o.slots[index])
    case .error: return v
    default:
      return .error(
        EvalError(
          .noMatchingOverload,
          "type '\(v.celType.runtimeName)' does not support field selection", exprID: id))
    }
  }

  static func presence(_ v: Value, _ field: String, id: Int) -> Value {
    switch v {
    case .map(let m): return .bool(m[.string(field)] != nil)
    case .object(let o):
      guard let index = o.type.index(of: field) else {
        return .error(
          EvalError(.noSuchField, "no such field '\(field)' in '\(o.type.name)'", exprID: id))
      }
      return .bool(o.slots[index] != nil)
    case .optional(let inner):
      guard let inner else { return .bool(false) }
      return presence(inner, field, id: id)
    case .error: return v
    default:
      return .error(
        EvalError(
          .noMatchingOverload,
          "type '\(v.celType.runtimeName)' does not support field selection", exprID: id))
    }
  }
}
