import PreceptRules

/// The trust's data review of a period: what happened, to whom (by pseudonymous id only),
/// how it compares across groups of pupils, and what the compliance rules found. Built by
/// ``ReviewBuilder``; rendered as HTML, Markdown or JSON. Deterministic for the same input.
///
/// It holds no personal field of the schema: pupils appear by their pseudonymous id, and
/// messages come from aggregate rules, which cannot see the record.
public struct ReviewReport: Sendable, Codable {
  /// The period the review covers.
  public struct Period: Sendable, Codable, Hashable {
    /// The first and last day asked for (`--from`, `--to`), or else of the incidents.
    public var from: String?
    public var to: String?
  }

  /// Headline numbers.
  public struct Totals: Sendable, Codable, Hashable {
    /// Incident records reviewed.
    public var incidents: Int
    /// Records with a restrictive intervention (any intervention but guiding contact).
    public var restrictiveInterventions: Int
    /// Distinct pupils with an incident.
    public var pupils: Int
    /// Distinct schools.
    public var schools: Int
    /// Pupils on the roster, when one was given.
    public var pupilsOnRoll: Int?
    /// Records that could not be read or typed (not reviewed).
    public var rejected: Int

    enum CodingKeys: String, CodingKey {
      case incidents
      case restrictiveInterventions = "restrictive_interventions"
      case pupils, schools
      case pupilsOnRoll = "pupils_on_roll"
      case rejected
    }
  }

  /// Incidents in one calendar month, by type of intervention.
  public struct Month: Sendable, Codable, Hashable {
    /// `YYYY-MM`, in the pack's time zone.
    public var month: String
    public var incidents: Int
    /// Incidents with each intervention type (an incident with two types counts in both).
    public var byType: [String: Int]

    enum CodingKeys: String, CodingKey {
      case month, incidents
      case byType = "by_type"
    }
  }

  /// A pupil whose restrictive interventions form a repeat pattern (RI-REV-001).
  public struct RepeatPupil: Sendable, Codable, Hashable {
    public var rule: String
    /// The pseudonymous pupil id.
    public var pupil: String
    /// Most interventions within one window, and in the whole period.
    public var count: Int
    public var total: Int
    /// The first and last day of the busiest window.
    public var first: String
    public var last: String
    /// The pupil's recurring triggers (RI-REV-003), most frequent first.
    public var triggers: [String]
  }

  /// How often a trigger was recorded.
  public struct Trigger: Sendable, Codable, Hashable {
    public var trigger: String
    public var incidents: Int
    public var pupils: Int
  }

  /// Findings of one rule in the period.
  public struct RuleSummary: Sendable, Codable, Hashable {
    public var rule: String
    public var title: String
    public var severity: Severity
    public var kind: String
    public var applied: Int
    public var passed: Int
    public var failed: Int
    public var cannotEvaluate: Int
    public var waived: Int

    enum CodingKeys: String, CodingKey {
      case rule, title, severity, kind, applied, passed, failed
      case cannotEvaluate = "cannot_evaluate"
      case waived
    }
  }

  public var tool: CheckReport.Tool
  public var pack: CheckReport.PackInfo
  public var period: Period
  public var totals: Totals
  /// Intervention types in the order the schema lists them (those that occur).
  public var interventionTypes: [String]
  public var months: [Month]
  public var repeatPatterns: [RepeatPupil]
  public var triggers: [Trigger]
  /// Whether a roster was given (without one, `groups` is empty and RI-REV-002 not evaluated).
  public var rosterGiven: Bool
  /// Figures of every group of pupils, suppressed ones with `null` figures.
  public var groups: [GroupMeasures]
  /// The disproportionality threshold in force (`params.disproportion_ratio`), if any.
  public var threshold: Double?
  /// The minimum cell size in force.
  public var minCell: Int?
  /// Every rule, with its counts.
  public var rules: [RuleSummary]
  /// Aggregate findings (`record: null`, with `group`), as `precept check --format json`.
  public var findings: AggregateFindings
  public var notes: [String]

  enum CodingKeys: String, CodingKey {
    case tool, pack, period, totals
    case interventionTypes = "intervention_types"
    case months
    case repeatPatterns = "repeat_patterns"
    case triggers
    case rosterGiven = "roster_given"
    case groups, threshold
    case minCell = "min_cell"
    case rules, findings, notes
  }
}
