import PreceptRules

/// The figures of one group of pupils for a disproportionality rule: the pupils on roll who
/// share a characteristic's value, and how often restrictive interventions were used on them.
///
/// A group with fewer pupils than the rule's minimum cell size is `suppressed`: every figure
/// is then `nil` (encoded as `null`), never 0, so that a small group can neither be mistaken
/// for one without incidents nor identify a pupil. The smallest other groups of the same
/// characteristic are suppressed with it until it cannot be worked out from the totals
/// (``AggregateEvaluator/complementarySuppression(_:pupils:minCell:)``).
public struct GroupMeasures: Sendable, Hashable, Codable {
  /// The rule the figures belong to.
  public var rule: String
  /// The characteristic's name (`sen_status`).
  public var characteristic: String
  /// The group's value (`ehcp`, `true`, `not recorded`).
  public var value: String
  /// Pupils on roll in the group.
  public var pupils: Int?
  /// Pupils in the group with at least one counted incident.
  public var pupilsWithIncidents: Int?
  /// Counted incidents of the group's pupils.
  public var incidents: Int?
  /// `pupilsWithIncidents ÷ pupils`.
  public var risk: Double?
  /// `risk ÷` the risk of all other pupils on roll; `nil` when the others are fewer than the
  /// n-size or none of them had an incident.
  public var riskRatio: Double?
  /// `risk ÷` the risk of the other pupils of the wider roster (the trust's); `nil` without
  /// a wider roster, or when those others had no incident.
  public var alternateRiskRatio: Double?
  /// The group's share of pupils with incidents minus its share of pupils on roll.
  public var compositionDifference: Double?
  /// The 95% confidence interval of the risk ratio (log method), when both groups had
  /// incidents.
  public var riskRatioLow: Double?
  public var riskRatioHigh: Double?
  /// Fewer pupils than the minimum cell size: figures withheld.
  public var suppressed: Bool

  public init(
    rule: String, characteristic: String, value: String, pupils: Int?, pupilsWithIncidents: Int?,
    incidents: Int?, risk: Double?, riskRatio: Double?, alternateRiskRatio: Double?,
    compositionDifference: Double?, riskRatioLow: Double? = nil, riskRatioHigh: Double? = nil,
    suppressed: Bool
  ) {
    self.rule = rule
    self.characteristic = characteristic
    self.value = value
    self.pupils = pupils
    self.pupilsWithIncidents = pupilsWithIncidents
    self.incidents = incidents
    self.risk = risk
    self.riskRatio = riskRatio
    self.alternateRiskRatio = alternateRiskRatio
    self.compositionDifference = compositionDifference
    self.riskRatioLow = riskRatioLow
    self.riskRatioHigh = riskRatioHigh
    self.suppressed = suppressed
  }

  /// The group as findings name it: `sen_status = ehcp`.
  public var label: String { "\(characteristic) = \(value)" }

  enum CodingKeys: String, CodingKey {
    case rule, characteristic, value, pupils
    case pupilsWithIncidents = "pupils_with_incidents"
    case incidents, risk
    case riskRatio = "risk_ratio"
    case alternateRiskRatio = "alternate_risk_ratio"
    case compositionDifference = "composition_difference"
    case riskRatioLow = "risk_ratio_ci_low"
    case riskRatioHigh = "risk_ratio_ci_high"
    case suppressed
  }

  /// Encodes every key, absent figures as `null`.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(rule, forKey: .rule)
    try c.encode(characteristic, forKey: .characteristic)
    try c.encode(value, forKey: .value)
    try c.encode(pupils, forKey: .pupils)
    try c.encode(pupilsWithIncidents, forKey: .pupilsWithIncidents)
    try c.encode(incidents, forKey: .incidents)
    try c.encode(risk.flatMap(Self.rounded), forKey: .risk)
    try c.encode(riskRatio.flatMap(Self.rounded), forKey: .riskRatio)
    try c.encode(alternateRiskRatio.flatMap(Self.rounded), forKey: .alternateRiskRatio)
    try c.encode(compositionDifference.flatMap(Self.rounded), forKey: .compositionDifference)
    try c.encode(riskRatioLow.flatMap(Self.rounded), forKey: .riskRatioLow)
    try c.encode(riskRatioHigh.flatMap(Self.rounded), forKey: .riskRatioHigh)
    try c.encode(suppressed, forKey: .suppressed)
  }

  /// Figures to 4 decimal places, so that reports are stable and readable; an infinite ratio
  /// (the comparison group had no incident) is `null` in JSON.
  static func rounded(_ d: Double) -> Double? {
    d.isFinite ? (d * 10_000).rounded() / 10_000 : nil
  }
}
