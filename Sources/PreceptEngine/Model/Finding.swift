import PreceptRules

/// One thing a check found: a rule that failed on a record, a rule that could not be evaluated,
/// an input problem, a duplicate id, an expired waiver, a group over a threshold.
public struct Finding: Sendable, Hashable, Codable {
  /// What kind of finding this is.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// The rule applied and its `require` was false.
    case violation
    /// The rule applied but a field it needs is missing (or evaluation failed).
    case cannotEvaluate = "cannot_evaluate"
    /// A record, or a value in it, could not be read or typed.
    case inputError = "input_error"
    /// The same incident id appears more than once.
    case duplicateID = "duplicate_id"
    /// A waiver past its expiry date.
    case expiredWaiver = "expired_waiver"
    /// A record dated before the pack's effective date.
    case outsidePeriod = "outside_period"
    /// An aggregate rule over a group of records or pupils.
    case aggregate
  }

  /// The rule id, or the input-problem code (`PRE3002`) for input errors.
  public var rule: String
  public var kind: Kind
  public var severity: Severity
  /// The record's id; `nil` for aggregate findings and unreadable records.
  public var record: String?
  /// For aggregate findings: the group (`pupil P-0042`, `sen_status = ehcp`).
  public var group: String?
  public var location: Location?
  public var message: String
  public var title: String?
  public var cite: [String]
  public var quote: String?
  public var fix: String?
  public var explanation: Explanation?
  /// Set when a waiver covers the finding: it is reported but does not fail the run.
  public var waiver: WaiverNote?

  public init(
    rule: String, kind: Kind, severity: Severity, record: String? = nil, group: String? = nil,
    location: Location? = nil, message: String, title: String? = nil, cite: [String] = [],
    quote: String? = nil, fix: String? = nil, explanation: Explanation? = nil,
    waiver: WaiverNote? = nil
  ) {
    self.rule = rule
    self.kind = kind
    self.severity = severity
    self.record = record
    self.group = group
    self.location = location
    self.message = message
    self.title = title
    self.cite = cite
    self.quote = quote
    self.fix = fix
    self.explanation = explanation
    self.waiver = waiver
  }

  /// Where a finding is: a file position (and CSV row).
  public struct Location: Sendable, Hashable, Codable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int
    public var row: Int?

    public init(file: String, line: Int, column: Int, row: Int? = nil) {
      self.file = file
      self.line = line
      self.column = column
      self.row = row
    }

    public static func < (lhs: Location, rhs: Location) -> Bool {
      (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
  }

  /// The waiver that covers a finding.
  public struct WaiverNote: Sendable, Hashable, Codable {
    public var reason: String
    public var approver: String
    public var expires: String
  }
}

/// Why a rule failed: the condition, the value of each sub-expression, the definitions and
/// params it used.
public struct Explanation: Sendable, Hashable, Codable {
  /// One sub-expression and its value.
  public struct Term: Sendable, Hashable, Codable {
    public var expr: String
    public var value: String
    /// Whether the value is personal data (shown redacted unless asked).
    public var personal: Bool?

    public init(expr: String, value: String, personal: Bool? = nil) {
      self.expr = expr
      self.value = value
      self.personal = personal
    }
  }

  /// A definition the condition used, with its own expansion.
  public struct DefinitionUse: Sendable, Hashable, Codable {
    public var name: String
    public var expr: String
    public var value: String
    public var values: [Term]
  }

  /// A param and its value in force.
  public struct ParamUse: Sendable, Hashable, Codable {
    public var name: String
    public var value: String
    public var origin: String
  }

  /// The `when` condition, when the rule has one.
  public var when: String?
  /// The `require` condition.
  public var condition: String
  /// Sub-expressions of `require` (and `when`), outermost first, with their values.
  public var values: [Term]
  public var definitions: [DefinitionUse]
  public var params: [ParamUse]
  /// For `cannot_evaluate`: the missing field or the error.
  public var missing: String?

  public init(
    when: String? = nil, condition: String, values: [Term], definitions: [DefinitionUse] = [],
    params: [ParamUse] = [], missing: String? = nil
  ) {
    self.when = when
    self.condition = condition
    self.values = values
    self.definitions = definitions
    self.params = params
    self.missing = missing
  }
}

extension Finding {
  enum CodingKeys: String, CodingKey {
    case rule, kind, severity, record, group, location, message, title, cite, quote, fix
    case explanation, waiver
  }

  /// Encodes `record` always (as `null` for aggregate and unreadable-record findings), so
  /// that consumers can rely on the key.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(rule, forKey: .rule)
    try c.encode(kind, forKey: .kind)
    try c.encode(severity, forKey: .severity)
    try c.encode(record, forKey: .record)
    try c.encodeIfPresent(group, forKey: .group)
    try c.encodeIfPresent(location, forKey: .location)
    try c.encode(message, forKey: .message)
    try c.encodeIfPresent(title, forKey: .title)
    try c.encode(cite, forKey: .cite)
    try c.encodeIfPresent(quote, forKey: .quote)
    try c.encodeIfPresent(fix, forKey: .fix)
    try c.encodeIfPresent(explanation, forKey: .explanation)
    try c.encodeIfPresent(waiver, forKey: .waiver)
  }
}
