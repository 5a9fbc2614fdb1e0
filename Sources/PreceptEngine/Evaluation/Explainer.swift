import CEL
import PreceptRules

/// Builds the explanation of a rule's result on a record: each sub-expression's value, the
/// definitions it used (expanded), and the params in force. What to show is planned once per
/// expression at compile time (``DisplayTerm``); here values are traced and formatted.
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
      var inner: Set<String> = []
      return Explanation.DefinitionUse(
        name: name, expr: d.expression.displayText,
        value: shown(
          activation.slots[d.slot], derived: evaluator.taint.definitions.contains(name)),
        values: terms(d.expression, activation, seen: &inner))
    }
    var paramNames = (rule.when?.paramsUsed ?? []) + rule.require.paramsUsed
    for name in definitionNames {
      paramNames += pack.definition(name)?.expression.paramsUsed ?? []
    }
    let paramsType = evaluator.params.type
    let params = Array(Set(paramNames)).sorted().compactMap { name -> Explanation.ParamUse? in
      guard let p = pack.pack.param(name), let slot = paramsType.index(of: name),
        let value = evaluator.params.slots[slot]
      else { return nil }
      return Explanation.ParamUse(name: name, value: formatter.literal(value), origin: p.origin)
    }
    return Explanation(
      when: rule.when?.displayText, condition: rule.require.displayText, values: values,
      definitions: definitions, params: params)
  }

  /// The planned terms with their traced values; duplicates (by text) across `when` and
  /// `require` are shown once.
  private func terms(
    _ expression: CompiledExpression, _ activation: Activation, seen: inout Set<String>
  ) -> [Explanation.Term] {
    var trace: [Int: Value] = [:]
    _ = expression.program.evaluate(activation, trace: &trace)
    var out: [Explanation.Term] = []
    out.reserveCapacity(expression.displayTerms.count)
    // Terms computed from personal fields; found only when personal data is hidden.
    let derived =
      formatter.showPersonal ? [] : evaluator.taint.taintedNodes(expression.parsed.root)
    for term in expression.displayTerms {
      guard let value = trace[term.id], !seen.contains(term.text) else { continue }
      // A bare identifier holding a whole record or object says nothing a reader needs.
      if term.isIdentifier, case .object = value { continue }
      seen.insert(term.text)
      let personal = term.path.map { formatter.isPersonal(path: $0) } ?? false
      let display =
        personal && !formatter.showPersonal
        ? ValueFormatter.redacted : shown(value, derived: derived.contains(term.id))
      out.append(Explanation.Term(expr: term.text, value: display, personal: personal ? true : nil))
    }
    return out
  }

  /// A value for display: redacted when it was computed from personal data and could reveal
  /// it (text, dates, lists), unless personal data is to be shown.
  private func shown(_ value: Value, derived: Bool) -> String {
    if derived, !formatter.showPersonal, !evaluator.taint.isShowable(value) {
      return ValueFormatter.redacted
    }
    return formatter.literal(value)
  }
}
