import CEL
import Foundation
import PreceptRules

/// Evaluates the rules of a compiled pack over typed records.
public struct RecordEvaluator: Sendable {
  public let pack: CompiledPack
  /// The instant `now` evaluates to.
  public let now: Timestamp
  public let formatter: ValueFormatter
  /// The `params` value in force (the pack's, or a rule test's own).
  public let params: ObjectValue
  private let recordRules: [CompiledRule]
  /// Which expressions read personal fields.
  let taint: PersonalTaint
  /// For each record rule, the slots of the definitions its findings read (through its `when`,
  /// `require`, escalation and message, and the definitions those use): a finding's message,
  /// escalation and explanation read them from the activation. Rules themselves work
  /// definitions out when they first read them (``DerivedValues``).
  private let findingDefinitionSlots: [[Int]]
  /// Per record rule, what the per-record loop reads, without reference counting.
  private let steps: [RuleStep]
  /// Each definition's slot (parallel to `pack.definitions`).
  private let definitionSlots: [Int]
  /// By activation slot, each definition's program: rules work definitions out when they
  /// first read them (``DerivedValues``).
  private let derivedPrograms: [Program?]
  /// Each record rule's citations as text.
  private let cites: [[String]]
  /// What explanations need that does not depend on the record.
  let plan: ExplanationPlan
  /// An activation with params and `now` set, copied for each record.
  private let template: Activation

  public init(
    pack: CompiledPack, now: Timestamp, showPersonal: Bool = false, params: ObjectValue? = nil
  ) {
    self.pack = pack
    self.now = now
    self.params = params ?? pack.params
    formatter = ValueFormatter(pack: pack, showPersonal: showPersonal)
    recordRules = pack.rules.filter { $0.rule.kind == .record }
    taint = PersonalTaint(pack: pack)
    plan = ExplanationPlan(pack: pack, formatter: formatter, taint: taint, params: self.params)
    definitionSlots = pack.definitions.map(\.slot)
    var programs = [Program?](repeating: nil, count: pack.environment.variables.count)
    for d in pack.definitions { programs[d.slot] = d.expression.program }
    derivedPrograms = programs
    cites = recordRules.map { $0.rule.cite.map(\.description) }
    let closure = pack.definitionIndices(usedBy:)
    findingDefinitionSlots = recordRules.map { rule in
      var names =
        (rule.when?.definitionsUsed ?? []) + rule.require.definitionsUsed
        + (rule.escalateWhen?.definitionsUsed ?? [])
      for part in rule.message {
        if case .expression(let e) = part { names += e.definitionsUsed }
      }
      return closure(names).map { pack.definitions[$0].slot }
    }
    steps = recordRules.map(RuleStep.init)
    var template = Activation(environment: pack.environment)
    template.slots[pack.paramsSlot] = .object(self.params)
    template.slots[pack.nowSlot] = .timestamp(now)
    self.template = template
  }

  /// The activation for a record: the record, params, `now` and every definition's value.
  public func activation(for record: TypedRecord) -> Activation {
    var activation = template
    activation.slots[pack.recordSlot] = .object(record.value)
    for d in pack.definitions {
      activation.slots[d.slot] = d.expression.program.evaluate(activation)
    }
    return activation
  }

  /// Evaluates every record rule on one record.
  /// - Returns: each rule's outcome (in rule order) and the findings, with explanations.
  public func evaluate(_ record: TypedRecord) -> (outcomes: [RuleOutcome], findings: [Finding]) {
    let result = evaluate(record, findings: true, definitions: [])
    return (result.outcomes, result.findings)
  }

  /// The indices (into `pack.definitions`, in dependency order) of the named definitions and
  /// of every definition they use.
  public func definitionIndices(_ names: [String]) -> [Int] {
    pack.definitionIndices(usedBy: names)
  }

  /// Evaluates every record rule on one record and returns the activation too, with at least
  /// `definitions` (from ``definitionIndices(_:)``) evaluated, for aggregate rules and reports.
  /// - Parameter findings: `false` to work out only the outcomes (no findings, no
  ///   explanations), for summaries of large exports.
  public func evaluate(_ record: TypedRecord, findings wanted: Bool, definitions: [Int])
    -> (outcomes: [RuleOutcome], findings: [Finding], activation: Activation)
  {
    var outcomes: [RuleOutcome] = []
    outcomes.reserveCapacity(recordRules.count)
    var findings: [Finding] = []
    let beforePack =
      pack.effectiveFrom.map { from in record.date.map { $0 < from } ?? false } ?? false
    // Definitions are worked out when a rule first reads them, once per record: a rule that
    // reads one only in a branch it does not take does not pay for it.
    let derived: DerivedValues
    do {
      var activation = template
      activation.slots[pack.recordSlot] = .object(record.value)
      // Handed over whole, so that setting definitions in it later copies nothing.
      derived = DerivedValues(programs: derivedPrograms, activation: activation)
    }
    for i in steps.indices {
      if beforePack {
        outcomes.append(.outsidePeriod)
        continue
      }
      let step = steps[i]
      let outcome: RuleOutcome
      if let early = applicability(step, record, derived) {
        outcome = early
      } else {
        outcome = requirement(step, derived)
      }
      outcomes.append(outcome)
      guard wanted else { continue }
      switch outcome {
      case .failed:
        // Explanations, messages and escalations read the rule's definitions from the
        // activation.
        for slot in findingDefinitionSlots[i] { derived.settle(slot) }
        findings.append(violation(step.rule, record, derived.activation, cite: cites[i]))
      case .cannotEvaluate(let why):
        for slot in findingDefinitionSlots[i] { derived.settle(slot) }
        findings.append(
          cannotEvaluate(step.rule, record, derived.activation, why: why, cite: cites[i]))
      default: break
      }
    }
    for i in definitions { derived.settle(definitionSlots[i]) }
    return (outcomes, findings, derived.activation)
  }

  /// The outcome of one rule on one record, with the definitions' values in `activation` (as
  /// ``activation(for:)`` sets them) rather than worked out again.
  public func outcome(_ rule: CompiledRule, _ record: TypedRecord, _ activation: Activation)
    -> RuleOutcome
  {
    let step = RuleStep(rule)
    // No programs: every definition is read from the activation.
    let derived = DerivedValues(programs: [], activation: activation)
    return withExtendedLifetime(rule) {
      applicability(step, record, derived) ?? requirement(step, derived)
    }
  }

  /// Why the rule does not apply to the record, or `nil` when it does (in its period and
  /// `when` holds).
  private func applicability(
    _ step: RuleStep, _ record: TypedRecord, _ derived: DerivedValues
  ) -> RuleOutcome? {
    if let date = record.date {
      if let from = step.effectiveFrom, date < from { return .outsidePeriod }
      if let until = step.effectiveUntil, !(date < until) { return .outsidePeriod }
    }
    if let when = step.when {
      switch when.evaluate(derived.activation, derived: derived) {
      case .bool(true): return nil
      case .bool(false): return .notApplicable
      case .error(let e): return .cannotEvaluate(describe(e, in: step.rule.when!))
      default: return .cannotEvaluate("'when' did not give true or false")
      }
    }
    return nil
  }

  /// The result of `require` on a record the rule applies to.
  private func requirement(_ step: RuleStep, _ derived: DerivedValues) -> RuleOutcome {
    switch step.require.evaluate(derived.activation, derived: derived) {
    case .bool(true): return .passed
    case .bool(false): return .failed
    case .error(let e): return .cannotEvaluate(describe(e, in: step.rule.require))
    default: return .cannotEvaluate("'require' did not give true or false")
    }
  }

  /// An expression's value for display (`precept eval`): redacted when it was computed from
  /// personal fields and could reveal them, unless personal data is to be shown.
  public func display(_ value: Value, of expression: CompiledExpression) -> String {
    if case .error(let e) = value { return "error: \(describe(e, in: expression))" }
    if !formatter.showPersonal, taint.reads(expression), !taint.isShowable(value) {
      return ValueFormatter.redacted
    }
    return formatter.literal(value)
  }

  private func describe(_ e: EvalError, in expression: CompiledExpression) -> String {
    if let path = e.fieldPath { return "\(path) is missing" }
    // Errors can quote the value they failed on (`cannot convert 'Sam' to int`).
    if !formatter.showPersonal, taint.reads(expression) {
      return PersonalTaint.withoutQuotedValues(e.message)
    }
    return e.message
  }

  // MARK: - Findings

  private func base(
    _ rule: CompiledRule, _ record: TypedRecord, kind: Finding.Kind, message: String,
    cite: [String]
  ) -> Finding {
    Finding(
      rule: rule.rule.id, kind: kind, severity: rule.rule.severity, record: record.id,
      location: Finding.Location(
        file: record.location.file, line: record.location.line, column: record.location.column,
        row: record.location.row),
      message: message, title: rule.rule.title, cite: cite,
      quote: rule.rule.quote, fix: rule.plainFix)
  }

  private func violation(
    _ rule: CompiledRule, _ record: TypedRecord, _ activation: Activation, cite: [String]
  ) -> Finding {
    var finding = base(
      rule, record, kind: .violation, message: render(rule, activation) ?? rule.rule.title,
      cite: cite)
    if let escalation = rule.rule.escalation, let condition = rule.escalateWhen {
      // A condition that cannot be evaluated (a missing or overflowing value) cannot rule the
      // serious case out: the finding takes the escalated severity then too.
      switch condition.program.evaluate(activation) {
      case .bool(false): break
      default: finding.severity = escalation.severity
      }
    }
    if !rule.fix.isEmpty { finding.fix = render(rule.fix, activation) }
    finding.explanation = Explainer(evaluator: self).explain(rule, activation)
    return finding
  }

  private func cannotEvaluate(
    _ rule: CompiledRule, _ record: TypedRecord, _ activation: Activation, why: String,
    cite: [String]
  ) -> Finding {
    var finding = base(
      rule, record, kind: .cannotEvaluate,
      message: "cannot evaluate '\(rule.rule.title)': \(why)", cite: cite)
    if !rule.fix.isEmpty { finding.fix = render(rule.fix, activation) }
    var explanation = Explainer(evaluator: self).explain(rule, activation)
    explanation.missing = why
    finding.explanation = explanation
    return finding
  }

  /// The rule's message with its `{{ }}` parts evaluated.
  public func render(_ rule: CompiledRule, _ activation: Activation) -> String? {
    guard !rule.message.isEmpty else { return nil }
    return render(rule.message, activation)
  }

  /// A template's text, its values redacted as messages redact them.
  func render(_ parts: [CompiledTemplatePart], _ activation: Activation) -> String {
    var out = ""
    for part in parts {
      switch part {
      case .text(let t): out += t
      case .expression(let e):
        let value = e.program.evaluate(activation)
        let expressionPlan = plan.terms(e)
        if !formatter.showPersonal, expressionPlan.rootPersonal {
          out += ValueFormatter.redacted
        } else if !formatter.showPersonal, expressionPlan.reads, !taint.isShowable(value) {
          out += ValueFormatter.redacted
        } else if case .error(let err) = value {
          out += err.fieldPath.map { "(\($0) missing)" } ?? "(unknown)"
        } else {
          out += formatter.text(value)
        }
      }
    }
    return out
  }
}
