import PreceptDiagnostics

/// An approved exception: a rule that is known to fail on a record, with a reason, an approver
/// and an expiry. A waived finding is still reported, but does not fail the run; an expired
/// waiver is itself a finding.
public struct Waiver: Sendable, Hashable {
  public var rule: String
  /// The record id, or `*` for every record.
  public var record: String
  public var reason: String
  public var approver: String
  /// The last day the waiver applies (inclusive).
  public var expires: LocalDate
  public var declaredAt: SourceRange?

  public init(
    rule: String, record: String, reason: String, approver: String, expires: LocalDate,
    declaredAt: SourceRange? = nil
  ) {
    self.rule = rule
    self.record = record
    self.reason = reason
    self.approver = approver
    self.expires = expires
    self.declaredAt = declaredAt
  }

  public static func == (lhs: Waiver, rhs: Waiver) -> Bool {
    (lhs.rule, lhs.record, lhs.reason, lhs.approver, lhs.expires)
      == (rhs.rule, rhs.record, rhs.reason, rhs.approver, rhs.expires)
  }
  public func hash(into hasher: inout Hasher) {
    hasher.combine(rule)
    hasher.combine(record)
  }
}

/// Reads a waivers file (`--waivers FILE`).
public enum WaiverLoader {
  /// The waivers in a YAML file with a `waivers:` list, checked against the pack's rule ids.
  public static func load(_ path: String, pack: RulePack) -> (
    waivers: [Waiver], diagnostics: [Diagnostic]
  ) {
    let sink = DiagnosticSink()
    guard let file = PackLoader.readFile(path, sink: sink, what: "waivers file", at: nil) else {
      return ([], sink.diagnostics)
    }
    let (root, yamlDiagnostics) = YAMLLoaderBridge.load(file)
    sink.append(contentsOf: yamlDiagnostics)
    guard let root, var reader = MappingReader(root, what: "waivers file", sink: sink) else {
      return ([], sink.diagnostics)
    }
    let list = reader.value("waivers", required: true)
    reader.finish()
    guard let list else { return ([], sink.diagnostics) }
    guard case .sequence(let items) = list.kind else {
      sink.error(.wrongType, "'waivers' must be a list", at: list.range)
      return ([], sink.diagnostics)
    }
    var out: [Waiver] = []
    for item in items {
      guard var w = MappingReader(item, what: "waiver", sink: sink) else { continue }
      let rule = w.string("rule", required: true)
      let record = w.string("record", required: true)
      let reason = w.string("reason", required: true)
      let approver = w.string("approver", required: true)
      let expires = w.string("expires", required: true)
      w.finish()
      guard let rule, let record, let reason, let approver, let expires else { continue }
      if pack.rule(rule.value) == nil {
        sink.error(
          .unknownRule, "waiver names unknown rule '\(rule.value)'", at: rule.range,
          help: Suggestion.help(Suggestion.closest(to: rule.value, in: pack.rules.map(\.id))))
        continue
      }
      guard let date = LocalDate(expires.value) else {
        sink.error(
          .invalidValue, "'expires' must be a real date written YYYY-MM-DD", at: expires.range)
        continue
      }
      out.append(
        Waiver(
          rule: rule.value, record: record.value, reason: reason.value, approver: approver.value,
          expires: date, declaredAt: item.range))
    }
    return (out, sink.diagnostics)
  }
}
