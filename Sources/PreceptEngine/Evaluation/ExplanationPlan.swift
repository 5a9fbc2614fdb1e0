import CEL
import PreceptRules

/// What explaining a finding needs that does not depend on the record, worked out once per
/// evaluator: which display terms are personal or computed from personal data, which
/// definitions a rule uses (in the order explanations list them) and the params in force.
final class ExplanationPlan: Sendable {
  /// Per display term of an expression (aligned with ``CompiledExpression/displayTerms``).
  struct Terms: Sendable {
    /// The term is, or lies inside, a personal field.
    let personal: [Bool]
    /// The term's value is computed from personal data (always `false` when personal data is
    /// shown).
    let derived: [Bool]
    /// The term extracts a component of personal data (a birth year): always redacted when
    /// personal data is hidden, even when it is a number.
    let extracted: [Bool]
    /// The whole expression is a personal field path (`incident.pupil.name`).
    let rootPersonal: Bool
    /// The expression reads personal data.
    let reads: Bool
    /// The node ids of the display terms: the values a traced evaluation must record.
    let ids: Set<Int>
  }

  /// A definition an explanation expands.
  struct DefinitionStep: Sendable {
    let name: String
    let definition: CompiledDefinition
    /// Its value derives from personal data.
    let derived: Bool
  }

  /// Per rule.
  struct Rule: Sendable {
    /// The definitions the rule's conditions use, directly or through other definitions.
    let definitions: [DefinitionStep]
    /// For each display term of `require`: the index of the `when` term with the same text, or
    /// -1 (a term already shown for `when` is not repeated).
    let requireTwins: [Int]
    let params: [Explanation.ParamUse]
  }

  private let terms: [ObjectIdentifier: Terms]
  private let rules: [ObjectIdentifier: Rule]
  private let formatter: ValueFormatter
  private let taint: PersonalTaint

  init(
    pack: CompiledPack, formatter: ValueFormatter, taint: PersonalTaint, params: ObjectValue
  ) {
    self.formatter = formatter
    self.taint = taint
    var expressions = pack.definitions.map(\.expression)
    for rule in pack.rules {
      expressions += [rule.when, rule.require, rule.escalateWhen].compactMap { $0 }
      for case .expression(let e) in rule.message { expressions.append(e) }
    }
    var terms: [ObjectIdentifier: Terms] = [:]
    for e in expressions where terms[ObjectIdentifier(e)] == nil {
      terms[ObjectIdentifier(e)] = Self.terms(e, formatter: formatter, taint: taint)
    }
    self.terms = terms
    var rules: [ObjectIdentifier: Rule] = [:]
    for rule in pack.rules {
      rules[ObjectIdentifier(rule)] = Self.rule(
        rule, pack: pack, formatter: formatter, taint: taint, params: params)
    }
    self.rules = rules
  }

  /// The plan of an expression's display terms, and whether it reads personal data.
  func terms(_ expression: CompiledExpression) -> Terms {
    terms[ObjectIdentifier(expression)]
      ?? Self.terms(expression, formatter: formatter, taint: taint)
  }

  /// The plan of a rule's explanation; `params` is the value in force.
  func rule(_ rule: CompiledRule, pack: CompiledPack, params: ObjectValue) -> Rule {
    rules[ObjectIdentifier(rule)]
      ?? Self.rule(rule, pack: pack, formatter: formatter, taint: taint, params: params)
  }

  private static func terms(
    _ expression: CompiledExpression, formatter: ValueFormatter, taint: PersonalTaint
  ) -> Terms {
    // Terms computed from personal fields; found only when personal data is hidden.
    let derived = formatter.showPersonal ? [] : taint.taintedNodes(expression)
    let extracted =
      derived.isEmpty ? [] : taint.extractionNodes(expression.parsed.root, tainted: derived)
    return Terms(
      personal: expression.displayTerms.map { term in
        term.path.map { formatter.isPersonal(path: $0) } ?? false
      },
      derived: expression.displayTerms.map { derived.contains($0.id) },
      extracted: expression.displayTerms.map { extracted.contains($0.id) },
      rootPersonal: expression.parsed.root.selectPath.map { formatter.isPersonal(path: $0) }
        ?? false,
      reads: taint.reads(expression), ids: Set(expression.displayTerms.map(\.id)))
  }

  private static func rule(
    _ rule: CompiledRule, pack: CompiledPack, formatter: ValueFormatter, taint: PersonalTaint,
    params: ObjectValue
  ) -> Rule {
    let steps = pack.definitionsUsed(
      by: (rule.when?.definitionsUsed ?? []) + rule.require.definitionsUsed
    ).map { d in
      DefinitionStep(
        name: d.definition.name, definition: d,
        derived: taint.definitions.contains(d.definition.name))
    }
    var twins: [Int] = []
    let whenTerms = rule.when?.displayTerms ?? []
    for term in rule.require.displayTerms {
      twins.append(whenTerms.firstIndex { $0.text == term.text } ?? -1)
    }
    var paramNames = (rule.when?.paramsUsed ?? []) + rule.require.paramsUsed
    for step in steps {
      paramNames += step.definition.expression.paramsUsed
    }
    let paramsType = params.type
    let uses = Array(Set(paramNames)).sorted().compactMap { name -> Explanation.ParamUse? in
      guard let p = pack.pack.param(name), let slot = paramsType.index(of: name),
        let value = params.slots[slot]
      else { return nil }
      return Explanation.ParamUse(name: name, value: formatter.literal(value), origin: p.origin)
    }
    return Rule(definitions: steps, requireTwins: twins, params: uses)
  }
}
