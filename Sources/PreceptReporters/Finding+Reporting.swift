import PreceptEngine
import PreceptRules

extension Finding {
  /// What the finding is about: `record INC-1`, `group pupil P-0042`, or `nil`.
  var subject: String? {
    if let record { return "record \(record)" }
    if let group { return "group \(group)" }
    return nil
  }

  /// The message followed by its subject: `pupil was not supervised (record INC-1)`.
  var messageWithSubject: String {
    guard let subject else { return message }
    return "\(message) (\(subject))"
  }

  /// The title to show for the finding: its own, else one that describes its kind.
  var displayTitle: String {
    if let title, !title.isEmpty { return title }
    return kind.defaultTitle
  }

  /// `file:line:column`, or `nil` without a location.
  var locationText: String? {
    guard let location else { return nil }
    return "\(location.file):\(location.line):\(location.column)"
  }

  /// The waiver as one line: `reason (approved by X, until D)`.
  var waiverText: String? {
    guard let waiver else { return nil }
    return "\(waiver.reason) (approved by \(waiver.approver), until \(waiver.expires))"
  }

  /// A plain-text account of the finding: context, citation, quote, explanation and fix, one
  /// item a line. Used where a format has room for a body (JUnit).
  var detailLines: [String] {
    var lines: [String] = []
    if let locationText { lines.append("at: \(locationText)") }
    if let row = location?.row { lines.append("row: \(row)") }
    if let record { lines.append("record: \(record)") }
    if let group { lines.append("group: \(group)") }
    lines.append("rule: \(rule) (\(severity.rawValue), \(kind.rawValue))")
    if let title { lines.append("title: \(title)") }
    if !cite.isEmpty { lines.append("cite: " + cite.joined(separator: "; ")) }
    if let quote { lines.append("quote: \"\(quote)\"") }
    if let explanation { lines += explanation.textLines }
    if let fix { lines.append("fix: \(fix)") }
    if let waiverText { lines.append("waived: \(waiverText)") }
    return lines
  }
}

extension Finding.Kind {
  /// A title for findings that carry none (input problems and other non-rule codes).
  var defaultTitle: String {
    switch self {
    case .violation: return "Rule not met"
    case .cannotEvaluate: return "Rule could not be evaluated"
    case .inputError: return "Input problem"
    case .duplicateID: return "Incident ids are unique"
    case .expiredWaiver: return "Waiver has expired"
    case .outsidePeriod: return "Record dated before the pack takes effect"
    case .aggregate: return "Pattern over a group of records"
    }
  }

  /// A longer description for rule descriptors of non-rule codes.
  var defaultDescription: String {
    switch self {
    case .violation: return "A rule applied to a record and its condition was false."
    case .cannotEvaluate:
      return "A rule applied to a record but a field it needs is missing, so it could not be "
        + "evaluated."
    case .inputError:
      return "A record, or a value in it, could not be read or does not fit the record schema. "
        + "The record is rejected, or evaluated with the value treated as absent."
    case .duplicateID:
      return "The same incident id appears more than once in the input."
    case .expiredWaiver:
      return "A waiver is past its expiry date and no longer covers findings."
    case .outsidePeriod:
      return "The record is dated before the pack's effective date, so its rules were not "
        + "applied."
    case .aggregate:
      return "A pattern rule found a group of records or pupils over a threshold."
    }
  }

  /// A fix hint for non-rule codes.
  var defaultFix: String? {
    switch self {
    case .inputError: return "correct the value in the export, or the profile that maps it"
    case .duplicateID:
      return "give each incident its own id; if this is the same incident, remove the copy"
    case .expiredWaiver: return "renew the waiver with a new expiry date, or remove it"
    case .outsidePeriod: return "check the record's date, or check it against an earlier pack"
    case .violation, .cannotEvaluate, .aggregate: return nil
    }
  }
}

extension Explanation {
  /// The explanation as indented text lines, as `precept check --explain` prints it.
  var textLines: [String] {
    var lines: [String] = []
    if let when { lines.append("when: \(when)") }
    lines.append("require: \(condition)")
    for term in values { lines.append("  \(term.expr) = \(term.value)") }
    if let missing { lines.append("missing: \(missing)") }
    for d in definitions {
      lines.append("definition \(d.name) = \(d.value): \(d.expr)")
      for term in d.values { lines.append("  \(term.expr) = \(term.value)") }
    }
    for p in params { lines.append("param \(p.name) = \(p.value) (\(p.origin))") }
    return lines
  }
}

extension Severity {
  /// The SARIF `level` (`error`, `warning`, `note`).
  var sarifLevel: String {
    switch self {
    case .error: return "error"
    case .warning: return "warning"
    case .info: return "note"
    }
  }
}

extension CheckReport.Summary {
  /// `2 errors, 1 warning, 0 info, 1 waived`.
  var findingCountsText: String {
    func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    var parts = [
      count(findings["error"] ?? 0, "error"), count(findings["warning"] ?? 0, "warning"),
      "\(findings["info"] ?? 0) info",
    ]
    if waived > 0 { parts.append("\(waived) waived") }
    return parts.joined(separator: ", ")
  }

  /// `3 records read, 2 evaluated, 1 rejected`.
  var recordCountsText: String {
    "\(read) record\(read == 1 ? "" : "s") read, \(evaluated) evaluated, \(rejected) rejected"
  }
}
