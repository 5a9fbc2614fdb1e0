/// A chain of field selections over declared message types, starting at a variable or
/// comprehension slot: `incident.pupil.age_at_incident`. Compiled into one closure that walks
/// the slots, instead of one closure per selection.
struct SlotPath {
  enum Root {
    case variable(Int)
    case local(Int)
  }

  /// One selection whose operand type is known.
  struct Step {
    let type: ObjectType
    let index: Int
    /// The value of an absent field: its default, or a `noSuchField` error.
    let missing: Value
    let field: String
    let id: Int
    let path: String?
  }

  var root: Root
  var steps: [Step] = []

  /// Follows steps from a value, falling back to dynamic selection when a value is not of the
  /// expected type.
  static func walk(_ start: Value, _ steps: ArraySlice<Step>) -> Value {
    var v = start
    for step in steps {
      if case .object(let o) = v, o.type === step.type {
        v = o.slots[step.index] ?? step.missing
      } else {
        v = Runtime.select(v, step.field, id: step.id, path: step.path)
      }
      if case .error = v { return v }
    }
    return v
  }

  /// The closure reading the path; unrolled for the common short chains.
  func compile() -> Eval {
    let steps = self.steps
    switch root {
    case .variable(let slot):
      switch steps.count {
      case 0: return { f in f.vars[slot] }
      case 1:
        let s0 = steps[0]
        return { f in
          if case .object(let o) = f.vars[slot], o.type === s0.type {
            return o.slots[s0.index] ?? s0.missing
          }
          return Self.walk(f.vars[slot], steps[...])
        }
      case 2:
        let s0 = steps[0]
        let s1 = steps[1]
        return { f in
          if case .object(let o) = f.vars[slot], o.type === s0.type,
            case .object(let o1)? = o.slots[s0.index], o1.type === s1.type
          {
            return o1.slots[s1.index] ?? s1.missing
          }
          return Self.walk(f.vars[slot], steps[...])
        }
      case 3:
        let s0 = steps[0]
        let s1 = steps[1]
        let s2 = steps[2]
        return { f in
          if case .object(let o) = f.vars[slot], o.type === s0.type,
            case .object(let o1)? = o.slots[s0.index], o1.type === s1.type,
            case .object(let o2)? = o1.slots[s1.index], o2.type === s2.type
          {
            return o2.slots[s2.index] ?? s2.missing
          }
          return Self.walk(f.vars[slot], steps[...])
        }
      default:
        return { f in Self.walk(f.vars[slot], steps[...]) }
      }
    case .local(let slot):
      if steps.isEmpty { return { f in f.locals[slot] } }
      if steps.count == 1 {
        let s0 = steps[0]
        return { f in
          if case .object(let o) = f.locals[slot], o.type === s0.type {
            return o.slots[s0.index] ?? s0.missing
          }
          return Self.walk(f.locals[slot], steps[...])
        }
      }
      return { f in Self.walk(f.locals[slot], steps[...]) }
    }
  }

  /// The closure of `has(path.field)`, where the path's value is of `type` and `field` is its
  /// field `index`: walks the path and tests the slot without taking the field's value.
  func presence(of index: Int, in type: ObjectType, field: String, id: Int) -> Eval {
    let steps = self.steps
    if case .variable(let slot) = root {
      switch steps.count {
      case 0:
        return { f in
          if case .object(let o) = f.vars[slot], o.type === type {
            return .bool(o.slots[index] != nil)
          }
          return Runtime.presence(f.vars[slot], field, id: id)
        }
      case 1:
        let s0 = steps[0]
        return { f in
          if case .object(let o) = f.vars[slot], o.type === s0.type {
            if case .object(let o1)? = o.slots[s0.index], o1.type === type {
              return .bool(o1.slots[index] != nil)
            }
            return Runtime.presence(o.slots[s0.index] ?? s0.missing, field, id: id)
          }
          return Runtime.presence(Self.walk(f.vars[slot], steps[...]), field, id: id)
        }
      default: break
      }
    }
    let base = compile()
    return { f in
      let v = base(&f)
      if case .object(let o) = v, o.type === type { return .bool(o.slots[index] != nil) }
      return Runtime.presence(v, field, id: id)
    }
  }
}
