/// Comprehensions: the loops that macros expand into.
extension Compiler {
  mutating func newLocal(_ name: String) -> Int {
    let slot = localCount
    localCount += 1
    scopes.append((name, slot))
    return slot
  }

  mutating func compileComprehension(_ c: Comprehension, id: Int) -> Node {
    let range = compile(c.iterRange).eval
    let initial = compile(c.accuInit).eval
    let accu = newLocal(c.accuVar)
    if c.accuVar.hasPrefix("@") || c.accuVar.hasPrefix("__") { accumulatorSlots.insert(accu) }
    let iter = newLocal(c.iterVar)
    let iter2 = c.iterVar2.map { newLocal($0) }
    let condition = compile(c.loopCondition)
    let step = compile(c.loopStep).eval
    scopes.removeLast(iter2 == nil ? 1 : 2)
    let result = compile(c.result)
    scopes.removeLast()
    let resultEval = result.eval
    let cond = condition.eval
    let alwaysTrue: Bool
    if case .bool(true)? = condition.constant { alwaysTrue = true } else { alwaysTrue = false }
    return Node(
      eval: { f in
        let r = range(&f)
        f.locals[accu] = initial(&f)
        switch r {
        case .list(let list):
          for (i, element) in list.enumerated() {
            f.budget -= 1
            if f.budget < 0 { return .error(.costExceeded) }
            if let iter2 {
              f.locals[iter] = .int(Int64(i))
              f.locals[iter2] = element
            } else {
              f.locals[iter] = element
            }
            if !alwaysTrue, case .bool(false) = cond(&f) { break }
            f.locals[accu] = step(&f)
          }
        case .map(let map):
          for key in map.keys {
            f.budget -= 1
            if f.budget < 0 { return .error(.costExceeded) }
            f.locals[iter] = key.value
            if let iter2 { f.locals[iter2] = map[key]! }
            if !alwaysTrue, case .bool(false) = cond(&f) { break }
            f.locals[accu] = step(&f)
          }
        case .error: return r
        default:
          return .error(
            EvalError(
              .noMatchingOverload,
              "cannot iterate over a value of type '\(r.celType.runtimeName)'", exprID: id))
        }
        let v = resultEval(&f)
        f.locals[accu] = .null
        return v
      }, type: result.type)
  }
}
