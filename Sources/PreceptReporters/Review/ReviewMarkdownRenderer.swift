import Foundation
import PreceptEngine

/// The review as GitHub-flavoured Markdown (for a CI job summary). Pure: the same report
/// always gives the same text.
public struct ReviewMarkdownRenderer: Sendable {
  public init() {}

  public func render(_ r: ReviewReport) -> String {
    var out = "# Restrictive interventions: data review, \(ReviewFormat.period(r))\n\n"
    out += "_\(r.pack.title) (\(r.pack.id) \(r.pack.version)); \(r.tool.name) \(r.tool.version). "
    out += "Pupils are shown by pseudonymous id only._\n\n"
    let t = r.totals
    out +=
      "| Incidents | Restrictive interventions | Pupils involved | Schools | Pupils on roll |\n"
    out += "|---:|---:|---:|---:|---:|\n"
    out += "| \(t.incidents) | \(t.restrictiveInterventions) | \(t.pupils) | \(t.schools) | "
    out += "\(t.pupilsOnRoll.map(String.init) ?? "no roster") |\n\n"
    if t.rejected > 0 {
      out += "> \(t.rejected) record(s) could not be read and are not in this review.\n\n"
    }

    out += "## Incidents per month\n\n"
    if r.months.isEmpty {
      out += "No incidents in the period.\n\n"
    } else {
      out += "| Month | Incidents | "
      out += r.interventionTypes.map(ReviewFormat.label).joined(separator: " | ") + " |\n"
      out += "|---|---:|" + String(repeating: "---:|", count: r.interventionTypes.count) + "\n"
      for m in r.months {
        out += "| \(ReviewFormat.month(m.month)) | \(m.incidents) | "
        out += r.interventionTypes.map { String(m.byType[$0] ?? 0) }.joined(separator: " | ")
        out += " |\n"
      }
      out += "\nAn incident with several types of intervention counts under each.\n\n"
    }

    out += "## Pupils with repeat patterns\n\n"
    if r.repeatPatterns.isEmpty {
      out +=
        "No pupil had more restrictive interventions than the pack's limit within its window.\n\n"
    } else {
      out +=
        "| Pupil | Most within the window | In the period | Busiest window | Recurring triggers |\n"
      out += "|---|---:|---:|---|---|\n"
      for p in r.repeatPatterns.prefix(ReviewFormat.repeatRowLimit) {
        let triggers = p.triggers.map(ReviewFormat.label).joined(separator: ", ")
        out += "| \(p.pupil) | \(p.count) | \(p.total) | \(p.first) to \(p.last) | "
        out += "\(triggers.isEmpty ? "–" : triggers) |\n"
      }
      let hidden = r.repeatPatterns.count - ReviewFormat.repeatRowLimit
      if hidden > 0 { out += "\n" + ReviewFormat.more(hidden, "pupils") { "`\($0)`" } + "\n" }
      out += "\n"
    }

    out += "## Triggers\n\n"
    if r.triggers.isEmpty {
      out += "No triggers were recorded.\n\n"
    } else {
      out += "| Trigger | Incidents | Pupils |\n|---|---:|---:|\n"
      for tr in r.triggers {
        out += "| \(ReviewFormat.label(tr.trigger)) | \(tr.incidents) | \(tr.pupils) |\n"
      }
      out += "\n"
    }

    out += "## Disproportionality\n\n"
    if !r.rosterGiven {
      out += "**Not evaluated**: no roster of pupils on roll was given (`--roster`).\n\n"
    } else {
      out += groupsIntro(r)
      // The alternate ratio needs a wider roster: without one the column would be all dashes.
      let alternate = r.groups.contains { $0.alternateRiskRatio != nil }
      out += "| Characteristic | Group | Pupils | With an incident | Incidents | Risk "
      out += "| Risk ratio | 95% CI |\(alternate ? " Alternate RR |" : "") Composition |\n"
      out += "|---|---|---:|---:|---:|---:|---:|---|\(alternate ? "---:|" : "")---:|\n"
      for part in ReviewFormat.partition(r.groups) {
        let name = ReviewFormat.label(part.characteristic)
        for g in part.shown {
          let ratio = ReviewFormat.ratio(g.riskRatio)
          let shown = ReviewFormat.flagged(g, in: r) ? "**\(ratio)** ⚠️" : ratio
          out += "| \(name) | \(ReviewFormat.value(g.value)) | \(g.pupils ?? 0) | "
          out +=
            "\(g.pupilsWithIncidents ?? 0) | \(g.incidents ?? 0) | "
          out += "\(ReviewFormat.percent(g.risk)) | "
          out += "\(shown) | \(ReviewFormat.interval(g)) | "
          if alternate { out += "\(ReviewFormat.ratio(g.alternateRiskRatio)) | " }
          out += "\(ReviewFormat.points(g.compositionDifference)) |\n"
        }
        if !part.suppressed.isEmpty {
          let values = part.suppressed.map { ReviewFormat.value($0.value) }.joined(separator: ", ")
          out += "| \(name) | \(values) | suppressed | suppressed | suppressed | suppressed | "
          out += "suppressed | – |\(alternate ? " suppressed |" : "") suppressed |\n"
        }
      }
      out += "\n"
    }

    out += "## Compliance findings by rule\n\n"
    out += "| Rule | Severity | Failed | Cannot evaluate | Passed | Title |\n"
    out += "|---|---|---:|---:|---:|---|\n"
    for rule in r.rules {
      out += "| \(rule.rule) | \(rule.severity.rawValue) | \(rule.failed) | "
      out += "\(rule.cannotEvaluate) | \(rule.passed) | \(rule.title) |\n"
    }
    out += "\n"
    let count = r.findings.count(of: .aggregate)
    if count > 0 {
      out += "### Review findings\n\n"
      for f in r.findings.first(ReviewFormat.findingRowLimit, of: .aggregate) {
        out += "- **\(f.rule)** (\(f.severity.rawValue)) \(f.group.map { "`\($0)`: " } ?? "")"
        out += "\(f.message)\n"
      }
      let hidden = count - ReviewFormat.findingRowLimit
      if hidden > 0 {
        out += "\n" + ReviewFormat.more(hidden, "review findings") { "`\($0)`" } + "\n"
      }
      out += "\n"
    }
    for note in r.notes { out += "> \(note)\n" }
    return out
  }

  private func groupsIntro(_ r: ReviewReport) -> String {
    var s = "Risk: pupils in the group with at least one restrictive intervention, divided by "
    s += "pupils on roll in the group. Risk ratio: the group's risk divided by the risk of all "
    s += "other pupils on roll (1.00 is parity)"
    if let t = r.threshold {
      s +=
        "; groups reported at \(ReviewFormat.ratio(t)) or more are marked ⚠️ (a yes/no "
        + "characteristic is judged by its Yes group)"
    }
    s += ". "
    if let m = r.minCell {
      s +=
        "Groups of fewer than \(m) pupils are suppressed, never shown as 0; when only one group "
        + "of a characteristic is that small, the next smallest is suppressed too. "
    }
    s +=
      "Composition: the group's share of pupils with an incident minus its share of the roll.\n\n"
    return s
  }
}
