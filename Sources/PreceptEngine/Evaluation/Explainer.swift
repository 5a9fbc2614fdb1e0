import CEL
import PreceptRules

/// Builds the explanation of a rule's result on a record: each sub-expression's value, the
/// definitions it used (expanded), and the params in force. What to show is planned once per
/// expression at compile time (``DisplayTerm``) and once per evaluator (``ExplanationPlan``);
/// here values are traced and formatted.
struct Explainer {
  let evaluator: RecordEvaluator

  func explain(_ rule: CompiledRule, _ activation: Activation) -> Explanation {
    let plan = evaluator.plan.rule(rule, pack: evaluator.pack, params: evaluator.params)
    var values: [Explanation.Term] = []
    var whenShown: [Bool] = []
    if let when = rule.when {
      whenShown = [Bool](repeating: false, count: when.displayTerms.count)
      terms(when, activation, into: &values, shown: &whenShown, twins: nil)
    }
    var requireShown: [Bool] = []
    terms(
      rule.require, activation, into: &values, shown: &requireShown,
      twins: (plan.requireTwins, whenShown))
    var definitions: [Explanation.DefinitionUse] = []
    definitions.reserveCapacity(plan.definitions.count)
    for step in plan.definitions {
      let d = step.definition
      var inner: [Explanation.Term] = []
      var innerShown: [Bool] = []
      terms(d.expression, activation, into: &inner, shown: &innerShown, twins: nil)
      definitions.append(
        Explanation.DefinitionUse(
          name: step.name, expr: d.expression.displayText,
          value: shown(activation.slots[d.slot], derived: step.derived), values: inner))
    }
    return Explanation(
      when: rule.when?.displayText, condition: rule.require.displayText, values: values,
      definitions: definitions, params: plan.params)
  }

  /// Appends the planned terms with their traced values. A term is skipped when its text was
  /// already shown for `when` (`twins`: the `when` term with the same text, and which `when`
  /// terms were shown); display terms of one expression have distinct texts. `shown` is filled
  /// only when it has a slot per term.
  private func terms(
    _ expression: CompiledExpression, _ activation: Activation,
    into out: inout [Explanation.Term], shown: inout [Bool], twins: ([Int], [Bool])?
  ) {
    let plan = evaluator.plan.terms(expression)
    var trace = Trace()
    _ = expression.program.evaluate(activation, trace: &trace, recording: plan.ids)
    let showPersonal = evaluator.formatter.showPersonal
    out.reserveCapacity(out.count + expression.displayTerms.count)
    for (k, term) in expression.displayTerms.enumerated() {
      guard let value = trace[term.id] else { continue }
      if let (twin, whenShown) = twins, twin[k] >= 0, whenShown[twin[k]] { continue }
      // A bare identifier holding a whole record or object says nothing a reader needs.
      if term.isIdentifier, case .object = value { continue }
      if k < shown.count { shown[k] = true }
      let personal = plan.personal[k]
      let display =
        (personal || plan.extracted[k]) && !showPersonal
        ? ValueFormatter.redacted : self.shown(value, derived: plan.derived[k])
      out.append(Explanation.Term(expr: term.text, value: display, personal: personal ? true : nil))
    }
  }

  /// A value for display: redacted when it was computed from personal data and could reveal
  /// it (text, dates, lists), unless personal data is to be shown.
  private func shown(_ value: Value, derived: Bool) -> String {
    let formatter = evaluator.formatter
    if derived, !formatter.showPersonal, !evaluator.taint.isShowable(value) {
      return ValueFormatter.redacted
    }
    return formatter.literal(value)
  }
}
