import CEL
import PreceptRules

/// What evaluating one record rule reads, per record: its programs and period. The references
/// are `unowned(unsafe)`, so the per-record loop does no reference counting on them; they are
/// valid while the rule is alive (the evaluator holds the pack, which holds its rules).
struct RuleStep: @unchecked Sendable {
  unowned(unsafe) let rule: CompiledRule
  unowned(unsafe) let when: Program?
  unowned(unsafe) let require: Program
  let effectiveFrom: Timestamp?
  let effectiveUntil: Timestamp?

  init(_ rule: CompiledRule) {
    self.rule = rule
    when = rule.when?.program
    require = rule.require.program
    effectiveFrom = rule.effectiveFrom
    effectiveUntil = rule.effectiveUntil
  }
}
