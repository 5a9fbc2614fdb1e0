import PreceptRules

/// The outcome of a check run: what was read, what was found. Reporters render it.
public struct CheckReport: Sendable, Codable {
  public struct Tool: Sendable, Codable {
    public var name: String
    public var version: String
  }

  public struct PackInfo: Sendable, Codable {
    public var id: String
    public var version: String
    public var title: String
    /// Overlays applied, base first.
    public var lineage: [String]
  }

  /// Counts for one rule over the run.
  public struct RuleCounts: Sendable, Codable, Hashable {
    public var rule: String
    public var title: String
    public var severity: Severity
    public var cite: [String]
    /// Records the rule applied to (`when` true, within its period).
    public var applied: Int
    public var passed: Int
    public var failed: Int
    public var cannotEvaluate: Int
    /// Records where `when` was false.
    public var notApplicable: Int
    /// Records dated outside the rule's period.
    public var outsidePeriod: Int
    public var waived: Int

    enum CodingKeys: String, CodingKey {
      case rule, title, severity, cite, applied, passed, failed
      case cannotEvaluate = "cannot_evaluate"
      case notApplicable = "not_applicable"
      case outsidePeriod = "outside_period"
      case waived
    }
  }

  /// The run's totals: every record read is evaluated or rejected.
  public struct Summary: Sendable, Codable {
    public var read: Int
    public var evaluated: Int
    public var rejected: Int
    /// Findings by severity (`error`, `warning`, `info`), waived ones excluded.
    public var findings: [String: Int]
    public var waived: Int
    public var inputs: [String]
  }

  public var tool: Tool
  public var pack: PackInfo
  public var summary: Summary
  /// Findings in a deterministic order: by file, line, column, rule.
  public var findings: [Finding]
  public var rules: [RuleCounts]
  /// Run-level notes (unknown columns, etc.), deterministic.
  public var notes: [String]
  /// Figures of each group of pupils of the disproportionality rules (only with a roster).
  public var groups: [GroupMeasures]? = nil

  /// The most serious severity among unwaived findings (from the summary's counts, which
  /// are complete also when the findings were streamed rather than kept).
  public var worstSeverity: Severity? {
    [Severity.error, .warning, .info].first { (summary.findings[$0.rawValue] ?? 0) > 0 }
  }
}
