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

  /// What the document says of a report's findings: the first ones, how many there are, and
  /// per code the counts the rules table needs. Kept as findings stream past
  /// (``MarkdownStream``), or taken from a finished report.
  struct Findings {
    struct Tally {
      var count = 0
      var cannotEvaluate = 0
      var waived = 0
    }

    let limit: Int
    var shown: [Finding] = []
    var total = 0
    var tallies: [String: Tally] = [:]
    var firstFinding: [String: Finding] = [:]
    var sample: [String: Finding] = [:]

    init(limit: Int) { self.limit = limit }

    mutating func add(_ finding: Finding) {
      if shown.count < limit { shown.append(finding) }
      total += 1
      var tally = tallies[finding.rule] ?? Tally()
      tally.count += 1
      if finding.kind == .cannotEvaluate { tally.cannotEvaluate += 1 }
      if finding.waiver != nil { tally.waived += 1 }
      tallies[finding.rule] = tally
      ReportedRule.note(finding, firstFinding: &firstFinding, sample: &sample)
    }
  }

  /// The report as a GitHub-flavoured Markdown document.
  public func render(_ report: CheckReport) -> String {
    var findings = Findings(limit: findingLimit)
    for finding in report.findings { findings.add(finding) }
    return render(report, findings: findings)
  }

  /// The document of a report whose findings are summed up in `findings`.
  func render(_ report: CheckReport, findings: Findings) -> String {
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

    let rows = ruleRows(report, findings)
    if !rows.isEmpty {
      out += "\n### Rules\n\n"
      out += "| Rule | Severity | Title | Applied | Passed | Failed | Cannot evaluate | Waived |\n"
      out += "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n"
      for row in rows { out += "| " + row.map(Markdown.cell).joined(separator: " | ") + " |\n" }
    }

    out += "\n### Findings\n\n"
    if findings.total == 0 {
      out += "No findings.\n"
    } else {
      out += "| Location | Severity | Rule | Record | Message |\n"
      out += "| --- | --- | --- | --- | --- |\n"
      for finding in findings.shown {
        var message = Markdown.cell(finding.message)
        if let waiver = finding.waiverText { message += " _(waived: \(Markdown.cell(waiver)))_" }
        let cells = [
          Markdown.cell(finding.locationText ?? ""), finding.severity.rawValue,
          Markdown.cell(finding.rule), Markdown.cell(finding.record ?? finding.group ?? ""),
          message,
        ]
        out += "| " + cells.joined(separator: " | ") + " |\n"
      }
      let rest = findings.total - findings.shown.count
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
  private func ruleRows(_ report: CheckReport, _ findings: Findings) -> [[String]] {
    var rows: [[String]] = []
    for rule in report.reportedRules(
      firstFinding: findings.firstFinding, sample: findings.sample)
    {
      if let c = rule.counts {
        guard c.applied + c.failed + c.cannotEvaluate + c.waived > 0 else { continue }
        rows.append(
          [
            rule.id, rule.severity.rawValue, rule.title, "\(c.applied)", "\(c.passed)",
            "\(c.failed)", "\(c.cannotEvaluate)", "\(c.waived)",
          ])
      } else if rule.isRule {
        let tally = findings.tallies[rule.id] ?? Findings.Tally()
        rows.append(
          [
            rule.id, rule.severity.rawValue, rule.title, "–", "–",
            "\(tally.count - tally.cannotEvaluate)", "\(tally.cannotEvaluate)", "\(tally.waived)",
          ])
      }
    }
    return rows
  }
}

/// Writes the Markdown summary of a check whose findings are streamed: it keeps only the
/// findings it lists and the counts it shows, so memory does not grow with the export.
public final class MarkdownStream {
  private let reporter: MarkdownReporter
  private var findings: MarkdownReporter.Findings

  /// Prepares a stream for `reporter`.
  public init(reporter: MarkdownReporter) {
    self.reporter = reporter
    findings = .init(limit: reporter.findingLimit)
  }

  /// The stream to hand to the check (nothing is rendered per finding).
  public var stream: FindingStream {
    FindingStream(render: { _ in "" }, emit: { [unowned self] finding, _ in findings.add(finding) })
  }

  /// The document: `report` has every count and note (its findings were streamed).
  public func finish(_ report: CheckReport) -> String {
    reporter.render(report, findings: findings)
  }
}
