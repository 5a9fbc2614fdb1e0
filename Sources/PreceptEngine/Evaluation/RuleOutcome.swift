/// What happened when one rule met one record.
public enum RuleOutcome: Sendable, Hashable {
  case passed
  case failed
  /// A field it needs is missing, or evaluation failed; the payload says which or why.
  case cannotEvaluate(String)
  /// `when` was false.
  case notApplicable
  /// The record is dated outside the rule's (or the pack's) period.
  case outsidePeriod
}
