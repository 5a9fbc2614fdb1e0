import CEL

/// The compiled settings of an aggregate rule (`kind: pattern` or `disproportionality`).
///
/// `groupBy`, `splitBy` and `filter` are evaluated over each record in the pack's record
/// environment. `window` is evaluated once in an environment holding only `params` and `now`.
/// Each `characteristic` is evaluated over each roster pupil in ``pupilEnvironment``. The rule's
/// `when`, `require` and message are evaluated once per group in ``environment``, whose
/// variables are ``AggregateVariables``.
public struct CompiledAggregate: Sendable {
  /// One characteristic of a disproportionality rule.
  public struct Characteristic: Sendable {
    public let name: String
    public let expression: CompiledExpression
    /// Whether the expression may read the pupil's `id`. When it cannot, its value is the same
    /// for every pupil of one roster profile, and is worked out once per profile.
    public let readsPupilID: Bool

    public init(name: String, expression: CompiledExpression) {
      self.name = name
      self.expression = expression
      // A definition it names is not looked into: counted as a read.
      readsPupilID =
        !expression.definitionsUsed.isEmpty
        || expression.parsed.root.mayRead("id", of: AggregateVariables.pupil)
    }
  }

  public let groupBy: CompiledExpression?
  public let splitBy: CompiledExpression?
  public let filter: CompiledExpression?
  public let window: CompiledExpression?
  public let characteristics: [Characteristic]
  /// The minimum cell size (an int, in ``paramsEnvironment``); `nil` means 10.
  public let minCell: CompiledExpression?
  /// Where `when`, `require` and the message are evaluated: one group's figures.
  public let environment: Environment
  /// Where `window` is evaluated: `params` and `now`.
  public let paramsEnvironment: Environment
  /// Where characteristics are evaluated: `pupil` (a roster row), `params` and `now`.
  public let pupilEnvironment: Environment?
}

/// The names in scope in the `require` of aggregate rules.
public enum AggregateVariables {
  /// A pattern rule: `count` (int, the most records of the group within one window),
  /// `window` (duration), `first` and `last` (timestamps of the first and last record of that
  /// window), `group` (the group key) and `item` (the `split_by` item, or `''`).
  public static let pattern: [(String, CELType)] = [
    ("count", .int), ("window", .duration), ("first", .timestamp), ("last", .timestamp),
    ("group", .string), ("item", .string), ("total", .int),
  ]

  /// A disproportionality rule, per group of pupils sharing a characteristic's value; `others`
  /// is the number of other pupils on roll (the comparison group).
  public static let disproportionality: [(String, CELType)] = [
    ("characteristic", .string), ("value", .string), ("pupils", .int),
    ("pupils_with_incidents", .int), ("incidents", .int), ("risk", .double),
    ("risk_ratio", .double), ("alternate_risk_ratio", .double),
    ("composition_difference", .double), ("others", .int),
  ]

  /// The variable a roster pupil is bound to in a characteristic.
  public static let pupil = "pupil"
}
