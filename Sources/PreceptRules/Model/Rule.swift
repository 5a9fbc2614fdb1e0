import PreceptDiagnostics

/// One rule of a pack.
public struct Rule: Sendable {
  /// What a rule is evaluated over.
  public enum Kind: String, Sendable, Hashable {
    /// Each record on its own.
    case record
    /// Groups of records in a sliding time window (e.g. repeat incidents per pupil).
    case pattern
    /// Groups of pupils on a roster (disproportionate use).
    case disproportionality
  }

  public var id: String
  public var title: String
  public var severity: Severity
  public var kind: Kind
  public var cite: [Citation]
  public var quote: String?
  public var doc: String?
  /// When the rule applies; `nil` means always.
  public var when: ExpressionText?
  /// What must hold when it applies.
  public var require: ExpressionText
  public var message: MessageTemplate?
  public var fix: String?
  /// `fix` as a template, when it interpolates values (`{{ params.limit }}`).
  public var fixTemplate: MessageTemplate?
  /// First and last dates (inclusive) the rule is in force; `nil` ends are open.
  public var effectiveFrom: LocalDate?
  public var effectiveUntil: LocalDate?
  public var tags: [String]
  /// `false` when an overlay switched the rule off.
  public var enabled: Bool
  /// Settings of aggregate rules (`kind: pattern` or `disproportionality`).
  public var aggregate: AggregateSpec?
  /// A higher severity for failures where a further condition holds (a ground hold is a
  /// warning, and an error past a limit).
  public var escalation: Escalation?
  /// The pack that declared the rule.
  public var packID: String
  /// How an overlay changed the rule (`overrides:`), if one did.
  public var override: RuleOverride?
  /// Where the rule's `- id:` entry is.
  public var declaredAt: SourceRange?
  /// Where its id is.
  public var idRange: SourceRange?

  public init(
    id: String, title: String, severity: Severity, kind: Kind = .record, cite: [Citation] = [],
    quote: String? = nil, doc: String? = nil, when: ExpressionText? = nil,
    require: ExpressionText, message: MessageTemplate? = nil, fix: String? = nil,
    effectiveFrom: LocalDate? = nil, effectiveUntil: LocalDate? = nil, tags: [String] = [],
    enabled: Bool = true, aggregate: AggregateSpec? = nil, escalation: Escalation? = nil,
    packID: String,
    declaredAt: SourceRange? = nil, idRange: SourceRange? = nil
  ) {
    self.id = id
    self.title = title
    self.severity = severity
    self.kind = kind
    self.cite = cite
    self.quote = quote
    self.doc = doc
    self.when = when
    self.require = require
    self.message = message
    self.fix = fix
    self.effectiveFrom = effectiveFrom
    self.effectiveUntil = effectiveUntil
    self.tags = tags
    self.enabled = enabled
    self.aggregate = aggregate
    self.escalation = escalation
    self.packID = packID
    self.declaredAt = declaredAt
    self.idRange = idRange
  }
}

/// The settings of an aggregate rule.
public struct AggregateSpec: Sendable {
  /// CEL over the record: the key records are grouped by (`incident.pupil.id`). For a
  /// `disproportionality` rule, the pupil id incidents are matched to roster pupils by.
  public var groupBy: ExpressionText?
  /// CEL over the record: a list of strings; a record counts once in the sub-group of each
  /// distinct item (`incident.triggers`: one count per pupil and trigger).
  public var splitBy: ExpressionText?
  /// CEL over the record: which records count.
  public var filter: ExpressionText?
  /// CEL: the length of the sliding window (`params.repeat_window`); `nil` counts the whole
  /// period.
  public var window: ExpressionText?
  /// CEL over the roster pupil, by name: the characteristics a `disproportionality` rule
  /// groups pupils by (`sen_status: pupil.sen_status`).
  public var characteristics: [NamedExpression]
  /// CEL int (`params.min_cell`): groups of fewer pupils are suppressed, not compared.
  public var minCell: ExpressionText?

  /// The first characteristic, if any.
  public var characteristic: ExpressionText? { characteristics.first?.expression }

  public init(
    groupBy: ExpressionText? = nil, splitBy: ExpressionText? = nil,
    filter: ExpressionText? = nil, window: ExpressionText? = nil,
    characteristics: [NamedExpression] = [], minCell: ExpressionText? = nil
  ) {
    self.minCell = minCell
    self.groupBy = groupBy
    self.splitBy = splitBy
    self.filter = filter
    self.window = window
    self.characteristics = characteristics
  }
}

/// A named CEL expression (a characteristic of a disproportionality rule).
public struct NamedExpression: Sendable {
  public var name: String
  public var expression: ExpressionText

  public init(name: String, expression: ExpressionText) {
    self.name = name
    self.expression = expression
  }
}

/// `escalate: {severity: error, when: CEL}`: the severity a failure takes when `when` holds.
public struct Escalation: Sendable {
  public var severity: Severity
  public var when: ExpressionText

  public init(severity: Severity, when: ExpressionText) {
    self.severity = severity
    self.when = when
  }
}
