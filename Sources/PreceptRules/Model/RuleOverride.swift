/// What an overlay's `overrides:` entry changed in a rule it inherited, and why.
public struct RuleOverride: Sendable {
  /// The overlay that made the change.
  public var packID: String
  /// The severity the rule had before, when the override changed it.
  public var severityBefore: Severity?
  /// Whether the rule was switched on or off.
  public var enabledBefore: Bool?
  /// The overlay's reason (`reason:`), for reviewers.
  public var reason: String?

  public init(
    packID: String, severityBefore: Severity? = nil, enabledBefore: Bool? = nil,
    reason: String? = nil
  ) {
    self.packID = packID
    self.severityBefore = severityBefore
    self.enabledBefore = enabledBefore
    self.reason = reason
  }

  /// One line for people: `overridden by my-trust (severity error → warning): we report these
  /// weekly`.
  public func describe(now severity: Severity, enabled: Bool) -> String {
    var changes: [String] = []
    if let before = severityBefore, before != severity {
      changes.append("severity \(before.rawValue) → \(severity.rawValue)")
    }
    if let before = enabledBefore, before != enabled {
      changes.append(enabled ? "switched on" : "switched off")
    }
    var out = "overridden by \(packID)"
    if !changes.isEmpty { out += " (\(changes.joined(separator: ", ")))" }
    if let reason, !reason.isEmpty { out += ": \(reason)" }
    return out
  }
}
