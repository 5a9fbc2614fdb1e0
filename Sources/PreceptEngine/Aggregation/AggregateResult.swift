import CEL
import PreceptRules

/// One group of a pattern rule, with its busiest window.
public struct PatternGroup: Sendable, Hashable {
  public var rule: String
  /// The group key (`P-1042`).
  public var key: String
  /// The `split_by` item (`change_of_staff`), or `""`.
  public var item: String
  /// The most counted records within one window.
  public var count: Int
  /// All counted records of the group.
  public var total: Int
  /// The first and last record of the busiest window.
  public var first: Timestamp
  public var last: Timestamp
  /// The rule failed for the group.
  public var fired: Bool
  /// The severity of its finding.
  public var severity: Severity = .warning
}

/// What the aggregate rules found after the last record.
public struct AggregateResult: Sendable {
  public var findings: [Finding]
  public var counts: [CheckReport.RuleCounts]
  /// Figures of every group of every disproportionality rule (empty without a roster).
  public var groups: [GroupMeasures]
  /// The groups of the pattern rules that fired (the others are only counted: a large export
  /// has hundreds of thousands of groups).
  public var patterns: [PatternGroup]
  /// Whether the findings of `patterns` were left out of `findings` (kept as their figures, in
  /// report order, and made one at a time by ``AggregateEvaluator/patternFinding(_:)``).
  public var patternFindingsHeld = false
  /// Makes the finding of one of `patterns` (waiver noted), when they were held.
  public var patternFinding: (@Sendable (PatternGroup) -> Finding)? = nil
  /// Makers like ``patternFinding`` that may run at the same time as it and as one another
  /// (each evaluates with a compilation of the pack of its own); empty when there is one.
  public var concurrentPatternFindings: [@Sendable (PatternGroup) -> Finding] = []
  /// Pupils on the roster, when one was given.
  public var rosterPupils: Int? = nil
  /// Run-level notes (incidents of pupils not on the roster).
  public var notes: [String] = []
}
