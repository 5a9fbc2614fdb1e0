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

  public init(
    pack: CompiledPack, now: Timestamp, showPersonal: Bool = false, params: ObjectValue? = nil
  ) {
    self.pack = pack
    self.now = now
    self.params = params ?? pack.params
    formatter = ValueFormatter(pack: pack, showPersonal: showPersonal)
    recordRules = pack.rules.filter { $0.rule.kind == .record }
  }

  /// The activation for a record: the record, params, `now` and every definition's value.
  public func activation(for record: TypedRecord) -> Activation {
    var activation = Activation(environment: pack.environment)
    activation.slots[pack.recordSlot] = .object(record.value)
    activation.slots[pack.paramsSlot] = .object(params)
    activation.slots[pack.nowSlot] = .timestamp(now)
    for d in pack.definitions {
      activation.slots[d.slot] = d.expression.program.evaluate(activation)
    }
    return activation
  }

  /// Evaluates every record rule on one record.
  /// - Returns: each rule's outcome (in rule order) and the findings, with explanations.
  public func evaluate(_ record: TypedRecord) -> (outcomes: [RuleOutcome], findings: [Finding]) {
    evaluate(record, activation: activation(for: record))
  }

  /// Evaluates every record rule on one record, with its activation already made.
  /// - Parameter findings: `false` to work out only the outcomes (no findings, no
  ///   explanations), for summaries of large exports.
  public func evaluate(_ record: TypedRecord, activation: Activation, findings wanted: Bool = true)
    -> (outcomes: [RuleOutcome], findings: [Finding])
  {
    var outcomes: [RuleOutcome] = []
    outcomes.reserveCapacity(recordRules.count)
    var findings: [Finding] = []
    let beforePack = pack.effectiveFrom.map { from in record.date.map { $0 < from } ?? false } ?? false
    for rule in recordRules {
      let outcome = beforePack ? .outsidePeriod : self.outcome(rule, record, activation)
      outcomes.append(outcome)
      guard wanted else { continue }
      switch outcome {
      case .failed:
        findings.append(violation(rule, record, activation))
      case .cannotEvaluate(let why):
        findings.append(cannotEvaluate(rule, record, activation, why: why))
      default: break
      }
    }
    return (outcomes, findings)
  }

  /// The outcome of one rule on one record.
  public func outcome(_ rule: CompiledRule, _ record: TypedRecord, _ activation: Activation)
    -> RuleOutcome
  {
    if let date = record.date {
      if let from = rule.effectiveFrom, date < from { return .outsidePeriod }
      if let until = rule.effectiveUntil, !(date < until) { return .outsidePeriod }
    }
    if let when = rule.when {
      switch when.program.evaluate(activation) {
      case .bool(true): break
      case .bool(false): return .notApplicable
      case .error(let e): return .cannotEvaluate(describe(e))
      default: return .cannotEvaluate("'when' did not give true or false")
      }
    }
    switch rule.require.program.evaluate(activation) {
    case .bool(true): return .passed
    case .bool(false): return .failed
    case .error(let e): return .cannotEvaluate(describe(e))
    default: return .cannotEvaluate("'require' did not give true or false")
    }
  }

  private func describe(_ e: EvalError) -> String {
    if let path = e.fieldPath { return "\(path) is missing" }
    return e.message
  }

  // MARK: - Findings

  private func base(_ rule: CompiledRule, _ record: TypedRecord, kind: Finding.Kind, message: String)
    -> Finding
  {
    Finding(
      rule: rule.rule.id, kind: kind, severity: rule.rule.severity, record: record.id,
      location: Finding.Location(
        file: record.location.file, line: record.location.line, column: record.location.column,
        row: record.location.row),
      message: message, title: rule.rule.title, cite: rule.rule.cite.map(\.description),
      quote: rule.rule.quote, fix: rule.rule.fix)
  }

  private func violation(_ rule: CompiledRule, _ record: TypedRecord, _ activation: Activation)
    -> Finding
  {
    var finding = base(
      rule, record, kind: .violation, message: render(rule, activation) ?? rule.rule.title)
    if let escalation = rule.rule.escalation, let condition = rule.escalateWhen,
      case .bool(true) = condition.program.evaluate(activation)
    {
      finding.severity = escalation.severity
    }
    finding.explanation = Explainer(evaluator: self).explain(rule, activation)
    return finding
  }

  private func cannotEvaluate(
    _ rule: CompiledRule, _ record: TypedRecord, _ activation: Activation, why: String
  ) -> Finding {
    var finding = base(
      rule, record, kind: .cannotEvaluate,
      message: "cannot evaluate '\(rule.rule.title)': \(why)")
    var explanation = Explainer(evaluator: self).explain(rule, activation)
    explanation.missing = why
    finding.explanation = explanation
    return finding
  }

  /// The rule's message with its `{{ }}` parts evaluated.
  public func render(_ rule: CompiledRule, _ activation: Activation) -> String? {
    guard !rule.message.isEmpty else { return nil }
    var out = ""
    for part in rule.message {
      switch part {
      case .text(let t): out += t
      case .expression(let e):
        let value = e.program.evaluate(activation)
        if !formatter.showPersonal, let path = e.parsed.root.selectPathText,
          formatter.isPersonal(path: path)
        {
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

extension Expr {
  /// The dotted path of a select chain from an identifier.
  var selectPathText: String? {
    switch kind {
    case .ident(let name): return name
    case .select(let operand, let field): return operand.selectPathText.map { "\($0).\(field)" }
    default: return nil
    }
  }
}
