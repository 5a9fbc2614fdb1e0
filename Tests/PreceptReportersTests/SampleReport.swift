import PreceptRules

@testable import PreceptEngine

/// A hand-built report that exercises every kind of finding: a violation with an explanation,
/// a rule that could not be evaluated, an input problem without a record, a waived finding, an
/// aggregate finding with a group and no record, a record outside the pack's period, a
/// duplicate id, a rule with no activity, and text with Unicode, markup and control characters.
enum SampleReport {
  static let file = "exports/incidents 2026.csv"

  static let specialMessage =
    "debrief says “calm” <b>&</b> 100% | done, ok: yes\u{1}\r\nsecond line 'é' 🙂"

  static var report: CheckReport {
    CheckReport(
      tool: .init(name: "precept", version: "0.1.0"),
      pack: .init(
        id: "dfe-restrictive-interventions", version: "2026.4.0",
        title: "Restrictive interventions, including use of reasonable force, in schools",
        lineage: ["dfe-restrictive-interventions", "oak-trust"]),
      summary: .init(
        read: 6, evaluated: 5, rejected: 1, findings: ["error": 3, "warning": 1, "info": 2],
        waived: 1, inputs: [file]),
      findings: findings, rules: rules,
      notes: ["column 'staff_notes' is not in the record schema and was ignored"])
  }

  static var findings: [Finding] {
    [
      Finding(
        rule: "RI-SEC-006", kind: .violation, severity: .error, record: "INC-2026-0001",
        location: .init(file: file, line: 2, column: 1, row: 1),
        message: "pupil was not supervised throughout seclusion (supervision: intermittent)",
        title: "A secluded pupil is supervised at all times", cite: ["addendum §7"],
        quote: "The pupil should be supervised at all times during the period of seclusion.",
        fix: "record who supervised the pupil; if the pupil was left alone, raise it as a "
          + "safeguarding concern",
        explanation: Explanation(
          when: "seclusion",
          condition: "incident.seclusion.supervision == 'continuous' && "
            + "incident.seclusion.supervision_gap_minutes == 0",
          values: [
            .init(expr: "incident.seclusion.supervision", value: "'intermittent'"),
            .init(expr: "incident.seclusion.supervision == 'continuous'", value: "false"),
            .init(expr: "incident.pupil.name", value: "‹redacted›", personal: true),
          ],
          definitions: [
            .init(
              name: "seclusion",
              expr: "has(incident.seclusion) && incident.seclusion.prevented_leaving_by in "
                + "['physical_obstruction', 'locked']",
              value: "true",
              values: [.init(expr: "incident.seclusion.prevented_leaving_by", value: "'locked'")])
          ])),
      Finding(
        rule: "RI-REP-002", kind: .cannotEvaluate, severity: .warning, record: "INC-2026-0002",
        location: .init(file: file, line: 3, column: 1, row: 2),
        message: "cannot evaluate: field 'incident.parent_informed_at' is missing",
        title: "Parents are told the same day", cite: ["dfe-2026 §8.4"],
        explanation: Explanation(
          condition: "incident.parent_informed_at - incident.occurred_at <= "
            + "params.parent_report_within",
          values: [],
          params: [.init(name: "parent_report_within", value: "24h", origin: "oak-trust")],
          missing: "incident.parent_informed_at")),
      Finding(
        rule: "PRE3002", kind: .inputError, severity: .error,
        location: .init(file: file, line: 4, column: 1, row: 3),
        message: "row has 12 fields but the header has 14"),
      Finding(
        rule: "RI-REC-001", kind: .violation, severity: .warning, record: "INC-2026-0003",
        location: .init(file: file, line: 5, column: 7, row: 4), message: specialMessage,
        title: "Debrief is recorded & signed <within 5 days>", cite: ["dfe-2026 §9.1"],
        waiver: .init(
          reason: "agreed with the DSL: \"late\" entry, see log", approver: "J. O'Brien",
          expires: "2026-12-31")),
      Finding(
        rule: "PRE3202", kind: .outsidePeriod, severity: .info, record: "INC-2025-0099",
        location: .init(file: file, line: 6, column: 1, row: 5),
        message: "incident is dated before the pack takes effect (2026-04-01); its rules were "
          + "not applied"),
      Finding(
        rule: "PRE3201", kind: .duplicateID, severity: .error, record: "INC-2026-0001",
        location: .init(file: file, line: 7, column: 1, row: 6),
        message: "incident id 'INC-2026-0001' was already used by the record at \(file):2",
        title: "Incident ids are unique",
        fix: "give each incident its own id; if this is the same incident, remove the copy"),
      Finding(
        rule: "RI-PAT-001", kind: .aggregate, severity: .info, group: "pupil P-0042",
        message: "pupil had 4 restrictive interventions in 30 days (threshold 3)",
        title: "Repeated interventions are reviewed", cite: ["dfe-2026 §12.3", "addendum §9"]),
    ]
  }

  static var rules: [CheckReport.RuleCounts] {
    [
      .init(
        rule: "RI-SEC-006", title: "A secluded pupil is supervised at all times",
        severity: .error, cite: ["addendum §7"], applied: 2, passed: 1, failed: 1,
        cannotEvaluate: 0, notApplicable: 2, outsidePeriod: 1, waived: 0),
      .init(
        rule: "RI-REP-002", title: "Parents are told the same day", severity: .warning,
        cite: ["dfe-2026 §8.4"], applied: 4, passed: 3, failed: 0, cannotEvaluate: 1,
        notApplicable: 0, outsidePeriod: 1, waived: 0),
      .init(
        rule: "RI-REC-001", title: "Debrief is recorded & signed <within 5 days>",
        severity: .warning, cite: ["dfe-2026 §9.1"], applied: 4, passed: 3, failed: 1,
        cannotEvaluate: 0, notApplicable: 0, outsidePeriod: 1, waived: 1),
      .init(
        rule: "RI-INFO-009", title: "Restraint of a pupil under 5 is reviewed", severity: .info,
        cite: [], applied: 0, passed: 0, failed: 0, cannotEvaluate: 0, notApplicable: 0,
        outsidePeriod: 0, waived: 0),
    ]
  }

  /// A report with nothing found.
  static var clean: CheckReport {
    var report = report
    report.findings = []
    report.notes = []
    report.summary.findings = ["error": 0, "warning": 0, "info": 0]
    report.summary.waived = 0
    report.rules = report.rules.map { counts in
      var counts = counts
      counts.passed = counts.applied
      counts.failed = 0
      counts.cannotEvaluate = 0
      counts.waived = 0
      return counts
    }
    return report
  }

  /// Many findings with text of every width, so that the spool is read back in several
  /// pieces and some pieces would end inside a character.
  static var large: CheckReport {
    var report = SampleReport.report
    var findings: [Finding] = []
    let texts = ["é", "😀", "€", "x"]
    for i in 0..<3_000 {
      var f = SampleReport.findings[i % SampleReport.findings.count]
      f.message = String(repeating: texts[i % texts.count], count: 100 + i % 7) + " \(i)"
      if i % 5 == 0 { f.location?.file = "/abs/path/export é.csv" }
      findings.append(f)
    }
    report.findings = findings
    return report
  }
}
