import PreceptEngine
import PreceptRules

/// A rule, or a non-rule finding code (`PRE3101`), that a report mentions, with what the report
/// knows about it: the pack's rules first, in the report's order, then the other codes that
/// findings use, sorted by id.
struct ReportedRule: Sendable, Hashable {
  var id: String
  var title: String
  var severity: Severity
  var cite: [String]
  var quote: String?
  var fix: String?
  /// For codes that are not pack rules: what the code means.
  var description: String?
  /// The rule's counts; `nil` for codes that are not in `report.rules`.
  var counts: CheckReport.RuleCounts?
  /// For codes that are not pack rules: the kind of their first finding.
  var kind: Finding.Kind?

  /// Keeps what ``CheckReport/reportedRules(firstFinding:sample:)`` needs of a finding, taken
  /// in report order.
  static func note(
    _ finding: Finding, firstFinding: inout [String: Finding], sample: inout [String: Finding]
  ) {
    if firstFinding[finding.rule] == nil { firstFinding[finding.rule] = finding }
    if sample[finding.rule] == nil, finding.quote != nil || finding.fix != nil {
      sample[finding.rule] = finding
    }
  }

  /// Whether the code is a pack rule (it has counts).
  var isPackRule: Bool { counts != nil }

  /// Whether the code is a rule (with counts, or an aggregate rule known only from its
  /// findings) rather than an input problem or another non-rule code.
  var isRule: Bool { isPackRule || description == nil }
}

extension CheckReport {
  /// Every rule of the pack and every other code used by a finding, in a stable order.
  var reportedRules: [ReportedRule] {
    var firstFinding: [String: Finding] = [:]
    var sample: [String: Finding] = [:]
    for finding in findings {
      ReportedRule.note(finding, firstFinding: &firstFinding, sample: &sample)
    }
    return reportedRules(firstFinding: firstFinding, sample: sample)
  }

  /// ``reportedRules`` of a report whose findings were streamed: `firstFinding` holds each
  /// code's first finding, `sample` each code's first finding with a quote or a fix (as
  /// ``ReportedRule/note(_:firstFinding:sample:)`` keeps them).
  func reportedRules(firstFinding: [String: Finding], sample: [String: Finding])
    -> [ReportedRule]
  {
    var seen = Set<String>()
    var result: [ReportedRule] = []
    for counts in rules where seen.insert(counts.rule).inserted {
      // Quote and fix are not part of the counts; take them from a finding of the rule.
      let sample = sample[counts.rule]
      result.append(
        ReportedRule(
          id: counts.rule, title: counts.title, severity: counts.severity, cite: counts.cite,
          quote: sample?.quote, fix: sample?.fix, counts: counts))
    }
    for id in firstFinding.keys.sorted() where !seen.contains(id) {
      guard let finding = firstFinding[id] else { continue }
      let isRule =
        finding.kind == .violation || finding.kind == .aggregate
        || finding.kind == .cannotEvaluate
      result.append(
        ReportedRule(
          id: id, title: finding.displayTitle, severity: finding.severity, cite: finding.cite,
          quote: finding.quote, fix: finding.fix ?? finding.kind.defaultFix,
          description: isRule ? nil : finding.kind.defaultDescription, kind: finding.kind))
    }
    return result
  }
}
