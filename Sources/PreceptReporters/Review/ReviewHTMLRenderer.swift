import Foundation
import PreceptEngine

/// The review as one self-contained HTML page for a trust board: no scripts, no network,
/// charts as inline SVG, a print stylesheet for A4. Pure: the same report always gives the
/// same page.
public struct ReviewHTMLRenderer: Sendable {
  public init() {}

  public func render(_ r: ReviewReport) -> String {
    var body = header(r)
    body += keyPoints(r)
    body += months(r)
    body += repeats(r)
    body += triggers(r)
    body += groups(r)
    body += rules(r)
    body += footer(r)
    return """
      <!DOCTYPE html>
      <html lang="en-GB">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Restrictive interventions: data review, \(esc(ReviewFormat.period(r)))</title>
      <style>
      \(ReviewHTMLStyle.css)
      </style>
      </head>
      <body>
      <main>
      \(body)
      </main>
      </body>
      </html>

      """
  }

  // MARK: - Sections

  private func header(_ r: ReviewReport) -> String {
    let t = r.totals
    let flagged = r.groups.filter { ReviewFormat.flagged($0, in: r) }.count
    var s = """
      <header class="title">
      <div class="kicker">Trust board · data review of restrictive interventions</div>
      <h1>\(esc(periodTitle(r)))</h1>
      <div class="meta">\(esc(r.pack.title)) · rule pack \(esc(r.pack.id)) \(esc(r.pack.version)) · \
      pupils are shown by pseudonymous id only</div>
      </header>
      <div class="cards">
      """
    s += card(t.incidents, "incidents recorded")
    s += card(t.restrictiveInterventions, "restrictive interventions")
    s += card(
      t.pupils, t.pupilsOnRoll.map { "pupils involved, of \($0) on roll" } ?? "pupils involved")
    s += card(
      r.repeatPatterns.count, "pupils with a repeat pattern", alert: !r.repeatPatterns.isEmpty)
    s +=
      r.rosterGiven
      ? card(flagged, "groups at or over the risk ratio threshold", alert: flagged > 0)
      : "<div class=\"card\"><div class=\"n\">–</div><div class=\"l\">disproportionality not evaluated (no roster)</div></div>\n"
    s += "</div>\n"
    if t.rejected > 0 {
      s +=
        "<p class=\"note\">\(t.rejected) record(s) could not be read and are not in this review.</p>\n"
    }
    return s
  }

  private func keyPoints(_ r: ReviewReport) -> String {
    var points: [String] = []
    if let p = r.repeatPatterns.first {
      let others = r.repeatPatterns.count - 1
      points.append(
        "\(r.repeatPatterns.count) pupil\(r.repeatPatterns.count == 1 ? "" : "s") had more restrictive interventions than the limit within the review window; the most was \(p.count) (pupil \(esc(p.pupil)))\(others > 0 ? "" : "")."
      )
    } else {
      points.append(
        "No pupil had more restrictive interventions than the limit within the review window.")
    }
    if r.rosterGiven {
      let flagged = r.groups.filter { ReviewFormat.flagged($0, in: r) }
      if flagged.isEmpty {
        points.append("No group of pupils was reported for a risk ratio at or above the threshold.")
      } else {
        let list = flagged.sorted { ($0.riskRatio ?? 0) > ($1.riskRatio ?? 0) }.map {
          "\(esc(ReviewFormat.label($0.characteristic))): \(esc(ReviewFormat.value($0.value))) (\(ReviewFormat.ratio($0.riskRatio)))"
        }
        points.append(
          "Groups at or above the risk ratio threshold of \(ReviewFormat.ratio(r.threshold)): \(list.joined(separator: "; "))."
        )
      }
      let suppressed = r.groups.filter(\.suppressed).count
      if suppressed > 0 {
        points.append(
          "\(suppressed) group\(suppressed == 1 ? " is" : "s are") too small to compare (fewer than \(r.minCell ?? 10) pupils) and \(suppressed == 1 ? "is" : "are") shown as suppressed."
        )
      }
    } else {
      points.append(
        "Disproportionality was <strong>not evaluated</strong>: no roster of pupils on roll was given."
      )
    }
    if let top = r.triggers.first {
      points.append(
        "The most recorded trigger was ‘\(esc(ReviewFormat.label(top.trigger)))’ (\(top.incidents) incidents, \(top.pupils) pupils)."
      )
    }
    let failing = r.rules.filter { $0.kind == "record" && $0.failed > 0 }
    let failures = failing.reduce(0) { $0 + $1.failed }
    points.append(
      failing.isEmpty
        ? "No compliance rule failed on any record."
        : "\(failures) compliance finding\(failures == 1 ? "" : "s") across \(failing.count) rule\(failing.count == 1 ? "" : "s") (see the last section)."
    )
    return "<div class=\"keypoints\"><strong>Key points</strong><ul>\n"
      + points.map { "<li>\($0)</li>\n" }.joined() + "</ul></div>\n"
  }

  private func months(_ r: ReviewReport) -> String {
    var s = "<section>\n<h2>Incidents per month, by type of intervention</h2>\n"
    guard !r.months.isEmpty else {
      return s + "<p class=\"empty\">No incidents in the period.</p>\n</section>\n"
    }
    s +=
      "<p class=\"note\">An incident with several types of intervention counts once under each type; "
    s += "the figure above each bar is the number of incidents.</p>\n"
    s += legend(r.interventionTypes)
    s += "<div class=\"chart\">\(ReviewCharts.monthly(r))</div>\n"
    s += "<table>\n<thead><tr><th>Month</th><th class=\"num\">Incidents</th>"
    for t in r.interventionTypes { s += "<th class=\"num\">\(esc(ReviewFormat.label(t)))</th>" }
    s += "</tr></thead>\n<tbody>\n"
    for m in r.months {
      s += "<tr><td>\(esc(ReviewFormat.month(m.month)))</td><td class=\"num\">\(m.incidents)</td>"
      for t in r.interventionTypes { s += "<td class=\"num\">\(m.byType[t] ?? 0)</td>" }
      s += "</tr>\n"
    }
    return s + "</tbody>\n</table>\n</section>\n"
  }

  private func repeats(_ r: ReviewReport) -> String {
    var s = "<section class=\"keep\">\n<h2>Pupils with repeat patterns</h2>\n"
    s +=
      "<p class=\"note\">Pupils with more restrictive interventions than the pack's limit within "
    s +=
      "its sliding window (RI-REV-001), with the triggers recorded in three or more of their incidents "
    s += "(RI-REV-003). Each asks for a review of the pupil's triggers and support plan.</p>\n"
    guard !r.repeatPatterns.isEmpty else {
      return s + "<p class=\"empty\">No pupil had a repeat pattern.</p>\n</section>\n"
    }
    s +=
      "<table>\n<thead><tr><th>Pupil (pseudonymous id)</th><th class=\"num\">Most within the window</th>"
    s +=
      "<th class=\"num\">In the period</th><th>Busiest window</th><th>Recurring triggers</th></tr></thead>\n<tbody>\n"
    for p in r.repeatPatterns {
      let triggers = p.triggers.map { esc(ReviewFormat.label($0)) }.joined(separator: ", ")
      s +=
        "<tr><td><code>\(esc(p.pupil))</code></td><td class=\"num\"><strong>\(p.count)</strong></td>"
      s += "<td class=\"num\">\(p.total)</td><td>\(esc(p.first)) to \(esc(p.last))</td>"
      s +=
        "<td>\(triggers.isEmpty ? "<span class=\"muted\">none recurring</span>" : triggers)</td></tr>\n"
    }
    return s + "</tbody>\n</table>\n</section>\n"
  }

  private func triggers(_ r: ReviewReport) -> String {
    var s = "<section class=\"keep\">\n<h2>Triggers</h2>\n"
    guard !r.triggers.isEmpty else {
      return s + "<p class=\"empty\">No triggers were recorded.</p>\n</section>\n"
    }
    s +=
      "<p class=\"note\">How many incidents recorded each trigger, and for how many pupils.</p>\n"
    s += "<div class=\"chart\">\(ReviewCharts.triggers(r.triggers))</div>\n"
    return s + "</section>\n"
  }

  private func groups(_ r: ReviewReport) -> String {
    var s = "<section>\n<h2>Disproportionality by group of pupils</h2>\n"
    guard r.rosterGiven else {
      return s
        + "<p><strong>Not evaluated.</strong> Disproportionality compares groups of pupils on roll; "
        + "run the review with <code>--roster</code> (the pupils on roll) to see it. It has not passed.</p>\n</section>\n"
    }
    s +=
      "<p class=\"note\"><strong>Risk</strong>: the share of the group's pupils on roll with at least one "
    s +=
      "restrictive intervention. <strong>Risk ratio</strong>: the group's risk divided by the risk of all other "
    s +=
      "pupils on roll (1.00 is parity; \(ReviewFormat.ratio(r.threshold)) or more is highlighted), with its 95% "
    s +=
      "confidence interval (log method). <strong>Composition</strong>: the group's share of pupils with an "
    s += "incident minus its share of the roll. Groups of fewer than \(r.minCell ?? 10) pupils are "
    s +=
      "<span class=\"badge sup\">suppressed</span>: too small to compare, and never shown as 0.</p>\n"
    // The 'No' groups of yes/no characteristics mirror the 'Yes' groups: the plot leaves them out.
    let plotted = r.groups.filter {
      !$0.suppressed && $0.value != "false" && ($0.riskRatio ?? 0) > 0 && $0.riskRatio!.isFinite
    }
    if !plotted.isEmpty {
      s += "<h3>Risk ratios with 95% confidence intervals</h3>\n"
      s += "<div class=\"chart\">\(ReviewCharts.forest(plotted, in: r))</div>\n"
    }
    // The alternate ratio needs a wider roster: without one the column would be all dashes.
    let alternate = r.groups.contains { $0.alternateRiskRatio != nil }
    s += "<h3>Figures by group</h3>\n"
    s +=
      "<table>\n<thead><tr><th>Characteristic</th><th>Group</th><th class=\"num\">Pupils on roll</th>"
    s +=
      "<th class=\"num\">With an incident</th><th class=\"num\">Incidents</th><th class=\"num\">Risk</th>"
    s += "<th class=\"num\">Risk ratio</th><th class=\"num\">95% CI</th>"
    s += alternate ? "<th class=\"num\">Alternate RR</th>" : ""
    s += "<th class=\"num\">Composition</th></tr></thead>\n<tbody>\n"
    for part in ReviewFormat.partition(r.groups) {
      var first = true
      func nameCell() -> String {
        defer { first = false }
        return first ? esc(ReviewFormat.label(part.characteristic)) : ""
      }
      for g in part.shown {
        var classes = first ? ["first"] : []
        if ReviewFormat.flagged(g, in: r) { classes.append("flag") }
        s += "<tr class=\"\(classes.joined(separator: " "))\"><td>\(nameCell())</td>"
        s += "<td>\(esc(ReviewFormat.value(g.value)))</td>"
        s +=
          "<td class=\"num\">\(g.pupils ?? 0)</td><td class=\"num\">\(g.pupilsWithIncidents ?? 0)</td>"
        s +=
          "<td class=\"num\">\(g.incidents ?? 0)</td><td class=\"num\">\(ReviewFormat.percent(g.risk))</td>"
        s += "<td class=\"num rr\">\(ReviewFormat.ratio(g.riskRatio))</td>"
        s += "<td class=\"num\">\(ReviewFormat.interval(g))</td>"
        if alternate { s += "<td class=\"num\">\(ReviewFormat.ratio(g.alternateRiskRatio))</td>" }
        s += "<td class=\"num\">\(ReviewFormat.points(g.compositionDifference))</td></tr>\n"
      }
      if !part.suppressed.isEmpty {
        let values = part.suppressed.map { esc(ReviewFormat.value($0.value)) }.joined(
          separator: ", ")
        s += "<tr class=\"sup\(first ? " first" : "")\"><td>\(nameCell())</td>"
        s +=
          "<td colspan=\"\(alternate ? 9 : 8)\"><span class=\"badge sup\">suppressed</span> \(values): "
        s += "fewer than \(r.minCell ?? 10) pupils each</td></tr>\n"
      }
    }
    s += "</tbody>\n</table>\n"
    s +=
      "<p class=\"note\">∞: none of the other pupils had a restrictive intervention. – : not available."
    s +=
      alternate
      ? " Alternate RR: the group's risk divided by the risk of the other pupils of the wider (trust) roster.</p>\n"
      : " The alternate risk ratio (against a wider trust roster, for small comparison groups) needs <code>--wider-roster</code>.</p>\n"
    return s + "</section>\n"
  }

  private func rules(_ r: ReviewReport) -> String {
    var s = "<section>\n<h2>Compliance findings by rule</h2>\n"
    s +=
      "<p class=\"note\">Every rule of the pack over the records of the period: how many records "
    s +=
      "(or groups, for review rules) failed it, could not be evaluated for a missing field, or passed.</p>\n"
    s += "<table>\n<thead><tr><th>Rule</th><th>What it checks</th><th>Severity</th>"
    s +=
      "<th class=\"num\">Failed</th><th class=\"num\">Cannot evaluate</th><th class=\"num\">Passed</th></tr></thead>\n<tbody>\n"
    let ordered = r.rules.sorted {
      ($0.failed > 0 ? 0 : 1, $0.rule) < ($1.failed > 0 ? 0 : 1, $1.rule)
    }
    for rule in ordered {
      s += "<tr><td><code>\(esc(rule.rule))</code></td><td>\(esc(rule.title))</td>"
      s +=
        "<td><span class=\"badge \(rule.severity.rawValue)\">\(rule.severity.rawValue)</span></td>"
      s += "<td class=\"num\">\(rule.failed > 0 ? "<strong>\(rule.failed)</strong>" : "0")</td>"
      s +=
        "<td class=\"num\">\(rule.cannotEvaluate)</td><td class=\"num\">\(rule.passed)</td></tr>\n"
    }
    s += "</tbody>\n</table>\n"
    let findings = r.findings.filter { $0.kind == .aggregate }
    if !findings.isEmpty {
      s +=
        "<h3>Review findings</h3>\n<table>\n<thead><tr><th>Rule</th><th>Group</th><th>Finding</th></tr></thead>\n<tbody>\n"
      for f in findings {
        s +=
          "<tr><td><code>\(esc(f.rule))</code> <span class=\"badge \(f.severity.rawValue)\">\(f.severity.rawValue)</span></td>"
        s += "<td>\(esc(f.group ?? ""))</td><td>\(esc(f.message))</td></tr>\n"
      }
      s += "</tbody>\n</table>\n"
    }
    return s + "</section>\n"
  }

  private func footer(_ r: ReviewReport) -> String {
    var s = "<footer class=\"note\">\n"
    for note in r.notes { s += "<p>\(esc(note))</p>\n" }
    s +=
      "<p>Generated by \(esc(r.tool.name)) \(esc(r.tool.version)) from the school systems' exports. "
    s +=
      "Pupils are identified by pseudonymous ids only; names and free text never appear in this review.</p>\n"
    return s + "</footer>\n"
  }

  // MARK: - Helpers

  private func periodTitle(_ r: ReviewReport) -> String {
    func long(_ day: String?) -> String? {
      guard let day, let m = day.split(separator: "-").dropFirst().first, let month = Int(m),
        (1...12).contains(month)
      else { return day }
      let names = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
      ]
      let d = day.split(separator: "-")
      return "\(Int(d[2]) ?? 0) \(names[month - 1]) \(d[0])"
    }
    switch (long(r.period.from), long(r.period.to)) {
    case (let f?, let t?): return "\(f) to \(t)"
    default: return "No incidents in the period"
    }
  }

  private func card(_ n: Int, _ label: String, alert: Bool = false) -> String {
    "<div class=\"card\(alert ? " alert" : "")\"><div class=\"n\">\(n)</div><div class=\"l\">\(esc(label))</div></div>\n"
  }

  private func legend(_ types: [String]) -> String {
    "<div class=\"legend\">"
      + types.enumerated().map { i, t in
        "<span style=\"--c: \(ReviewCharts.color(i))\">\(esc(ReviewFormat.label(t)))</span>"
      }.joined() + "</div>\n"
  }
}

/// Escapes text for HTML.
func esc(_ s: String) -> String {
  var out = ""
  out.reserveCapacity(s.count)
  for c in s {
    switch c {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&#39;"
    default: out.append(c)
    }
  }
  return out
}
