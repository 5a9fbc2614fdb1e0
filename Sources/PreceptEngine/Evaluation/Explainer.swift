import CEL
import PreceptRules

/// Builds the explanation of a rule's result on a record: each sub-expression's value, the
/// definitions it used (expanded), and the params in force.
struct Explainer {
  let evaluator: RecordEvaluator

  private var pack: CompiledPack { evaluator.pack }
  private var formatter: ValueFormatter { evaluator.formatter }

  func explain(_ rule: CompiledRule, _ activation: Activation) -> Explanation {
    var values: [Explanation.Term] = []
    var seen: Set<String> = []
    if let when = rule.when { values += terms(when, activation, seen: &seen) }
    values += terms(rule.require, activation, seen: &seen)

    var definitionNames: [String] = []
    var pending = (rule.when?.definitionsUsed ?? []) + rule.require.definitionsUsed
    while let name = pending.first {
      pending.removeFirst()
      guard !definitionNames.contains(name), let d = pack.definition(name) else { continue }
      definitionNames.append(name)
      pending += d.expression.definitionsUsed
    }
    let definitions = definitionNames.compactMap { name -> Explanation.DefinitionUse? in
      guard let d = pack.definition(name) else { return nil }
      // The definition's own text and value are shown already.
      var inner: Set<String> = [normalized(d.expression.text.text)]
      return Explanation.DefinitionUse(
        name: name, expr: normalized(d.expression.text.text),
        value: formatter.literal(activation.slots[d.slot]),
        values: terms(d.expression, activation, seen: &inner))
    }
    var paramNames = (rule.when?.paramsUsed ?? []) + rule.require.paramsUsed
    for name in definitionNames {
      paramNames += pack.definition(name)?.expression.paramsUsed ?? []
    }
    let params = Array(Set(paramNames)).sorted().compactMap { name -> Explanation.ParamUse? in
      guard let p = pack.pack.param(name) else { return nil }
      return Explanation.ParamUse(name: name, value: formatter.literal(p.value), origin: p.origin)
    }
    return Explanation(
      when: rule.when.map { normalized($0.text.text) },
      condition: normalized(rule.require.text.text), values: values, definitions: definitions,
      params: params)
  }

  /// Sub-expressions with their values, outermost first; literals, duplicates and the
  /// insides of macros are left out.
  private func terms(
    _ expression: CompiledExpression, _ activation: Activation, seen: inout Set<String>
  ) -> [Explanation.Term] {
    var trace: [Int: Value] = [:]
    _ = expression.program.evaluate(activation, trace: &trace)
    var out: [Explanation.Term] = []
    func visit(_ e: Expr, parentFunction: String? = nil) {
      switch e.kind {
      case .literal: return
      case .list(let elements, _) where elements.allSatisfy({ if case .literal = $0.kind { return true } else { return false } }):
        return
      default: break
      }
      let text = balanced(normalized(expression.parsed.text(of: e.span)))
      // `a && b && c` is parsed as a tree; its inner `&&` nodes are not what the author wrote.
      var isInnerChain = false
      if case .call(let f, nil, _) = e.kind, f == parentFunction,
        f == Operator.logicalAnd || f == Operator.logicalOr
      {
        isInnerChain = true
      }
      // The root is the condition itself, printed above its terms.
      let isRoot = e.id == expression.parsed.root.id
      if let value = trace[e.id], !seen.contains(text), !isWholeObject(e, value), !isInnerChain,
        !isRoot
      {
        seen.insert(text)
        let path = e.selectPathText
        let personal = path.map { formatter.isPersonal(path: $0) } ?? false
        let shown = personal && !formatter.showPersonal ? ValueFormatter.redacted : formatter.literal(value)
        out.append(Explanation.Term(expr: text, value: shown, personal: personal ? true : nil))
      }
      switch e.kind {
      case .comprehension:
        return  // the macro call as a whole is enough
      case .select(let operand, _), .presenceTest(let operand, _):
        // A path is shown whole: `incident.seclusion.supervision`, not each prefix.
        if operand.selectPathText == nil { visit(operand) }
      case .call(let function, let target, let args):
        if let target { visit(target) }
        for a in args { visit(a, parentFunction: function) }
      case .list(let elements, _):
        for x in elements { visit(x) }
      case .map(let entries):
        for x in entries { visit(x.value) }
      default: break
      }
    }
    visit(expression.parsed.root)
    return out
  }

  /// A bare identifier holding a whole record or object says nothing a reader needs.
  private func isWholeObject(_ e: Expr, _ value: Value) -> Bool {
    if case .ident = e.kind, case .object = value { return true }
    return false
  }

  /// Spans exclude the parentheses around an operand, so a sub-expression's text can open or
  /// close more than it should (`a || b) && c`); restore the balance for display.
  private func balanced(_ text: String) -> String {
    var depth = 0
    var missingOpen = 0
    var inString: Character?
    for c in text {
      if let q = inString {
        if c == q { inString = nil }
        continue
      }
      switch c {
      case "'", "\"": inString = c
      case "(": depth += 1
      case ")":
        if depth == 0 { missingOpen += 1 } else { depth -= 1 }
      default: break
      }
    }
    return String(repeating: "(", count: missingOpen) + text + String(repeating: ")", count: depth)
  }

  /// Collapses the whitespace of multi-line expressions.
  private func normalized(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
  }
}
