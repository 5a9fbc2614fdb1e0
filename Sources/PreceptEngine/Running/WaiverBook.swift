import PreceptRules

/// The waivers of a run, split into those in force and those expired, and matched to findings
/// one at a time (so that findings can be waived as they are produced).
struct WaiverBook: Sendable {
  /// Waivers in force, in the order given (the first that matches a finding covers it).
  let active: [Waiver]
  /// Waivers past their expiry date, each reported as a finding.
  let expired: [Waiver]

  init(_ waivers: [Waiver], today: LocalDate) {
    active = waivers.filter { !($0.expires < today) }
    expired = waivers.filter { $0.expires < today }
  }

  var isEmpty: Bool { active.isEmpty }

  /// The note of the first waiver in force that covers `finding`, if any. Waivers cover
  /// violations, findings that could not be evaluated, and aggregate findings.
  func note(for finding: Finding) -> Finding.WaiverNote? {
    guard
      finding.kind == .violation || finding.kind == .cannotEvaluate
        || finding.kind == .aggregate
    else { return nil }
    for waiver in active
    where waiver.rule == finding.rule
      && (waiver.record == "*" || finding.record == waiver.record
        || finding.group == waiver.record)
    {
      return Finding.WaiverNote(
        reason: waiver.reason, approver: waiver.approver, expires: waiver.expires.description)
    }
    return nil
  }

  /// The findings that report the expired waivers.
  func expiredFindings() -> [Finding] {
    expired.map { waiver in
      Finding(
        rule: waiver.rule, kind: .expiredWaiver, severity: .warning,
        record: waiver.record == "*" ? nil : waiver.record,
        message:
          "waiver for \(waiver.rule) on \(waiver.record) expired on \(waiver.expires) (approved by \(waiver.approver)); renew or remove it"
      )
    }
  }
}
