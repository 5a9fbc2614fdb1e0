import PreceptEngine
import PreceptRules

/// `--format markdown`: a summary for a CI job page (GitHub's `$GITHUB_STEP_SUMMARY`, GitLab
/// merge-request notes): the run's counts, a table of the rules that saw any activity, and a
/// table of findings capped at ``findingLimit`` rows.
public struct MarkdownReporter: Reporter {
  /// The `--format` name.
  public static let identifier = "markdown"

  /// The most findings listed; the rest are counted in a closing line.
  public var findingLimit: Int

  /// Creates a Markdown reporter.
  /// - Parameter findingLimit: The most findings to list (200 by default).
  public init(findingLimit: Int = 200) {
    self.findingLimit = max(0, findingLimit)
  }

  /// The report as a GitHub-flavoured Markdown document.
  public func render(_ report: CheckReport) -> String {
    let summary = report.summary
    var out =
      "## \(Markdown.escape(report.tool.name)) check: "
      + "\(Markdown.escape(report.pack.id)) \(Markdown.escape(report.pack.version))\n\n"
    if !report.pack.title.isEmpty { out += Markdown.escape(report.pack.title) + "\n\n" }
    if report.pack.lineage.count > 1 {
      out +=
        "Pack lineage: "
        + report.pack.lineage.map(Markdown.escape).joined(separator: " → ") + "\n\n"
    }
    out += "**\(summary.recordCountsText)** · \(summary.findingCountsText)\n"

    let rows = ruleRows(report)
    if !rows.isEmpty {
      out += "\n### Rules\n\n"
      out += "| Rule | Severity | Title | Applied | Passed | Failed | Cannot evaluate | Waived |\n"
      out += "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n"
      for row in rows { out += "| " + row.map(Markdown.cell).joined(separator: " | ") + " |\n" }
    }

    out += "\n### Findings\n\n"
    if report.findings.isEmpty {
      out += "No findings.\n"
    } else {
      out += "| Location | Severity | Rule | Record | Message |\n"
      out += "| --- | --- | --- | --- | --- |\n"
      for finding in report.findings.prefix(findingLimit) {
        var message = Markdown.cell(finding.message)
        if let waiver = finding.waiverText { message += " _(waived: \(Markdown.cell(waiver)))_" }
        let cells = [
          Markdown.cell(finding.locationText ?? ""), finding.severity.rawValue,
          Markdown.cell(finding.rule), Markdown.cell(finding.record ?? finding.group ?? ""),
          message,
        ]
        out += "| " + cells.joined(separator: " | ") + " |\n"
      }
      let rest = report.findings.count - findingLimit
      if rest > 0 {
        out +=
          "\n…and \(rest) more finding\(rest == 1 ? "" : "s") "
          + "(use `--format json` or `--format sarif` for all of them)\n"
      }
    }

    if !report.notes.isEmpty {
      out += "\n### Notes\n\n"
      for note in report.notes { out += "- " + Markdown.cell(note) + "\n" }
    }
    return out
  }

  /// Rows of the rules table (unescaped): pack rules with any activity, then other rules with
  /// findings (aggregate rules), their counts taken from the findings. Input problems and
  /// other non-rule codes are left to the findings table.
  private func ruleRows(_ report: CheckReport) -> [[String]] {
    var rows: [[String]] = []
    for rule in report.reportedRules {
      if let c = rule.counts {
        guard c.applied + c.failed + c.cannotEvaluate + c.waived > 0 else { continue }
        rows.append(
          [
            rule.id, rule.severity.rawValue, rule.title, "\(c.applied)", "\(c.passed)",
            "\(c.failed)", "\(c.cannotEvaluate)", "\(c.waived)",
          ])
      } else if rule.isRule {
        let findings = report.findings.filter { $0.rule == rule.id }
        let cannot = findings.filter { $0.kind == .cannotEvaluate }.count
        let waived = findings.filter { $0.waiver != nil }.count
        rows.append(
          [
            rule.id, rule.severity.rawValue, rule.title, "–", "–", "\(findings.count - cannot)",
            "\(cannot)", "\(waived)",
          ])
      }
    }
    return rows
  }
}
